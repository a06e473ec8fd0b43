// Flame graph webview: draws the flame tree the host computed, and sends back what the user chose
// (view options shared with the other views of the profile, source to open, callers view).
// Every profile string reaches the page through textContent or canvas fillText only.
import { RE2JS } from 're2js';
import type { FlameGraphState, FlameGraphToHost, HostToFlameGraph, ProfileViewOptions } from '../../src/protocol/messages';
import { clear, h } from '../shared/element';
import { panelApi } from '../shared/vscodeApi';
import { FlameModel } from './flameModel';
import { FlameRenderer, type Hit, type ViewState } from './flameRenderer';
import { Toolbar } from './toolbar';
import { ContextMenu } from './contextMenu';
import { tooltipLines } from './tooltip';
import { CallTreeView } from './callTreeView';
import { errorMessage } from '../../src/core/text/errorMessage';

type Mode = 'flame' | 'tree' | 'bottomUp';

const api = panelApi<FlameGraphToHost, FlameGraphState>();
const app = document.getElementById('app') as HTMLElement;

// Icicle (top-down, the root on top) by default, as pprof's web flame graph draws it.
const view: ViewState = { zoom: 0, selected: -1, hovered: -1, icicle: api.state().icicle ?? true };
let model: FlameModel | undefined;
let searchText = api.state().search ?? '';
let searchSummary = '';
let current: Extract<HostToFlameGraph, { type: 'flame' }> | undefined;

const toolbar = new Toolbar({
  onSampleIndex: (sampleIndex) => api.post({ type: 'setOptions', options: { sampleIndex } }),
  onGranularity: (granularity) => api.post({ type: 'setOptions', options: { granularity } }),
  onClearFilter: (key) => api.post({ type: 'setOptions', options: { [key]: '' } }),
  onSearch: (text) => search(text),
  onIcicle: (icicle) => {
    view.icicle = icicle;
    api.saveState({ icicle });
    renderer.setView(view);
    renderer.scrollToRoot();
    renderer.draw();
  },
  onZoom: (node) => zoomTo(node),
  onBackFromCallers: () => api.post({ type: 'showCallers' }),
  onCallGraph: () => api.post({ type: 'showCallGraph' }),
  onMode: (m) => setMode(m),
});
let mode: Mode = api.state().mode ?? 'flame';
const main = h('div', { className: 'flame-main' });
const tooltip = h('div', { className: 'flame-tooltip', attrs: { id: 'flame-tooltip', role: 'tooltip' } });
tooltip.hidden = true;
const status = h('div', { className: 'flame-status', attrs: { id: 'flame-status', role: 'status', 'aria-live': 'polite' } });
/** Over the canvas when there is nothing to draw but the root: says why instead of a lone bar. */
const emptyNote = h('div', { className: 'flame-empty', attrs: { id: 'flame-empty', role: 'note' } });
emptyNote.hidden = true;
app.append(toolbar.element, main, status, tooltip);
const renderer = new FlameRenderer(main, view, () => hideTooltip());
const canvas = renderer.element;
const tree = new CallTreeView({
  onSelect: (node) => {
    view.selected = node;
    notifySelected(node);
    announce();
  },
  onOpen: (node) => openSource(node),
});

/** Flame graph or call tree; the bottom-up tree is computed by the host (inverted). */
function setMode(m: Mode): void {
  mode = m;
  api.saveState({ mode: m });
  toolbar.setMode(m);
  const wantInverted = m === 'bottomUp';
  if (current && !current.callersOf && (current.inverted ?? false) !== wantInverted) {
    api.post({ type: 'setInverted', inverted: wantInverted });
  }
  showMode();
}

function showMode(): void {
  const treeMode = mode !== 'flame';
  renderer.scroller.hidden = treeMode;
  tree.element.hidden = !treeMode;
  if (!treeMode) renderer.draw();
}
const menu = new ContextMenu(app);

function showMessage(kind: 'loading' | 'error', title: string, detail?: string): void {
  status.textContent = '';
  const box = h('div', { className: `message ${kind}`, attrs: { role: kind === 'error' ? 'alert' : 'status', id: kind } }, h('h2', { text: title }));
  if (detail) box.appendChild(h('pre', { className: 'detail', text: detail }));
  clear(main);
  main.appendChild(box);
}

