// Call graph webview: lays out the host's `-dot` text with Graphviz compiled to WebAssembly (bundled,
// no network; the page's CSP allows 'wasm-unsafe-eval' for it) and shows the SVG with pan (drag) and
// zoom (wheel, +/-, 0 to fit); clicking a node opens its source, Alt+click its flame graph.
// Graphviz escapes every label in its XML output; the SVG is parsed as XML (never as HTML), and
// anything active (scripts, foreign objects, links, event attributes) is removed before showing it.
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import type { CallGraphNode, CallGraphToHost, HostToCallGraph } from '../../src/protocol/messages';
import { clear, h } from '../shared/element';
import { panelApi } from '../shared/vscodeApi';
import { errorMessage } from '../../src/core/text/errorMessage';

interface CallGraphState {
  uri?: string;
}

const api = panelApi<CallGraphToHost, CallGraphState>();
const app = document.getElementById('app') as HTMLElement;
const title = h('span', { className: 'cg-title', attrs: { id: 'cg-title' } });
const nodeCount = h('select', { attrs: { id: 'cg-nodecount', 'aria-label': 'Node limit' } });
for (const n of [20, 40, 80, 160, 320]) nodeCount.appendChild(h('option', { text: `${n} nodes`, attrs: { value: String(n) } }));
nodeCount.addEventListener('change', () => api.post({ type: 'setOptions', options: { nodeCount: Number(nodeCount.value) } }));
const fit = h('button', { text: 'Fit', attrs: { type: 'button', id: 'cg-fit' } });
const status = h('span', { className: 'cg-status', attrs: { id: 'cg-status', role: 'status' } });
const viewport = h('div', { className: 'cg-viewport', attrs: { id: 'cg-viewport', tabindex: '0', 'aria-label': 'Call graph' } });
app.append(h('div', { className: 'cg-toolbar', attrs: { role: 'toolbar' } }, title, nodeCount, fit, status), viewport);

let graphviz: Promise<Graphviz> | undefined;
let svg: SVGSVGElement | undefined;
let box = { x: 0, y: 0, w: 1, h: 1 };
let full = { x: 0, y: 0, w: 1, h: 1 };
let nodes = new Map<string, CallGraphNode>();

function setBox(b: typeof box): void {
  box = b;
  svg?.setAttribute('viewBox', `${b.x} ${b.y} ${b.w} ${b.h}`);
}

function fitView(): void {
  setBox({ ...full });
}
fit.addEventListener('click', fitView);

/** CSS pixels per graph unit at the first view: pprof's smallest labels (8pt) read at ~10px. */
const READABLE_SCALE = 1.25;

/** Graph units of a point of the page (the inverse of the viewBox mapping, preserveAspectRatio meet). */
function toGraph(cx: number, cy: number): { x: number; y: number } {
  const r = viewport.getBoundingClientRect();
  const scale = Math.max(box.w / r.width, box.h / r.height);
  return { x: box.x + (cx - r.left - (r.width - box.w / scale) / 2) * scale, y: box.y + (cy - r.top - (r.height - box.h / scale) / 2) * scale };
}

/**
 * The hottest node: pprof sizes a node's label by its flat value, so the largest font is the
 * function with the most flat.
 */
function hottestNode(root: SVGSVGElement): SVGGElement | undefined {
  let best: SVGGElement | undefined;
  let size = -1;
  for (const g of Array.from(root.querySelectorAll<SVGGElement>('g.node'))) {
    if (!nodes.has(g.id)) continue;
    for (const t of Array.from(g.querySelectorAll('text'))) {
      const f = Number(t.getAttribute('font-size'));
      if (f > size) {
        size = f;
        best = g;
      }
    }
  }
  return best;
}

/**
 * The first view: the whole graph when it fits at a readable size, else a readable zoom
 * centred on the hottest node ("Fit" and 0 still show everything).
 */
function initialView(root: SVGSVGElement): void {
  fitView();
  const r = viewport.getBoundingClientRect();
  if (r.width <= 0 || r.height <= 0 || Math.min(r.width / full.w, r.height / full.h) >= READABLE_SCALE) return;
  const hot = hottestNode(root)?.getBoundingClientRect();
  const c = hot ? toGraph(hot.left + hot.width / 2, hot.top + hot.height / 2) : { x: full.x + full.w / 2, y: full.y };
  const w = r.width / READABLE_SCALE;
  const hgt = r.height / READABLE_SCALE;
  setBox({ x: c.x - w / 2, y: c.y - hgt / 2, w, h: hgt });
}

/** Removes what could act (scripts, links, handlers) from Graphviz's SVG. */
function sanitize(root: Element): void {
  for (const el of Array.from(root.querySelectorAll('script, foreignObject, iframe, object, embed, image'))) el.remove();
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name) || /href$/i.test(a.name)) el.removeAttribute(a.name);
    }
  }
}

