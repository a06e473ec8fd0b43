// The flame graph's toolbar: sample type and granularity (shared view options of the profile),
// active filters with a button to clear each, regexp search with its matched share, flame/icicle,
// the callers-view banner and the zoom breadcrumb. All text through textContent.
import type { HostToFlameGraph, ProfileViewOptions } from '../../src/protocol/messages';
import { clear, h } from '../shared/element';
import type { FlameModel } from './flameModel';

type FilterKey = 'focus' | 'ignore' | 'hide' | 'show';

export interface ToolbarEvents {
  onSampleIndex(i: number): void;
  onGranularity(g: ProfileViewOptions['granularity']): void;
  onClearFilter(key: FilterKey): void;
  onSearch(text: string): void;
  onIcicle(icicle: boolean): void;
  onZoom(node: number): void;
  onBackFromCallers(): void;
  onCallGraph(): void;
  onMode(mode: 'flame' | 'tree' | 'bottomUp'): void;
}

const granularities: ProfileViewOptions['granularity'][] = ['functions', 'filefunctions', 'files', 'lines', 'addresses'];

export class Toolbar {
  readonly element: HTMLElement;
  private readonly sampleSelect: HTMLSelectElement;
  private readonly granularitySelect: HTMLSelectElement;
  private readonly searchInput: HTMLInputElement;
  private readonly searchResult: HTMLElement;
  private readonly icicle: HTMLInputElement;
  private readonly filters: HTMLElement;
  private readonly breadcrumb: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly title: HTMLElement;
  private readonly modeSelect: HTMLSelectElement;