function saveZoom(): void {
  if (model) api.saveState({ zoomPath: model.namePath(view.zoom) });
}

function zoomTo(node: number): void {
  if (!model) return;
  view.zoom = Math.max(0, Math.min(node, model.size - 1));
  if (view.selected < 0 || !(view.selected >= view.zoom && view.selected < model.end[view.zoom])) view.selected = view.zoom;
  saveZoom();
  toolbar.setBreadcrumb(model, view.zoom);
  renderer.draw();
  renderer.reveal(view.zoom);
  announce();
}

/** Who selects now: frames selected for another view's selection are not sent back. */
let selectFrom: 'user' | 'host' = 'user';

function notifySelected(node: number): void {
  if (model && node > 0 && selectFrom === 'user' && model.frame[node] !== model.data.mergedFrame) api.post({ type: 'selected', name: model.name(node) });
}

function select(node: number): void {
  if (!model || node < 0) return;
  view.selected = node;
  notifySelected(node);
  // Keep the selection inside the zoomed frame's subtree (or on its ancestors).
  const inZoom = node >= view.zoom && node < model.end[view.zoom];
  if (!inZoom && !isAncestor(view.zoom, node)) zoomTo(node);
  renderer.reveal(node);
  renderer.draw();
  announce();
}

function isAncestor(i: number, a: number): boolean {
  if (!model) return false;
  for (let v = i; v >= 0; v = model.parent[v]) if (v === a) return true;
  return false;
}

function announce(): void {
  if (!model || view.selected < 0) {
    status.textContent = searchSummary;
    return;
  }
  const i = view.selected;
  const text = `${model.name(i)}: cum ${model.format(model.cum[i])} (${model.percentOfTotal(model.cum[i])})`;
  status.textContent = searchSummary ? `${searchSummary} · ${text}` : text;
  canvas.setAttribute('aria-label', `Flame graph. Selected ${text}`);
}

function search(text: string): void {
  searchText = text;
  api.saveState({ search: text });
  toolbar.setSearchError('');
  view.matched = undefined;
  searchSummary = '';
  if (model && text !== '') {
    // Go's regular expressions (RE2 syntax, as pprof's -focus and the filter boxes use), not JavaScript's.
    let re: { test(s: string): boolean };
    try {
      re = RE2JS.compile(text);
    } catch (e) {
      toolbar.setSearchError(errorMessage(e));
      renderer.draw();
      return;
    }
    const r = model.search(re);
    view.matched = r.matched;
    searchSummary = `Matched ${r.count} frames: ${model.format(r.value)} (${model.percentOfTotal(r.value)} of total)`;
    toolbar.setSearchResult(searchSummary);
  } else {
    toolbar.setSearchResult('');
  }
  renderer.draw();
  announce();
}

// ---- tooltip ----
function showTooltip(hit: Hit, clientX: number, clientY: number): void {
  if (!model) return;
  clear(tooltip);
  for (const [cls, text] of tooltipLines(model, hit)) tooltip.appendChild(h('div', { className: cls, text }));
  tooltip.hidden = false;
  const r = tooltip.getBoundingClientRect();
  const x = Math.min(clientX + 14, window.innerWidth - r.width - 4);
  const y = clientY + 16 + r.height > window.innerHeight ? clientY - r.height - 8 : clientY + 16;
  tooltip.style.left = `${Math.max(0, x)}px`;
  tooltip.style.top = `${Math.max(0, y)}px`;
}

function hideTooltip(): void {
  tooltip.hidden = true;
  if (view.hovered !== -1) {
    view.hovered = -1;
    renderer.drawOverlay();
  }
}

function canvasPoint(e: MouseEvent): [number, number] {
  const r = canvas.getBoundingClientRect();
  return [e.clientX - r.left, e.clientY - r.top];
}

canvas.addEventListener('mousemove', (e) => {
  const [mx, my] = canvasPoint(e);
  const hit = renderer.hit(mx, my);
  if (!hit) return hideTooltip();
  const node = hit.merged > 1 ? -1 : hit.node;
  if (view.hovered !== node) {
    view.hovered = node;
    renderer.drawOverlay();
  }
  showTooltip(hit, e.clientX, e.clientY);
});
canvas.addEventListener('mouseleave', () => hideTooltip());

