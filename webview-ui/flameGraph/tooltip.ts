// The hover tooltip's lines: function, file:line, flat and cum with their share of the total and
// of the parent frame, as `go tool pprof` prints values. Returned as text (shown via textContent).
import type { FlameModel } from './flameModel';
import type { Hit } from './flameRenderer';
import { percentage } from '../../src/core/measurement/measurement';

export function tooltipLines(m: FlameModel, hit: Hit): [string, string][] {
  if (hit.merged > 1) {
    const p = m.parent[hit.node];
    return [
      ['tt-name', `${hit.merged} frames too narrow to draw`],
      ['tt-cum', `cum ${m.format(hit.value)} (${m.percentOfTotal(hit.value)} of total, ${share(hit.value, m.cum[p])} of ${m.name(p)})`],
      ['tt-hint', 'Click to zoom into the caller'],
    ];
  }
  const i = hit.node;
  const lines: [string, string][] = [['tt-name', m.name(i) + (m.inline[i] ? ' (inlined)' : '')]];
  const file = m.file(i);
  if (file) lines.push(['tt-file', m.line(i) > 0 ? `${file}:${m.line(i)}` : file]);
  lines.push(['tt-flat', `flat ${m.format(m.flat[i])} (${m.percentOfTotal(m.flat[i])} of total)`]);
  const p = m.parent[i];
  const ofParent = p >= 0 ? `, ${share(m.cum[i], m.cum[p])} of parent` : '';
  lines.push(['tt-cum', `cum ${m.format(m.cum[i])} (${m.percentOfTotal(m.cum[i])} of total${ofParent})`]);
  if (m.data.diff && m.width[i] !== Math.abs(m.cum[i])) lines.push(['tt-diff', `change ${m.cum[i] > 0 ? '+' : ''}${m.format(m.cum[i])} (|samples| ${m.format(m.width[i])})`]);
  if (i > 0) lines.push(['tt-hint', 'Click: zoom · Double-click or Ctrl+click: source · Right-click: more']);
  return lines;
}

function share(v: number, of: number): string {
  return percentage(v, of).trim();
}
