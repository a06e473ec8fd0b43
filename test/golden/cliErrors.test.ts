// The CLI's failures: exactly one line on stderr ("pprof-lens: <source>: <what is wrong>"), exit 1,
// never a stack trace; checked in-process and through bin/pprof-lens.js. Where `go tool pprof`
// refuses the same input, that is checked too.
import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generatedDir, haveGo, manifest, repoRoot, runOurs, runProcess } from './goldenHarness';
import { freePort } from '../testEnv';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-errors-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const haveProfiles = manifest() !== undefined;
const cpu = path.join(generatedDir, 'service.cpu.pb.gz');
const bin = path.join(repoRoot, 'bin', 'pprof-lens.js');


function assertOneLineError(r: { code: number; stderr: string; stdout: Buffer }, source: string | undefined, what: RegExp): void {
  assert.equal(r.code, 1, `exit code (stderr: ${r.stderr})`);
  const lines = r.stderr.split('\n').filter((l) => l !== '' && !/^(Fetching profile over HTTP|Please wait)/.test(l));
  assert.equal(lines.length, 1, `exactly one error line, got:\n${r.stderr}`);
  assert.ok(lines[0].startsWith(source ? `pprof-lens: ${source}: ` : 'pprof-lens: '), `prefix: ${lines[0]}`);
  assert.match(lines[0], what);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.doesNotMatch(lines[0], /internal error|TypeError|undefined/, 'a user-facing message');
  assert.equal(r.stdout.length, 0, 'nothing on stdout');
}

async function both(args: string[]) {
  const inproc = await runOurs(args);
  const viaBin = await runProcess(process.execPath, [bin, ...args], { timeoutMs: 30_000 });
  return [inproc, viaBin];
}

describe('pprof-lens errors', () => {
  it('has the generated profiles (node scripts/gen-profiles.js)', () => assert.ok(haveProfiles, 'test/fixtures/generated is missing'));
  it('truncated gzip', async () => {
    const f = path.join(tmp, 'truncated.pb.gz');
    const data = fs.readFileSync(cpu);
    fs.writeFileSync(f, data.subarray(0, Math.floor(data.length * 0.6)));
    for (const r of await both(['-top', f])) assertOneLineError(r, f, /truncat|unexpected end|gzip/i);
  });

  it('an HTML page saved as a profile', async () => {
    const f = path.join(tmp, 'page.pb.gz');
    fs.writeFileSync(f, '<!DOCTYPE html>\n<html><head><title>/debug/pprof/</title></head><body>profiles</body></html>\n');
    for (const r of await both(['-top', f])) assertOneLineError(r, f, /not a profile|unrecognized|html/i);
  });

  it('a file that is not there', async () => {
    const f = path.join(tmp, 'missing.pb.gz');
    for (const r of await both(['-top', f])) assertOneLineError(r, f, /no such file/);
  });

  it('unknown sample index (pprof refuses it too)', async (t) => {
    for (const r of await both(['-top', '-sample_index=alloc_space', cpu])) assertOneLineError(r, undefined, /sample.index|sample_index|alloc_space/);
    if (await haveGo()) {
      const g = await runProcess('go', ['tool', 'pprof', '-top', '-sample_index=alloc_space', cpu]);
      assert.notEqual(g.code, 0);
    } else t.diagnostic('go missing: not compared');
    for (const r of await both(['-top', '-sample_index=7', cpu])) assertOneLineError(r, undefined, /sample.index|sample_index|7/);
  });

  it('bad regexp', async () => {
    for (const r of await both(['-top', '-focus=(', cpu])) assertOneLineError(r, undefined, /regexp|parse|missing/i);
    for (const r of await both(['-list=[', cpu])) assertOneLineError(r, undefined, /regexp|parse|missing/i);
  });

  it('connection refused on a free port', { timeout: 30_000 }, async () => {
    const port = await freePort();
    for (const r of await both(['-top', `http://127.0.0.1:${port}/debug/pprof/heap`])) {
      assertOneLineError(r, `http://127.0.0.1:${port}/debug/pprof/heap`, /connection refused.*is the program running\? right port\?/);
    }
    const [r] = await both(['-top', `127.0.0.1:${port}`]);
    assertOneLineError(r, `http://127.0.0.1:${port}/debug/pprof/profile`, /connection refused/);
  });

  it('flag errors', async () => {
    assertOneLineError(await runOurs(['-nosuchflag', cpu]), undefined, /flag provided but not defined: -nosuchflag/);
    assertOneLineError(await runOurs(['-top', '-tree', cpu]), undefined, /at most one output format/);
    assertOneLineError(await runOurs(['-top', '-cum', '-flat', cpu]), undefined, /conflicting options/);
    assertOneLineError(await runOurs(['-top', '-nodecount=x', cpu]), undefined, /invalid value "x" for flag -nodecount/);
    assertOneLineError(await runOurs(['-top', '-nodecount']), undefined, /flag needs an argument: -nodecount/);
    assertOneLineError(await runOurs(['-top', '-base', cpu, '-diff_base', cpu, cpu]), undefined, /cannot both be specified/);
    assertOneLineError(await runOurs(['-top', '-normalize', cpu]), undefined, /must have base profile to normalize by/);
    assertOneLineError(await runOurs(['-top']), undefined, /no profile source specified/);
    assertOneLineError(await runOurs([cpu]), undefined, /no output format/);
    assertOneLineError(await runOurs(['-svg', cpu]), undefined, /-svg is not supported/);
  });

  it('-h prints usage, trace is reserved', async () => {
    for (const h of ['-h', '--help', '-help']) {
      const r = await runOurs([h]);
      assert.equal(r.code, 0);
      assert.match(r.stdout.toString(), /^usage:/);
      assert.match(r.stdout.toString(), /-sample_index/);
    }
    const r = await runOurs(['trace', 'x.trace']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^pprof-lens: trace: give -pprof=net\|sync\|syscall\|sched/);
  });

  it('-output writes the report to a file', async () => {
    const out = path.join(tmp, 'top.txt');
    const r = await runOurs(['-top', `-output=${out}`, cpu]);
    if (r.code !== 0) return; // engine failure: reported by the golden matrix
    assert.equal(r.stdout.length, 0);
    assert.match(fs.readFileSync(out, 'utf8'), /^File: sample-service\n/);
  });
});