canvas.addEventListener('click', (e) => {
  menu.hide();
  const [mx, my] = canvasPoint(e);
  const hit = renderer.hit(mx, my);
  if (!hit || !model) return;
  if (hit.merged > 1) return zoomTo(model.parent[hit.node]);
  if (e.ctrlKey || e.metaKey) return openSource(hit.node);
  view.selected = hit.node;
  notifySelected(hit.node);
  zoomTo(hit.node);
});
canvas.addEventListener('dblclick', (e) => {
  const [mx, my] = canvasPoint(e);
  const hit = renderer.hit(mx, my);
  if (hit && hit.merged <= 1) openSource(hit.node);
});
canvas.addEventListener('contextmenu', (e) => {
  e.preventDefault();
  const [mx, my] = canvasPoint(e);
  const hit = renderer.hit(mx, my);
  if (!hit || !model || hit.merged > 1 || hit.node === 0) return;
  hideTooltip();
  select(hit.node);
  openMenu(hit.node, e.clientX, e.clientY);
});

function openSource(node: number): void {
  if (!model || node <= 0) return;
  const file = model.file(node);
  if (file) api.post({ type: 'openSource', file, line: model.line(node) });
}

/** A Go regexp matching exactly this name (pprof's focus/ignore/hide take regexps). */
function exactRegexp(name: string): string {
  return '^' + name.replace(/[\\^$.|?*+()[\]{}]/g, (c) => '\\' + c) + '$';
}

function openMenu(node: number, x: number, y: number): void {
  if (!model) return;
  const name = model.name(node);
  const set = (options: Partial<ProfileViewOptions>) => api.post({ type: 'setOptions', options });
  const add = (cur: string, re: string) => (cur ? `${cur}|${re}` : re);
  const o = current?.options;
  menu.show(x, y, [
    { label: 'Zoom', run: () => zoomTo(node) },
    { label: 'Open Source', run: () => openSource(node), disabled: !model.file(node) },
    { label: 'Focus on Function', run: () => set({ focus: exactRegexp(name) }) },
    { label: 'Ignore Function', run: () => set({ ignore: add(o?.ignore ?? '', exactRegexp(name)) }) },
    { label: 'Hide Function', run: () => set({ hide: add(o?.hide ?? '', exactRegexp(name)) }) },
    { label: 'Show Callers', run: () => api.post({ type: 'showCallers', name }) },
    { label: 'Show -list Report', run: () => api.post({ type: 'showList', name }) },
    { label: 'Copy Name', run: () => api.post({ type: 'copy', text: name }) },
  ]);
}

// ---- keyboard ----
canvas.addEventListener('keydown', (e) => {
  if (!model) return;
  const sel = view.selected >= 0 ? view.selected : view.zoom;
  const towardsLeaves = view.icicle ? 'ArrowDown' : 'ArrowUp';
  const towardsRoot = view.icicle ? 'ArrowUp' : 'ArrowDown';
  let next: number;
  switch (e.key) {
    case towardsLeaves:
      next = model.firstChild(sel);
      break;
    case towardsRoot:
      next = model.parent[sel];
      break;
    case 'ArrowRight':
      next = model.nextSibling(sel);
      break;
    case 'ArrowLeft':
      next = model.previousSibling(sel);
      break;
    case 'Enter':
      if (e.ctrlKey || e.metaKey) openSource(sel);
      else zoomTo(sel);
      e.preventDefault();
      return;
    case 'Escape':
      if (menu.visible) menu.hide();
      else if (view.zoom > 0) zoomTo(model.parent[view.zoom]);
      else if (searchText) {
        toolbar.setSearch('');
        search('');
      }
      e.preventDefault();
      return;
    case 'ContextMenu': {
      const r = renderer.rectOf(sel);
      const c = canvas.getBoundingClientRect();
      if (r) openMenu(sel, c.left + r.x + 4, c.top + r.y + 4);
      e.preventDefault();
      return;
    }
    case 'f':
      if (e.ctrlKey || e.metaKey) {
        toolbar.focusSearch();
        e.preventDefault();
      }
      return;
    default:
      return;
  }
  e.preventDefault();
  if (next >= 0) select(next);
});

