// The profile editor's header: what this profile is (kind, sample types, duration, total, period,
// source) and the sample type switcher.
import type { ProfileSummary } from '../../src/protocol/messages';
import { h } from '../shared/element';

export interface SummaryHandlers {
  onSampleIndex(index: number): void;
  /** Drop the focus/ignore/hide/show filters the other views set. */
  onClearFilters(): void;
}

/**
 * The filters the table applies (chosen in the flame graph or call graph), in plain view: without
 * this the table just has fewer rows, with the reason folded away in the pprof header.
 */
function filterNote(s: ProfileSummary, handlers: SummaryHandlers): HTMLElement | null {
  if (!s.filters || s.filters.length === 0) return null;
  const clearButton = h('button', { text: 'Clear Filters', title: 'Show the whole profile again, in every view of it', attrs: { type: 'button', id: 'clear-filters' } });
  clearButton.addEventListener('click', () => handlers.onClearFilters());
  const showing = s.legend.find((l) => l.startsWith('Showing nodes accounting for'));
  return h(
    'div',
    { className: 'filter-note', attrs: { id: 'filter-note', role: 'note' } },
    h('span', { text: 'Filtered: ' }),
    h('code', { className: 'filters', text: s.filters.join(' ') }),
    showing ? h('span', { className: 'showing', text: ` · ${showing}` }) : null,
    clearButton,
  );
}

export function summaryView(s: ProfileSummary, handlers: SummaryHandlers): HTMLElement {
  const select = h('select', { className: 'sample-type', attrs: { id: 'sample-type', 'aria-label': 'Sample type' } });
  s.sampleTypes.forEach((t, i) => {
    const opt = h('option', { text: t.unit ? `${t.type} (${t.unit})` : t.type, attrs: { value: String(i) } });
    if (i === s.sampleIndex) opt.selected = true;
    select.appendChild(opt);
  });
  select.disabled = s.sampleTypes.length < 2;
  select.addEventListener('change', () => handlers.onSampleIndex(Number(select.value)));

  const facts: [string, Node | string][] = [
    ['Type', s.kind],
    ['Sample type', select],
    ['Total', s.totalText],
    ['Sample records', s.sampleCount.toLocaleString('en-US')],
  ];
  // A comparison names its two inputs with their own times and durations (the merged profile's
  // time is the base's and its duration the sum of both: neither is worth showing).
  const sides = s.comparisonSides;
  const side = (x: NonNullable<typeof sides>['base']) =>
    [x.name, x.timeMillis ? `captured ${new Date(x.timeMillis).toLocaleString()}` : '', x.durationText].filter(Boolean).join(' · ');
  if (sides) {
    facts.push(['New', side(sides.new)], ['Base', side(sides.base)]);
  } else if (s.durationText) facts.push(['Duration', s.durationText]);
  if (s.periodText) facts.push(['Sampling period', s.periodText]);
  if (s.timeMillis && !sides) facts.push(['Captured', new Date(s.timeMillis).toLocaleString()]);
  if (s.comparison !== undefined) facts.push(['Comparison', s.comparison || 'signed deltas']);
  if (s.granularity) facts.push(['Granularity', s.granularity]); // chosen in the flame graph or call graph
  facts.push(['File', s.source]);

  const dl = h('dl', { className: 'facts' });
  for (const [k, v] of facts) {
    const dt = h('dt', { text: k });
    const dd = h('dd', {}, v);
    if (k === 'New' || k === 'Base') dd.id = `comparison-${k.toLowerCase()}`;
    if (k === 'File') {
      dt.classList.add('path');
      dd.classList.add('path');
      dd.title = s.source;
    }
    dl.append(dt, dd);
  }
  const legend = h(
    'details',
    { className: 'legend' },
    h('summary', { text: 'pprof -top header' }),
    h('pre', { text: s.legend.join('\n') }),
  );
  return h(
    'header',
    { className: 'summary' },
    h('h1', {}, h('span', { className: 'file-name', text: s.fileName }), h('span', { className: 'badge', text: s.kind }),
      s.comparison !== undefined ? h('span', { className: 'badge comparison', text: 'comparison' }) : null),
    dl,
    // Why a comparison's table has no base / new / change columns (an input is gone...).
    s.deltaNote ? h('p', { className: 'delta-note', text: s.deltaNote, attrs: { id: 'delta-note', role: 'note' } }) : null,
    filterNote(s, handlers),
    legend,
  );
}
