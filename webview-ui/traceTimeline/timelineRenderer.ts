// Draws the trace timeline on a 2D canvas: a time ruler, GC / STW / mark-assist lanes, the counter
// lanes of Go's trace viewer (goroutines, heap, threads) and one lane per P. Never one DOM node per span: each lane's spans are found by binary
// search over the visible window, and spans narrower than a pixel are merged into one "busy" run
// (level of detail), so a frame costs O(visible pixels + spans wider than a pixel), not O(spans).
// Only the CanvasRenderingContext2D calls listed in Ctx are used, so a benchmark can draw in Node.
import type { TraceTimelineData } from '../../src/protocol/messages';
import { goroutineSpanName } from '../../src/core/traceView/goroutineNames';
import { formatBytes, formatTime, lowerBound, tickStep } from './timeScale';

export type Ctx = Pick<CanvasRenderingContext2D,
  'fillRect' | 'fillText' | 'strokeRect' | 'beginPath' | 'moveTo' | 'lineTo' | 'closePath' | 'fill' | 'stroke' | 'save' | 'restore'
  | 'rect' | 'clip' | 'measureText'> & { fillStyle: unknown; strokeStyle: unknown; font: string; lineWidth: number; textBaseline: string; globalAlpha: number };

export interface Theme {
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  focus: string;
  /** Goroutine colours (charts palette). */
  palette: string[];
  dense: string;
  gc: string;
  stw: string;
  assist: string;
  heap: string;
  heapGoal: string;
  syscall: string;
  syscallBlocked: string;
  net: string;
  /** Goroutines lane: running, runnable, waiting in a GC assist; threads lane: in a syscall. */
  running: string;
  runnable: string;
  gcWaiting: string;
}

export type LaneKind = 'gc' | 'stw' | 'assist' | 'goroutines' | 'heap' | 'threads' | 'proc' | 'goroutine';
export interface Lane { kind: LaneKind; label: string; y: number; height: number; proc?: number; laneIndex?: number }

export const RULER_H = 22;
export const LABEL_W = 64;
const SPAN_LANE_H = 14;
const HEAP_H = 40;
const COUNTER_H = 32;
const PROC_H = 22;
const GAP = 2;

/** Precomputed per-data indexes the renderer needs (lane ranges of the run spans, longest spans). */
export interface Prepared {
  data: TraceTimelineData;
  lanes: Lane[];
  height: number;
  /** run span index range per P lane. */
  laneFrom: Int32Array;
  laneTo: Int32Array;
  maxGc: number;
  maxStw: number;
  maxAssist: number;
  maxMarker: number;
  heapMax: number;
  /** Highest stacked value of the goroutines lane (running + runnable + GC waiting) and of the threads lane. */
  goroutinesMax: number;
  threadsMax: number;
  /** Heap goal (in use + room to the next GC) at each heap counter point, for the goal line. */
  heapGoalLine: Float64Array;
  /** Goroutine start functions by id. */
  names: Map<number, string>;
  /** Marker index range per lane cannot be binary searched (sorted by time over all lanes). */
}

function maxDur(start: Float64Array, end: Float64Array): number {
  let m = 0;
  for (let i = 0; i < start.length; i++) m = Math.max(m, end[i] - start[i]);
  return m;
}