  constructor(private readonly ev: ToolbarEvents) {
    this.title = h('span', { className: 'flame-title', attrs: { id: 'flame-title' } });
    this.modeSelect = h('select', { attrs: { id: 'flame-mode', 'aria-label': 'View' } });
    for (const [v, label] of [['flame', 'Flame graph'], ['tree', 'Call tree (top-down)'], ['bottomUp', 'Callers tree (bottom-up)']]) {
      this.modeSelect.appendChild(h('option', { text: label, attrs: { value: v } }));
    }
    this.modeSelect.addEventListener('change', () => ev.onMode(this.modeSelect.value as 'flame' | 'tree' | 'bottomUp'));
    this.sampleSelect = h('select', { attrs: { id: 'sample-type', 'aria-label': 'Sample type' } });
    this.sampleSelect.addEventListener('change', () => ev.onSampleIndex(Number(this.sampleSelect.value)));
    this.granularitySelect = h('select', { attrs: { id: 'granularity', 'aria-label': 'Granularity' } });
    for (const g of granularities) this.granularitySelect.appendChild(h('option', { text: g, attrs: { value: g } }));
    this.granularitySelect.addEventListener('change', () => ev.onGranularity(this.granularitySelect.value as ProfileViewOptions['granularity']));
    this.searchInput = h('input', { attrs: { id: 'flame-search', type: 'search', placeholder: 'Search (regexp)', 'aria-label': 'Search functions by regular expression', spellcheck: 'false' } });
    let timer: ReturnType<typeof setTimeout> | undefined;
    this.searchInput.addEventListener('input', () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => ev.onSearch(this.searchInput.value), 120);
    });
    this.searchInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        if (timer) clearTimeout(timer);
        ev.onSearch(this.searchInput.value);
      } else if (e.key === 'Escape') {
        this.searchInput.value = '';
        ev.onSearch('');
      }
    });
    this.searchResult = h('span', { className: 'flame-search-result', attrs: { id: 'flame-search-result', 'aria-live': 'polite' } });
    this.icicle = h('input', { attrs: { type: 'checkbox', id: 'flame-icicle' } });
    this.icicle.addEventListener('change', () => ev.onIcicle(this.icicle.checked));
    const callGraph = h('button', { text: 'Call Graph', attrs: { type: 'button', id: 'open-call-graph' } });
    callGraph.addEventListener('click', () => ev.onCallGraph());
    this.filters = h('span', { className: 'flame-filters', attrs: { id: 'flame-filters' } });
    this.banner = h('div', { className: 'flame-banner', attrs: { id: 'flame-callers' } });
    this.banner.hidden = true;
    this.breadcrumb = h('nav', { className: 'flame-breadcrumb', attrs: { id: 'flame-breadcrumb', 'aria-label': 'Zoom path' } });
    this.element = h(
      'div',
      { className: 'flame-toolbar' },
      h(
        'div',
        { className: 'flame-row', attrs: { role: 'toolbar', 'aria-label': 'Flame graph options' } },
        this.title,
        this.modeSelect,
        h('label', {}, 'Sample ', this.sampleSelect),
        h('label', {}, 'Granularity ', this.granularitySelect),
        this.searchInput,
        this.searchResult,
        h('label', { className: 'flame-check' }, this.icicle, ' Icicle'),
        callGraph,
        this.filters,
      ),
      this.banner,
      this.breadcrumb,
    );
  }

  show(m: Extract<HostToFlameGraph, { type: 'flame' }>, model: FlameModel): void {
    this.title.textContent = m.fileName;
    clear(this.sampleSelect);
    m.sampleTypes.forEach((t, i) => this.sampleSelect.appendChild(h('option', { text: `${t.type} (${t.unit})`, attrs: { value: String(i) } })));
    this.sampleSelect.value = String(m.options.sampleIndex);
    this.granularitySelect.value = m.options.granularity;
    clear(this.filters);
    for (const key of ['focus', 'ignore', 'hide', 'show'] as FilterKey[]) {
      const v = m.options[key];
      if (!v) continue;
      const b = h('button', { className: 'flame-filter', text: `${key}=${v} ✕`, title: `Clear ${key}`, attrs: { type: 'button', 'data-filter': key } });
      b.addEventListener('click', () => this.ev.onClearFilter(key));
      this.filters.appendChild(b);
    }
    clear(this.banner);
    this.banner.hidden = !m.callersOf;
    if (m.callersOf) {
      const back = h('button', { text: 'Back to the whole tree', attrs: { type: 'button' } });
      back.addEventListener('click', () => this.ev.onBackFromCallers());
      this.banner.append(h('span', { text: `Callers of ${m.callersOf} (inverted: the function at the root, its callers above)` }), back);
    }
    void model;
  }

  setMode(mode: 'flame' | 'tree' | 'bottomUp'): void {
    this.modeSelect.value = mode;
    this.icicle.disabled = mode !== 'flame';
  }

  setIcicle(on: boolean): void {
    this.icicle.checked = on;
  }

  setBreadcrumb(model: FlameModel, zoom: number): void {
    clear(this.breadcrumb);
    const path: number[] = [];
    for (let v = zoom; v >= 0; v = model.parent[v]) path.push(v);
    path.reverse();
    path.forEach((v, k) => {
      if (k > 0) this.breadcrumb.appendChild(h('span', { className: 'sep', text: '›' }));
      const b = h('button', { className: 'crumb', text: v === 0 ? 'root' : model.name(v), attrs: { type: 'button' } });
      if (v === zoom) b.setAttribute('aria-current', 'true');
      b.addEventListener('click', () => this.ev.onZoom(v));
      this.breadcrumb.appendChild(b);
    });
  }

  setSearch(text: string): void {
    this.searchInput.value = text;
  }

  setSearchResult(text: string): void {
    this.searchResult.textContent = text;
    this.searchInput.removeAttribute('aria-invalid');
  }

  setSearchError(message: string): void {
    this.searchResult.textContent = message ? `Invalid regexp: ${message}` : '';
    if (message) this.searchInput.setAttribute('aria-invalid', 'true');
  }

  focusSearch(): void {
    this.searchInput.focus();
    this.searchInput.select();
  }
}
