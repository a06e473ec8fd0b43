// The "Tasks & Regions" tab: user tasks, regions and logs (runtime/trace NewTask, StartRegion, Log) as
// `go tool trace`'s user task and region pages list them. Tasks and regions sort by start or duration
// (click a header); clicking a row selects its goroutine and time range in the timeline. Text only.
import type { TraceAnnotationsView } from '../../src/protocol/messages';
import { h } from '../shared/element';
import { formatNs, formatTime } from './timeScale';

/** show: select goroutine g (first of a task's goroutines) and show [start, end] in the timeline. */
export type ShowRange = (g: number, start: number, end: number) => void;

interface Column<T> { label: string; num?: boolean; value: (r: T) => string; sort?: (r: T) => number }

function sortableTable<T>(className: string, rows: T[], columns: Column<T>[], initial: number, onRow: (r: T) => void, title: (r: T) => string): HTMLElement {
  const body = h('tbody');
  let sortCol = initial;
  let desc = true;
  const heads = columns.map((c, i) => {
    const th = h('th', { className: c.num ? 'num' : '' });
    if (c.sort) {
      const b = h('button', { className: 'sort', text: c.label, title: `Sort by ${c.label.toLowerCase()}`, attrs: { type: 'button', 'data-sort': c.label.toLowerCase() } });
      b.addEventListener('click', () => {
        if (sortCol === i) desc = !desc;
        else { sortCol = i; desc = true; }
        fill();
      });
      th.append(b);
    } else th.textContent = c.label;
    return th;
  });
  const fill = (): void => {
    const key = columns[sortCol].sort!;
    const sorted = [...rows].sort((a, b) => (desc ? key(b) - key(a) : key(a) - key(b)));
    body.replaceChildren(...sorted.map((r) => {
      const tr = h('tr', { className: 'annotation-row', title: title(r), attrs: { tabindex: '0', role: 'button' } },
        ...columns.map((c) => h('td', { className: c.num ? 'num' : 'name', text: c.value(r) })));
      tr.addEventListener('click', () => onRow(r));
      tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onRow(r); } });
      return tr;
    }));
    heads.forEach((th, i) => th.setAttribute('aria-sort', i === sortCol ? (desc ? 'descending' : 'ascending') : 'none'));
  };
  fill();
  return h('table', { className: `goroutine-table ${className}` }, h('thead', {}, h('tr', {}, ...heads)), body);
}

export function annotationsTable(a: TraceAnnotationsView, show: ShowRange): HTMLElement {
  const at = (ns: number, known: boolean) => (known ? formatTime(ns, 1000) : `(${formatTime(ns, 1000)})`);
  const taskName = new Map(a.tasks.map((t) => [t.id, t.name]));
  const taskLabel = (id: number) => (id ? `${id}${taskName.get(id) ? ` ${taskName.get(id)}` : ''}` : '—');
  const out = h('div', { className: 'goroutine-analysis annotations', attrs: { id: 'annotations' } });
  if (a.tasks.length + a.regions.length + a.logs.length === 0) {
    out.append(h('p', { className: 'muted', text: 'This trace has no user tasks, regions or logs (runtime/trace NewTask, StartRegion, Log).' }));
    return out;
  }
  out.append(h('p', { className: 'muted', text: `${a.tasks.length} tasks, ${a.regions.length + a.moreRegions} regions, ${a.logs.length + a.moreLogs} logs. `
    + 'Times in parentheses are unknown (began before or still running when tracing stopped). Click a row to show it in the timeline.' }));

  out.append(h('h3', { text: `Tasks (${a.tasks.length})` }));
  out.append(sortableTable('task-table', a.tasks, [
    { label: 'Task', value: (t) => String(t.id), sort: (t) => t.id },
    { label: 'Name', value: (t) => t.name || '(unknown)' },
    { label: 'Parent', value: (t) => taskLabel(t.parent) },
    { label: 'Start', num: true, value: (t) => at(t.start, t.startKnown), sort: (t) => t.start },
    { label: 'Duration', num: true, value: (t) => formatNs(t.end - t.start), sort: (t) => t.end - t.start },
    { label: 'Goroutines', value: (t) => t.goroutines.map((g) => `G${g}`).join(', ') },
  ], 4, (t) => { if (t.goroutines.length) show(t.goroutines[0], t.start, t.end); }, (t) => `Task ${t.id} ${t.name}`));

  out.append(h('h3', { text: `Regions (${a.regions.length + a.moreRegions})` }));
  if (a.moreRegions > 0) out.append(h('p', { className: 'muted', text: `The ${a.regions.length} longest are listed.` }));
  out.append(sortableTable('region-table', a.regions, [
    { label: 'Region', value: (r) => `${'  '.repeat(Math.min(r.depth, 8))}${r.name}` },
    { label: 'Goroutine', value: (r) => `G${r.g}`, sort: (r) => r.g },
    { label: 'Task', value: (r) => taskLabel(r.task) },
    { label: 'Start', num: true, value: (r) => at(r.start, r.startKnown), sort: (r) => r.start },
    { label: 'Duration', num: true, value: (r) => formatNs(r.end - r.start), sort: (r) => r.end - r.start },
    { label: 'Depth', num: true, value: (r) => String(r.depth), sort: (r) => r.depth },
  ], 4, (r) => show(r.g, r.start, r.end), (r) => `${r.name} on G${r.g}`));

  out.append(h('h3', { text: `Logs (${a.logs.length + a.moreLogs})` }));
  if (a.moreLogs > 0) out.append(h('p', { className: 'muted', text: `The first ${a.logs.length} are listed.` }));
  out.append(sortableTable('log-table', a.logs, [
    { label: 'Time', num: true, value: (l) => formatTime(l.time, 1000), sort: (l) => l.time },
    { label: 'Goroutine', value: (l) => `G${l.g}`, sort: (l) => l.g },
    { label: 'Task', value: (l) => taskLabel(l.task) },
    { label: 'Category', value: (l) => l.category },
    { label: 'Message', value: (l) => l.message },
  ], 0, (l) => show(l.g, l.time, l.time), (l) => `${l.category}: ${l.message}`));
  // Logs read in time order.
  out.querySelector<HTMLButtonElement>('.log-table button.sort')?.click();
  return out;
}