export function prepare(data: TraceTimelineData): Prepared {
  const lanes: Lane[] = [];
  let y = RULER_H + GAP;
  const add = (l: Omit<Lane, 'y'>) => { lanes.push({ ...l, y }); y += l.height + GAP; };
  add({ kind: 'gc', label: 'GC', height: SPAN_LANE_H });
  add({ kind: 'stw', label: 'STW', height: SPAN_LANE_H });
  if (data.assist.start.length > 0) add({ kind: 'assist', label: 'Assist', height: SPAN_LANE_H });
  add({ kind: 'goroutines', label: 'Goroutines', height: COUNTER_H });
  add({ kind: 'heap', label: 'Heap', height: HEAP_H });
  add({ kind: 'threads', label: 'Threads', height: COUNTER_H });
  data.procs.forEach((p, i) => add({ kind: 'proc', label: `P${p}`, height: PROC_H, proc: p, laneIndex: i }));
  // The selected goroutine's own lane: where it ran (any P) and when it waited.
  add({ kind: 'goroutine', label: 'G –', height: PROC_H });
  const n = data.procs.length;
  const laneFrom = new Int32Array(n).fill(0);
  const laneTo = new Int32Array(n).fill(0);
  const lane = data.run.lane;
  // run is sorted by lane (-1 first): find each lane's range.
  for (let l = 0; l < n; l++) {
    laneFrom[l] = lowerBound(lane, l);
    laneTo[l] = lowerBound(lane, l + 1);
  }
  const c = data.counters;
  const heapGoalLine = Float64Array.from(c.heap.allocated, (v, i) => v + c.heap.nextGC[i]);
  let heapMax = 0;
  for (const v of heapGoalLine) if (v > heapMax) heapMax = v;
  let goroutinesMax = 0;
  for (let i = 0; i < c.goroutines.time.length; i++) goroutinesMax = Math.max(goroutinesMax, c.goroutines.running[i] + c.goroutines.runnable[i] + c.goroutines.gcWaiting[i]);
  let threadsMax = 0;
  for (const v of c.threads.running) threadsMax = Math.max(threadsMax, v);
  for (const v of c.syscalls.inSyscall) threadsMax = Math.max(threadsMax, v);
  const names = new Map<number, string>();
  for (let i = 0; i < data.names.g.length; i++) names.set(data.names.g[i], data.names.name[i]);
  return {
    data, lanes, height: y, laneFrom, laneTo, goroutinesMax, threadsMax, heapGoalLine, names,
    maxGc: maxDur(data.gc.start, data.gc.end), maxStw: maxDur(data.stw.start, data.stw.end),
    maxAssist: maxDur(data.assist.start, data.assist.end), maxMarker: maxDur(data.markers.time, data.markers.end), heapMax,
  };
}

/**
 * selected: a run span index (-1: none); its goroutine's other spans are outlined too.
 * goroutineSpans: that goroutine's run span indexes, by start (its own lane).
 */
export interface View { start: number; end: number; width: number; selected: number; goroutineSpans?: Int32Array }

/** The run spans of goroutine g (all Ps), by start. */
export function spansOf(data: TraceTimelineData, g: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < data.run.g.length; i++) if (data.run.g[i] === g) out.push(i);
  return Int32Array.from(out.sort((a, b) => data.run.start[a] - data.run.start[b]));
}

export interface FrameStats { spansDrawn: number; mergedRuns: number; millis: number }

export function goroutineColor(theme: Theme, g: number): string {
  // Spread neighbouring goroutine ids over the palette.
  return theme.palette[((g * 2654435761) >>> 0) % theme.palette.length];
}