// ---- messages ----
window.addEventListener('message', (event: MessageEvent<HostToFlameGraph>) => {
  const m = event.data;
  switch (m.type) {
    case 'loading':
      showMessage('loading', `Reading ${m.fileName}…`);
      break;
    case 'error':
      showMessage('error', `Cannot show the flame graph of ${m.fileName}`, m.message);
      break;
    case 'flame':
      showFlame(m);
      break;
    case 'select':
      if (model) {
        const n = model.widestNode(m.name);
        if (n > 0) {
          selectFrom = 'host';
          select(n);
          if (mode !== 'flame') tree.select(n);
          selectFrom = 'user';
        }
      }
      break;
  }
});

function showFlame(m: Extract<HostToFlameGraph, { type: 'flame' }>): void {
  const t0 = performance.now();
  const first = model === undefined;
  current = m;
  api.saveState({ uri: m.uri, callersOf: m.callersOf });
  if (!main.contains(renderer.scroller)) {
    clear(main);
    main.append(renderer.scroller, tree.element, emptyNote);
  }
  if (m.reveal && mode !== 'flame') mode = 'flame';
  model = new FlameModel(m.data);
  const state = api.state();
  view.hovered = -1;
  view.selected = -1;
  view.zoom = 0;
  if (m.reveal) {
    const n = model.widestNode(m.reveal);
    if (n > 0) {
      view.zoom = n;
      view.selected = n;
    }
  } else if (state.zoomPath && first) {
    view.zoom = model.findPath(state.zoomPath);
  }
  toolbar.show(m, model);
  emptyNote.textContent = emptyFlameText(m);
  emptyNote.hidden = emptyNote.textContent === '';
  toolbar.setIcicle(view.icicle);
  toolbar.setMode(mode);
  showMode();
  toolbar.setBreadcrumb(model, view.zoom);
  renderer.setModel(model);
  renderer.scrollToRoot();
  toolbar.setSearch(searchText);
  search(searchText); // draws
  if (view.zoom > 0) renderer.reveal(view.zoom);
  saveZoom();
  tree.setModel(model, view.selected);
  canvas.setAttribute('aria-label', `Flame graph of ${m.fileName}, ${m.data.sampleType}: ${model.size} frames`);
  firstPaintMillis = performance.now() - t0;
  document.body.dataset.flameReady = String(++paints);
}

/** Why the tree is only its root ('' when it has frames): a zero sample type, the filters, no stacks. */
function emptyFlameText(m: Extract<HostToFlameGraph, { type: 'flame' }>): string {
  if (m.data.parent.length > 1) return '';
  const type = m.data.sampleType || 'value';
  if (m.data.total === 0) {
    return m.sampleTypes.length > 1 ? `No ${type} in this profile: choose another sample type.` : `No ${type} in this profile: it has no samples.`;
  }
  const o = m.options;
  if (o.focus || o.ignore || o.hide || o.show) return 'No frame left after the filters.';
  return 'The samples of this profile have no call stacks.';
}

let paints = 0;
let firstPaintMillis = 0;

// Theme switches change body classes: recolour.
new MutationObserver(() => renderer.refreshTheme()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

// For tests and the benchmark harness: geometry and timings, no profile data beyond names.
(window as unknown as { pprofLensFlame: unknown }).pprofLensFlame = {
  rectOfName(name: string) {
    if (!model) return undefined;
    let best = -1;
    for (let i = 1; i < model.size; i++) {
      if (model.name(i) === name && renderer.rectOf(i) && (best < 0 || model.width[i] > model.width[best])) best = i;
    }
    const r = best >= 0 ? renderer.rectOf(best) : undefined;
    if (!r) return undefined;
    const c = canvas.getBoundingClientRect();
    return { node: best, x: c.left + r.x, y: c.top + r.y, w: r.w, h: r.h, cum: model.cum[best], flat: model.flat[best], parentCum: model.cum[model.parent[best]] };
  },
  stats: () => ({ nodes: model?.size ?? 0, drawn: renderer.drawnCount, lastDrawMillis: renderer.lastDrawMillis, firstPaintMillis, zoom: view.zoom, zoomName: model && view.zoom > 0 ? model.name(view.zoom) : 'root', selectedName: model && view.selected > 0 ? model.name(view.selected) : '' }),
  redraw: () => renderer.draw(),
  overlay: () => renderer.drawOverlay(),
  zoomTo: (n: number) => zoomTo(n),
};

showMessage('loading', 'Computing the flame graph…');
api.post({ type: 'ready', state: api.state() });
