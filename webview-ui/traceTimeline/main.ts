// Execution trace editor: the timeline (canvas: ruler, GC/STW/assist, heap, one lane per
// P; wheel / drag / W A S D to zoom and pan; click a span for its goroutine, state, duration and
// stacks), the goroutine analysis tab with buttons to open the trace-derived profiles, the user
// tasks / regions / logs tab and the minimum mutator utilisation curve.
import type { HostToTraceTimeline, TraceMMUView, TraceProfileKind, TraceSpanDetails, TraceTimelineData, TraceTimelineState, TraceTimelineToHost } from '../../src/protocol/messages';
import { annotationsTable } from './annotationsTable';
import { drawMMU, mmuAt } from './mmuChart';
import { clear, h } from '../shared/element';
import { panelApi } from '../shared/vscodeApi';
import { goroutineTable } from './goroutineTable';
import { counterText, draw, hitSpan, laneSummaries, LABEL_W, prepare, Prepared, spanName, spansOf, Theme, View } from './timelineRenderer';
import { formatNs, formatTime } from './timeScale';

const api = panelApi<TraceTimelineToHost, TraceTimelineState>();
const app = document.getElementById('app') as HTMLElement;

let prep: Prepared | undefined;
let view: View = { start: 0, end: 1, width: 800, selected: -1 };
let theme: Theme;
let canvas: HTMLCanvasElement | undefined;
let frameRequested = false;
let firstFrameMs = -1;
type Tab = 'timeline' | 'goroutines' | 'annotations' | 'mmu';
let tab: Tab = api.state().tab ?? 'timeline';
let goroutinesLoaded = false;
let annotationsLoaded = false;
let mmuLoaded = false;
let mmuData: TraceMMUView | undefined;
const t0 = performance.now();

const status = h('div', { className: 'status', attrs: { id: 'trace-status', role: 'status' } });
const tooltip = h('div', { className: 'tooltip', attrs: { role: 'tooltip' } });
tooltip.hidden = true;
const notice = h('div', { className: 'notice', attrs: { id: 'trace-notice', role: 'status' } });
const timelinePane = h('div', { className: 'pane timeline-pane' });
const goroutinePane = h('div', { className: 'pane goroutine-pane' }, h('p', { className: 'muted', text: 'Computing the goroutine analysis…' }));
const annotationsPane = h('div', { className: 'pane annotations-pane' }, h('p', { className: 'muted', text: 'Collecting user tasks, regions and logs…' }));
const mmuCanvas = h('canvas', { className: 'mmu-chart', attrs: { id: 'mmu-chart', 'aria-label': 'Minimum mutator utilisation by window length (log scale)' } });
const mmuReadout = h('div', { className: 'muted', attrs: { id: 'mmu-readout' }, text: 'Computing the minimum mutator utilisation…' });
const mmuPane = h('div', { className: 'pane mmu-pane' },
  h('p', { className: 'muted', text: 'Minimum mutator utilisation (as go tool trace): for each window length, the lowest share of the CPU left to '
    + 'the program over any window of that length, counting GC stop-the-world pauses, background mark workers and mark assists.' }),
  mmuCanvas, mmuReadout);
const details = h('div', { className: 'details', attrs: { id: 'span-details' } },
  h('p', { className: 'muted', text: 'Click a span to see its goroutine, state, duration and stack.' }));

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

