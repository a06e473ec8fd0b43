// Running go test for a profile, against real Go code in a temp module: a passing test and a
// benchmark give a symbolized profile and leave no test binary behind; a failing test still gives
// its profile and its messages; a build failure gives the compiler's lines; Cancel kills the whole
// process group at once; a missing go binary is said plainly. Needs `go` (skipped without it).
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import { goPackageOf } from '../../../src/collect/goPackage';
import { profileGoTest } from '../../../src/collect/goTestProfile';

const hasGo = (() => {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
})();

const GO_ENV = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOPROXY: 'off', CGO_ENABLED: '0' };

const SOURCE = `package work

func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i % 7
	}
	return s
}
`;
const TESTS = `package work

import (
	"os"
	"testing"
	"time"
)

func TestSpin(t *testing.T) {
	if spin(1000) == 0 {
		t.Fatal("zero")
	}
}

func TestFails(t *testing.T) {
	spin(1000)
	t.Errorf("spin said %d, want 42", spin(10))
}

func TestSleeps(t *testing.T) {
	if os.Getenv("PPROF_LENS_SLEEP") == "" {
		t.Skip("only when asked")
	}
	time.Sleep(time.Minute)
}

func BenchmarkSpin(b *testing.B) {
	for i := 0; i < b.N; i++ {
		spin(100000)
	}
}
`;

