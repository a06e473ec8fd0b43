// The webview's timeline renderer, drawn into a recording 2D context: lanes, level of detail (spans
// below a pixel merged), hit testing, and the time ruler's steps.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { readTrace } from '../../../src/core/trace/readTrace';
import { buildTimeline } from '../../../src/core/traceView/timelineModel';
import type { TraceTimelineData } from '../../../src/protocol/messages';
import { counterText, draw, hitSpan, laneSummaries, LABEL_W, prepare, spanName, spansOf, Theme } from '../../../webview-ui/traceTimeline/timelineRenderer';
import { traceCounters } from '../../../src/core/traceView/counters';
import type { TraceData } from '../../../src/core/trace/traceData';
import type { TimelineModel } from '../../../src/core/traceView/timelineModel';
import { formatNs, formatTime, tickStep } from '../../../webview-ui/traceTimeline/timeScale';
import { traceFixtureDir } from '../trace/traceFixtures';

const theme: Theme = {
  background: 'bg', foreground: 'fg', muted: 'mu', grid: 'gr', focus: 'fo', palette: ['p0', 'p1', 'p2'], dense: 'dense', gc: 'gc', stw: 'stw',
  assist: 'as', heap: 'heap', heapGoal: 'goal', syscall: 'sys', syscallBlocked: 'sysb', net: 'net', running: 'run', runnable: 'rnbl', gcWaiting: 'gcw',
};

function recorder() {
  const rects: { style: string; x: number; y: number; w: number; h: number }[] = [];
  const texts: string[] = [];
  const ctx = {
    fillStyle: '' as unknown, strokeStyle: '' as unknown, font: '', lineWidth: 1, textBaseline: '', globalAlpha: 1,
    fillRect(x: number, y: number, w: number, h: number) { rects.push({ style: String(this.fillStyle), x, y, w, h }); },
    fillText(s: string) { texts.push(s); },
    strokeRect() {}, beginPath() {}, moveTo() {}, lineTo() {}, closePath() {}, fill() {}, stroke() {}, save() {}, restore() {}, rect() {}, clip() {},
    measureText(s: string) { return { width: s.length * 6 } as TextMetrics; },
  };
  return { ctx, rects, texts };
}

/** The timeline data as the trace editor posts it (labels renumbered as strings here: the table is the trace's). */
function posted(t: TraceData, m: TimelineModel): TraceTimelineData {
  const c = traceCounters(t, m.origin);
  return { fileName: 'x', format: 'go 1.19', durationNs: m.duration, eventCount: t.events.length, goroutineCount: 0, goroutinesExisted: c.goroutinesExisted,
    goroutinesBeforeTrace: c.goroutinesBeforeTrace, procs: m.procs, run: m.run, labels: t.strings, names: { g: Float64Array.from(m.names.keys()), name: [...m.names.values()] },
    counters: c, gc: m.gc, stw: m.stw, assist: m.assist, heapAlloc: m.heapAlloc, heapGoal: m.heapGoal, markers: m.markers };
}

function data(): TraceTimelineData {
  const f = path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_internal_tracev1_testdata', 'http_1_19_good');
  const t = readTrace(new Uint8Array(fs.readFileSync(f)));
  return posted(t, buildTimeline(t));
}

test('whole-trace frame: a label per lane, P lanes painted, tiny spans merged', () => {
  const d = data();
  const prep = prepare(d);
  const r = recorder();
  const stats = draw(r.ctx as never, prep, { start: 0, end: d.durationNs, width: 1000, selected: -1 }, theme);
  for (const p of d.procs) assert.ok(r.texts.includes(`P${p}`), `label P${p}`);
  assert.ok(r.texts.includes('GC') && r.texts.includes('Heap'));
  assert.ok(stats.spansDrawn + stats.mergedRuns > 0);
  // Never more rectangles than pixels per lane in the P lanes (level of detail).
  const procRects = r.rects.filter((x) => x.style === 'dense' || x.style.startsWith('p'));
  assert.ok(procRects.length <= d.procs.length * 1000, `${procRects.length} rects`);
  assert.ok(procRects.length < d.run.start.length, 'fewer rectangles than spans when zoomed out');
});

test('hit testing finds the span under the pointer', () => {
  const d = data();
  const prep = prepare(d);
  const lane = prep.lanes.find((l) => l.kind === 'proc')!;
  const i = prep.laneFrom[0] + Math.floor((prep.laneTo[0] - prep.laneFrom[0]) / 2);
  const s = d.run.start[i];
  const e = d.run.end[i];
  const view = { start: s - (e - s), end: e + (e - s), width: 1000, selected: -1 };
  const midPx = LABEL_W + ((s + e) / 2 - view.start) / ((view.end - view.start) / (view.width - LABEL_W));
  assert.equal(hitSpan(prep, view, midPx, lane.y + lane.height / 2), i);
  assert.equal(hitSpan(prep, view, midPx, 0), -1, 'the ruler is not a lane');
  // The selected goroutine's own lane holds all its spans, and hits there too.
  const own = spansOf(d, d.run.g[i]);
  assert.ok(own.includes(i) && own.every((k) => d.run.g[k] === d.run.g[i]));
  const gLane = prep.lanes.find((l) => l.kind === 'goroutine')!;
  assert.equal(hitSpan(prep, { ...view, selected: i, goroutineSpans: own }, midPx, gLane.y + 5), i);
  const sums = laneSummaries(prep);
  assert.equal(sums.reduce((n, x) => n + x.spans, 0), d.run.lane.filter((l) => l >= 0).length);
});

