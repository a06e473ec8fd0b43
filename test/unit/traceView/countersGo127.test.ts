// The timeline's counter lanes and span names against Go 1.27's `go tool trace` (run here with -http on
// each trace): its trace viewer JSON (/jsontrace) has the "Goroutines", "Heap" and "Threads" counter
// events and goroutine spans named "G<id> <start function> (<label>)". Every counter point must be
// the same, in order, with the same time (Go measures from the trace's first sync event, ours from the
// first event after it) and values; each goroutine's span names must be Go's. Traces: live ones from
// the sample service (Go 1.27.3 and the machine's Go), Go 1.22 ones from Go's test suite and a Go 1.21
// one (converted). The goroutines counted as "existed" are those of the goroutine analysis.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { readTrace } from '../../../src/core/trace/readTrace';
import { Ev } from '../../../src/core/trace/specs';
import { goroutineStats } from '../../../src/core/trace/goroutineStats';
import { buildTimeline } from '../../../src/core/traceView/timelineModel';
import { traceCounters } from '../../../src/core/traceView/counters';
import { goroutineSpanName } from '../../../src/core/traceView/goroutineNames';
import { traceFixtureDir } from '../trace/traceFixtures';
import { httpGet, liveTrace, LIVE_TOOLCHAINS, withGoTrace } from '../trace/liveTraces';

interface ViewerEvent { name?: string; ph: string; ts: number; pid: number; tid: number; args?: Record<string, number> }

const traces: [string, () => Promise<string> | string][] = [
  ...LIVE_TOOLCHAINS.map((tc): [string, () => Promise<string>] => [`live sample-service trace (${tc})`, () => liveTrace(tc)]),
  ['go122.DERIVED.trace', () => path.join(traceFixtureDir, 'v2_golang-go_src_cmd_trace_testdata', 'go122.DERIVED.trace')],
  ['go122-gc-stress', () => path.join(traceFixtureDir, 'v2_DERIVED_tests_as_binary', 'go122-gc-stress.trace')],
  ['http_1_21_good', () => path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_testdata', 'http_1_21_good')],
];

for (const [name, file] of traces) {
  test(`counters and span names of ${name} equal Go 1.27's /jsontrace`, { timeout: 600_000 }, async () => {
    const trace = await file();
    const t = readTrace(new Uint8Array(fs.readFileSync(trace)));
    const model = buildTimeline(t);
    const c = traceCounters(t, model.origin);
    let sync = NaN;
    for (let i = 0; i < t.events.length && Number.isNaN(sync); i++) sync = t.events.time(i);
    assert.equal(t.events.kind(0), Ev.SyncMarker, 'the trace starts with its first sync');
    const shift = model.origin - sync;
    const events = await withGoTrace(trace, async (base) =>
      (JSON.parse((await httpGet(`${base}/jsontrace`)).toString()) as { traceEvents: ViewerEvent[] }).traceEvents);

    // Go writes µs with ns precision (viewerTime = ns / 1e3).
    const time = (e: ViewerEvent): number => Math.max(0, Math.round(e.ts * 1000) - shift);
    const check = (counter: string, series: { time: Float64Array } & Record<string, Float64Array>, fields: [string, string][]): void => {
      const go = events.filter((e) => e.ph === 'C' && e.name === counter);
      assert.ok(go.length > 0, `Go emits ${counter} counters`);
      const want = go.map((e) => [time(e), ...fields.map(([, g]) => e.args![g])].join(' '));
      const got = Array.from(series.time, (ts, i) => [ts, ...fields.map(([f]) => series[f][i])].join(' '));
      assert.deepEqual(got, want, `${counter}: (time ${fields.map(([, g]) => g).join(' ')}) points`);
    };
    check('Goroutines', c.goroutines as never, [['running', 'Running'], ['runnable', 'Runnable'], ['gcWaiting', 'GCWaiting']]);
    check('Heap', c.heap as never, [['allocated', 'Allocated'], ['nextGC', 'NextGC']]);
    check('Threads', c.threads as never, [['running', 'Running']]);
    // Go 1.27 never counts threads in syscalls (always 0); ours counts goroutines in a syscall.
    assert.ok(events.every((e) => e.name !== 'Threads' || e.args!.InSyscall === 0), 'Go\'s InSyscall is always 0');
    assert.ok(c.syscalls.inSyscall.every((v) => v >= 0), 'never a negative syscall count');
    assert.ok(c.syscalls.inSyscall.some((v) => v > 0), 'some goroutine made a syscall');
    const stats = goroutineStats(t);
    assert.equal(c.goroutinesExisted, stats.length, 'goroutines that existed = the goroutine analysis\'s');
    // Those already there when tracing began are the ones Go 1.27's summary creates at the first sync
    // (the trace editor marks them so in the Goroutines tab).
    assert.equal(stats.filter((s) => s.creationTime === sync).length, c.goroutinesBeforeTrace, 'goroutines created at the trace\'s first sync');
    assert.ok(c.goroutinesBeforeTrace > 0 && c.goroutinesBeforeTrace <= c.goroutinesExisted, `${c.goroutinesBeforeTrace} goroutines already there`);

    // Span names: per goroutine, the names Go gives its spans on P lanes are the ones we give ours.
    const goNames = new Map<number, Set<string>>();
    for (const e of events) {
      const m = e.ph === 'X' && e.pid === 0 ? /^G(\d+)(?: |$)/.exec(e.name ?? '') : null;
      if (!m) continue;
      const g = Number(m[1]);
      if (!goNames.has(g)) goNames.set(g, new Set());
      goNames.get(g)!.add(e.name!);
    }
    assert.ok(goNames.size > 3, 'Go names goroutine spans');
    const ours = new Map<number, Set<string>>();
    for (let i = 0; i < model.run.g.length; i++) {
      if (model.run.lane[i] < 0) continue;
      const g = model.run.g[i];
      if (!ours.has(g)) ours.set(g, new Set());
      ours.get(g)!.add(goroutineSpanName(g, model.names.get(g), t.strings[model.run.label[i]]));
    }
    let compared = 0;
    for (const [g, names] of goNames) {
      // The start function alone (labels aside) for every goroutine Go draws.
      const fn = goroutineSpanName(g, model.names.get(g));
      for (const n of names) assert.ok(n === fn || n.startsWith(`${fn} (`), `G${g}: Go's "${n}", ours "${fn}"`);
      if (!ours.has(g)) continue;
      assert.deepEqual([...ours.get(g)!].sort(), [...names].sort(), `G${g}'s span names`);
      compared++;
    }
    assert.ok(compared >= goNames.size - 1, `${compared} of ${goNames.size} goroutines with spans on both sides`);
    assert.ok([...goNames.values()].some((s) => [...s].some((n) => / \S+\.\S+/.test(n))), 'some span names have a start function');
  });
}
