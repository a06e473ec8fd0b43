// The goroutine analysis tab: goroutines grouped by start function (as `go tool trace`'s
// /goroutines page), with count and execution, network wait, sync block, syscall, scheduler wait,
// GC sweeping and GC time; a group expands to its goroutines. All strings go in as text.
import type { TraceGoroutineGroupView, TraceGoroutineRow } from '../../src/protocol/messages';
import { h } from '../shared/element';
import { formatNs } from './timeScale';

const COLUMNS: [keyof Omit<TraceGoroutineRow, 'id'>, string][] = [
  ['total', 'Total'], ['exec', 'Execution'], ['io', 'Network wait'], ['block', 'Sync block'], ['syscall', 'Syscall'],
  ['sched', 'Scheduler wait'], ['sweep', 'GC sweeping'], ['gc', 'GC'],
];

/** showGoroutine: show that goroutine's first span in the timeline. */
export function goroutineTable(groups: TraceGoroutineGroupView[], durationNs: number, showGoroutine: (g: number) => void): HTMLElement {
  const total = groups.reduce((n, g) => n + g.count, 0);
  const head = h('tr', {}, h('th', { text: 'Start function' }), h('th', { className: 'num', text: 'Count' }),
    ...COLUMNS.map(([, label]) => h('th', { className: 'num', text: label })));
  const body = h('tbody');
  for (const g of groups) {
    const row = h('tr', { className: 'group-row', attrs: { tabindex: '0', role: 'button', 'aria-expanded': 'false', 'data-name': g.name } },
      h('td', { className: 'name', text: g.name, title: g.name }),
      h('td', { className: 'num', text: g.count.toLocaleString('en-US') }),
      ...COLUMNS.map(([k]) => cell(g[k], durationNs * g.count)));
    body.appendChild(row);
    let detail: HTMLElement[] = [];
    const toggle = () => {
      if (detail.length > 0) {
        for (const d of detail) d.remove();
        detail = [];
        row.setAttribute('aria-expanded', 'false');
        return;
      }
      detail = g.goroutines.map((r) => {
        const link = h('button', { className: 'goroutine-link', text: `G${r.id}`, title: `Show G${r.id} in the timeline`, attrs: { type: 'button', 'data-g': String(r.id) } });
        link.addEventListener('click', (e) => { e.stopPropagation(); showGoroutine(r.id); });
        return h('tr', { className: 'goroutine-row' }, h('td', { className: 'name' }, link), h('td'), ...COLUMNS.map(([k]) => cell(r[k], durationNs)));
      });
      if (g.more > 0) detail.push(h('tr', { className: 'goroutine-row' }, h('td', { className: 'name', text: `… ${g.more} more goroutines` })));
      let after: Element = row;
      for (const d of detail) { after.after(d); after = d; }
      row.setAttribute('aria-expanded', 'true');
    };
    row.addEventListener('click', toggle);
    row.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
  }
  return h('div', { className: 'goroutine-analysis' },
    h('p', { className: 'muted', text: `${total.toLocaleString('en-US')} goroutines in ${groups.length} groups by start function; click a group for its goroutines.` }),
    h('table', { className: 'goroutine-table' }, h('thead', {}, head), body));
}

function cell(ns: number, whole: number): HTMLElement {
  const td = h('td', { className: 'num', text: ns > 0 ? formatNs(ns) : '0' });
  if (whole > 0 && ns > 0) td.title = `${((100 * ns) / whole).toFixed(1)}% of the time`;
  return td;
}