export function draw(ctx: Ctx, prep: Prepared, view: View, theme: Theme): FrameStats {
  const t0 = performance.now();
  const { data } = prep;
  const plotW = Math.max(1, view.width - LABEL_W);
  const span = Math.max(1, view.end - view.start);
  const nsPerPx = span / plotW;
  const x = (t: number) => LABEL_W + (t - view.start) / nsPerPx;
  const stats: FrameStats = { spansDrawn: 0, mergedRuns: 0, millis: 0 };

  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, view.width, prep.height);
  ctx.font = '11px sans-serif';
  ctx.textBaseline = 'middle';

  // Ruler and grid.
  const step = tickStep(nsPerPx);
  const first = Math.ceil(view.start / step) * step;
  ctx.fillStyle = theme.grid;
  for (let t = first; t <= view.end; t += step) ctx.fillRect(Math.round(x(t)), RULER_H - 6, 1, prep.height - RULER_H + 6);
  ctx.fillStyle = theme.muted;
  for (let t = first; t <= view.end; t += step) ctx.fillText(formatTime(t, step), Math.round(x(t)) + 3, RULER_H / 2);
  ctx.fillStyle = theme.grid;
  ctx.fillRect(0, RULER_H, view.width, 1);

  ctx.save();
  ctx.beginPath();
  ctx.rect(LABEL_W, 0, plotW, prep.height);
  ctx.clip();
  for (const lane of prep.lanes) {
    switch (lane.kind) {
      case 'gc': drawSpans(ctx, data.gc.start, data.gc.end, prep.maxGc, lane, view, x, theme.gc, stats); break;
      case 'stw': drawSpans(ctx, data.stw.start, data.stw.end, prep.maxStw, lane, view, x, theme.stw, stats); break;
      case 'assist': drawSpans(ctx, data.assist.start, data.assist.end, prep.maxAssist, lane, view, x, theme.assist, stats); break;
      case 'goroutines': {
        const g = data.counters.goroutines;
        drawStacked(ctx, g.time, [g.running, g.runnable, g.gcWaiting], [theme.running, theme.runnable, theme.gcWaiting], prep.goroutinesMax, lane, view, x, prep.data.durationNs);
        break;
      }
      case 'heap': drawHeap(ctx, prep, lane, view, x, theme); break;
      case 'threads':
        drawStacked(ctx, data.counters.threads.time, [data.counters.threads.running], [theme.running], prep.threadsMax, lane, view, x, prep.data.durationNs);
        drawStacked(ctx, data.counters.syscalls.time, [data.counters.syscalls.inSyscall], [theme.syscall], prep.threadsMax, lane, view, x, prep.data.durationNs, true);
        break;
      case 'proc': drawProc(ctx, prep, lane, view, x, theme, stats); break;
      case 'goroutine': drawGoroutine(ctx, prep, lane, view, x, theme); break;
    }
  }
  drawMarkers(ctx, prep, view, x, theme);
  ctx.restore();

  // Lane labels over a plain background.
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, RULER_H + 1, LABEL_W, prep.height);
  ctx.fillStyle = theme.foreground;
  for (const lane of prep.lanes) {
    const label = lane.kind === 'goroutine' && view.selected >= 0 ? `G${data.run.g[view.selected]}` : lane.label;
    ctx.fillText(label, 6, lane.y + lane.height / 2);
  }
  // Each counter lane's scale: its highest value.
  ctx.fillStyle = theme.muted;
  ctx.font = '9px sans-serif';
  for (const lane of prep.lanes) {
    const max = lane.kind === 'heap' ? (prep.heapMax > 0 ? formatBytes(prep.heapMax) : '')
      : lane.kind === 'goroutines' ? `max ${prep.goroutinesMax}` : lane.kind === 'threads' ? `max ${prep.threadsMax}` : '';
    if (max) ctx.fillText(max, 6, lane.y + lane.height - 5);
  }
  stats.millis = performance.now() - t0;
  return stats;
}

/** A span's name as Go's trace viewer writes it: "G18 main.cpuLoop", with the goroutine's label if any. */
export function spanName(prep: Prepared, i: number): string {
  const g = prep.data.run.g[i];
  return goroutineSpanName(g, prep.names.get(g), prep.data.labels[prep.data.run.label[i]] ?? '');
}

/** Index of the counter point holding at time t (the last at or before t), or -1 before the first. */
function pointAt(time: Float64Array, t: number): number {
  return lowerBound(time, t + 0.5) - 1;
}

/** What a counter lane says at time t (ns), as its tooltip shows it; '' for other lanes or before any point. */
export function counterText(prep: Prepared, kind: LaneKind, t: number): string {
  const c = prep.data.counters;
  if (kind === 'goroutines') {
    const i = pointAt(c.goroutines.time, t);
    if (i < 0) return '';
    const g = c.goroutines;
    return `Goroutines: ${g.running[i]} running (on a P or in a syscall), ${g.runnable[i]} runnable, ${g.gcWaiting[i]} waiting in a GC assist`
      + ` · ${g.waiting[i]} waiting for something else (not drawn)`;
  }
  if (kind === 'heap') {
    const i = pointAt(c.heap.time, t);
    if (i < 0) return '';
    const goal = c.heap.nextGC[i] > 0 ? `, next GC in ${formatBytes(c.heap.nextGC[i])} (goal ${formatBytes(c.heap.allocated[i] + c.heap.nextGC[i])})` : ', no GC goal above it';
    return `Heap: ${formatBytes(c.heap.allocated[i])} in use${goal}`;
  }
  if (kind === 'threads') {
    const i = pointAt(c.threads.time, t);
    const j = pointAt(c.syscalls.time, t);
    if (i < 0 && j < 0) return '';
    return `Threads: ${i >= 0 ? c.threads.running[i] : 0} running Go code (Ps running), ${j >= 0 ? c.syscalls.inSyscall[j] : 0} in a syscall`;
  }
  return '';
}

/**
 * A counter as stacked step areas (levels[0] at the bottom) or, with `line`, the first level as a
 * line: per pixel column, the highest value the counter reached in it (never misses a spike).
 */
