// Goroutine view: the total, then groups of identical stacks with count, state, longest
// wait, creation site and labels; sort, search, expand a group to its stack, open any frame's source.
import type { GoroutineGroupView, GoroutinesModel, GoroutinesState, GoroutinesToHost, HostToGoroutines } from '../../src/protocol/messages';
import { clear, h } from '../shared/element';
import { panelApi } from '../shared/vscodeApi';

const api = panelApi<GoroutinesToHost, GoroutinesState>();
const app = document.getElementById('app') as HTMLElement;
const MAX_ROWS = 1000;

type SortKey = NonNullable<GoroutinesState['sort']>;
const SORTS: [SortKey, string][] = [['count', 'Count'], ['wait', 'Longest wait'], ['state', 'State'], ['function', 'Function']];

let model: GoroutinesModel | undefined;
const expanded = new Set<string>(api.state().expanded ?? []);

function groupTitle(g: GoroutineGroupView): string {
  return g.frames[g.userFrame]?.func ?? '(no frames)';
}

function matches(g: GoroutineGroupView, needle: string): boolean {
  if (!needle) return true;
  const hay = [g.state, ...g.frames.map((f) => `${f.func} ${f.file}:${f.line}`), g.createdBy ? `${g.createdBy.func} ${g.createdBy.file}` : '',
    ...Object.entries(g.labels ?? {}).map(([k, v]) => `${k}=${v}`)].join('\n').toLowerCase();
  return hay.includes(needle);
}

/** The groups in the chosen order; a crash's group (the goroutine that crashed) stays first. */
function sorted(groups: GoroutineGroupView[], key: SortKey): GoroutineGroupView[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const crashFirst = (a: GoroutineGroupView, b: GoroutineGroupView) => Number(!!b.crashed) - Number(!!a.crashed);
  const out = [...groups];
  switch (key) {
    case 'count': return out; // the host sends largest first (a crash's group before all)
    case 'wait': return out.sort((a, b) => crashFirst(a, b) || b.maxWaitMinutes - a.maxWaitMinutes || b.count - a.count);
    case 'state': return out.sort((a, b) => crashFirst(a, b) || cmp(a.state, b.state) || b.count - a.count);
    case 'function': return out.sort((a, b) => crashFirst(a, b) || cmp(groupTitle(a), groupTitle(b)) || b.count - a.count);
  }
}

function frameLink(f: { func: string; file: string; line: number }, className: string): HTMLElement {
  const loc = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '';
  const b = h('button', { className: `frame ${className}`, title: loc ? `Open ${loc}` : f.func, attrs: { type: 'button' } },
    h('span', { className: 'func', text: f.func }), loc ? h('span', { className: 'loc', text: ` ${shortPath(f.file)}:${f.line}` }) : null);
  b.disabled = !f.file;
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    api.post({ type: 'openSource', file: f.file, line: f.line });
  });
  return b;
}

function shortPath(p: string): string {
  const parts = p.split('/');
  return parts.length > 2 ? parts.slice(-2).join('/') : p;
}

function waitText(g: GoroutineGroupView): string {
  if (g.maxWaitMinutes <= 0) return '';
  if (g.minWaitMinutes === g.maxWaitMinutes) return `${g.maxWaitMinutes} min`;
  return `${g.minWaitMinutes}–${g.maxWaitMinutes} min`;
}

/** The state without the leak profile's " (leaked)" mark, which the badge shows instead. */
function stateText(g: GoroutineGroupView): string {
  return (g.leaked ? g.state.replace(/\s*\(leaked\)/, '') : g.state) || '—';
}

/** A leak profile's creation site in the group's head: "created by main.leakLoop" and a link to its line. */
function createdInHead(g: GoroutineGroupView): HTMLElement | null {
  if (!g.createdBy) return null;
  if (!model?.leak) return h('span', { className: 'created', text: `created by ${g.createdBy.func}` });
  return h('span', { className: 'created site' }, 'created by ', frameLink(g.createdBy, 'user'));
}

