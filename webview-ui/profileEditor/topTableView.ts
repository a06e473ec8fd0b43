// The top table (flat, flat%, sum%, cum, cum%, name): sortable by column, filterable by name,
// virtualised (only the rows in view are in the DOM) and keyboard navigable. A comparison whose
// inputs are known has base, new and change columns after cum%.
import type { TopColumns, TopSortColumn } from '../../src/protocol/messages';
import { clear, h } from '../shared/element';

const ROW_HEIGHT = 22;
const OVERSCAN = 20;

interface Column {
  id: TopSortColumn;
  label: string;
  title: string;
  numeric: boolean;
}

const COLUMNS: Column[] = [
  { id: 'flat', label: 'flat', title: 'Value in the function itself', numeric: true },
  { id: 'flatPercent', label: 'flat%', title: 'flat as a share of the total', numeric: true },
  { id: 'sumPercent', label: 'sum%', title: 'Running sum of flat% in flat order (as pprof prints it)', numeric: true },
  { id: 'cum', label: 'cum', title: 'Value in the function and everything it calls', numeric: true },
  { id: 'cumPercent', label: 'cum%', title: 'cum as a share of the total', numeric: true },
  { id: 'name', label: 'name', title: 'Function', numeric: false },
];

/** The columns a comparison with known inputs adds after cum%. */
const DELTA_COLUMNS: Column[] = [
  { id: 'base', label: 'base', title: 'cum of the function in the base profile', numeric: true },
  { id: 'new', label: 'new', title: 'cum of the function in the compared profile (normalized when the comparison is)', numeric: true },
  { id: 'change', label: 'change', title: 'Relative change of cum: (new − base) / base', numeric: true },
];

/** Sort key of the change column: "new" above every growth, "gone" is −100%. */
function changeKey(base: number, now: number): number {
  if (base === 0) return now === 0 ? 0 : now > 0 ? Infinity : -Infinity;
  return (now - base) / Math.abs(base);
}

export interface TopTableOptions {
  sortColumn: TopSortColumn;
  sortDescending: boolean;
  filter: string;
  scrollTop: number;
  onSortChange(column: TopSortColumn, descending: boolean): void;
  onFilterChange(filter: string): void;
  onScroll(scrollTop: number): void;
  onOpenSource(file: string, line: number): void;
  /** A row was selected by the user (other views select the function too). */
  onSelect?(name: string): void;
  /** The profile is a comparison: colour flat and cum as growth / shrink. */
  signed?: boolean;
  /** What the table says when the profile gives it no rows (default "No samples."). */
  emptyText?: string;
}

export class TopTableView {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly tbody: HTMLTableSectionElement;
  private readonly headers = new Map<TopSortColumn, HTMLTableCellElement>();
  private readonly count: HTMLElement;
  /** Row indices into `top`, in display order (sorted, filtered). */
  private order: number[] = [];
  private selected = -1; // position in `order`
  private maxFlat = 0;
  private readonly signed: boolean;
  /** The columns shown, in order (pprof's, plus base / new / change for a comparison). */
  private readonly columns: Column[];
  /** Per row, the change column's sort key (empty without delta columns). */
  private readonly change: number[] = [];

  constructor(
    private readonly top: TopColumns,
    private readonly opts: TopTableOptions,
  ) {
    for (const v of top.flat) this.maxFlat = Math.max(this.maxFlat, Math.abs(v));
    // A comparison has negative values; its flat and cum are coloured as growth / shrink.
    this.signed = opts.signed === true || top.flat.some((v) => v < 0) || top.cum.some((v) => v < 0);
    const d = top.delta;
    this.columns = d ? [...COLUMNS.slice(0, 5), ...DELTA_COLUMNS, ...COLUMNS.slice(5)] : COLUMNS;
    if (d) for (let i = 0; i < top.name.length; i++) this.change.push(changeKey(d.base[i], d.new[i]));
    // A state saved with a column this table does not have (e.g. no inputs any more) sorts by flat.
    if (!this.columns.some((c) => c.id === opts.sortColumn)) {
      opts.sortColumn = 'flat';
      opts.sortDescending = true;
    }
    const filter = h('input', {
      className: 'filter',
      attrs: { type: 'search', placeholder: 'Filter functions', 'aria-label': 'Filter functions by name', id: 'filter' },
    });
    filter.value = opts.filter;
    filter.addEventListener('input', () => {
      this.opts.filter = filter.value;
      this.opts.onFilterChange(filter.value);
      this.recompute();
      this.scroller.scrollTop = 0;
      this.renderRows();
    });
    this.count = h('span', { className: 'row-count' });

    const headRow = h('tr');
    for (const c of this.columns) {
      const th = h('th', { className: c.numeric ? 'num' : 'name', title: c.title, attrs: { scope: 'col', 'data-column': c.id } });
      const button = h('button', { text: c.label, attrs: { type: 'button', 'data-column': c.id } });
      button.addEventListener('click', () => this.sortBy(c.id));
      th.appendChild(button);
      this.headers.set(c.id, th);
      headRow.appendChild(th);
    }
    const colgroup = h('colgroup');
    for (const c of this.columns) colgroup.appendChild(h('col', { className: `col-${c.id}` }));
    this.tbody = h('tbody');
    const table = h('table', { className: d ? 'top-table with-delta' : 'top-table', attrs: { id: 'top-table', 'aria-rowcount': String(top.name.length) } },
      colgroup, h('thead', {}, headRow), this.tbody);
    this.scroller = h('div', { className: 'table-scroll', attrs: { tabindex: '0', 'aria-label': 'Top functions' } }, table);
    this.scroller.addEventListener('scroll', () => {
      this.renderRows();
      this.opts.onScroll(this.scroller.scrollTop);
    });
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.renderRows()).observe(this.scroller);

