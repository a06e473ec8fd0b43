// The goroutine analysis tab: goroutines grouped by start function (as `go tool trace`'s
// /goroutines page), with count and execution, network wait, sync block, syscall, scheduler wait,
// GC sweeping and GC time; a group expands to its goroutines. It says what it counts: the goroutines
// that existed during the trace (not only those that ran), and that goroutines already there when
// tracing began are measured from the trace's start, as Go 1.27 measures them. All strings go in as text.
import type { TraceGoroutineGroupView, TraceGoroutineRow } from '../../src/protocol/messages';
import { h } from '../shared/element';
import { formatNs } from './timeScale';

const COLUMNS: [keyof Omit<TraceGoroutineRow, 'id' | 'beforeTrace'>, string][] = [
  ['total', 'Total'], ['exec', 'Execution'], ['io', 'Network wait'], ['block', 'Sync block'], ['syscall', 'Syscall'],
  ['sched', 'Scheduler wait'], ['sweep', 'GC sweeping'], ['gc', 'GC'],
];

type SortKey = 'name' | 'count' | (typeof COLUMNS)[number][0];

/** Go 1.27's group name for goroutines whose stack the trace never recorded. */
const NO_STACK_GROUP = '(Inactive, no stack trace sampled)';

/** Why a goroutine already there when tracing began shows long waits (tooltip and note). */
export const BEFORE_TRACE_NOTE = 'Already there when tracing began: as go tool trace (Go 1.27) does, its times count from the trace\'s start '
  + '(its creation time is the trace\'s first event), so a goroutine blocked or runnable since before the trace shows that wait from the trace\'s start '
  + 'to when it ended (or to the end of the trace), not the full wait.';

/**
 * ranOnP: how many goroutines ran on a P (the header's count), said next to how many existed.
 * showGoroutine: show that goroutine's first span in the timeline. Clicking a column header sorts
 * the groups, and the goroutines inside an open group, by that column (largest first; again: reversed).
 */
