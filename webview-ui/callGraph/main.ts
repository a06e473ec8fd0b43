// Call graph webview: lays out the host's `-dot` text with Graphviz compiled to WebAssembly (bundled,
// no network; the page's CSP allows 'wasm-unsafe-eval' for it) and shows the SVG with pan (drag) and
// zoom (wheel, +/-, 0 to fit); clicking a node opens its source, Alt+click its flame graph.
// Graphviz escapes every label in its XML output; the SVG is parsed as XML (never as HTML), and
// anything active (scripts, foreign objects, links, event attributes) is removed before showing it.
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import type { CallGraphNode, CallGraphToHost, HostToCallGraph } from '../../src/protocol/messages';
import { clear, h } from '../shared/element';
import { panelApi } from '../shared/vscodeApi';

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
  fitView();
  for (const g of Array.from(imported.querySelectorAll('g.node'))) {
    const n = nodes.get(g.id);
    if (!n) continue;
    g.classList.add('cg-node');
    g.setAttribute('data-name', n.name);
  }
  const filtered = m.options.focus || m.options.ignore || m.options.hide || m.options.show;
  status.textContent = m.nodes.length > 0
    ? `${m.nodes.length} nodes · laid out in ${Math.round(performance.now() - t0)} ms · click a node for its source, Alt+click for its flame graph`
    // Only pprof's legend box: say why rather than "0 nodes · click a node".
    : `No nodes: ${filtered ? 'no function is left after the filters' : `no function has ${m.sampleTypes[m.options.sampleIndex]?.type ?? 'samples'} in this profile`} (see the legend).`;
  document.body.dataset.callGraphReady = 'true';
}

// ---- pan and zoom ----
function zoomAt(factor: number, cx: number, cy: number): void {
  const r = viewport.getBoundingClientRect();
  // Point under the cursor, in graph units, stays put.
  const scale = Math.max(box.w / r.width, box.h / r.height);
  const gx = box.x + (cx - r.left - (r.width - box.w / scale) / 2) * scale;
  const gy = box.y + (cy - r.top - (r.height - box.h / scale) / 2) * scale;
  const w = Math.min(full.w * 4, Math.max(full.w / 200, box.w * factor));
  const hgt = (box.h * w) / box.w;
  setBox({ x: gx - ((gx - box.x) * w) / box.w, y: gy - ((gy - box.y) * hgt) / box.h, w, h: hgt });
}

viewport.addEventListener('wheel', (e) => {
  e.preventDefault();
  zoomAt(e.deltaY > 0 ? 1.15 : 1 / 1.15, e.clientX, e.clientY);
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
  if (e.key === '+' || e.key === '=') zoomAt(1 / 1.25, cx, cy);
  else if (e.key === '-') zoomAt(1.25, cx, cy);
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
    viewport.appendChild(h('div', { className: 'message error', attrs: { role: 'alert', id: 'error' } }, h('h2', { text: 'Graphviz failed' }), h('pre', { className: 'detail', text: e instanceof Error ? e.message : String(e) })));
  });
});

api.post({ type: 'ready' });
