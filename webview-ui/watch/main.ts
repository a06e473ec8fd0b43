// Watch panel: the total and the largest parts (goroutine groups, heap functions) over
// time on a canvas, gaps where the target did not answer, suspected leaks with their creation site.
import type { HostToWatch, WatchModel, WatchToHost } from '../../src/protocol/messages';
import { clear, h } from '../shared/element';
import { chartRange } from './chartScale';
import { panelApi } from '../shared/vscodeApi';

const api = panelApi<WatchToHost, Record<string, never>>();
const app = document.getElementById('app') as HTMLElement;
// No charts-foreground: that is the total's colour. Parts past the palette are drawn dashed.
const PALETTE = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-red'];
const FALLBACK = ['#3794ff', '#d18616', '#388a34', '#8a5cf5', '#cca700', '#f14c4c'];

function partColor(i: number): string {
  return cssVar(PALETTE[i % PALETTE.length], FALLBACK[i % FALLBACK.length]);
}

let model: WatchModel | undefined;
let canvas: HTMLCanvasElement | undefined;

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function fmt(v: number, unit: WatchModel['unit']): string {
  if (unit === 'count') return v.toLocaleString('en-US');
  const a = Math.abs(v);
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let x = a;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return `${v < 0 ? '-' : ''}${x.toFixed(x >= 100 || i === 0 ? 0 : 1)}${units[i]}`;
}

