#!/usr/bin/env node
// Trace timeline benchmark: time to the first timeline frame of the 4.1 MB real Go 1.23
// trace (../shared/testdata/trace/v2_real_world; the biggest fixture when absent), split into the
// extension host's part (readTrace + buildTimeline: the columns posted to the webview) and the
// webview's (prepare + draw of the whole trace at 1400 px into a recording 2D context, so no
// browser is needed: the canvas calls are counted, not rasterised). Target: first frame < 200 ms
// after the columns arrive. Also times a frame zoomed to 1/1000 of the trace.
// Run after `npx tsc -p .`:  node bench/traceTimeline.js [--runs=5] [FILE]
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const runs = Number((args.find((a) => a.startsWith('--runs=')) || '--runs=5').slice(7));
const out = (p) => path.join(root, 'out', p);
if (!fs.existsSync(out('src/core/traceView/timelineModel.js'))) {
  console.error('bench/traceTimeline.js: build first (npx tsc -p .)');
  process.exit(1);
}
const { readTrace } = require(out('src/core/trace/readTrace.js'));
const { buildTimeline } = require(out('src/core/traceView/timelineModel.js'));
const { traceCounters } = require(out('src/core/traceView/counters.js'));
const { prepare, draw } = require(out('webview-ui/traceTimeline/timelineRenderer.js'));

const real = ['../shared/testdata/trace/v2_real_world', '/work/shared/testdata/trace/v2_real_world']
  .map((d) => path.resolve(root, d, 'anhphix-test-go123.trace')).find((f) => fs.existsSync(f));
const file = args.find((a) => !a.startsWith('--')) || real
  || path.join(root, 'test/fixtures/trace/v1_golang-go_src_internal_trace_internal_tracev1_testdata/stress_1_21_good');

/** A 2D context that only counts what it is asked to draw. */
function recordingContext() {
  const calls = { fillRect: 0, fillText: 0, path: 0 };
  const noop = () => {};
  return {
    calls,
    fillStyle: '', strokeStyle: '', font: '', lineWidth: 1, textBaseline: 'middle', globalAlpha: 1,
    fillRect: () => { calls.fillRect++; }, strokeRect: noop, fillText: () => { calls.fillText++; },
    beginPath: noop, moveTo: () => { calls.path++; }, lineTo: () => { calls.path++; }, closePath: noop, fill: noop, stroke: noop,
    save: noop, restore: noop, rect: noop, clip: noop, measureText: (s) => ({ width: s.length * 6 }),
  };
}
const theme = {
  background: '#1e1e1e', foreground: '#ccc', muted: '#999', grid: '#444', focus: '#07f', palette: ['#37f', '#8d8', '#b8d', '#d81', '#1ac', '#ca0'],
  dense: '#888', gc: '#d81', stw: '#f44', assist: '#ca0', heap: '#37f', heapGoal: '#f44', syscall: '#ca0', syscallBlocked: '#f44', net: '#b8d', running: '#8d8', runnable: '#37f', gcWaiting: '#d81',
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const buf = new Uint8Array(fs.readFileSync(file));
const host = [];
const first = [];
const zoomed = [];
let model;
let stats;
let ctx;
for (let r = 0; r < runs; r++) {
  let t = performance.now();
  const data = readTrace(buf);
  model = buildTimeline(data);
  const counters = traceCounters(data, model.origin);
  host.push(performance.now() - t);
  // What the webview receives (typed arrays, as posted).
  const posted = { fileName: path.basename(file), format: '', durationNs: model.duration, eventCount: data.events.length, goroutineCount: 0,
    goroutinesExisted: counters.goroutinesExisted, goroutinesBeforeTrace: counters.goroutinesBeforeTrace, labels: data.strings,
    names: { g: Float64Array.from(model.names.keys()), name: [...model.names.values()] }, counters,
    procs: model.procs, run: model.run, gc: model.gc, stw: model.stw, assist: model.assist, heapAlloc: model.heapAlloc, heapGoal: model.heapGoal, markers: model.markers };
  t = performance.now();
  const prep = prepare(posted);
  ctx = recordingContext();
  stats = draw(ctx, prep, { start: 0, end: model.duration, width: 1400, selected: -1 }, theme);
  first.push(performance.now() - t);
  t = performance.now();
  const mid = model.duration / 2;
  draw(recordingContext(), prep, { start: mid, end: mid + model.duration / 1000, width: 1400, selected: -1 }, theme);
  zoomed.push(performance.now() - t);
}
const ms = (v) => `${v.toFixed(1)} ms`;
console.log(`trace timeline: ${path.basename(file)} (${(buf.length / 2 ** 20).toFixed(1)} MiB), ${model.procs.length} Ps, ${model.run.start.length} running spans, ${model.markers.time.length} markers; median of ${runs}`);
console.log(`  host: readTrace + buildTimeline      ${ms(median(host))}`);
console.log(`  webview: first frame (whole trace)   ${ms(median(first))}   target < 200 ms   ${median(first) < 200 ? 'OK' : 'OVER'}`);
console.log(`  webview: frame zoomed to 1/1000      ${ms(median(zoomed))}`);
console.log(`  first frame drew ${stats.spansDrawn} spans + ${stats.mergedRuns} merged runs (${ctx.calls.fillRect} fillRect, ${ctx.calls.path} path points)`);