async function show(m: Extract<HostToCallGraph, { type: 'graph' }>): Promise<void> {
  api.saveState({ uri: m.uri });
  title.textContent = `${m.fileName} · ${m.sampleTypes[m.options.sampleIndex]?.type ?? ''}`;
  nodeCount.value = String(m.options.nodeCount);
  nodes = new Map(m.nodes.map((n) => [n.id, n]));
  status.textContent = 'Laying out…';
  const t0 = performance.now();
  graphviz ??= Graphviz.load();
  const text = (await graphviz).dot(m.dot, 'svg');
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const el = doc.documentElement;
  if (el.nodeName !== 'svg') throw new Error('Graphviz returned no SVG');
  sanitize(el);
  const imported = document.importNode(el, true) as unknown as SVGSVGElement;
  imported.removeAttribute('width');
  imported.removeAttribute('height');
  imported.setAttribute('id', 'cg-svg');
  imported.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  const vb = imported.viewBox.baseVal;
  full = { x: vb.x, y: vb.y, w: vb.width || 1, h: vb.height || 1 };
  clear(viewport);
  viewport.appendChild(imported);
  svg = imported;
  for (const g of Array.from(imported.querySelectorAll('g.node'))) {
    const n = nodes.get(g.id);
    if (!n) continue;
    g.classList.add('cg-node');
    g.setAttribute('data-name', n.name);
  }
  initialView(imported);
  const filtered = m.options.focus || m.options.ignore || m.options.hide || m.options.show;
  status.textContent = m.nodes.length > 0
    ? `${m.nodes.length} nodes · laid out in ${Math.round(performance.now() - t0)} ms · click a node for its source, Alt+click for its flame graph`
    // Only pprof's legend box: say why rather than "0 nodes · click a node".
    : `No nodes: ${filtered ? 'no function is left after the filters' : `no function has ${m.sampleTypes[m.options.sampleIndex]?.type ?? 'samples'} in this profile`} (see the legend).`;
  document.body.dataset.callGraphReady = 'true';
}

// ---- pan and zoom ----
function zoomAt(factor: number, cx: number, cy: number): void {
  // Point under the cursor, in graph units, stays put.
  const { x: gx, y: gy } = toGraph(cx, cy);
  const w = Math.min(full.w * 4, Math.max(full.w / 200, box.w * factor));
  const hgt = (box.h * w) / box.w;
  setBox({ x: gx - ((gx - box.x) * w) / box.w, y: gy - ((gy - box.y) * hgt) / box.h, w, h: hgt });
}

viewport.addEventListener('wheel', (e) => {
  e.preventDefault();
  // One wheel notch (deltaY 100 px, or 3 lines) zooms 1.5×; a trackpad's small deltas zoom smoothly.
  const px = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaMode === 2 ? e.deltaY * 400 : e.deltaY;
  zoomAt(Math.pow(1.5, Math.max(-2, Math.min(2, px / 100))), e.clientX, e.clientY);
}, { passive: false });

let drag: { x: number; y: number; box: typeof box; moved: boolean } | undefined;
viewport.addEventListener('mousedown', (e) => {
  if (e.button !== 0) return;
  drag = { x: e.clientX, y: e.clientY, box: { ...box }, moved: false };
});
window.addEventListener('mousemove', (e) => {
  if (!drag) return;
  const r = viewport.getBoundingClientRect();
  const scale = Math.max(box.w / r.width, box.h / r.height);
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
  setBox({ ...drag.box, x: drag.box.x - dx * scale, y: drag.box.y - dy * scale });
});
window.addEventListener('mouseup', () => {
  setTimeout(() => (drag = undefined), 0);
});
viewport.addEventListener('click', (e) => {
  if (drag?.moved) return;
  const g = (e.target as Element).closest('g.node');
  if (!g) return;
  const n = nodes.get(g.id);
  if (!n) return;
  if (e.altKey) api.post({ type: 'showFlameGraph', name: n.name });
  else api.post({ type: 'openSource', id: n.id });
});
viewport.addEventListener('keydown', (e) => {
  const r = viewport.getBoundingClientRect();
  const cx = r.left + r.width / 2;
  const cy = r.top + r.height / 2;
  const step = box.w * 0.1;
  if (e.key === '+' || e.key === '=') zoomAt(1 / 1.5, cx, cy);
  else if (e.key === '-') zoomAt(1.5, cx, cy);
  else if (e.key === '0') fitView();
  else if (e.key === 'ArrowLeft') setBox({ ...box, x: box.x - step });
  else if (e.key === 'ArrowRight') setBox({ ...box, x: box.x + step });
  else if (e.key === 'ArrowUp') setBox({ ...box, y: box.y - step });
  else if (e.key === 'ArrowDown') setBox({ ...box, y: box.y + step });
  else return;
  e.preventDefault();
});

window.addEventListener('message', (event: MessageEvent<HostToCallGraph>) => {
  const m = event.data;
  if (m.type === 'error') {
    clear(viewport);
    viewport.appendChild(h('div', { className: 'message error', attrs: { role: 'alert', id: 'error' } }, h('h2', { text: `Cannot show the call graph of ${m.fileName}` }), h('pre', { className: 'detail', text: m.message })));
    return;
  }
  show(m).catch((e) => {
    clear(viewport);
    viewport.appendChild(h('div', { className: 'message error', attrs: { role: 'alert', id: 'error' } }, h('h2', { text: 'Graphviz failed' }), h('pre', { className: 'detail', text: errorMessage(e) })));
  });
});

api.post({ type: 'ready' });
