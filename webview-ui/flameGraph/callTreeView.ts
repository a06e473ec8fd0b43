// The flame tree as an expandable call tree (top-down, or bottom-up when the host sent the inverted
// tree): rows are made only for expanded nodes' children (lazy), with cum and flat and their share
// of the total. Names go in through textContent.
import { clear, h } from '../shared/element';
import type { FlameModel } from './flameModel';

const MAX_ROWS = 5000;

export interface CallTreeEvents {
  onSelect(node: number): void;
  onOpen(node: number): void;
}

export class CallTreeView {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private model: FlameModel | undefined;
  private readonly expanded = new Set<number>();
  private rows: number[] = [];
  private selected = -1;

  constructor(private readonly ev: CallTreeEvents) {
    this.body = h('div', { className: 'ct-body', attrs: { role: 'tree', id: 'call-tree', tabindex: '0', 'aria-label': 'Call tree' } });
    const head = h('div', { className: 'ct-row ct-head', attrs: { 'aria-hidden': 'true' } },
      h('span', { className: 'ct-num', text: 'cum' }), h('span', { className: 'ct-num', text: 'cum%' }),
      h('span', { className: 'ct-num', text: 'flat' }), h('span', { className: 'ct-num', text: 'flat%' }),
      h('span', { className: 'ct-name', text: 'function' }));
    this.element = h('div', { className: 'call-tree' }, head, this.body);
    this.body.addEventListener('keydown', (e) => this.onKey(e));
  }

  setModel(model: FlameModel, selected: number): void {
    this.model = model;
    this.expanded.clear();
    // Open the widest path a few levels down, and the way to the selection.
    let v = 0;
    for (let d = 0; d < 3 && v >= 0; d++) {
      this.expanded.add(v);
      v = model.firstChild(v);
    }
    for (let a = selected; a >= 0; a = model.parent[a]) if (a !== selected) this.expanded.add(a);
    this.selected = selected > 0 ? selected : -1;
    this.render();
  }

  select(node: number): void {
    if (!this.model) return;
    for (let a = this.model.parent[node]; a >= 0; a = this.model.parent[a]) this.expanded.add(a);
    this.selected = node;
    this.render();
    this.body.querySelector('.ct-row.selected')?.scrollIntoView({ block: 'nearest' });
  }

  private render(): void {
    const m = this.model;
    clear(this.body);
    if (!m) return;
    this.rows = [];
    // Pre-order over expanded nodes only (children of collapsed nodes are never visited).
    const stack = [0];
    while (stack.length > 0 && this.rows.length < MAX_ROWS) {
      const v = stack.pop()!;
      if (v !== 0) this.rows.push(v);
      if (v === 0 || this.expanded.has(v)) {
        const kids: number[] = [];
        for (let c = m.firstChild(v); c >= 0; c = m.nextSibling(c)) kids.push(c);
        for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
      }
    }
    const frag = document.createDocumentFragment();
    for (const v of this.rows) {
      const hasKids = m.firstChild(v) >= 0;
      const open = this.expanded.has(v);
      const toggle = h('span', { className: 'ct-toggle', text: hasKids ? (open ? '▾' : '▸') : '' });
      const name = h('span', { className: 'ct-name' }, toggle, m.name(v) + (m.inline[v] ? ' (inline)' : ''));
      name.style.paddingLeft = `${(m.depth[v] - 1) * 14}px`;
      const row = h('div', {
        className: 'ct-row' + (v === this.selected ? ' selected' : ''),
        attrs: { role: 'treeitem', 'aria-level': String(m.depth[v]), 'data-node': String(v), ...(hasKids ? { 'aria-expanded': String(open) } : {}) },
      },
      h('span', { className: 'ct-num', text: m.format(m.cum[v]) }), h('span', { className: 'ct-num', text: m.percentOfTotal(m.cum[v]) }),
      h('span', { className: 'ct-num', text: m.format(m.flat[v]) }), h('span', { className: 'ct-num', text: m.percentOfTotal(m.flat[v]) }),
      name);
      row.addEventListener('click', (e) => {
        if ((e.target as Element).classList.contains('ct-toggle')) this.toggle(v);
        else this.choose(v);
      });
      row.addEventListener('dblclick', () => this.ev.onOpen(v));
      frag.appendChild(row);
    }
    if (this.rows.length >= MAX_ROWS) frag.appendChild(h('div', { className: 'ct-more', text: `Showing the first ${MAX_ROWS} rows: collapse some nodes to see more.` }));
    this.body.appendChild(frag);
  }

  private toggle(v: number): void {
    if (this.expanded.has(v)) this.expanded.delete(v);
    else this.expanded.add(v);
    this.render();
  }

  private choose(v: number): void {
    this.selected = v;
    this.render();
    this.ev.onSelect(v);
  }

  private onKey(e: KeyboardEvent): void {
    const m = this.model;
    if (!m || this.rows.length === 0) return;
    const k = this.rows.indexOf(this.selected);
    let next = -1;
    if (e.key === 'ArrowDown') next = this.rows[Math.min(this.rows.length - 1, k + 1)];
    else if (e.key === 'ArrowUp') next = this.rows[Math.max(0, k - 1)];
    else if (e.key === 'ArrowRight' && this.selected > 0) {
      if (!this.expanded.has(this.selected) && m.firstChild(this.selected) >= 0) this.toggle(this.selected);
      else next = m.firstChild(this.selected);
    } else if (e.key === 'ArrowLeft' && this.selected > 0) {
      if (this.expanded.has(this.selected)) this.toggle(this.selected);
      else if (m.parent[this.selected] > 0) next = m.parent[this.selected];
    } else if (e.key === 'Enter' && this.selected > 0) this.ev.onOpen(this.selected);
    else return;
    e.preventDefault();
    if (next > 0) {
      this.choose(next);
      this.body.querySelector('.ct-row.selected')?.scrollIntoView({ block: 'nearest' });
    }
  }
}