function groupRow(g: GoroutineGroupView): HTMLElement {
  const open = expanded.has(g.key);
  const head = h('div', { className: 'group-head', attrs: { role: 'button', tabindex: '0', 'aria-expanded': String(open) } },
    h('span', { className: 'count', text: g.count.toLocaleString('en-US') }),
    g.leaked ? h('span', { className: 'leak-badge', text: 'leaked', title: 'The garbage collector found these goroutines blocked forever: nothing reachable can ever wake them' }) : null,
    g.crashed ? h('span', { className: 'crash-badge', text: 'crashed', title: `The goroutine that crashed (goroutine ${model?.crash?.goroutineId ?? ''})` }) : null,
    // Profiles have no states or waits: no empty columns for them.
    model?.from === 'dump' ? h('span', { className: 'state', text: stateText(g) }) : null,
    model?.from === 'dump' ? h('span', { className: 'wait', text: waitText(g) }) : null,
    h('span', { className: 'title', text: groupTitle(g) }),
    createdInHead(g),
    g.labels ? h('span', { className: 'labels', text: Object.entries(g.labels).map(([k, v]) => `${k}=${v}`).join(' ') }) : null,
  );
  const el = h('div', { className: `group${open ? ' open' : ''}${g.leaked ? ' leaked' : ''}${g.crashed ? ' crashed' : ''}`, attrs: { 'data-key': g.key, 'data-count': String(g.count), ...(g.leaked ? { 'data-leaked': 'true' } : {}), ...(g.crashed ? { 'data-crashed': 'true' } : {}) } }, head);
  const toggle = () => {
    if (expanded.has(g.key)) expanded.delete(g.key);
    else expanded.add(g.key);
    api.saveState({ expanded: [...expanded] });
    const next = groupRow(g);
    el.replaceWith(next);
    // The head that had focus was replaced: keep keyboard users on this group (not back at the top).
    next.querySelector<HTMLElement>('.group-head')?.focus();
  };
  head.addEventListener('click', toggle);
  head.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      toggle();
    }
  });
  if (open) {
    const stack = h('ol', { className: 'stack' });
    g.frames.forEach((f, i) => stack.appendChild(h('li', {}, frameLink(f, i === g.userFrame ? 'user' : ''))));
    el.appendChild(stack);
    if (g.createdBy) el.appendChild(h('div', { className: 'creator' }, 'created by ', frameLink(g.createdBy, 'user')));
    if (g.ids.length) el.appendChild(h('div', { className: 'ids', text: `goroutines ${g.ids.join(', ')}${g.count > g.ids.length ? ', …' : ''}` }));
  }
  return el;
}

