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

/**
 * A round step (1, 2 or 5 × a power of ten, of KiB/MiB/… for bytes, whole for counts) that cuts
 * `padded` into about targetSteps parts; the byte unit is chosen by `extent`.
 */
function niceStep(extent: number, padded: number, unit: 'count' | 'bytes', targetSteps: number): number {
  let base = 1;
  if (unit === 'bytes') while (extent / base >= 1024) base *= 1024;
  const raw = padded / base / targetSteps;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag * base;
  return unit === 'count' ? Math.max(1, Math.round(step)) : step;
}

/** The axis from zero to a little above max. */
export function chartScale(max: number, unit: 'count' | 'bytes', targetSteps = 4): ChartScale {
  const m = Number.isFinite(max) && max > 0 ? max : 1;
  const step = niceStep(m, m * 1.05, unit, targetSteps);
  const n = Math.max(1, Math.ceil((m * 1.05) / step));
  const ticks: number[] = [];
  for (let i = 0; i <= n; i++) ticks.push(i * step);
  return { top: n * step, step, ticks };
}

/** A value axis that may start above zero: bottom, top (multiples of step) and the ticks between. */
export interface ChartRange extends ChartScale {
  /** The axis' lowest value: 0, or a round value below the data when the data sits far above zero. */
  bottom: number;
}

/**
 * The axis for values from min to max, scaled to the data: from zero when the values span a good part
 * of it (min below half of max), else from a round value below min, so 527 → 547 goroutines fill the
 * chart (axis 525 … 550) instead of a flat line at the top. Steps round as in chartScale; a constant
 * series gets a small band around its value.
 */
export function chartRange(min: number, max: number, unit: 'count' | 'bytes', targetSteps = 4): ChartRange {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= 0 || min <= 0 || min < max / 2) {
    return { bottom: 0, ...chartScale(max, unit, targetSteps) };
  }
  let span = max - min;
  if (span === 0) span = Math.max(unit === 'count' ? 4 : 1, max * 0.02);
  const step = niceStep(span, span * 1.1, unit, targetSteps);
  const bottom = Math.max(0, Math.floor((min - span * 0.05) / step) * step);
  const top = Math.max(bottom + step, Math.ceil((max + span * 0.05) / step) * step);
  const ticks: number[] = [];
  for (let v = bottom; v <= top + step / 2; v += step) ticks.push(v);
  return { bottom, top, step, ticks };
}