function drawStacked(ctx: Ctx, time: Float64Array, levels: Float64Array[], colors: string[], max: number, lane: Lane, view: View,
  x: (t: number) => number, duration: number, line = false): void {
  if (max <= 0 || time.length === 0) return;
  const x0 = Math.max(LABEL_W, Math.floor(x(Math.max(view.start, time[0]))));
  const x1 = Math.ceil(x(Math.min(view.end, duration)));
  const nsPerPx = (view.end - view.start) / Math.max(1, view.width - LABEL_W);
  const scale = (lane.height - 2) / max;
  const base = lane.y + lane.height;
  let i = Math.max(0, pointAt(time, view.start + (x0 - LABEL_W) * nsPerPx));
  const tops = new Float64Array(levels.length);
  let prevY = NaN;
  if (line) ctx.beginPath();
  for (let px = x0; px < x1; px++) {
    const colEnd = view.start + (px + 1 - LABEL_W) * nsPerPx;
    tops.fill(0);
    let sum = 0;
    for (let k = 0; k < levels.length; k++) { sum += levels[k][i]; tops[k] = Math.max(tops[k], sum); }
    while (i + 1 < time.length && time[i + 1] < colEnd) {
      i++;
      sum = 0;
      for (let k = 0; k < levels.length; k++) { sum += levels[k][i]; tops[k] = Math.max(tops[k], sum); }
    }
    if (line) {
      const y = base - tops[0] * scale;
      if (Number.isNaN(prevY)) ctx.moveTo(px, y);
      else ctx.lineTo(px, y);
      prevY = y;
      continue;
    }
    let below = 0;
    for (let k = 0; k < levels.length; k++) {
      const h = (tops[k] - below) * scale;
      if (h > 0) {
        ctx.fillStyle = colors[k];
        ctx.fillRect(px, base - tops[k] * scale, 1, h);
      }
      below = Math.max(below, tops[k]);
    }
  }
  if (line && !Number.isNaN(prevY)) {
    ctx.strokeStyle = colors[0];
    ctx.lineWidth = 1;
    ctx.stroke();
  }
}

/** Spans sorted by start that may overlap (GC, STW, assists): merged below a pixel. */
function drawSpans(ctx: Ctx, start: Float64Array, end: Float64Array, longest: number, lane: Lane, view: View,
  x: (t: number) => number, color: string, stats: FrameStats): void {
  ctx.fillStyle = color;
  let i = lowerBound(start, view.start - longest);
  let runX0 = NaN;
  let runX1 = NaN;
  for (; i < start.length && start[i] <= view.end; i++) {
    if (end[i] < view.start) continue;
    const x0 = x(start[i]);
    const x1 = Math.max(x(end[i]), x0 + 1);
    if (!Number.isNaN(runX0) && x0 <= runX1 + 1) {
      runX1 = Math.max(runX1, x1);
      continue;
    }
    if (!Number.isNaN(runX0)) ctx.fillRect(runX0, lane.y, runX1 - runX0, lane.height);
    runX0 = x0;
    runX1 = x1;
    stats.spansDrawn++;
  }
  if (!Number.isNaN(runX0)) ctx.fillRect(runX0, lane.y, runX1 - runX0, lane.height);
}