describe('profileGoTest (real go test)', { skip: !hasGo && 'no go on PATH', timeout: 4 * 60_000 }, () => {
  let tmp: string;
  let mod: string;
  let pkg: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-gotest-'));
    mod = path.join(tmp, 'mod');
    pkg = path.join(mod, 'internal', 'work');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(mod, 'go.mod'), 'module example.com/lens/v2\n\ngo 1.19\n');
    fs.writeFileSync(path.join(pkg, 'work.go'), SOURCE);
    fs.writeFileSync(path.join(pkg, 'work_test.go'), TESTS);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const tmpRoot = () => {
    const d = path.join(tmp, 'runs');
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  const base = () => ({ goBinary: 'go', dir: pkg, env: GO_ENV, tmpRoot: tmpRoot() });

  it('names the package by its import path', async () => {
    assert.deepEqual(await goPackageOf(pkg), { dir: pkg, importPath: 'example.com/lens/v2/internal/work', shortName: 'work', moduleDir: mod });
    assert.equal((await goPackageOf(mod)).shortName, 'lens', 'the major version suffix is skipped');
    const stray = path.join(tmp, 'stray');
    fs.mkdirSync(stray);
    assert.deepEqual(await goPackageOf(stray), { dir: stray, importPath: 'stray', shortName: 'stray' });
  });

  it('a benchmark: a gzipped CPU profile, output streamed, nothing left behind', async () => {
    let streamed = '';
    const r = await profileGoTest({ ...base(), test: { name: 'BenchmarkSpin', kind: 'benchmark' }, kind: 'cpu', benchtime: '200ms', onOutput: (t) => (streamed += t) });
    assert.equal(r.status, 'profiled', JSON.stringify(r.status === 'profiled' ? '' : r));
    if (r.status !== 'profiled') return;
    assert.equal(r.testFailed, false);
    assert.equal(r.ranNothing, false);
    assert.match(streamed, /BenchmarkSpin\S*\s+\d+\s+\d+(\.\d+)? ns\/op/);
    assert.equal(r.bytes[0], 0x1f, 'gzip');
    const raw = gunzipSync(r.bytes).toString('latin1');
    assert.ok(raw.includes('example.com/lens/v2/internal/work.spin'), 'symbolized');
    assert.deepEqual(fs.readdirSync(tmpRoot()), [], 'temp folder removed');
    assert.deepEqual(fs.readdirSync(pkg).sort(), ['work.go', 'work_test.go'], 'no work.test in the package folder');
    assert.deepEqual(r.args.slice(0, 7), ['test', '-run', '^$', '-bench', '^BenchmarkSpin$', '-benchtime', '200ms']);
  });

  it('a memory profile of a test', async () => {
    const r = await profileGoTest({ ...base(), test: { name: 'TestSpin', kind: 'test' }, kind: 'memory' });
    assert.equal(r.status, 'profiled');
    if (r.status !== 'profiled') return;
    assert.ok(gunzipSync(r.bytes).toString('latin1').includes('alloc_space'));
  });

  it('a failing test still gives its profile, with its messages', async () => {
    const r = await profileGoTest({ ...base(), test: { name: 'TestFails', kind: 'test' }, kind: 'cpu' });
    assert.equal(r.status, 'profiled');
    if (r.status !== 'profiled') return;
    assert.equal(r.testFailed, true);
    assert.equal(r.exitCode, 1);
    assert.equal(r.excerpt.length, 2, r.excerpt.join('\n'));
    assert.match(r.excerpt[0], /^--- FAIL: TestFails \(\d+\.\d+s\)$/);
    assert.equal(r.excerpt[1], 'work_test.go:17: spin said 24, want 42');
  });

  it('a name that matches nothing is told', async () => {
    const r = await profileGoTest({ ...base(), test: { name: 'TestGone', kind: 'test' }, kind: 'cpu' });
    assert.equal(r.status, 'profiled');
    if (r.status === 'profiled') assert.equal(r.ranNothing, true);
  });

  it('a build failure gives the compiler\'s first lines, and no profile', async () => {
    const broken = path.join(tmp, 'broken');
    fs.mkdirSync(broken);
    fs.writeFileSync(path.join(broken, 'go.mod'), 'module example.com/broken\n\ngo 1.19\n');
    fs.writeFileSync(path.join(broken, 'b_test.go'), 'package b\n\nimport "testing"\n\nfunc TestB(t *testing.T) { undefinedThing() }\n');
    const r = await profileGoTest({ ...base(), dir: broken, test: { name: 'TestB', kind: 'test' }, kind: 'cpu' });
    assert.equal(r.status, 'build-failed');
    if (r.status === 'build-failed') assert.deepEqual(r.lines, ['./b_test.go:5:28: undefined: undefinedThing']);
  });

  it('Cancel kills go and the test binary at once', async () => {
    const abort = new AbortController();
    let out = '';
    const t0 = Date.now();
    const running = profileGoTest({
      ...base(), env: { ...GO_ENV, PPROF_LENS_SLEEP: '1' }, test: { name: 'TestSleeps', kind: 'test' }, kind: 'cpu', signal: abort.signal,
      onOutput: (t) => (out += t),
    });
    // Wait until the test binary runs (it is a child of go: find it by its path under the temp root).
    const deadline = Date.now() + 50_000;
    let pid: number | undefined;
    while (pid === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      pid = testBinaryPid(tmpRoot());
    }
    assert.ok(pid !== undefined, `the test binary started (${out})`);
    const t1 = Date.now();
    abort.abort();
    const r = await running;
    assert.equal(r.status, 'cancelled');
    assert.ok(Date.now() - t1 < 3000, `ended in ${Date.now() - t1} ms`);
    assert.ok(Date.now() - t0 < 60_000, 'long before the test\'s minute of sleep');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(alive(pid!), false, 'the test binary is gone too');
    assert.deepEqual(fs.readdirSync(tmpRoot()), [], 'temp folder removed');
  });

  it('no go binary says so', async () => {
    const r = await profileGoTest({ ...base(), goBinary: 'go-that-does-not-exist', test: { name: 'TestSpin', kind: 'test' }, kind: 'cpu' });
    assert.equal(r.status, 'no-go');
    if (r.status === 'no-go') assert.match(r.message, /go-that-does-not-exist was not found/);
    const r2 = await profileGoTest({ ...base(), env: { ...GO_ENV, PATH: tmp }, test: { name: 'TestSpin', kind: 'test' }, kind: 'cpu' });
    assert.equal(r2.status, 'no-go');
    if (r2.status === 'no-go') assert.match(r2.message, /`go` was not found on PATH/);
  });
});

/**
 * The pid of the test binary writing its profile under dir (Linux /proc), if any: go test runs it
 * from its own work folder with -test.cpuprofile=<our temp path>.
 */
function testBinaryPid(dir: string): number | undefined {
  if (!fs.existsSync('/proc')) return undefined;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').some((a) => a.startsWith(`-test.cpuprofile=${dir}`))) return Number(d);
    } catch {
      // not ours, or gone
    }
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat); // a zombie is dead
  } catch {
    return false;
  }
}
