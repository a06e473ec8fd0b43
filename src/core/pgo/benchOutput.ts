// "Measure PGO gain": the benchmark results of `go test -bench` output (the format benchstat
// reads, golang.org/x/perf/benchfmt: "BenchmarkName-P  N  V unit [V unit …]"), and the figures of the
// small chart drawn beside benchstat's table: every run's time per op with and without the profile.
// The statistics (medians' confidence intervals, p-values) are benchstat's own; nothing here replaces them.

/** The time-per-op runs of one benchmark (full name with its -P suffix, as go test prints it). */
export interface BenchRuns {
  name: string;
  /** ns/op of each run, in the order printed. */
  nsPerOp: number[];
}

/** The benchmarks of `go test -bench` output, in order of first appearance. Lines without ns/op are skipped. */
export function parseBenchOutput(text: string): BenchRuns[] {
  const byName = new Map<string, BenchRuns>();
  for (const raw of text.split(/\r?\n/)) {
    const m = /^(Benchmark\S*)\s+(\d+)\s+(.+)$/.exec(raw.trim());
    if (!m) continue;
    const fields = m[3].trim().split(/\s+/);
    let ns: number | undefined;
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i + 1] === 'ns/op') ns = Number(fields[i]);
    }
    if (ns === undefined || !Number.isFinite(ns)) continue;
    let r = byName.get(m[1]);
    if (!r) byName.set(m[1], (r = { name: m[1], nsPerOp: [] }));
    r.nsPerOp.push(ns);
  }
  return [...byName.values()];
}

/** One benchmark's row of the chart: its runs without and with the profile and the medians' change. */
export interface GainRow {
  name: string;
  off: number[];
  pgo: number[];
  offMedian: number;
  pgoMedian: number;
  /** (pgoMedian - offMedian) / offMedian * 100: negative is faster with the profile. */
  changePercent: number;
}

/** The chart's rows: benchmarks measured both ways (benchstat's table is the statistics). */
export function gainRows(off: readonly BenchRuns[], pgo: readonly BenchRuns[]): GainRow[] {
  const rows: GainRow[] = [];
  for (const o of off) {
    const p = pgo.find((x) => x.name === o.name);
    if (!p || o.nsPerOp.length === 0 || p.nsPerOp.length === 0) continue;
    const offMedian = median(o.nsPerOp);
    const pgoMedian = median(p.nsPerOp);
    rows.push({ name: o.name, off: [...o.nsPerOp], pgo: [...p.nsPerOp], offMedian, pgoMedian, changePercent: ((pgoMedian - offMedian) / offMedian) * 100 });
  }
  return rows;
}

/** The median (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