function drawProc(ctx: Ctx, prep: Prepared, lane: Lane, view: View, x: (t: number) => number, theme: Theme, stats: FrameStats): void {
  const { start, end, g } = prep.data.run;
  const l = lane.laneIndex!;
  const hi = prep.laneTo[l];
  const selG = view.selected >= 0 ? g[view.selected] : NaN;
  // One P's spans never overlap: ends are sorted too.
  let i = lowerBound(end, view.start, prep.laneFrom[l], hi);
  let runX0 = NaN;
  let runX1 = NaN;
  let runN = 0;
  const flush = () => {
    if (Number.isNaN(runX0)) return;
    ctx.fillStyle = runN > 1 ? theme.dense : theme.palette[0];
    ctx.fillRect(runX0, lane.y, Math.max(1, runX1 - runX0), lane.height);
    stats.mergedRuns++;
    runX0 = NaN;
    runN = 0;
  };
  for (; i < hi && start[i] <= view.end; i++) {
    const x0 = x(start[i]);
    const x1 = x(end[i]);
    if (x1 - x0 < 1) {
      if (!Number.isNaN(runX0) && x0 <= runX1 + 1) {
        runX1 = Math.max(runX1, x1);
        runN++;
      } else {
        flush();
        runX0 = x0;
        runX1 = Math.max(x1, x0 + 1);
        runN = 1;
      }
      continue;
    }
    flush();
    ctx.fillStyle = goroutineColor(theme, g[i]);
    ctx.fillRect(x0, lane.y, x1 - x0, lane.height);
    stats.spansDrawn++;
    if (g[i] === selG) {
      ctx.strokeStyle = i === view.selected ? theme.foreground : theme.focus;
      ctx.lineWidth = i === view.selected ? 2 : 1;
      ctx.strokeRect(x0 + 1, lane.y + 1, Math.max(1, x1 - x0 - 2), lane.height - 2);
    }
    if (x1 - x0 > 36) {
      ctx.fillStyle = theme.background;
      // Go's span name, else as much of it as fits: "G18 main.cpuLoop", "G18".
      const full = spanName(prep, i);
      const text = ctx.measureText(full).width < x1 - x0 - 6 ? full : `G${g[i]}`;
      if (ctx.measureText(text).width < x1 - x0 - 6) ctx.fillText(text, Math.max(x0, LABEL_W) + 3, lane.y + lane.height / 2);
    }
  }
  flush();
}

function drawGoroutine(ctx: Ctx, prep: Prepared, lane: Lane, view: View, x: (t: number) => number, theme: Theme): void {
  const idx = view.goroutineSpans;
  if (!idx || idx.length === 0 || view.selected < 0) return;
  const { start, end, g } = prep.data.run;
  const color = goroutineColor(theme, g[view.selected]);
  // A thin line from its first to its last span: it exists but waits (blocked, runnable, in a syscall).
  ctx.fillStyle = theme.muted;
  const a = Math.max(x(start[idx[0]]), LABEL_W);
  const b = x(end[idx[idx.length - 1]]);
  if (b > a) ctx.fillRect(a, lane.y + lane.height / 2, b - a, 1);
  ctx.fillStyle = color;
  let lastX = -Infinity;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    if (end[i] < view.start || start[i] > view.end) continue;
    const x0 = x(start[i]);
    const x1 = Math.max(x(end[i]), x0 + 1);
    if (x1 <= lastX) continue;
    ctx.fillRect(Math.max(x0, lastX), lane.y + 3, x1 - Math.max(x0, lastX), lane.height - 6);
    lastX = x1;
  }
}

function drawHeap(ctx: Ctx, prep: Prepared, lane: Lane, view: View, x: (t: number) => number, theme: Theme): void {
  if (prep.heapMax <= 0) return;
  const yOf = (v: number) => lane.y + lane.height - (v / prep.heapMax) * (lane.height - 2);
  const series = (c: { time: Float64Array; value: Float64Array }, fill: boolean, color: string) => {
    const { time, value } = c;
    if (time.length === 0) return;
    let i = Math.max(0, lowerBound(time, view.start) - 1);
    ctx.beginPath();
    const base = lane.y + lane.height;
    let started = false;
    // One pixel column at a time: its highest value and the value it ends with (a counter holds
    // its value until the next event), so a frame has at most ~4 points per column.
    let colX = -Infinity;
    let colTop = base;
    let lastX = -Infinity;
    let lastY = base;
    for (; i < time.length; i++) {
      const v = value[i];
      if (Number.isNaN(v)) continue;
      const px = Math.max(LABEL_W, x(time[i]));
      const py = yOf(v);
      if (!started) {
        ctx.moveTo(px, fill ? base : py);
        if (fill) ctx.lineTo(px, py);
        started = true;
        colX = px;
        colTop = py;
      } else if (px - colX < 1) {
        if (py < colTop) colTop = py;
      } else {
        ctx.lineTo(colX, colTop);
        ctx.lineTo(colX, lastY);
        ctx.lineTo(px, lastY);
        ctx.lineTo(px, py);
        colX = px;
        colTop = py;
      }
      lastX = px;
      lastY = py;
      if (time[i] > view.end) break;
    }
    if (started) {
      ctx.lineTo(colX, colTop);
      ctx.lineTo(colX, lastY);
    }
    if (!started) return;
    const endX = x(Math.min(view.end, prep.data.durationNs));
    ctx.lineTo(Math.max(lastX, endX), lastY);
    if (fill) {
      ctx.lineTo(Math.max(lastX, endX), base);
      ctx.closePath();
      ctx.fillStyle = color;
      ctx.fill();
    } else {
      ctx.strokeStyle = color;
      ctx.lineWidth = 1;
      ctx.stroke();
    }
  };
  // Go's Heap counter: in use, and in use + room to the next GC (the goal) as a line.
  const h = prep.data.counters.heap;
  series({ time: h.time, value: h.allocated }, true, theme.heap);
  series({ time: h.time, value: prep.heapGoalLine }, false, theme.heapGoal);
}