function readTheme(): Theme {
  return {
    background: cssVar('--vscode-editor-background', '#1e1e1e'),
    foreground: cssVar('--vscode-foreground', '#cccccc'),
    muted: cssVar('--vscode-descriptionForeground', '#999999'),
    grid: cssVar('--vscode-editorWidget-border', '#80808040'),
    focus: cssVar('--vscode-focusBorder', '#007fd4'),
    palette: [
      cssVar('--vscode-charts-blue', '#3794ff'), cssVar('--vscode-charts-green', '#89d185'), cssVar('--vscode-charts-purple', '#b180d7'),
      cssVar('--vscode-charts-orange', '#d18616'), cssVar('--vscode-terminal-ansiCyan', '#11a8cd'), cssVar('--vscode-charts-yellow', '#cca700'),
    ],
    dense: cssVar('--vscode-descriptionForeground', '#888888'),
    gc: cssVar('--vscode-charts-orange', '#d18616'),
    stw: cssVar('--vscode-charts-red', '#f14c4c'),
    assist: cssVar('--vscode-charts-yellow', '#cca700'),
    heap: cssVar('--vscode-charts-blue', '#3794ff'),
    heapGoal: cssVar('--vscode-charts-red', '#f14c4c'),
    syscall: cssVar('--vscode-charts-yellow', '#cca700'),
    syscallBlocked: cssVar('--vscode-charts-red', '#f14c4c'),
    net: cssVar('--vscode-charts-purple', '#b180d7'),
    running: cssVar('--vscode-charts-green', '#89d185'),
    runnable: cssVar('--vscode-charts-blue', '#3794ff'),
    gcWaiting: cssVar('--vscode-charts-orange', '#d18616'),
  };
}

/** VS Code transfers typed arrays as they are; plain arrays / objects are accepted too (older hosts). */
function f64(x: unknown): Float64Array {
  if (x instanceof Float64Array) return x;
  if (ArrayBuffer.isView(x)) return Float64Array.from(x as unknown as ArrayLike<number>);
  if (Array.isArray(x)) return Float64Array.from(x);
  return Float64Array.from(Object.values((x ?? {}) as Record<string, number>));
}
function i32(x: unknown): Int32Array { return x instanceof Int32Array ? x : Int32Array.from(f64(x)); }
function u8(x: unknown): Uint8Array { return x instanceof Uint8Array ? x : Uint8Array.from(f64(x)); }

function normalise(d: TraceTimelineData): TraceTimelineData {
  const se = (s: { start: unknown; end: unknown }) => ({ start: f64(s.start), end: f64(s.end) });
  const c = (s: { time: unknown; value: unknown }) => ({ time: f64(s.time), value: f64(s.value) });
  const cols = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f64(v)])) as T;
  const k = d.counters;
  return {
    ...d,
    run: { lane: i32(d.run.lane), g: f64(d.run.g), start: f64(d.run.start), end: f64(d.run.end), endReason: u8(d.run.endReason), label: i32(d.run.label) },
    names: { g: f64(d.names.g), name: d.names.name },
    counters: { goroutines: cols(k.goroutines), heap: cols(k.heap), threads: cols(k.threads), syscalls: cols(k.syscalls) },
    gc: se(d.gc), stw: se(d.stw), assist: se(d.assist), heapAlloc: c(d.heapAlloc), heapGoal: c(d.heapGoal),
    markers: { lane: i32(d.markers.lane), time: f64(d.markers.time), end: f64(d.markers.end), kind: u8(d.markers.kind) },
  };
}

function requestFrame(): void {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(() => {
    frameRequested = false;
    render();
  });
}

