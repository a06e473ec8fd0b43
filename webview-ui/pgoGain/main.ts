// The "PGO gain" panel: benchstat's comparison of a benchmark run with -pgo=off and with a
// PGO profile, as benchstat printed it, and a small chart of every run's time per op on one scale
// (dots; the median as a bar), so the spread behind benchstat's ± is visible. Text via textContent only.
import type { GainRow } from '../../src/core/pgo/benchOutput';
import type { HostToPgoGain, PgoGainModel, PgoGainToHost } from '../../src/protocol/pgoGain';
import { clear, h } from '../shared/element';
import { panelApi } from '../shared/vscodeApi';

const api = panelApi<PgoGainToHost, Record<string, never>>();
const app = document.getElementById('app')!;
const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** "1.21ms", "936.8µs", "12.3ns": ns/op in benchstat's style of units. */
function duration(ns: number): string {
  if (ns >= 1e9) return `${(ns / 1e9).toPrecision(4)}s`;
  if (ns >= 1e6) return `${(ns / 1e6).toPrecision(4)}ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toPrecision(4)}µs`;
  return `${ns.toPrecision(4)}ns`;
}

function chart(rows: GainRow[], labels: [string, string]): SVGSVGElement {
  const width = 640;
  const left = 110;
  const right = 150;
  const lane = 18;
  const rowHeight = lane * 2 + 26;
  const height = rows.length * rowHeight + 24;
  const max = Math.max(...rows.flatMap((r) => [...r.off, ...r.pgo])) * 1.05;
  const x = (ns: number) => left + (ns / max) * (width - left - right);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'gain-chart', role: 'img', 'aria-label': 'time per op of every run, without and with the profile' });
  rows.forEach((r, i) => {
    const top = i * rowHeight + 4;
    root.appendChild(svg('text', { x: 0, y: top + 10, class: 'bench-name' }, r.name));
    [[labels[0], r.off, r.offMedian, 'off'], [labels[1], r.pgo, r.pgoMedian, 'pgo']].forEach(([label, runs, med, cls], j) => {
      const y = top + 16 + j * lane;
      root.appendChild(svg('text', { x: 0, y: y + lane / 2 + 4, class: 'lane-label' }, label as string));
      root.appendChild(svg('rect', { x: left, y: y + 3, width: Math.max(1, x(med as number) - left), height: lane - 6, class: `median ${cls}` }));
      for (const v of runs as number[]) root.appendChild(svg('circle', { cx: x(v), cy: y + lane / 2, r: 3, class: `run ${cls}` }));
      root.appendChild(svg('text', { x: width - right + 8, y: y + lane / 2 + 4, class: 'value' }, `${duration(med as number)}${j === 1 ? ` (${r.changePercent >= 0 ? '+' : ''}${r.changePercent.toFixed(1)}%)` : ''}`));
    });
  });
  root.appendChild(svg('text', { x: left, y: height - 4, class: 'axis' }, '0'));
  root.appendChild(svg('text', { x: width - right, y: height - 4, class: 'axis', 'text-anchor': 'end' }, duration(max)));
  return root;
}

function render(m: PgoGainModel): void {
  clear(app);
  app.appendChild(h('h1', { text: m.title }));
  app.appendChild(h('p', { className: 'command', text: m.command }));
  app.appendChild(h('h2', { text: 'benchstat' }));
  app.appendChild(h('pre', { className: 'benchstat', text: m.table }));
  if (m.rows.length > 0) {
    app.appendChild(h('h2', { text: 'Every run (ns/op; bar: median)' }));
    app.appendChild(chart(m.rows, m.labels));
  }
}

window.addEventListener('message', (e: MessageEvent<HostToPgoGain>) => {
  if (e.data?.type === 'gain') render(e.data.model);
});
api.post({ type: 'ready' });
