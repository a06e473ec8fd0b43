// What the Profiles view shows of each capture (kind, duration, total), what a file without
// sidecar is (the demo's `cpu-….pprof`), and test profiles grouped as tests.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { captureEntry, groupCaptures, readCaptureLibrary, OTHER_TARGET } from '../../../src/collect/captureLibrary';
import { profileFacts, readProfileFacts } from '../../../src/collect/profileFacts';
import { loadProfileWithZlib } from '../../../src/collect/nativeGunzip';
import { encodeProfile } from '../../../src/core/profile/encode';
import { captureRowText } from '../../../src/extension/profilesView/captureRow';

const CPU = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'compare', 'sample-service-cpu-a.pb.gz');

/** `go tool pprof -top`'s "of X total" and "Duration: Y" for a file: the oracle of the facts. */
function pprofHeader(file: string): { total: string; duration: string } {
  const text = execFileSync('go', ['tool', 'pprof', '-top', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
  return { total: /of (\S+) total/.exec(text)![1], duration: /Duration: (\S+),/.exec(text)![1] };
}

describe('profile facts', () => {
  it('a CPU profile: kind, duration and total as go tool pprof prints them', () => {
    const f = profileFacts(fs.readFileSync(CPU))!;
    const ref = pprofHeader(CPU);
    assert.equal(f.kind, 'CPU');
    assert.equal(f.captureKind, 'cpu');
    assert.equal(f.totalText, ref.total);
    assert.ok(f.durationNanos > 0);
    assert.ok(f.samples > 0);
    assert.deepEqual(f.sampleTypes, ['samples/count', 'cpu/nanoseconds']);
  });

  it('the total in the unit go tool pprof -top picks for the whole report, on every generated profile', () => {
    // pprof's unit follows the report's smallest node: a CPU total of 1.14s prints as "1140ms" when
    // its smallest function has 20ms, as "1.14s" when it has 10ms (a Profile Benchmark row once differed).
    const dir = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'generated');
    let n = 0;
    for (const f of fs.readdirSync(dir).filter((x) => /\.(pb\.gz|pprof)$/.test(x))) {
      const file = path.join(dir, f);
      const facts = profileFacts(fs.readFileSync(file));
      if (!facts?.totalText || facts.kind === 'goroutine dump') continue;
      const top = execFileSync('go', ['tool', 'pprof', '-top', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
      assert.equal(facts.totalText, /of (\S+) total/.exec(top)?.[1], f);
      n++;
    }
    assert.ok(n >= 15, `${n} profiles checked`);
  });

  it('an empty CPU profile has no samples; a goroutine dump counts goroutines; a trace is a trace; junk is nothing', () => {
    const p = loadProfileWithZlib(fs.readFileSync(CPU), 'cpu');
    p.sample = [];
    const empty = profileFacts(encodeProfile(p))!;
    assert.equal(empty.samples, 0);
    assert.equal(empty.totalText, '0');
    const dump = 'goroutine 1 [running]:\nmain.main()\n\t/x/main.go:5 +0x1\n\ngoroutine 7 [chan receive]:\nmain.w()\n\t/x/main.go:9 +0x2\n';
    assert.deepEqual(profileFacts(Buffer.from(dump)), { kind: 'goroutine dump', captureKind: 'goroutine-dump', durationNanos: 0, totalText: '2', sampleTypes: [], samples: 2 });
    // issue 20: a crash's output (log lines, then the panic) is a dump of the goroutines it prints.
    const crash = `2026/12/07 10:00:00 serving\npanic: boom\n\n${dump}exit status 2\n`;
    assert.deepEqual(profileFacts(Buffer.from(crash)), { kind: 'crash', captureKind: 'goroutine-dump', durationNanos: 0, totalText: '2', sampleTypes: [], samples: 2 });
    assert.equal(profileFacts(Buffer.from('go 1.23 trace\0\0\0\x01\x02'))?.kind, 'trace');
    assert.equal(profileFacts(Buffer.from('hello, world')), undefined);
  });

  it('read once per version of the file; too large files are not read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-facts-'));
    try {
      const f = path.join(dir, 'cpu-20261207-101010.pprof');
      fs.copyFileSync(CPU, f);
      assert.equal((await readProfileFacts(f))?.kind, 'CPU');
      assert.equal(await readProfileFacts(f, 10), undefined);
      fs.writeFileSync(f, 'not a profile any more');
      assert.equal(await readProfileFacts(f), undefined, 'the changed file is read again');
      assert.equal(await readProfileFacts(path.join(dir, 'gone.pb.gz')), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the Profiles view\'s grouping and rows', () => {
  it('a file without sidecar nor our name (the demo\'s cpu-….pprof) is listed by its content\'s kind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-facts-'));
    try {
      fs.copyFileSync(CPU, path.join(dir, 'cpu-20261207-101010.pprof'));
      const [e] = await readCaptureLibrary(dir);
      assert.equal(e.kind, 'cpu');
      const [g] = groupCaptures([e]);
      assert.equal(g.target, OTHER_TARGET);
      assert.equal(g.kinds[0].label, 'CPU profile');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('profiles of go test are grouped as tests, apart from live captures of the same name, and rows name the test', () => {
    const live = captureEntry('/d/sample-service-cpu-20261207-101010.pb.gz', 100, 0, { target: 'sample-service', kind: 'cpu', capturedAt: '2026-12-07T10:10:10Z', seconds: 30 });
    const t = captureEntry('/d/sample-service-TestCountPrimes-cpu-20261207-101111.pb.gz', 100, 0,
      { target: 'sample-service', kind: 'cpu', test: 'TestCountPrimes', testKind: 'test', package: 'example.com/sample-service', capturedAt: '2026-12-07T10:11:11Z' });
    assert.deepEqual(t.test, { name: 'TestCountPrimes', kind: 'test', package: 'example.com/sample-service' });
    assert.deepEqual(groupCaptures([live, t]).map((g) => g.target), ['go test sample-service', 'sample-service']);
    const row = captureRowText(t, { kind: 'CPU', captureKind: 'cpu', durationNanos: 1.2e9, totalText: '1.05s', sampleTypes: [], samples: 9 });
    assert.match(row.label, /^TestCountPrimes · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal(row.description, 'CPU · 1.20s · total 1.05s · 100 B');
  });

  it('rows: kind, the duration asked for, the total (or "no samples"), the size', () => {
    const live = captureEntry('/d/x-cpu-20261207-101010.pb.gz', 2048, 0, { target: 'x', kind: 'cpu', seconds: 30 });
    assert.equal(captureRowText(live, { kind: 'CPU', durationNanos: 30e9, totalText: '2.41s', sampleTypes: [], samples: 5 }).description, 'CPU · 30s · total 2.41s · 2.0 KB');
    assert.equal(captureRowText(live, { kind: 'CPU', durationNanos: 30e9, totalText: '0', sampleTypes: [], samples: 0 }).description, 'CPU · 30s · no samples · 2.0 KB');
    assert.equal(captureRowText(live, undefined).description, 'CPU · 30s · 2.0 KB', 'unreadable or too large: what the sidecar says');
    const dump = captureEntry('/d/x-goroutine-dump-20261207-101010.txt', 10, 0, { kind: 'goroutine-dump' });
    assert.equal(captureRowText(dump, { kind: 'goroutine dump', durationNanos: 0, totalText: '527', sampleTypes: [], samples: 527 }).description, 'goroutine dump · 527 goroutines · 10 B');
  });
});