test('ruler steps and time formatting', () => {
  assert.equal(tickStep(1, 90), 100);
  assert.equal(tickStep(1e6, 90), 1e8);
  assert.equal(tickStep(3, 90), 500);
  assert.equal(formatNs(0), '0ns');
  assert.equal(formatNs(1500), '1.5µs');
  assert.equal(formatNs(2.5e6), '2.5ms');
  assert.equal(formatNs(1e9), '1s');
  // Ruler ticks 1 µs apart at 24.68 ms stay distinct.
  assert.equal(formatTime(24_681_000, 1000), '24.681ms');
  assert.equal(formatTime(24_682_000, 1000), '24.682ms');
  assert.equal(formatTime(100e6, 1e8), '100ms');
  assert.equal(formatTime(0, 1e8), '0ns');
});

test('counter lanes above the P lanes: goroutines, heap and threads drawn, with their values on hover', () => {
  const d = data();
  const prep = prepare(d);
  const kinds = prep.lanes.map((l) => l.kind);
  assert.ok(kinds.indexOf('goroutines') < kinds.indexOf('heap') && kinds.indexOf('heap') < kinds.indexOf('threads') && kinds.indexOf('threads') < kinds.indexOf('proc'), kinds.join(' '));
  const r = recorder();
  draw(r.ctx as never, prep, { start: 0, end: d.durationNs, width: 1000, selected: -1 }, theme);
  for (const label of ['Goroutines', 'Heap', 'Threads']) assert.ok(r.texts.includes(label), label);
  assert.ok(r.texts.includes(`max ${prep.goroutinesMax}`) && prep.goroutinesMax > 0);
  const lane = (k: string) => prep.lanes.find((l) => l.kind === k)!;
  const inLane = (k: string, style: string) => r.rects.filter((x) => x.style === style && x.y >= lane(k).y && x.y + x.h <= lane(k).y + lane(k).height + 0.001);
  assert.ok(inLane('goroutines', 'run').length > 100, 'running goroutines drawn per pixel column');
  assert.ok(inLane('goroutines', 'rnbl').length > 0, 'runnable goroutines drawn on top');
  assert.ok(inLane('threads', 'run').length > 100, 'running Ps drawn');
  // Never more than one rectangle per pixel column and level.
  assert.ok(inLane('goroutines', 'run').length <= 1000 - LABEL_W);
  // The tallest column of the goroutines lane is the highest stacked value.
  const c = d.counters.goroutines;
  const tallest = Math.max(...inLane('goroutines', 'run').map((x) => x.h), ...inLane('goroutines', 'rnbl').map((x) => lane('goroutines').y + lane('goroutines').height - x.y));
  assert.ok(Math.abs(tallest - (lane('goroutines').height - 2)) < 0.01, `tallest ${tallest}`);

  // Hover text: the values holding at that time (the last point at or before it).
  const k = Math.floor(c.time.length / 2);
  const t = (c.time[k] + (c.time[k + 1] ?? c.time[k] + 1)) / 2;
  assert.equal(counterText(prep, 'goroutines', t),
    `Goroutines: ${c.running[k]} running (on a P or in a syscall), ${c.runnable[k]} runnable, ${c.gcWaiting[k]} waiting in a GC assist · ${c.waiting[k]} waiting for something else (not drawn)`);
  assert.equal(counterText(prep, 'goroutines', c.time[k]), counterText(prep, 'goroutines', t), 'a point holds from its own time');
  const h = d.counters.heap;
  const j = h.time.length - 1;
  assert.match(counterText(prep, 'heap', d.durationNs), /^Heap: [\d.]+ [KMG]?i?B in use, /);
  assert.ok(h.allocated[j] > 0);
  assert.match(counterText(prep, 'threads', d.durationNs), /^Threads: \d+ running Go code \(Ps running\), \d+ in a syscall$/);
  assert.equal(counterText(prep, 'proc', t), '', 'P lanes have no counter');
});

test('span names as Go writes them: start function, label', () => {
  const d = data();
  const prep = prepare(d);
  let named = 0;
  for (let i = 0; i < d.run.g.length; i++) {
    const g = d.run.g[i];
    const fn = prep.names.get(g);
    const n = spanName(prep, i);
    assert.ok(n === `G${g}` || n.startsWith(`G${g} `), n);
    if (fn) {
      assert.ok(n.startsWith(`G${g} ${fn}`), n);
      named++;
    }
  }
  assert.ok(named > d.run.g.length / 2, `${named} of ${d.run.g.length} spans named`);
  // A wide span is labelled with its name on the canvas.
  const wide = Array.from(d.run.g.keys()).filter((i) => d.run.lane[i] >= 0 && prep.names.get(d.run.g[i])).sort((a, b) => (d.run.end[b] - d.run.start[b]) - (d.run.end[a] - d.run.start[a]))[0];
  const r = recorder();
  draw(r.ctx as never, prep, { start: d.run.start[wide], end: d.run.end[wide], width: 2000, selected: -1 }, theme);
  assert.ok(r.texts.includes(spanName(prep, wide)), `canvas text ${spanName(prep, wide)}`);
});
