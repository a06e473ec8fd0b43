// Minimum mutator utilisation (Go's internal/trace gc.go semantics): hand-computed cases and invariants;
// mmuGo127.test.ts compares the curve with Go 1.27's go tool trace.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { readTrace } from '../../../src/core/trace/readTrace';
import { Ev } from '../../../src/core/trace/specs';
import { TraceData } from '../../../src/core/trace/traceData';
import { mmu, mmuCurve, mutatorUtilization, UtilFlags } from '../../../src/core/traceView/mmu';
import { traceFixtureDir } from '../trace/traceFixtures';

const NONE = -1;

/** A trace of `dur` ns on `procs` Ps with the given STWs ([start, end, kind]) and mark assists ([p, start, end]). */
function synthetic(dur: number, procs: number, stws: [number, number, string][], assists: [number, number, number][] = []): TraceData {
  const t = new TraceData(23);
  const ev: [number, number, number, number, number, number][] = [[Ev.ProcsChange, 0, NONE, 0, procs, 0]];
  for (const [s, e, kind] of stws) {
    const k = t.intern(kind);
    ev.push([Ev.STWBegin, s, NONE, 0, k, 0], [Ev.STWEnd, e, NONE, 0, k, 0]);
  }
  for (const [p, s, e] of assists) ev.push([Ev.GCMarkAssistBegin, s, 100 + p, p, 0, 0], [Ev.GCMarkAssistEnd, e, 100 + p, p, 0, 0]);
  ev.push([Ev.HeapAlloc, dur, NONE, 0, 1, 0]);
  ev.sort((a, b) => a[1] - b[1]);
  for (const [k, time, g, p, a0, a1] of ev) t.events.push(k, time, g, p, 0, a0, a1, 0, 0);
  return t;
}

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

test('a single GC STW: MMU(w) = max(0, 1 - stw/w)', () => {
  const stw = 1_000_000; // 1 ms in a 100 ms trace on 4 Ps
  const u = mutatorUtilization(synthetic(100_000_000, 4, [[40_000_000, 40_000_000 + stw, 'GC mark termination']]));
  assert.equal(u.length, 1);
  for (const w of [1, 1000, 500_000, stw, 1_500_000, 2_000_000, 10_000_000, 59_000_000]) {
    close(mmu(u, w), Math.max(0, 1 - stw / w), `w=${w}`);
  }
  // Longer than the STW's distance to the start: still whole in every window.
  close(mmu(u, 100_000_000), 0.99, 'whole trace');
  close(mmu(u, 1e12), 0.99, 'clamped to the trace');
  assert.equal(mmu(u, 0), 0);
});

test('a non-GC STW does not count; UtilFlags select what counts', () => {
  const t = synthetic(10_000_000, 2, [[1_000_000, 2_000_000, 'read mem stats']]);
  close(mmu(mutatorUtilization(t), 5_000_000), 1, 'non-GC STW');
  const gc = synthetic(10_000_000, 2, [[1_000_000, 2_000_000, 'GC sweep termination']]);
  close(mmu(mutatorUtilization(gc, 0), 1_000_000), 1, 'no flags');
});

test('a mark assist on one of 4 Ps takes a quarter of the utilisation (per P: all of its P)', () => {
  const t = synthetic(10_000_000, 4, [], [[1, 2_000_000, 3_000_000]]);
  close(mmu(mutatorUtilization(t), 500_000), 0.75, 'inside the assist');
  close(mmu(mutatorUtilization(t), 2_000_000), 1 - 0.25 / 2, 'window twice the assist');
  const per = mutatorUtilization(t, UtilFlags.Assist | UtilFlags.PerProc);
  assert.equal(per.length, 4);
  close(mmu(per, 500_000), 0, 'per P');
  close(mmu(per, 4_000_000), 0.75, 'per P, 4 ms');
});

test('the curve: Go\'s /mmu windows (from the first power of 1000 ns with MMU < 0.0001, six orders of magnitude at most), in [0, 1], monotone for one STW', () => {
  const u = mutatorUtilization(synthetic(100_000_000, 4, [[40_000_000, 41_000_000, 'GC mark termination']]));
  const c = mmuCurve(u);
  assert.equal(c.window.length, 100);
  assert.equal(c.xMin, 1_000_000); // MMU(1 s) and MMU(1 ms) ≥ 0.0001 would stop earlier: 1 ms is the STW itself
  // Go's windows: time.Duration(math.Exp(…)), truncated (exp(log(x)) may fall a hair below x).
  assert.ok(Math.abs(c.window[0] - 1_000_000) <= 1 && Math.abs(c.window[99] - 100_000_000) <= 1, `${c.window[0]} … ${c.window[99]}`);
  for (const w of c.window) assert.ok(Number.isInteger(w));
  for (let i = 1; i < c.window.length; i++) {
    assert.ok(c.window[i] > c.window[i - 1]);
    assert.ok(c.mmu[i] >= c.mmu[i - 1] - 1e-12, `monotone at ${i}`);
  }
  for (const v of c.mmu) assert.ok(v >= 0 && v <= 1);
});

const REAL = [
  'v1_golang-go_src_internal_trace_internal_tracev1_testdata/stress_1_21_good',
  'v1_golang-go_src_internal_trace_internal_tracev1_testdata/http_1_19_good',
  'v2_golang-go_src_cmd_trace_testdata/go122.DERIVED.trace',
  'v2_DERIVED_tests_as_binary/go122-gc-stress.trace',
].filter((f) => fs.existsSync(path.join(traceFixtureDir, f)));

test('real traces: MMU in [0, 1], MMU(k·w) ≥ MMU(w), utilisation steps in [0, 1]', () => {
  assert.ok(REAL.length > 0);
  for (const f of REAL) {
    const u = mutatorUtilization(readTrace(new Uint8Array(fs.readFileSync(path.join(traceFixtureDir, f)))));
    assert.equal(u.length, 1, f);
    for (const s of u) {
      for (let i = 0; i < s.util.length; i++) assert.ok(s.util[i] >= 0 && s.util[i] <= 1, f);
      for (let i = 1; i < s.time.length; i++) assert.ok(s.time[i] > s.time[i - 1], f);
    }
    const c = mmuCurve(u, 30);
    for (const v of c.mmu) assert.ok(v >= 0 && v <= 1, f);
    // A window k times longer is k windows of w: its mean is at least MMU(w). (MMU itself need not be
    // monotone for non-integer ratios.)
    for (const w of [c.window[0], c.window[5], c.window[10]]) {
      for (const k of [2, 3, 7]) {
        if (k * w <= c.window[c.window.length - 1]) assert.ok(mmu(u, k * w) >= mmu(u, w) - 1e-9, `${f} w=${w} k=${k}`);
      }
    }
  }
});
