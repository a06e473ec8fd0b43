// `pprof-lens trace -pprof=TYPE` against Go 1.27's `go tool trace -pprof=TYPE`, run here: `go tool
// pprof -top` of both profiles must be byte-identical. Traces: live ones written in the test set-up by
// the sample service (built with Go 1.27.3 and with the machine's Go), the trace of
// test/fixtures/goprograms/tracegen (run with Go 1.27.3), every Go 1.11–1.21 trace of Go's test suite
// that today's go tool trace reads (it converts them to the Go 1.22+ model; so do we) and cmd/trace's
// Go 1.22 test trace. Go's profiles are cached by trace content under test/fixtures/generated.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { traceCommand } from '../../../src/cli/traceCommand';
import { generatedDir, traceFixtureDir, tracegenTrace } from './traceFixtures';
import { liveTrace, LIVE_TOOLCHAINS } from './liveTraces';

const KINDS = ['net', 'sync', 'syscall', 'sched'];

function ours(file: string, kind: string): Buffer {
  const chunks: Buffer[] = [];
  let err = '';
  const code = traceCommand([`-pprof=${kind}`, file], { stdout: (c) => chunks.push(Buffer.from(c)), stderr: (s) => { err += s; } });
  assert.equal(code, 0, err);
  return Buffer.concat(chunks);
}

function top(profile: string): string {
  return execFileSync('go', ['tool', 'pprof', '-top', profile], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 }).toString();
}

function goProfile(trace: string, kind: string, out: string): void {
  const r = spawnSync('go', ['tool', 'trace', `-pprof=${kind}`, trace], { maxBuffer: 1 << 28, timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr?.toString());
  fs.writeFileSync(`${out}.tmp`, r.stdout);
  fs.renameSync(`${out}.tmp`, out);
}

const v1Dir = path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_testdata');
const v1Extra = path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_internal_tracev1_testdata');
const v1Traces = fs.readdirSync(v1Dir).filter((f) => /_1_(11|19|21)_good$/.test(f)).sort();

const traces: [string, () => string | Promise<string>][] = [
  ...LIVE_TOOLCHAINS.map((tc): [string, () => Promise<string>] => [`live sample-service trace (${tc})`, () => liveTrace(tc)]),
  ['tracegen (Go 1.27.3, written in the test set-up)', tracegenTrace],
  ...v1Traces.map((f): [string, () => string] => [f, () => path.join(v1Dir, f)]),
  ...['fmt_1_21_pprof_good', 'user_task_region_1_19_good', 'user_task_region_1_21_good'].map((f): [string, () => string] => [f, () => path.join(v1Extra, f)]),
  ['go122.DERIVED.trace', () => path.join(traceFixtureDir, 'v2_golang-go_src_cmd_trace_testdata', 'go122.DERIVED.trace')],
];

test('the v1 traces compared cover Go 1.11, 1.19 and 1.21', () => {
  assert.ok(v1Traces.some((f) => f.includes('_1_11_')) && v1Traces.some((f) => f.includes('_1_19_')) && v1Traces.some((f) => f.includes('_1_21_')), v1Traces.join(' '));
});

// Go's v1 parser orders events with equal timestamps by map iteration order: for a few Go 1.11–1.21
// traces its numbers can move by nanoseconds from run to run. When ours differ, Go is run again (up
// to RUNS times) and ours must equal one of Go's own outputs.
const RUNS = 8;

for (const [name, file] of traces) {
  for (const kind of KINDS) {
    test(`-pprof=${kind} ${name}: go tool pprof -top identical to Go 1.27's go tool trace's`, { timeout: 900_000 }, async () => {
      const trace = await file();
      const buf = fs.readFileSync(trace);
      const dir = path.join(generatedDir, 'pprof-go1.27.3');
      fs.mkdirSync(dir, { recursive: true });
      // Cached by content: a regenerated trace gets fresh reference profiles.
      const hash = createHash('sha256').update(buf).digest('hex').slice(0, 16);
      const base = path.join(dir, `${path.basename(trace)}.${hash}.${kind}`);
      const goProf = `${base}.go.pb.gz`;
      if (!fs.existsSync(goProf)) goProfile(trace, kind, goProf);
      const ourProf = `${base}.ours.pb.gz`;
      fs.writeFileSync(ourProf, ours(trace, kind));
      const got = top(ourProf);
      const want = top(goProf);
      assert.match(want, /Type: delay/);
      if (got === want || buf.subarray(0, 16).toString('latin1') === 'go 1.26 trace\0\0\0') {
        assert.equal(got, want);
        return;
      }
      for (let run = 1; run < RUNS; run++) {
        const again = `${base}.go${run}.pb.gz`;
        goProfile(trace, kind, again);
        if (top(again) === got) return;
      }
      assert.equal(got, want);
    });
  }
}