    this.element = h('section', { className: 'top' }, h('div', { className: 'toolbar' }, filter, this.count), this.scroller);
    this.recompute();
    this.renderRows(); // rows are there as soon as the element is; the scroll position once laid out
    requestAnimationFrame(() => {
      this.scroller.scrollTop = opts.scrollTop;
      this.renderRows();
    });
  }

  private sortBy(column: TopSortColumn): void {
    const descending = column === this.opts.sortColumn ? !this.opts.sortDescending : column !== 'name';
    this.opts.sortColumn = column;
    this.opts.sortDescending = descending;
    this.opts.onSortChange(column, descending);
    this.recompute();
    this.renderRows();
  }

  private recompute(): void {
    const t = this.top;
    const needle = this.opts.filter.trim().toLowerCase();
    const order: number[] = [];
    for (let i = 0; i < t.name.length; i++) if (!needle || t.name[i].toLowerCase().includes(needle)) order.push(i);
    const dir = this.opts.sortDescending ? -1 : 1;
    const key = this.opts.sortColumn;
    // pprof's order (flat desc, then its tie-breaks) is the row order we received: keep it as the
    // tie-break for every column so sorting is stable and "flat, descending" is exactly pprof's.
    const cmp = (a: number, b: number): number => {
      let d = 0;
      switch (key) {
        case 'flat': case 'flatPercent': d = t.flat[a] - t.flat[b]; break;
        case 'cum': case 'cumPercent': d = t.cum[a] - t.cum[b]; break;
        case 'sumPercent': d = b - a; break; // sum% grows down pprof's order
        case 'base': d = t.delta ? t.delta.base[a] - t.delta.base[b] : 0; break;
        case 'new': d = t.delta ? t.delta.new[a] - t.delta.new[b] : 0; break;
        case 'change': d = compareKeys(this.change[a], this.change[b]); break;
        case 'name': d = t.name[a] < t.name[b] ? -1 : t.name[a] > t.name[b] ? 1 : 0; break;
      }
      return d !== 0 ? dir * d : a - b;
    };
    if (!(key === 'flat' && this.opts.sortDescending)) order.sort(cmp);
    this.order = order;
    this.selected = Math.min(this.selected, order.length - 1);
    for (const [id, th] of this.headers) {
      th.setAttribute('aria-sort', id === key ? (this.opts.sortDescending ? 'descending' : 'ascending') : 'none');
    }
    this.count.textContent = needle
      ? `${order.length} of ${t.name.length} functions`
      : `${t.name.length} function${t.name.length === 1 ? '' : 's'}`;
  }

  private renderRows(): void {
    const t = this.top;
    const n = this.order.length;
    const viewHeight = this.scroller.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(n, Math.ceil((this.scroller.scrollTop + viewHeight) / ROW_HEIGHT) + OVERSCAN);
    clear(this.tbody);
    // No rows: the table may be as narrow as the panel, so the message wraps in view.
    this.tbody.parentElement?.classList.toggle('no-rows', n === 0);
    if (n === 0) {
      const td = h('td', { className: 'empty' }, h('div', { text: t.name.length ? 'No function matches the filter.' : this.opts.emptyText ?? 'No samples.' }));
      td.colSpan = this.columns.length;
      this.tbody.appendChild(h('tr', {}, td));
      return;
    }
    if (first > 0) this.tbody.appendChild(spacer(first * ROW_HEIGHT, this.columns.length));
    for (let pos = first; pos < last; pos++) {
      const i = this.order[pos];
      const bar = h('span', { className: 'bar' });
      bar.style.width = `calc((100% - 16px) * ${this.maxFlat > 0 ? Math.abs(t.flat[i]) / this.maxFlat : 0})`;
      const nameCell = h('td', { className: 'name' }, t.name[i], t.inline[i] ? h('span', { className: 'inline', text: ` ${t.inline[i]}` }) : null);
      // The figures too: a narrow panel hides the percentage columns (profileEditor.css).
      const figures = `flat ${t.flatText[i]} (${t.flatPercent[i]}) · cum ${t.cumText[i]} (${t.cumPercent[i]})`;
      nameCell.title = `${t.name[i]}${t.file[i] ? `\n${t.file[i]}${t.line[i] ? `:${t.line[i]}` : ''}` : ''}\n${figures}`;
      // Every cell says which column it is (data-column): tests pick pprof's columns by it.
      const flat = h('td', { className: 'num flat', attrs: { 'data-column': 'flat' } }, bar, h('span', { className: 'value', text: t.flatText[i] }));
      const cum = h('td', { className: 'num', text: t.cumText[i], attrs: { 'data-column': 'cum' } });
      if (t.flat[i] !== 0 && this.signed) flat.classList.add(t.flat[i] > 0 ? 'delta-pos' : 'delta-neg');
      if (t.cum[i] !== 0 && this.signed) cum.classList.add(t.cum[i] > 0 ? 'delta-pos' : 'delta-neg');
      nameCell.setAttribute('data-column', 'name');
      const row = h(
        'tr',
        { attrs: { 'data-index': String(i), 'aria-rowindex': String(pos + 1) } },
        flat,
        h('td', { className: 'num', text: t.flatPercent[i], attrs: { 'data-column': 'flatPercent' } }),
        h('td', { className: 'num', text: t.sumPercent[i], attrs: { 'data-column': 'sumPercent' } }),
        cum,
        h('td', { className: 'num', text: t.cumPercent[i], attrs: { 'data-column': 'cumPercent' } }),
      );
      const d = t.delta;
      if (d) {
        const change = h('td', { className: 'num change', text: d.changeText[i], attrs: { 'data-column': 'change' } });
        const k = this.change[i];
        if (k !== 0 && !Number.isNaN(k)) change.classList.add(k > 0 ? 'delta-pos' : 'delta-neg');
        row.append(
          h('td', { className: 'num delta', text: d.baseText[i], attrs: { 'data-column': 'base' } }),
          h('td', { className: 'num delta', text: d.newText[i], attrs: { 'data-column': 'new' } }),
          change,
        );
      }
      row.appendChild(nameCell);
      if (pos === this.selected) row.classList.add('selected');
      row.addEventListener('click', () => this.select(pos));
      row.addEventListener('dblclick', () => this.open(pos));
      this.tbody.appendChild(row);
    }
    if (last < n) this.tbody.appendChild(spacer((n - last) * ROW_HEIGHT, this.columns.length));
  }

  /** Selects the row of a function chosen in another view (no echo back). */
  selectName(name: string): void {
    const pos = this.order.findIndex((i) => this.top.name[i] === name);
    if (pos >= 0) this.select(pos, false);
  }

  private select(pos: number, byUser = true): void {
    this.selected = Math.max(0, Math.min(this.order.length - 1, pos));
    const name = this.top.name[this.order[this.selected]];
    if (byUser && name !== undefined) this.opts.onSelect?.(name);
    const top = this.selected * ROW_HEIGHT;
    const headerHeight = ROW_HEIGHT + 2;
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
    else if (top + ROW_HEIGHT + headerHeight > this.scroller.scrollTop + this.scroller.clientHeight) {
      this.scroller.scrollTop = top + ROW_HEIGHT + headerHeight - this.scroller.clientHeight;
    }
    this.renderRows();
  }

  private open(pos: number): void {
    const i = this.order[pos];
    if (i !== undefined && this.top.file[i]) this.opts.onOpenSource(this.top.file[i], this.top.line[i]);
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.scroller.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) this.select((this.selected < 0 ? -1 : this.selected) + moves[e.key]);
    else if (e.key === 'Home') this.select(0);
    else if (e.key === 'End') this.select(this.order.length - 1);
    else if (e.key === 'Enter' && this.selected >= 0) this.open(this.selected);
    else return;
    e.preventDefault();
  }
}

/** Ascending order of change keys (±Infinity for "new"), NaN (both 0) as 0. */
function compareKeys(a: number, b: number): number {
  const x = Number.isNaN(a) ? 0 : a;
  const y = Number.isNaN(b) ? 0 : b;
  return x === y ? 0 : x < y ? -1 : 1;
}

function spacer(height: number, columns: number): HTMLTableRowElement {
  const td = h('td');
  td.colSpan = columns;
  const tr = h('tr', { className: 'spacer', attrs: { 'aria-hidden': 'true' } }, td);
  tr.style.height = `${height}px`;
  return tr;
}
