// Reading what `go test` printed, to say in one message what went wrong. The shapes are cmd/go's and
// the testing package's (Go 1.19 … 1.23):
//   build failure   "# pkg [pkg.test]" + compiler lines, then "FAIL\tpkg [build failed]"
//   setup failure   "FAIL\tpkg [setup failed]" (go.mod, imports), or a "go: …" line and exit 1
//   test failure    "--- FAIL: TestXxx (0.00s)" + indented log lines, then "FAIL" and "FAIL\tpkg\t0.01s"
//   panic / timeout "panic: …" + a goroutine dump
//   nothing matched "ok  \tpkg\t0.01s [no tests to run]"

/** The most lines an excerpt keeps (a message box, not a log). */
const EXCERPT_LINES = 12;

/**
 * Lines of the compiler (or go command) when the package did not build; undefined when it did.
 * The compiler writes to stderr and go test's FAIL line to stdout, so their order in a merged
 * stream is not fixed: every line that is not a header or a result line counts.
 */
export function buildFailureLines(output: string, max = EXCERPT_LINES): string[] | undefined {
  const lines = splitLines(output);
  const failLine = lines.find((l) => /^FAIL\s+\S+ \[(build|setup) failed\]\s*$/.test(l));
  const goError = lines.findIndex((l) => /^go( \w+)?: /.test(l) && !NOISE.test(l));
  if (failLine === undefined && goError < 0) return undefined;
  if (failLine === undefined) return tidy(lines.slice(goError), max);
  const body = lines.filter((l) => !l.startsWith('# ') && !/^(FAIL|ok)(\s|$)/.test(l) && !NOISE.test(l));
  return tidy(body.some((l) => l.trim() !== '') ? body : [failLine], max);
}

/** Progress lines of the go command, not errors. */
const NOISE = /^go: (finding|downloading|extracting) /;

/** What the failing test said: its "--- FAIL" blocks, else a panic, else the last lines before FAIL. */
export function failureExcerpt(output: string, max = EXCERPT_LINES): string[] {
  const lines = splitLines(output);
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*--- FAIL: /.test(lines[i])) continue;
    blocks.push(lines[i].trim());
    for (let k = i + 1; k < lines.length && /^\s{4,}\S/.test(lines[k]) && !/^\s*--- (FAIL|PASS|SKIP): /.test(lines[k]); k++) blocks.push(lines[k].trim());
  }
  // A panic is printed unindented after its test's "--- FAIL" line: keep its message too.
  const panic = lines.findIndex((l) => /^(panic|fatal error): /.test(l));
  if (blocks.length > 0) return tidy(panic >= 0 ? [...blocks, lines[panic]] : blocks, max);
  if (panic >= 0) return tidy(lines.slice(panic), Math.min(max, 6));
  const end = lines.findIndex((l) => /^FAIL\b/.test(l));
  const before = lines.slice(0, end < 0 ? lines.length : end).filter((l) => !/^(exit status \d+|goos:|goarch:|pkg:|cpu:|PASS)\b/.test(l));
  return tidy(before.slice(-max), max);
}

/** True when go test ran no test or benchmark (the name matched none). */
export function ranNothing(output: string, benchmark: boolean): boolean {
  // "ok  \tpkg\t0.01s [no tests to run]" (cmd/go), "testing: warning: no tests to run" (with -v).
  if (!benchmark) return /\[no tests to run\]|^testing: warning: no tests to run\s*$/m.test(output);
  // A benchmark run prints one result line per benchmark ("BenchmarkXxx-8   1000   1234 ns/op").
  return benchmark && !/^Benchmark\S*\s+\d+\s+/m.test(output) && !/--- FAIL: Benchmark/.test(output);
}

function splitLines(output: string): string[] {
  return output.replace(/\r\n?/g, '\n').split('\n');
}

function tidy(lines: string[], max: number): string[] {
  const kept = lines.map((l) => l.replace(/\s+$/, '')).filter((l) => l !== '');
  return kept.length > max ? [...kept.slice(0, max - 1), `… (${kept.length - max + 1} more lines)`] : kept;
}
