// Time on the timeline: nanosecond formatting and ruler tick steps (1, 2, 5 × 10^k ns).

export function formatNs(ns: number): string {
  const a = Math.abs(ns);
  if (a >= 1e9) return `${trim(ns / 1e9)}s`;
  if (a >= 1e6) return `${trim(ns / 1e6)}ms`;
  if (a >= 1e3) return `${trim(ns / 1e3)}µs`;
  return `${Math.round(ns)}ns`;
}

/** A time to `resolution` ns (so neighbouring ruler ticks never print the same text). */
export function formatTime(ns: number, resolution: number): string {
  const a = Math.abs(ns);
  const [scale, unit] = a >= 1e9 ? [1e9, 's'] : a >= 1e6 ? [1e6, 'ms'] : a >= 1e3 ? [1e3, 'µs'] : [1, 'ns'];
  const decimals = Math.min(9, Math.max(0, Math.ceil(Math.log10(scale / Math.max(1, resolution)) - 1e-9)));
  return `${(ns / scale).toFixed(decimals)}${unit}`;
}

function trim(v: number): string {
  return Number(v.toFixed(Math.abs(v) >= 100 ? 1 : Math.abs(v) >= 10 ? 2 : 3)).toString();
}

/** The smallest 1/2/5 × 10^k step (ns) at least minPx pixels wide at nsPerPx. */
export function tickStep(nsPerPx: number, minPx = 90): number {
  const want = Math.max(nsPerPx * minPx, 1);
  const step = Math.pow(10, Math.floor(Math.log10(want)));
  for (const m of [1, 2, 5, 10]) {
    if (step * m >= want) return step * m;
  }
  return step * 10;
}

export function formatBytes(b: number): string {
  if (b >= 2 ** 30) return `${(b / 2 ** 30).toFixed(2)} GiB`;
  if (b >= 2 ** 20) return `${(b / 2 ** 20).toFixed(1)} MiB`;
  if (b >= 2 ** 10) return `${(b / 2 ** 10).toFixed(1)} KiB`;
  return `${b} B`;
}

/** First index in sorted[lo, hi) whose value is >= v. */
export function lowerBound(sorted: ArrayLike<number>, v: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
