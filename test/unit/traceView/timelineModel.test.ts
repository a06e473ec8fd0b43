// The timeline's span extraction on Go's trace fixtures (v1 and Go 1.22+): every span lies within the
// trace, spans never overlap on one P, and each goroutine's running time lies between Go 1.27's
// execution time for it (internal/trace summary: running only) and its execution plus syscall time
// (the timeline keeps a goroutine on its P during a syscall until the P is taken away).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { readTrace } from '../../../src/core/trace/readTrace';
import { summarize } from '../../../src/core/trace/summary';
import { buildTimeline, runningTimeByGoroutine, TimelineModel } from '../../../src/core/traceView/timelineModel';
import { Ev } from '../../../src/core/trace/specs';
import { traceFixtureDir } from '../trace/traceFixtures';

/** Real traces of Go programs (not the hand-written edge cases of Go's test suite). */
const FIXTURES = [
  'v1_golang-go_src_internal_trace_internal_tracev1_testdata/http_1_19_good',
  'v1_golang-go_src_internal_trace_internal_tracev1_testdata/stress_1_19_good',
  'v1_golang-go_src_internal_trace_internal_tracev1_testdata/stress_1_21_good',
  'v1_golang-go_src_internal_trace_internal_tracev1_testdata/fmt_1_21_pprof_good',
  'v1_gotraceui_trace_testdata/stress_1_20_good',
  'v2_golang-go_src_cmd_trace_testdata/go122.DERIVED.trace',
  'v2_DERIVED_tests_as_binary/go122-annotations-stress.trace',
  'v2_DERIVED_tests_as_binary/go122-gc-stress.trace',
].filter((f) => fs.existsSync(path.join(traceFixtureDir, f)));

function load(f: string) {
  const data = readTrace(new Uint8Array(fs.readFileSync(path.join(traceFixtureDir, f))));
  return { data, model: buildTimeline(data) };
}

function assertWithin(m: TimelineModel, start: Float64Array, end: Float64Array, what: string): void {
  for (let i = 0; i < start.length; i++) {
    assert.ok(start[i] >= 0 && start[i] <= end[i] && end[i] <= m.duration, `${what} ${i}: [${start[i]}, ${end[i]}] outside [0, ${m.duration}]`);
  }
}

test('fixtures are there', () => assert.ok(FIXTURES.length >= 5, FIXTURES.join(',')));

for (const f of FIXTURES) {
  test(`timeline of ${f}`, () => {
    const { data, model: m } = load(f);
    assert.ok(m.procs.length > 0, 'at least one P lane');
    assert.ok(m.run.start.length > 0, 'running spans');
    assertWithin(m, m.run.start, m.run.end, 'running span');
    assertWithin(m, m.gc.start, m.gc.end, 'GC span');
    assertWithin(m, m.stw.start, m.stw.end, 'STW span');
    assertWithin(m, m.markers.time, m.markers.end, 'marker');
    // Sorted by lane, then start; no two spans of one P overlap.
    for (let i = 1; i < m.run.lane.length; i++) {
      assert.ok(m.run.lane[i - 1] <= m.run.lane[i], 'sorted by lane');
      if (m.run.lane[i] < 0 || m.run.lane[i] !== m.run.lane[i - 1]) continue;
      assert.ok(m.run.end[i - 1] <= m.run.start[i],
        `P${m.procs[m.run.lane[i]]}: G${m.run.g[i - 1]} [${m.run.start[i - 1]}, ${m.run.end[i - 1]}] overlaps G${m.run.g[i]} [${m.run.start[i]}, ${m.run.end[i]}]`);
    }
    for (let i = 1; i < m.markers.time.length; i++) assert.ok(m.markers.time[i - 1] <= m.markers.time[i], 'markers sorted');
    // Running time per goroutine within [execution − slack, execution + syscall + syscall block]. The
    // slack: Go counts a goroutine already running when tracing starts from the generation's sync
    // event, the timeline from its status event (startTime − creationTime, +1 ns for the bump of equal
    // timestamps). Goroutines in a syscall when tracing starts are run by the timeline from their
    // syscall's end; Go counts that stretch as syscall time, so they are held to the upper bound only.
    const inSyscallAtStart = new Set<number>();
    const seen = new Set<number>();
    for (let i = 0; i < data.events.length; i++) {
      const k = data.events.kind(i);
      if (k === Ev.GoCreate || k === Ev.GoCreateBlocked || k === Ev.GoCreateSyscall) seen.add(data.events.a0(i));
      if (k !== Ev.GoStatus && k !== Ev.GoStatusStack) continue;
      const id = data.events.a0(i);
      if (!seen.has(id) && data.events.a2(i) % 8 === 3) inSyscallAtStart.add(id);
      seen.add(id);
    }
    const run = runningTimeByGoroutine(m);
    let exact = 0;
    const summary = summarize(data);
    for (const g of summary.goroutines.values()) {
      const r = run.get(g.id) ?? 0;
      const upper = g.execTime + g.syscallTime + g.syscallBlockTime;
      assert.ok(r <= upper, `G${g.id} (${g.name}) running time ${r} > execution + syscall ${upper}`);
      const slack = g.startTime > 0 && g.creationTime === data.events.time(0) ? g.startTime - g.creationTime + 1 : 0;
      if (!inSyscallAtStart.has(g.id)) assert.ok(r >= g.execTime - slack, `G${g.id} (${g.name}) running time ${r} < execution ${g.execTime} − ${slack}`);
      if (r === g.execTime) exact++;
    }
    // Most goroutines never make a syscall: there the two agree exactly.
    assert.ok(exact >= summary.goroutines.size / 2, `${exact} of ${summary.goroutines.size} exact`);
    for (const v of m.heapAlloc.value) assert.ok(v >= 0, 'heap in use is a size');
  });
}

test('every readable trace of Go\'s test suite gives a consistent timeline', () => {
  let n = 0;
  for (const dir of ['v2_DERIVED_tests_as_binary', 'v1_golang-go_src_internal_trace_testdata']) {
    for (const f of fs.readdirSync(path.join(traceFixtureDir, dir))) {
      let data;
      try {
        data = readTrace(new Uint8Array(fs.readFileSync(path.join(traceFixtureDir, dir, f))));
      } catch {
        continue; // traces Go's suite expects to fail
      }
      const m = buildTimeline(data);
      n++;
      assertWithin(m, m.run.start, m.run.end, `${f} running span`);
      for (let i = 1; i < m.run.lane.length; i++) {
        if (m.run.lane[i] >= 0 && m.run.lane[i] === m.run.lane[i - 1]) assert.ok(m.run.end[i - 1] <= m.run.start[i], `${f}: overlap on P${m.procs[m.run.lane[i]]}`);
      }
    }
  }
  assert.ok(n > 10, `${n} traces`);
});