function drawMarkers(ctx: Ctx, prep: Prepared, view: View, x: (t: number) => number, theme: Theme): void {
  const { lane, time, end, kind } = prep.data.markers;
  const procLanes = prep.lanes.filter((l) => l.kind === 'proc');
  const lastPx = new Float64Array(procLanes.length * 3).fill(-Infinity);
  let i = lowerBound(time, view.start - prep.maxMarker);
  for (; i < time.length && time[i] <= view.end; i++) {
    const l = lane[i];
    if (l < 0 || l >= procLanes.length || end[i] < view.start) continue;
    const k = kind[i];
    const x0 = x(time[i]);
    const slot = l * 3 + k;
    const x1 = Math.max(x(end[i]), x0 + 1);
    if (x1 <= lastPx[slot] + 0.5) continue; // already covered at this zoom
    lastPx[slot] = x1;
    const pl = procLanes[l];
    if (k === 2) {
      // Network wait: a small downward triangle where the goroutine blocked.
      ctx.fillStyle = theme.net;
      ctx.beginPath();
      ctx.moveTo(x0 - 3, pl.y);
      ctx.lineTo(x0 + 3, pl.y);
      ctx.lineTo(x0, pl.y + 5);
      ctx.closePath();
      ctx.fill();
    } else {
      ctx.fillStyle = k === 1 ? theme.syscallBlocked : theme.syscall;
      ctx.fillRect(x0, pl.y + pl.height - 3, x1 - x0, 3);
    }
  }
}

/** The P lane under y, and the running span at time t on it (within tolPx pixels), or -1. */
export function hitSpan(prep: Prepared, view: View, px: number, py: number, tolPx = 3): number {
  const lane = prep.lanes.find((l) => (l.kind === 'proc' || l.kind === 'goroutine') && py >= l.y && py < l.y + l.height);
  if (!lane || px < LABEL_W) return -1;
  const nsPerPx = Math.max(1, view.end - view.start) / Math.max(1, view.width - LABEL_W);
  const t = view.start + (px - LABEL_W) * nsPerPx;
  const tol = tolPx * nsPerPx;
  if (lane.kind === 'goroutine') {
    const idx = view.goroutineSpans ?? new Int32Array(0);
    let best = -1;
    let bestD = Infinity;
    for (const i of idx) {
      const s0 = prep.data.run.start[i];
      const e0 = prep.data.run.end[i];
      const d = t < s0 ? s0 - t : t > e0 ? t - e0 : 0;
      if (d <= tol && d < bestD) { bestD = d; best = i; }
    }
    return best;
  }
  const l = lane.laneIndex!;
  const { start, end } = prep.data.run;
  const hi = prep.laneTo[l];
  let i = lowerBound(end, t - tol, prep.laneFrom[l], hi);
  let best = -1;
  let bestD = Infinity;
  for (; i < hi && start[i] <= t + tol; i++) {
    const d = t < start[i] ? start[i] - t : t > end[i] ? t - end[i] : 0;
    if (d < bestD) { bestD = d; best = i; }
  }
  return best;
}

/** Per-P summary for the DOM beside the canvas: spans, distinct goroutines, busy fraction. */
export function laneSummaries(prep: Prepared): { proc: number; spans: number; goroutines: number; busy: number }[] {
  const { start, end, g } = prep.data.run;
  return prep.data.procs.map((proc, l) => {
    const gs = new Set<number>();
    let busy = 0;
    for (let i = prep.laneFrom[l]; i < prep.laneTo[l]; i++) {
      gs.add(g[i]);
      busy += end[i] - start[i];
    }
    return { proc, spans: prep.laneTo[l] - prep.laneFrom[l], goroutines: gs.size, busy: prep.data.durationNs > 0 ? busy / prep.data.durationNs : 0 };
  });
}