export function goroutineTable(groups: TraceGoroutineGroupView[], durationNs: number, showGoroutine: (g: number) => void, ranOnP?: number): HTMLElement {
  const total = groups.reduce((n, g) => n + g.count, 0);
  const before = groups.reduce((n, g) => n + (g.beforeTrace ?? 0), 0);
  // Until a header is clicked: the host's order (as `go tool trace`, by execution time).
  let sortKey: SortKey | undefined;
  let descending = true;
  const open = new Set<string>();
  const body = h('tbody');
  const headers = new Map<SortKey, HTMLElement>();
  const header = (key: SortKey, label: string, numeric: boolean): HTMLElement => {
    const button = h('button', { className: 'sort', text: label, attrs: { type: 'button', 'data-sort': key } });
    const th = h('th', { className: numeric ? 'num' : '' }, button);
    button.addEventListener('click', () => {
      if (sortKey === key) descending = !descending;
      else {
        sortKey = key;
        descending = key !== 'name';
      }
      render();
    });
    headers.set(key, th);
    return th;
  };
  const head = h('tr', {}, header('name', 'Start function', false), header('count', 'Count', true),
    ...COLUMNS.map(([k, label]) => header(k, label, true)));
  const value = (x: TraceGoroutineGroupView | TraceGoroutineRow): number | string =>
    sortKey === undefined ? 0 : sortKey === 'name' ? ('name' in x ? x.name : `G${x.id}`) : sortKey === 'count' ? ('count' in x ? x.count : 1) : x[sortKey];
  const order = <T extends TraceGoroutineGroupView | TraceGoroutineRow>(xs: T[]): T[] =>
    sortKey === undefined ? xs : xs.slice().sort((p, q) => {
      const a = value(p);
      const b = value(q);
      const c = typeof a === 'string' || typeof b === 'string' ? String(a).localeCompare(String(b)) : a - b;
      return descending ? -c : c;
    });

  const render = () => {
    for (const [key, th] of headers) th.setAttribute('aria-sort', key === sortKey ? (descending ? 'descending' : 'ascending') : 'none');
    body.replaceChildren();
    for (const g of order(groups)) {
      const expanded = open.has(g.name);
      const row = h('tr', { className: 'group-row', attrs: { tabindex: '0', role: 'button', 'aria-expanded': String(expanded), 'data-name': g.name } },
        h('td', { className: 'name', text: g.name, title: `${g.name}${g.name === NO_STACK_GROUP ? ': goroutines whose stack the trace never recorded' : ''}`
          + `${g.beforeTrace ? ` — ${g.beforeTrace} of ${g.count} already there when tracing began (times from the trace's start)` : ''}; times are sums over the group's goroutines` }),
        h('td', { className: 'num', text: g.count.toLocaleString('en-US') }),
        ...COLUMNS.map(([k]) => cell(g[k], durationNs * g.count)));
      body.appendChild(row);
      if (expanded) {
        for (const r of order(g.goroutines)) {
          const link = h('button', { className: 'goroutine-link', text: `G${r.id}`, title: `Show G${r.id} in the timeline`, attrs: { type: 'button', 'data-g': String(r.id) } });
          link.addEventListener('click', (e) => { e.stopPropagation(); showGoroutine(r.id); });
          const name = h('td', { className: 'name' }, link);
          if (r.beforeTrace) name.append(' ', h('span', { className: 'muted before-trace', text: 'before trace', title: BEFORE_TRACE_NOTE }));
          body.appendChild(h('tr', { className: 'goroutine-row' }, name, h('td'), ...COLUMNS.map(([k]) => cell(r[k], durationNs))));
        }
        if (g.more > 0) body.appendChild(h('tr', { className: 'goroutine-row' }, h('td', { className: 'name', text: `… ${g.more} more goroutines` })));
      }
      const toggle = () => {
        if (open.has(g.name)) open.delete(g.name);
        else open.add(g.name);
        render();
        // Keep the keyboard on the group that was toggled.
        (Array.from(body.querySelectorAll<HTMLElement>('tr.group-row')).find((r) => r.dataset.name === g.name))?.focus();
      };
      row.addEventListener('click', toggle);
      row.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
    }
  };
  render();
  const ran = ranOnP !== undefined ? ` (${ranOnP.toLocaleString('en-US')} of them ran on a P)` : '';
  const notes: HTMLElement[] = [];
  if (before > 0) {
    notes.push(h('p', { className: 'muted', attrs: { id: 'before-trace-note' },
      text: `${before.toLocaleString('en-US')} of them were already there when tracing began (marked "before trace"): as go tool trace does, their times count `
        + 'from the trace\'s start, so a goroutine blocked since before the trace shows its wait from the trace\'s start, not the full wait. '
        + 'A group\'s times are sums over its goroutines (100 goroutines waiting through a 5 s trace show 500 s).' }));
  }
  if (groups.some((g) => g.name === NO_STACK_GROUP)) {
    notes.push(h('p', { className: 'muted', attrs: { id: 'no-stack-note' },
      text: `${NO_STACK_GROUP}: goroutines whose stack the trace never recorded — there before tracing began, they never started, stopped or blocked with a stack during it (go tool trace's name for them).` }));
  }
  return h('div', { className: 'goroutine-analysis' },
    h('p', { className: 'muted', attrs: { id: 'goroutine-count' }, text: `${total.toLocaleString('en-US')} ${total === 1 ? 'goroutine' : 'goroutines'} existed during the trace${ran}, in ${groups.length} ${groups.length === 1 ? 'group' : 'groups'} by start function; click a group for its goroutines, a column to sort by it.` }),
    ...notes,
    h('table', { className: 'goroutine-table' }, h('thead', {}, head), body));
}

function cell(ns: number, whole: number): HTMLElement {
  const td = h('td', { className: 'num', text: ns > 0 ? formatNs(ns) : '0' });
  if (whole > 0 && ns > 0) td.title = `${((100 * ns) / whole).toFixed(1)}% of the time`;
  return td;
}
