// The MMU curve against Go 1.27's `go tool trace` /mmu page, run here with -http on each trace: its
// plot JSON (/mmu?mode=plot&flags=…: xMin, xMax and 100 [window, MMU] points) must equal ours — the
// windows exactly, the MMU to 1e-9 (both are exact minima; only float rounding differs) — for the
// page's default flags, with sweeping, and per P. Traces: live ones from the sample service (Go 1.27.3
// and the machine's Go), Go 1.19/1.21 traces of Go's test suite (converted) and Go 1.22 ones.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { readTrace } from '../../../src/core/trace/readTrace';
import { mmuCurve, mutatorUtilization, UtilFlags } from '../../../src/core/traceView/mmu';
import { traceFixtureDir } from '../trace/traceFixtures';
import { httpGet, liveTrace, LIVE_TOOLCHAINS, withGoTrace } from '../trace/liveTraces';

const FLAGS: [string, number][] = [
  ['stw|background|assist', UtilFlags.STW | UtilFlags.Background | UtilFlags.Assist],
  ['stw|background|assist|sweep', UtilFlags.STW | UtilFlags.Background | UtilFlags.Assist | UtilFlags.Sweep],
  ['perProc|stw|background|assist', UtilFlags.PerProc | UtilFlags.STW | UtilFlags.Background | UtilFlags.Assist],
];

const traces: [string, () => Promise<string> | string][] = [
  ...LIVE_TOOLCHAINS.map((tc): [string, () => Promise<string>] => [`live sample-service trace (${tc})`, () => liveTrace(tc)]),
  ['stress_1_19_good', () => path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_testdata', 'stress_1_19_good')],
  ['stress_1_21_good', () => path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_testdata', 'stress_1_21_good')],
  ['go122.DERIVED.trace', () => path.join(traceFixtureDir, 'v2_golang-go_src_cmd_trace_testdata', 'go122.DERIVED.trace')],
  ['go122-gc-stress', () => path.join(traceFixtureDir, 'v2_DERIVED_tests_as_binary', 'go122-gc-stress.trace')],
];

for (const [name, file] of traces) {
  test(`MMU curve of ${name} equals Go 1.27's /mmu plot`, { timeout: 600_000 }, async () => {
    const trace = await file();
    const data = readTrace(new Uint8Array(fs.readFileSync(trace)));
    await withGoTrace(trace, async (base) => {
      for (const [flagStr, flags] of FLAGS) {
        const go = JSON.parse((await httpGet(`${base}/mmu?mode=plot&flags=${encodeURIComponent(flagStr)}`)).toString()) as { xMin: number; xMax: number; curve: number[][] };
        const ours = mmuCurve(mutatorUtilization(data, flags));
        assert.equal(go.curve.length, 100, flagStr);
        assert.deepEqual([ours.xMin, ours.xMax], [go.xMin, go.xMax], `${flagStr}: xMin, xMax`);
        assert.deepEqual(Array.from(ours.window), go.curve.map((p) => p[0]), `${flagStr}: windows`);
        for (let i = 0; i < 100; i++) {
          assert.ok(Math.abs(ours.mmu[i] - go.curve[i][1]) <= 1e-9, `${flagStr}: MMU(${go.curve[i][0]}) = ${ours.mmu[i]}, Go ${go.curve[i][1]}`);
        }
        assert.ok(go.curve.some((p) => p[1] > 0) && go.curve.some((p) => p[1] < 1), `${flagStr}: a curve with some shape`);
      }
    });
  });
}
