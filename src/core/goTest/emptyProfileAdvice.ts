// What to say when `go test -cpuprofile` wrote a CPU profile without samples: the runtime samples CPU
// at 100 Hz (one sample per 10 ms of CPU time), so a test that runs for a few milliseconds leaves an
// empty profile. The advice offers what would give samples: profiling a benchmark of the same file, or
// running the test more times (-count) / the benchmark longer (-benchtime). Pure logic, no I/O.

/** One button of the message: re-run with extra go test flags or a longer -benchtime, or profile a benchmark. */
export type EmptyProfileAction =
  | { label: string; flags: string[] }
  | { label: string; benchtime: string }
  | { label: string; benchmark: string }
  | { label: string; chooseBenchmark: string[] };

export interface EmptyProfileAdvice {
  message: string;
  actions: EmptyProfileAction[];
}

export interface EmptyProfileFacts {
  /** TestXxx or BenchmarkXxx. */
  name: string;
  kind: 'test' | 'benchmark';
  /** The package's run time as go test printed it ("ok  pkg  0.004s"), in seconds, if known. */
  seconds?: number;
  /** Benchmarks of the same file (offered to a test). */
  benchmarks: readonly string[];
  /** The -benchtime used (for a benchmark). */
  benchtime?: string;
}

/** The run time go test printed on its "ok" (or "FAIL") line for the package, in seconds. */
export function packageSeconds(output: string): number | undefined {
  const m = /^(?:ok|FAIL)\s+\S+\s+(\d+(?:\.\d+)?)s\b/m.exec(output);
  return m ? Number(m[1]) : undefined;
}

/**
 * A -count that runs the test for about `targetSeconds` (2 s: ~200 samples of a CPU-bound test),
 * from one run's time: a round number (1, 2 or 5 × 10^k), at least 10, at most 100000.
 */
export function countFor(seconds: number | undefined, targetSeconds = 2): number {
  const one = seconds !== undefined && seconds > 0 ? seconds : 0.001;
  const want = Math.min(100_000, Math.max(10, Math.ceil(targetSeconds / one)));
  const mag = 10 ** Math.floor(Math.log10(want));
  for (const f of [1, 2, 5, 10]) if (f * mag >= want) return Math.min(100_000, f * mag);
  return 100_000;
}

/** A longer -benchtime than `benchtime`: 5s for a duration under 5 s, else twice it; ×10 for "Nx". */
export function longerBenchtime(benchtime = '1s'): string {
  const x = /^(\d+)x$/.exec(benchtime);
  if (x) return `${Number(x[1]) * 10}x`;
  const s = /^(\d+(?:\.\d+)?)s$/.exec(benchtime);
  if (s && Number(s[1]) >= 5) return `${Number(s[1]) * 2}s`;
  return '5s';
}

/** The message and buttons for a CPU profile of `facts.name` that has no samples. */
export function emptyCpuProfileAdvice(facts: EmptyProfileFacts): EmptyProfileAdvice {
  const ran = facts.seconds !== undefined ? ` (${facts.seconds}s)` : '';
  const why = `ran too briefly${ran} for the CPU profiler's 100 Hz sampling (one sample per 10 ms of CPU time)`;
  if (facts.kind === 'benchmark') {
    const bt = longerBenchtime(facts.benchtime);
    return {
      message: `The CPU profile of ${facts.name} has no samples: it ${why}. Run it longer with -benchtime.`,
      actions: [{ label: `Re-run with -benchtime=${bt}`, benchtime: bt }],
    };
  }
  const count = countFor(facts.seconds);
  const actions: EmptyProfileAction[] = [];
  if (facts.benchmarks.length === 1) actions.push({ label: `Profile ${facts.benchmarks[0]}`, benchmark: facts.benchmarks[0] });
  else if (facts.benchmarks.length > 1) actions.push({ label: 'Profile Benchmark…', chooseBenchmark: [...facts.benchmarks] });
  actions.push({ label: `Re-run with -count=${count}`, flags: [`-count=${count}`] });
  const bench = facts.benchmarks.length > 0 ? 'Profile a benchmark, or run' : 'Write a benchmark, or run';
  return { message: `The CPU profile of ${facts.name} has no samples: the test ${why}. ${bench} the test many times with -count.`, actions };
}