function render(): void {
  if (!prep || !canvas) return;
  const dpr = window.devicePixelRatio || 1;
  const width = Math.max(200, canvas.parentElement!.clientWidth);
  view.width = width;
  const w = Math.round(width * dpr);
  const hgt = Math.round(prep.height * dpr);
  if (canvas.width !== w || canvas.height !== hgt) {
    canvas.width = w;
    canvas.height = hgt;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${prep.height}px`;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const stats = draw(ctx as never, prep, view, theme);
  if (firstFrameMs < 0) firstFrameMs = performance.now() - t0;
  canvas.dataset.spansDrawn = String(stats.spansDrawn);
  canvas.dataset.mergedRuns = String(stats.mergedRuns);
  canvas.dataset.frameMs = stats.millis.toFixed(1);
  canvas.dataset.firstFrameMs = firstFrameMs.toFixed(1);
  canvas.dataset.viewStart = String(view.start);
  canvas.dataset.viewEnd = String(view.end);
  canvas.dataset.selectedG = view.selected >= 0 ? String(prep.data.run.g[view.selected]) : '';
  canvas.dataset.selectedGSpans = String(view.goroutineSpans?.length ?? 0);
  status.textContent = `${formatTime(view.start, (view.end - view.start) / 100)} – ${formatTime(view.end, (view.end - view.start) / 100)} (${formatNs(view.end - view.start)} shown) · ` +
    `${stats.spansDrawn.toLocaleString('en-US')} spans + ${stats.mergedRuns.toLocaleString('en-US')} merged runs drawn in ${stats.millis.toFixed(1)} ms`;
  api.saveState({ viewStart: view.start, viewEnd: view.end });
}

function setView(start: number, end: number): void {
  if (!prep) return;
  const dur = Math.max(1, prep.data.durationNs);
  let w = Math.min(dur, Math.max(100, end - start));
  start = Math.max(0, Math.min(start, dur - w));
  if (!Number.isFinite(start)) start = 0;
  w = Math.min(w, dur - start);
  view = { ...view, start, end: start + w };
  requestFrame();
}

function zoom(factor: number, atPx: number): void {
  const nsPerPx = (view.end - view.start) / Math.max(1, view.width - LABEL_W);
  const t = view.start + Math.max(0, atPx - LABEL_W) * nsPerPx;
  setView(t - (t - view.start) * factor, t + (view.end - t) * factor);
}

function pan(px: number): void {
  const nsPerPx = (view.end - view.start) / Math.max(1, view.width - LABEL_W);
  setView(view.start + px * nsPerPx, view.end + px * nsPerPx);
}

function frameButton(f: { func: string; file: string; line: number }): HTMLElement {
  const loc = f.file ? `${f.file}:${f.line}` : '';
  const b = h('button', { className: 'frame', title: loc ? `Open ${loc}` : f.func, attrs: { type: 'button' } },
    h('span', { className: 'func', text: f.func || '?' }), loc ? h('span', { className: 'loc', text: ` ${loc}` }) : null);
  b.disabled = !f.file;
  b.addEventListener('click', () => api.post({ type: 'openSource', file: f.file, line: f.line }));
  return b;
}

function showDetails(d: TraceSpanDetails): void {
  clear(details);
  const res = Math.max(1, Math.min(1000, (d.end - d.start) / 10));
  const parts: (HTMLElement | null)[] = [
    h('div', { className: 'details-head' },
      h('strong', { text: `G${d.g}` }), d.name ? h('span', { className: 'func', text: ` ${d.name}` }) : null),
    h('dl', {},
      h('dt', { text: 'Processor' }), h('dd', { text: d.proc >= 0 ? `P${d.proc}` : '—' }),
      h('dt', { text: 'Running' }), h('dd', { text: `${formatTime(d.start, res)} → ${formatTime(d.end, res)}` }),
      h('dt', { text: 'Duration' }), h('dd', { text: formatNs(d.end - d.start) }),
      h('dt', { text: 'Then' }), h('dd', { text: d.state })),
    d.endStack.length ? h('div', { className: 'stack' }, h('div', { className: 'muted', text: 'Stack where it stopped' }), ...d.endStack.map(frameButton)) : null,
    d.startStack.length ? h('div', { className: 'stack' }, h('div', { className: 'muted', text: 'Stack where it started' }), ...d.startStack.map(frameButton)) : null,
  ];
  if (d.wokenBy) {
    parts.push(h('div', { className: 'links' }, h('span', { className: 'muted', text: 'Woken by ' }),
      goroutineLink(d.wokenBy.g, d.wokenBy.time, 'unblocked this goroutine'), h('span', { className: 'muted', text: ` at ${formatTime(d.wokenBy.time, 1000)}` })));
  }
  if (d.wakes.length > 0) {
    parts.push(h('div', { className: 'links' }, h('span', { className: 'muted', text: 'While running it ' }),
      ...d.wakes.flatMap((w, k) => [k > 0 ? ', ' : '', w.kind === 'create' ? 'created ' : 'unblocked ', goroutineLink(w.g, w.time, w.kind === 'create' ? 'was created' : 'was unblocked')])));
  }
  for (const p of parts) if (p) details.append(p);
  const zoomButton = h('button', { className: 'zoom-span', attrs: { type: 'button' }, title: 'Zoom to this span (Z)' }, 'Zoom to span');
  zoomButton.addEventListener('click', zoomToSelected);
  details.querySelector('.details-head')?.append(' ', zoomButton);
}

function buildTimeline(data: TraceTimelineData): void {
  prep = prepare(data);
  theme = readTheme();
  const st = api.state();
  const dur = Math.max(1, data.durationNs);
  view = { start: 0, end: dur, width: 800, selected: -1 };
  if (st.viewStart !== undefined && st.viewEnd !== undefined && st.viewEnd <= dur && st.viewEnd > st.viewStart) {
    view.start = st.viewStart;
    view.end = st.viewEnd;
  }
  canvas = h('canvas', { className: 'timeline', attrs: { tabindex: '0', 'aria-label': `Timeline: ${data.procs.length} P lanes; W/S zoom, A/D pan, Z zoom to the selected span, 0 whole trace` } });
  // Where each counter lane is (CSS px, for tests and tools): "Goroutines:y,Heap:y,Threads:y".
  canvas.dataset.counterLanes = prep.lanes.filter((l) => l.kind === 'goroutines' || l.kind === 'heap' || l.kind === 'threads')
    .map((l) => `${l.label}:${l.y + l.height / 2}`).join(',');
  const sums = laneSummaries(prep);
  const summary = h('ul', { className: 'lane-summary', attrs: { id: 'lane-summary' } },
    ...sums.map((s, i) => h('li', { attrs: { 'data-proc': String(s.proc), 'data-spans': String(s.spans), 'data-goroutines': String(s.goroutines),
      'data-lane-y': String(laneY(i)) },
      text: `P${s.proc}: ${s.spans.toLocaleString('en-US')} span${s.spans === 1 ? '' : 's'}, ${s.goroutines} goroutine${s.goroutines === 1 ? '' : 's'}, busy ${(100 * s.busy).toFixed(1)}%` })));
  const legend = h('div', { className: 'legend muted', text: 'GC · STW · Goroutines: running (green), runnable (blue), waiting in a GC assist (orange) · '
    + 'Heap: in use (fill) and GC goal (line) · Threads: Ps running Go code (green), goroutines in a syscall (yellow line) — as go tool trace\'s counters; hover for values · '
    + 'P lanes: goroutines running, named as go tool trace names them (grey: merged below a pixel); '
    + 'yellow/red bars: syscalls (red: blocked, P handed off); purple marks: network waits. '
    + 'Wheel or W/S: zoom · drag or A/D: pan · click: details · Z or double-click: zoom to span · 0: whole trace.' });
  clear(timelinePane);
  timelinePane.append(h('div', { className: 'canvas-box' }, canvas, tooltip), status, legend,
    h('div', { className: 'below' }, details, h('div', { className: 'summary-box' }, h('div', { className: 'muted', text: 'P lanes' }), summary)));
  attachInput(canvas);
  new ResizeObserver(() => requestFrame()).observe(timelinePane);
  requestFrame();
}

/** The canvas y (CSS px) of the middle of P lane i (for tests and tools). */
function laneY(i: number): number {
  const l = prep?.lanes.find((x) => x.kind === 'proc' && x.laneIndex === i);
  return l ? l.y + l.height / 2 : -1;
}

function attachInput(c: HTMLCanvasElement): void {
  c.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = c.getBoundingClientRect();
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) pan(e.shiftKey ? e.deltaY : e.deltaX);
    else zoom(Math.exp(e.deltaY * 0.002), e.clientX - r.left);
  }, { passive: false });
  let drag: { x: number; moved: boolean } | undefined;
  c.addEventListener('dblclick', () => zoomToSelected());
  c.addEventListener('mousemove', (e) => {
    if (!prep || drag) return;
    const r = c.getBoundingClientRect();
    const px = e.clientX - r.left;
    const py = e.clientY - r.top;
    const i = hitSpan(prep, view, px, py, 0);
    // Over a counter lane: its values at the time under the pointer.
    const lane = prep.lanes.find((l) => py >= l.y && py < l.y + l.height);
    const t = view.start + (px - LABEL_W) * ((view.end - view.start) / Math.max(1, view.width - LABEL_W));
    const counter = i < 0 && lane && px >= LABEL_W ? counterText(prep, lane.kind, t) : '';
    c.dataset.hoverTime = String(Math.round(t));
    c.dataset.hoverLane = lane?.kind ?? '';
    if (i < 0 && !counter) {
      tooltip.hidden = true;
      return;
    }
    const d = prep.data.run;
    tooltip.textContent = i >= 0 ? `${spanName(prep, i)} · ${formatNs(d.end[i] - d.start[i])} · P${prep.data.procs[d.lane[i]]}` : `${formatTime(t, 1000)} · ${counter}`;
    tooltip.style.top = `${e.clientY - r.top + 12}px`;
    tooltip.hidden = false;
    // Kept inside the canvas: left of the pointer when it would run past the right edge.
    const w = tooltip.offsetWidth;
    tooltip.style.left = `${px + 12 + w > r.width ? Math.max(0, px - 12 - w) : px + 12}px`;
  });
  c.addEventListener('mouseleave', () => { tooltip.hidden = true; });
  c.addEventListener('mousedown', (e) => {
    drag = { x: e.clientX, moved: false };
    c.focus();
  });
  window.addEventListener('mousemove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    if (Math.abs(dx) >= 3 || drag.moved) {
      drag.moved = true;
      pan(-dx);
      drag.x = e.clientX;
    }
  });
  window.addEventListener('mouseup', (e) => {
    if (!drag) return;
    const d = drag;
    drag = undefined;
    if (d.moved || !prep) return;
    const r = c.getBoundingClientRect();
    select(hitSpan(prep, view, e.clientX - r.left, e.clientY - r.top));
  });
  window.addEventListener('keydown', (e) => {
    if (tab !== 'timeline' || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT')) return;
    const mid = LABEL_W + (view.width - LABEL_W) / 2;
    switch (e.key.toLowerCase()) {
      case 'w': zoom(0.8, mid); break;
      case 's': zoom(1.25, mid); break;
      case 'a': pan(-(view.width - LABEL_W) * 0.15); break;
      case 'd': pan((view.width - LABEL_W) * 0.15); break;
      case '0': if (prep) setView(0, prep.data.durationNs); break;
      case 'z': zoomToSelected(); break;
      default: return;
    }
    e.preventDefault();
  });
}

/** Selects run span i (-1: none) and its goroutine's own lane. */
function select(i: number): void {
  if (!prep) return;
  const sameG = i >= 0 && view.selected >= 0 && prep.data.run.g[i] === prep.data.run.g[view.selected];
  view.selected = i;
  if (!sameG) view.goroutineSpans = i >= 0 ? spansOf(prep.data, prep.data.run.g[i]) : undefined;
  requestFrame();
  if (i >= 0) api.post({ type: 'spanDetails', index: i });
}

/** A link to goroutine g's first span at or after time t (where a wake-up or creation leads). */
function goroutineLink(g: number, t: number, what: string): HTMLElement {
  const b = h('button', { className: 'goroutine-link', text: `G${g}`, title: `Show G${g}'s run when it ${what}`, attrs: { type: 'button', 'data-g': String(g) } });
  b.addEventListener('click', () => {
    if (!prep) return;
    const { g: gs, start, lane } = prep.data.run;
    const end = prep.data.run.end;
    // The run during which it happened (woken by), else the next one (it was unblocked / created).
    let best = -1;
    for (let i = 0; i < gs.length; i++) {
      if (gs[i] !== g || lane[i] < 0) continue;
      if (start[i] <= t && t <= end[i]) { best = i; break; }
      if (start[i] >= t && (best < 0 || start[i] < start[best])) best = i;
    }
    if (best < 0) {
      notice.textContent = `G${g} does not run on a P after ${formatTime(t, 1000)}.`;
      return;
    }
    notice.textContent = '';
    select(best);
    zoomToSelected();
  });
  return b;
}

/** Shows the selected span with a margin of half its length on each side. */
function zoomToSelected(): void {
  if (!prep || view.selected < 0) return;
  const s = prep.data.run.start[view.selected];
  const e = prep.data.run.end[view.selected];
  const pad = Math.max((e - s) / 2, 500);
  setView(s - pad, e + pad);
}

/** From the goroutine table: select the goroutine's first span on a P, zoom to it, show its details. */
function showGoroutine(g: number): void {
  if (!prep) return;
  const { lane, g: gs, start } = prep.data.run;
  let first = -1;
  for (let i = 0; i < gs.length; i++) if (gs[i] === g && lane[i] >= 0 && (first < 0 || start[i] < start[first])) first = i;
  showTab('timeline');
  if (first < 0) {
    notice.textContent = `G${g} never ran on a P in this trace.`;
    return;
  }
  notice.textContent = '';
  select(first);
  zoomToSelected();
}

/** From the Tasks & Regions tab: select g's span in [start, end] (else its nearest) and show that range. */
function showRange(g: number, start: number, end: number): void {
  if (!prep) return;
  const { lane, g: gs, start: ss, end: es } = prep.data.run;
  let best = -1;
  let bestDist = Infinity;
  for (let i = 0; i < gs.length; i++) {
    if (gs[i] !== g || lane[i] < 0) continue;
    const dist = es[i] < start ? start - es[i] : ss[i] > end ? ss[i] - end : 0;
    if (dist < bestDist) { best = i; bestDist = dist; }
  }
  showTab('timeline');
  notice.textContent = best < 0 ? `G${g} never ran on a P in this trace.` : '';
  if (best >= 0) select(best);
  const pad = Math.max((end - start) / 10, 500);
  setView(start - pad, end + pad);
}

function mmuTheme() {
  return { background: theme.background, foreground: theme.foreground, muted: theme.muted, grid: theme.grid, line: theme.palette[0] };
}

function renderMMU(): void {
  if (!mmuData || mmuPane.hidden) return;
  const width = Math.max(320, Math.min(1000, mmuPane.clientWidth - 24));
  const points = drawMMU(mmuCanvas, mmuData, mmuTheme(), width, 360);
  mmuCanvas.dataset.points = String(points);
  mmuCanvas.dataset.width = String(width);
}

mmuCanvas.addEventListener('mousemove', (e) => {
  if (!mmuData) return;
  const r = mmuCanvas.getBoundingClientRect();
  const p = mmuAt(mmuData, r.width, e.clientX - r.left);
  if (p) mmuReadout.textContent = `Window ${formatNs(p.window)}: MMU ${(100 * p.mmu).toFixed(1)}%`;
});

function profileButton(kind: TraceProfileKind, label: string): HTMLElement {
  const b = h('button', { className: 'profile-button', title: `Open the ${label.toLowerCase()} profile of this trace (go tool trace -pprof=${kind})`, attrs: { type: 'button', 'data-kind': kind } }, label);
  b.addEventListener('click', () => api.post({ type: 'openProfile', kind }));
  return b;
}

function showTab(next: Tab): void {
  tab = next;
  api.saveState({ tab });
  timelinePane.hidden = tab !== 'timeline';
  goroutinePane.hidden = tab !== 'goroutines';
  annotationsPane.hidden = tab !== 'annotations';
  mmuPane.hidden = tab !== 'mmu';
  for (const b of Array.from(app.querySelectorAll<HTMLElement>('.tab'))) b.setAttribute('aria-selected', String(b.dataset.tab === tab));
  if (tab === 'goroutines' && !goroutinesLoaded) {
    goroutinesLoaded = true;
    api.post({ type: 'goroutines' });
  }
  if (tab === 'annotations' && !annotationsLoaded) {
    annotationsLoaded = true;
    api.post({ type: 'annotations' });
  }
  if (tab === 'mmu' && !mmuLoaded) {
    mmuLoaded = true;
    api.post({ type: 'mmu' });
  }
  if (tab === 'mmu') renderMMU();
  if (tab === 'timeline') requestFrame();
}

function shell(data: TraceTimelineData): void {
  clear(app);
  const tabButton = (id: Tab, label: string) => {
    const b = h('button', { className: 'tab', attrs: { type: 'button', role: 'tab', 'data-tab': id } }, label);
    b.addEventListener('click', () => showTab(id));
    return b;
  };
  app.append(
    h('div', { className: 'toolbar' },
      h('span', { className: 'title', text: data.fileName }),
      h('span', { className: 'muted', attrs: { id: 'trace-summary' },
        text: `${data.format} · ${formatNs(data.durationNs)} · ${data.eventCount.toLocaleString('en-US')} events · ${data.procs.length} Ps · `
          + `${data.goroutineCount} goroutines ran on a P · ${data.goroutinesExisted} existed`,
        title: `${data.goroutineCount} goroutines ran on a P during the trace (those drawn in the P lanes); ${data.goroutinesExisted} goroutines existed during it `
          + `(the Goroutines tab lists them all), ${data.goroutinesBeforeTrace} of which were already there when tracing began.` }),
      h('span', { className: 'tabs', attrs: { role: 'tablist' } }, tabButton('timeline', 'Timeline'), tabButton('goroutines', 'Goroutines'),
        tabButton('annotations', 'Tasks & Regions'), tabButton('mmu', 'MMU')),
      h('span', { className: 'profiles' }, h('span', { className: 'muted', text: 'Profiles:' }),
        profileButton('net', 'Network'), profileButton('sync', 'Sync'), profileButton('syscall', 'Syscall'), profileButton('sched', 'Scheduler'))),
    notice, timelinePane, goroutinePane, annotationsPane, mmuPane);
  new ResizeObserver(() => renderMMU()).observe(mmuPane);
  buildTimeline(data);
  showTab(tab);
}

window.addEventListener('message', (ev: MessageEvent<HostToTraceTimeline>) => {
  const m = ev.data;
  switch (m.type) {
    case 'loading':
      clear(app);
      app.append(h('p', { className: 'muted', text: `Reading ${m.fileName}…` }));
      break;
    case 'timeline':
      shell(normalise(m.data));
      break;
    case 'error':
      clear(app);
      app.append(h('div', { className: 'error', attrs: { role: 'alert' } }, h('strong', { text: `Cannot show ${m.fileName}: ` }), m.message));
      break;
    case 'spanDetails':
      showDetails(m.details);
      break;
    case 'goroutines':
      clear(goroutinePane);
      goroutinePane.append(goroutineTable(m.groups, m.durationNs, showGoroutine, prep?.data.goroutineCount));
      break;
    case 'annotations':
      clear(annotationsPane);
      annotationsPane.append(annotationsTable(m.data, showRange));
      break;
    case 'mmu':
      mmuData = m.data;
      mmuReadout.textContent = m.data.window.length ? 'Hover the curve for a window\'s MMU.' : 'The trace is too short for an MMU curve.';
      renderMMU();
      break;
    case 'status':
      notice.textContent = m.message;
      break;
  }
});

// Colour theme changes re-read the palette.
new MutationObserver(() => { if (prep) { theme = readTheme(); requestFrame(); renderMMU(); } }).observe(document.body, { attributes: true, attributeFilter: ['class'] });

app.append(h('p', { className: 'muted', text: 'Reading the trace…' }));
api.post({ type: 'ready' });
