// The watch chart's value axis: round steps (1, 2 or 5 × 10^k; for bytes, of KiB, MiB… as the panel
// prints them in 1024-based units), from zero to the first step above the largest value with a little
// headroom, so the grid reads 0, 50, 100, 150, 200 rather than 0, 49.5, 99, 148.5, 198.

export interface ChartScale {
  /** The axis' top value (a multiple of step). */
  top: number;
  step: number;
  /** 0, step, 2·step … top. */
  ticks: number[];
}

export function chartScale(max: number, unit: 'count' | 'bytes', targetSteps = 4): ChartScale {
  const m = Number.isFinite(max) && max > 0 ? max : 1;
  let base = 1;
  if (unit === 'bytes') while (m / base >= 1024) base *= 1024;
  const raw = (m * 1.05) / base / targetSteps;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  let step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag * base;
  if (unit === 'count') step = Math.max(1, Math.round(step));
  const n = Math.max(1, Math.ceil((m * 1.05) / step));
  const ticks: number[] = [];
  for (let i = 0; i <= n; i++) ticks.push(i * step);
  return { top: n * step, step, ticks };
}