function draw(): void {
  if (!model || !canvas) return;
  const m = model;
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const hgt = canvas.clientHeight;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(hgt * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.scale(dpr, dpr);
  ctx.clearRect(0, 0, w, hgt);
  const fg = cssVar('--vscode-foreground', '#ccc');
  const grid = cssVar('--vscode-widget-border', 'rgba(128,128,128,0.3)');
  ctx.font = `11px ${cssVar('--vscode-font-family', 'sans-serif')}`;
  const left = 64, right = 12, top = 18, bottom = 24;
  const pw = Math.max(10, w - left - right);
  const ph = Math.max(10, hgt - top - bottom);
  const n = m.times.length;
  if (n === 0) {
    ctx.fillStyle = fg;
    ctx.fillText('Waiting for the first snapshot…', left, top + 20);
    return;
  }
  // Two panes, each scaled to its own data: the total on top (a non-zero baseline when it
  // sits far above zero, so 527 → 547 is a visible rise), the largest parts below (small next to it).
  const gapY = 18;
  const totalH = Math.max(10, Math.round((ph - gapY) * 0.45));
  const partsTop = top + totalH + gapY;
  const partsH = Math.max(10, ph - totalH - gapY);
  const extent = (lists: (number | null)[][]) => {
    let lo = Infinity, hi = -Infinity;
    for (const l of lists) for (const v of l) if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    return hi >= lo ? { lo, hi } : { lo: 0, hi: 0 };
  };
  const te = extent([m.totals]);
  const totalRange = chartRange(te.lo, te.hi, m.unit);
  const pe = extent(m.parts.map((p) => p.values));
  const partsRange = chartRange(pe.lo, pe.hi, m.unit);
  canvas.dataset.totalAxis = `${totalRange.bottom}-${totalRange.top}`;
  canvas.dataset.partsAxis = `${partsRange.bottom}-${partsRange.top}`;
  canvas.setAttribute('aria-label', `Total over time, axis from ${fmt(totalRange.bottom, m.unit)} to ${fmt(totalRange.top, m.unit)}; ` +
    `largest parts below, axis from ${fmt(partsRange.bottom, m.unit)} to ${fmt(partsRange.top, m.unit)}`);
  const t0 = m.times[0];
  const t1 = Math.max(m.times[n - 1], t0 + m.intervalSeconds * 1000);
  const x = (t: number) => left + ((t - t0) / (t1 - t0)) * pw;
  const yIn = (r: { bottom: number; top: number }, paneTop: number, paneH: number) =>
    (v: number) => paneTop + paneH - ((v - r.bottom) / (r.top - r.bottom)) * paneH;
  const yTotal = yIn(totalRange, top, totalH);
  const yParts = yIn(partsRange, partsTop, partsH);
  // grid and axis labels of each pane; a non-zero baseline is named in the pane's caption
  ctx.lineWidth = 1;
  const axis = (r: typeof totalRange, y: (v: number) => number, paneTop: number, caption: string) => {
    ctx.strokeStyle = grid;
    ctx.fillStyle = fg;
    for (const v of r.ticks) {
      const yy = Math.round(y(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(left, yy);
      ctx.lineTo(left + pw, yy);
      ctx.stroke();
      ctx.textAlign = 'right';
      ctx.fillText(fmt(v, m.unit).replace(/\.0(?=[a-zA-Z])/, ''), left - 6, yy + 4); // round steps: "5MB", not "5.0MB"
    }
    ctx.textAlign = 'left';
    const from = r.bottom > 0 ? ` (axis from ${fmt(r.bottom, m.unit).replace(/\.0(?=[a-zA-Z])/, '')}, not 0)` : '';
    ctx.fillText(`${caption}${from}`, left + 4, paneTop - 3 < 10 ? paneTop + 11 : paneTop - 3);
  };
  axis(totalRange, yTotal, top, 'total');
  if (m.parts.length > 0) axis(partsRange, yParts, partsTop, m.kind === 'goroutines' ? 'largest groups' : 'largest functions');
  ctx.textAlign = 'left';
  ctx.fillText(new Date(t0).toLocaleTimeString(), left, hgt - 6);
  ctx.textAlign = 'right';
  ctx.fillText(new Date(m.times[n - 1]).toLocaleTimeString(), left + pw, hgt - 6);
  // gaps: shaded bands
  ctx.fillStyle = cssVar('--vscode-inputValidation-errorBackground', 'rgba(255,0,0,0.15)');
  const step = n > 1 ? (x(m.times[n - 1]) - x(t0)) / (n - 1) : pw;
  m.gaps.forEach((g, i) => {
    if (g === null) return;
    const xx = x(m.times[i]);
    ctx.globalAlpha = 0.5;
    ctx.fillRect(xx - step / 2, top, step, ph);
    ctx.globalAlpha = 1;
  });
  const line = (values: (number | null)[], color: string, width: number, dashed: boolean, y: (v: number) => number) => {
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dashed ? [4, 3] : []);
    let open = false;
    ctx.beginPath();
    values.forEach((v, i) => {
      if (v === null) {
        open = false; // a gap breaks the line
        return;
      }
      const xx = x(m.times[i]);
      const yy = y(v);
      if (!open) ctx.moveTo(xx, yy);
      else ctx.lineTo(xx, yy);
      open = true;
    });
    ctx.stroke();
    ctx.setLineDash([]);
    values.forEach((v, i) => {
      if (v === null) return;
      ctx.beginPath();
      ctx.arc(x(m.times[i]), y(v), width + 0.5, 0, Math.PI * 2);
      ctx.fill();
    });
  };
  m.parts.forEach((p, i) => line(p.values, partColor(i), p.suspect ? 2 : 1.25, i >= PALETTE.length, yParts));
  line(m.totals, fg, 2.5, false, yTotal);
}

const buttons = {
  stop: h('button', { text: 'Stop', attrs: { type: 'button', id: 'stop' } }),
  latest: h('button', { text: 'Show Latest Snapshot', attrs: { type: 'button', id: 'open-latest' } }),
  compare: h('button', { text: 'Compare First and Last', attrs: { type: 'button', id: 'compare-first-last' } }),
};
buttons.stop.addEventListener('click', () => api.post({ type: 'stop' }));
buttons.latest.addEventListener('click', () => api.post({ type: 'openLatest' }));
buttons.compare.addEventListener('click', () => api.post({ type: 'compareFirstLast' }));

function render(): void {
  if (!model) return;
  const m = model;
  const focused = document.activeElement;
  clear(app);
  const last = [...m.totals].reverse().find((t) => t !== null);
  // The same buttons on every redraw (a snapshot a second redraws the panel): a click, or the
  // keyboard focus, is never lost to a button replaced under it.
  const { stop, latest, compare } = buttons;
  stop.disabled = !m.running;
  latest.textContent = m.kind === 'goroutines' ? 'Show Latest Snapshot' : 'Open Latest Snapshot';
  latest.disabled = m.snapshots === 0;
  compare.disabled = m.snapshots < 2;
  const header = h('header', { className: 'summary' },
    h('h1', {}, `${m.kind === 'goroutines' ? 'Goroutines' : 'Heap in use'} of ${m.target}: `,
      h('span', { attrs: { id: 'total' }, text: last === undefined || last === null ? '—' : fmt(last, m.unit) })),
    h('div', { className: `status${m.gaps[m.gaps.length - 1] ? ' away' : ''}`, attrs: { id: 'status', role: 'status' }, text: `${m.snapshots} snapshot${m.snapshots === 1 ? '' : 's'} · ${m.status}` }),
    h('div', { className: 'toolbar' }, stop, latest, compare));
  canvas = h('canvas', { className: 'chart', attrs: { id: 'chart', 'aria-label': 'Total and largest parts over time', role: 'img' } });

  // One item per line of the chart (swatch and name kept together when the legend wraps).
  const legend = h('div', { className: 'legend' }, h('span', { className: 'legend-item' }, h('span', { className: 'swatch total' }), 'total'));
  m.parts.forEach((p, i) => {
    const sw = h('span', { className: 'swatch' });
    const color = partColor(i);
    sw.style.background = i >= PALETTE.length ? `repeating-linear-gradient(90deg, ${color} 0 4px, transparent 4px 7px)` : color;
    legend.append(h('span', { className: 'legend-item' }, sw, h('span', { className: p.suspect ? 'suspect-name' : '', text: p.title })));
  });

  // Watch Goroutines with the target's goroutine leak profile: the groups the GC found leaked.
  let leaks: HTMLElement | null = null;
  const lp = m.leakProfile;
  if (lp && lp.state !== 'off') {
    leaks = h('section', { className: 'leaks', attrs: { id: 'leaks', 'data-state': lp.state } },
      h('h2', { text: lp.state !== 'served' ? 'Leak profile' : lp.confirmed.length ? `Leaks confirmed by the garbage collector (${lp.confirmed.length})` : 'No leaked goroutines' }));
    if (lp.state === 'served' && !lp.confirmed.length) {
      leaks.appendChild(h('p', { className: 'hint', text: 'Every snapshot reads the goroutine leak profile: the garbage collector found no goroutine blocked forever.' }));
    } else if (lp.state === 'not-served') {
      leaks.appendChild(h('p', { className: 'hint', attrs: { id: 'leak-note' }, text: `${lp.note ?? 'The target does not serve the goroutine leak profile.'} Until then, groups that keep growing are flagged below.` }));
    } else if (lp.state === 'try') {
      leaks.appendChild(h('p', { className: 'hint', text: 'Asking the target for its goroutine leak profile…' }));
    }
    for (const c of lp.confirmed) {
      const site = h('button', { className: 'site', text: c.site ?? (c.file ? `${c.file}:${c.line}` : '(unknown site)'), attrs: { type: 'button' } });
      site.disabled = !c.file;
      site.addEventListener('click', () => c.file && api.post({ type: 'openSource', file: c.file, line: c.line ?? 0 }));
      leaks.appendChild(h('div', { className: 'leak', attrs: { 'data-key': c.key, 'data-count': String(c.count) } },
        h('span', { className: 'flag', text: '✖ leaked' }),
        h('span', { className: 'title', text: c.title }),
        h('span', { className: 'growth', text: `${c.count.toLocaleString('en-US')} goroutine${c.count === 1 ? '' : 's'} blocked forever` }),
        site));
    }
  }

  const suspects = h('section', { className: 'suspects', attrs: { id: 'suspects' } },
    h('h2', { text: m.suspects.length ? `Suspected ${m.kind === 'goroutines' ? 'leaks' : 'growth'} (${m.suspects.length})` : 'No suspected leak' }));
  if (!m.suspects.length) {
    suspects.appendChild(h('p', { className: 'hint', text: `A ${m.kind === 'goroutines' ? 'group' : 'function'} is flagged when it grows over consecutive snapshots without shrinking.` }));
  }
  for (const s of m.suspects) {
    const site = h('button', { className: 'site', text: s.site ?? (s.file ? `${s.file}:${s.line}` : '(unknown site)'), attrs: { type: 'button' } });
    site.disabled = !s.file;
    site.addEventListener('click', () => s.file && api.post({ type: 'openSource', file: s.file, line: s.line ?? 0 }));
    suspects.appendChild(h('div', { className: 'suspect', attrs: { 'data-key': s.key } },
      h('span', { className: 'flag', text: m.kind === 'goroutines' ? '⚠ suspected leak' : '⚠ suspected growth' }),
      h('span', { className: 'title', text: s.title }),
      h('span', { className: 'growth', text: `${fmt(s.from, m.unit)} → ${fmt(s.to, m.unit)} over ${s.increases} increases` }),
      site));
  }

  const table = h('table', { className: 'parts' }, h('thead', {}, h('tr', {},
    h('th', { text: m.kind === 'goroutines' ? 'group' : 'function' }), h('th', { className: 'num', text: 'first' }), h('th', { className: 'num', text: 'now' }), h('th', { text: 'site' }))));
  const tbody = h('tbody');
  for (const p of m.parts) {
    const vals = p.values.filter((v): v is number => v !== null);
    const tr = h('tr', { className: [p.suspect ? 'suspect-row' : '', p.leaked ? 'leaked-row' : ''].filter(Boolean).join(' ') },
      h('td', { text: p.title }), h('td', { className: 'num', text: vals.length ? fmt(vals[0], m.unit) : '' }),
      h('td', { className: 'num', text: vals.length ? fmt(vals[vals.length - 1], m.unit) : '' }), h('td', { className: 'dim', text: p.site ?? '' }));
    tbody.appendChild(tr);
  }
  table.appendChild(tbody);
  app.append(header, canvas, legend, ...(leaks ? [leaks] : []), suspects, table);
  if (focused instanceof HTMLElement && focused !== document.activeElement && app.contains(focused)) focused.focus();
  requestAnimationFrame(draw);
}

window.addEventListener('resize', () => draw());
window.addEventListener('message', (event: MessageEvent<HostToWatch>) => {
  if (event.data.type === 'watch') {
    model = event.data.model;
    render();
  }
});
app.appendChild(h('div', { className: 'message', text: 'Starting…' }));
api.post({ type: 'ready' });
