// The "MMU" tab: the minimum mutator utilisation curve (as `go tool trace`'s /mmu page) drawn on a
// canvas: window length on a log x axis (1 µs to the trace duration), MMU from 0 to 1. Text via fillText.
import type { TraceMMUView } from '../../src/protocol/messages';
import { formatNs } from './timeScale';

export interface MMUTheme { background: string; foreground: string; muted: string; grid: string; line: string }

const PAD = { left: 48, right: 16, top: 12, bottom: 36 };

/** Draws the curve into c (CSS width × height); returns the number of points drawn. */
export function drawMMU(c: HTMLCanvasElement, data: TraceMMUView, theme: MMUTheme, width: number, height: number): number {
  const dpr = window.devicePixelRatio || 1;
  c.width = Math.round(width * dpr);
  c.height = Math.round(height * dpr);
  c.style.width = `${width}px`;
  c.style.height = `${height}px`;
  const ctx = c.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  const n = Math.min(data.window.length, data.mmu.length);
  const pw = width - PAD.left - PAD.right;
  const ph = height - PAD.top - PAD.bottom;
  if (n === 0 || pw <= 0 || ph <= 0) return 0;
  const lmin = Math.log10(data.window[0]);
  const lmax = Math.max(lmin + 1e-9, Math.log10(data.window[n - 1]));
  const x = (w: number) => PAD.left + ((Math.log10(w) - lmin) / (lmax - lmin)) * pw;
  const y = (u: number) => PAD.top + (1 - u) * ph;
  ctx.font = '11px sans-serif';
  ctx.lineWidth = 1;
  // Grid: y every 0.2, x at each power of ten.
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let k = 0; k <= 5; k++) {
    const yy = Math.round(y(k / 5)) + 0.5;
    ctx.beginPath(); ctx.moveTo(PAD.left, yy); ctx.lineTo(PAD.left + pw, yy); ctx.stroke();
    ctx.fillText((k / 5).toFixed(1), PAD.left - 6, yy);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let p = Math.ceil(lmin - 1e-9); p <= Math.floor(lmax + 1e-9); p++) {
    const xx = Math.round(x(10 ** p)) + 0.5;
    ctx.beginPath(); ctx.moveTo(xx, PAD.top); ctx.lineTo(xx, PAD.top + ph); ctx.stroke();
    ctx.fillText(formatNs(10 ** p), xx, PAD.top + ph + 4);
  }
  ctx.fillStyle = theme.foreground;
  ctx.fillText('window', PAD.left + pw / 2, PAD.top + ph + 20);
  ctx.save();
  ctx.translate(12, PAD.top + ph / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText('MMU', 0, -6);
  ctx.restore();
  // The curve.
  ctx.strokeStyle = theme.line;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const px = x(data.window[i]);
    const py = y(Math.max(0, Math.min(1, data.mmu[i])));
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.stroke();
  return n;
}

/** The window (ns) and MMU nearest to canvas x (CSS px), for the hover readout. */
export function mmuAt(data: TraceMMUView, width: number, px: number): { window: number; mmu: number } | undefined {
  const n = Math.min(data.window.length, data.mmu.length);
  if (n === 0) return undefined;
  const pw = width - PAD.left - PAD.right;
  const lmin = Math.log10(data.window[0]);
  const lmax = Math.max(lmin + 1e-9, Math.log10(data.window[n - 1]));
  const lw = lmin + ((px - PAD.left) / pw) * (lmax - lmin);
  let best = 0;
  for (let i = 1; i < n; i++) if (Math.abs(Math.log10(data.window[i]) - lw) < Math.abs(Math.log10(data.window[best]) - lw)) best = i;
  return { window: data.window[best], mmu: data.mmu[best] };
}
