// Profile editor webview: shows what the extension host computed (summary + top table) and sends
// back the user's choices. No parsing here: the host owns the profile.
import type {
  HostToProfileEditor,
  ProfileEditorState,
  ProfileEditorToHost,
  ProfileSummary,
  TopColumns,
} from '../../src/protocol/messages';
import { clear, h } from '../shared/element';
import { panelApi } from '../shared/vscodeApi';
import { summaryView } from './summaryView';
import { TopTableView } from './topTableView';
import { emptyText } from './emptyTable';

const api = panelApi<ProfileEditorToHost, ProfileEditorState>();
const app = document.getElementById('app') as HTMLElement;

function showMessage(kind: 'loading' | 'error', title: string, detail?: string): void {
  clear(app);
  const box = h(
    'div',
    { className: `message ${kind}`, attrs: { role: kind === 'error' ? 'alert' : 'status', id: kind === 'error' ? 'error' : 'loading' } },
    h('h2', { text: title }),
  );
  if (detail) box.appendChild(h('pre', { className: 'detail', text: detail }));
  if (kind === 'error') {
    box.appendChild(h('p', { className: 'hint', text: 'Pprof Lens reads pprof protocol buffers (gzipped or not) and the legacy text formats. See the "Pprof Lens" output channel for details.' }));
  }
  app.appendChild(box);
}

function hottestWithSource(top: TopColumns): { file: string; line: number } | undefined {
  let best = -1;
  for (let i = 0; i < top.name.length; i++) {
    if (top.file[i] && (best < 0 || Math.abs(top.flat[i]) > Math.abs(top.flat[best]))) best = i;
  }
  return best < 0 ? undefined : { file: top.file[best], line: top.line[best] };
}

function laterPanels(top: TopColumns): HTMLElement {
  const bar = h('div', { className: 'actions', attrs: { role: 'toolbar', 'aria-label': 'Views' } });
  // The flame graph panel.
  const flame = h('button', { text: 'Flame Graph', title: 'Open the flame graph of this profile', attrs: { type: 'button', id: 'show-flame-graph' } });
  flame.addEventListener('click', () => api.post({ type: 'showFlameGraph' }));
  bar.appendChild(flame);
  const callGraph = h('button', { text: 'Call Graph', title: 'Open the call graph (pprof -dot, laid out by Graphviz)', attrs: { type: 'button', id: 'show-call-graph' } });
  callGraph.addEventListener('click', () => api.post({ type: 'showCallGraph' }));
  bar.appendChild(callGraph);
  // The source annotations follow the profile shown here; this opens the hottest line with a known
  // source file (highest flat, as the top table's first row) so they are in view at once.
  const hot = hottestWithSource(top);
  const source = h('button', {
    text: 'Source Annotations',
    title: hot ? `Open ${hot.file}:${hot.line}, annotated with this profile's costs` : 'No function of this profile has a source file',
    attrs: { type: 'button', id: 'show-source-annotations' },
  });
  source.disabled = hot === undefined;
  if (hot) source.addEventListener('click', () => api.post({ type: 'openSource', file: hot.file, line: hot.line }));
  bar.appendChild(source);
  return bar;
}

function showProfile(summary: ProfileSummary, top: TopColumns): void {
  const state = api.state();
  const sampleChanged = state.sampleIndex !== undefined && state.sampleIndex !== summary.sampleIndex;
  api.saveState({ sampleIndex: summary.sampleIndex });
  clear(app);
  const header = summaryView(summary, {
    onSampleIndex: (index) => {
      api.saveState({ sampleIndex: index, scrollTop: 0 });
      api.post({ type: 'selectSampleIndex', sampleIndex: index });
    },
    onClearFilters: () => api.post({ type: 'clearFilters' }),
  });
  const table = new TopTableView(top, {
    sortColumn: state.sortColumn ?? 'flat',
    sortDescending: state.sortDescending ?? true,
    filter: state.filter ?? '',
    scrollTop: sampleChanged ? 0 : state.scrollTop ?? 0,
    onSortChange: (sortColumn, sortDescending) => api.saveState({ sortColumn, sortDescending }),
    onFilterChange: (filter) => api.saveState({ filter, scrollTop: 0 }),
    onScroll: (scrollTop) => api.saveState({ scrollTop }),
    onOpenSource: (file, line) => api.post({ type: 'openSource', file, line }),
    onSelect: (name) => api.post({ type: 'selectFunction', name }),
    signed: summary.comparison !== undefined,
    emptyText: emptyText(summary),
  });
  app.append(header, laterPanels(top), table.element);
  currentTable = table;
}

/** The table shown now (other views' selections select its rows). */
let currentTable: TopTableView | undefined;

window.addEventListener('message', (event: MessageEvent<HostToProfileEditor>) => {
  const m = event.data;
  switch (m.type) {
    case 'loading':
      showMessage('loading', `Reading ${m.fileName}…`);
      break;
    case 'error':
      showMessage('error', `Cannot open ${m.fileName}`, m.message);
      break;
    case 'profile':
      showProfile(m.summary, m.top);
      break;
    case 'selectFunction':
      currentTable?.selectName(m.name);
      break;
  }
});

showMessage('loading', 'Reading profile…');
api.post({ type: 'ready', sampleIndex: api.state().sampleIndex });