function render(): void {
  if (!model) return;
  const m = model;
  const st = api.state();
  clear(app);
  const sortKey: SortKey = st.sort ?? 'count';
  const needle = (st.filter ?? '').trim().toLowerCase();
  // A leak profile shows its leaked groups; "Show all goroutines" adds the others (a debug=2 leak
  // profile lists every goroutine of the program).
  const leak = m.leak;
  const showAll = !leak || (st.showAll ?? false);
  const candidates = showAll ? m.groups : m.groups.filter((g) => g.leaked);
  const shown = sorted(candidates.filter((g) => matches(g, needle)), sortKey);
  const shownCount = shown.reduce((a, g) => a + g.count, 0);

  const search = h('input', { className: 'filter', attrs: { type: 'search', id: 'filter', placeholder: 'Search functions, files, states, labels', 'aria-label': 'Search goroutine groups' } });
  search.value = st.filter ?? '';
  search.addEventListener('input', () => {
    api.saveState({ filter: search.value });
    const pos = search.selectionStart;
    render();
    const again = document.getElementById('filter') as HTMLInputElement | null;
    again?.focus();
    if (again && pos !== null) again.setSelectionRange(pos, pos);
  });
  const sort = h('select', { attrs: { id: 'sort', 'aria-label': 'Sort groups by' } });
  for (const [k, label] of SORTS) {
    const o = h('option', { text: `Sort: ${label}`, attrs: { value: k } });
    if (k === sortKey) o.selected = true;
    sort.appendChild(o);
  }
  sort.addEventListener('change', () => {
    api.saveState({ sort: sort.value as SortKey });
    render();
  });
  const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  let toggleAll: HTMLElement | null = null;
  if (leak && m.from === 'dump' && m.total > leak.leaked) {
    const box = h('input', { attrs: { type: 'checkbox', id: 'show-all' } });
    box.checked = showAll;
    box.addEventListener('change', () => {
      api.saveState({ showAll: box.checked });
      render();
    });
    toggleAll = h('label', { className: 'show-all', attrs: { for: 'show-all' } }, box, ` Show all ${plural(m.total, 'goroutine')}`);
  }
  const sourceText = leak
    ? m.from === 'dump'
      ? `goroutine leak profile: goroutines the garbage collector found blocked forever, of ${plural(m.total, 'goroutine')}, with their creation sites`
      : 'goroutine leak profile: counts per stack (capture it with Capture Goroutine Leak Profile for states and creation sites)'
    : m.crash ? 'crash output: the goroutine that crashed first, then every goroutine with its state'
      : m.from === 'dump' ? 'goroutine dump (debug=2): states, waits and creators' : 'goroutine profile: counts per stack (no states; capture a dump for them)';
  const header = h('header', { className: `summary${leak ? ' leak' : ''}` },
    leak
      ? h('h1', {}, h('span', { className: 'total', attrs: { id: 'total' }, text: plural(leak.leaked, 'leaked goroutine') }),
        h('span', { className: 'groups-count', text: ` in ${plural(leak.groups, 'group')}` }))
      : h('h1', {}, h('span', { className: 'total', attrs: { id: 'total' }, text: plural(m.total, 'goroutine') }),
        h('span', { className: 'groups-count', text: ` in ${plural(m.groups.length, 'group')}` })),
    h('div', { className: 'source', title: m.source, text: `${m.fileName} · ${sourceText}` }),
    // A crash's own words (panic value, fatal error, signal), as text.
    m.crash && m.crash.message.length ? h('pre', { className: 'crash-message', attrs: { id: 'crash', role: 'alert' }, text: m.crash.message.join('\n') }) : null,
    h('div', { className: 'toolbar' }, search, sort, toggleAll,
      h('span', { className: 'shown', text: needle ? `${shown.length} groups, ${shownCount.toLocaleString('en-US')} goroutines match` : '' })),
  );
  const list = h('div', { className: 'groups', attrs: { id: 'groups', role: 'list' } });
  for (const g of shown.slice(0, MAX_ROWS)) list.appendChild(groupRow(g));
  if (shown.length > MAX_ROWS) list.appendChild(h('div', { className: 'more', text: `${shown.length - MAX_ROWS} more groups: refine the search` }));
  if (shown.length === 0) {
    const none = leak && leak.leaked === 0
      ? `No leaked goroutines: the garbage collector found none of the ${plural(m.total, 'goroutine')} blocked forever.`
      : candidates.length ? 'No group matches the search.' : 'No goroutines.';
    list.appendChild(h('div', { className: 'empty', attrs: { id: 'empty' }, text: none }));
  }
  app.append(header, list);
}

window.addEventListener('message', (event: MessageEvent<HostToGoroutines>) => {
  const msg = event.data;
  if (msg.type === 'goroutines') {
    model = msg.model;
    render();
  } else if (msg.type === 'error') {
    clear(app);
    app.appendChild(h('div', { className: 'message error', attrs: { role: 'alert', id: 'error' } }, h('h2', { text: 'Cannot show goroutines' }), h('pre', { text: msg.message })));
  }
});

app.appendChild(h('div', { className: 'message', attrs: { role: 'status' }, text: 'Reading goroutines…' }));
api.post({ type: 'ready' });
