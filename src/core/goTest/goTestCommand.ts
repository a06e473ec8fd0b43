// The `go test` command line that profiles one test or benchmark. Flags are cmd/go's (go help
// testflag): -run/-bench take regular expressions matched per name element, so "^TestXxx$" runs that
// test alone (and its subtests); a benchmark runs with -run '^$' so that no test runs beside it.
// The test binary goes to -o in a temp folder: with a profiling flag, go test otherwise leaves
// "pkg.test" in the package's folder, and nobody needs it (go test's profiles are symbolized).
import type { TestFunction } from './testFunctions';

export type TestProfileKindId = 'cpu' | 'memory' | 'block' | 'mutex';

export interface TestProfileKind {
  id: TestProfileKindId;
  /** The go test flag that writes it. */
  flag: '-cpuprofile' | '-memprofile' | '-blockprofile' | '-mutexprofile';
  /** Words for pickers and messages. */
  label: string;
  detail: string;
}

/**
 * The profiles go test writes. -memprofile writes the "allocs" profile (testing.M.writeProfiles:
 * WriteProfileTo("allocs")) at Go's default MemProfileRate; -blockprofile and -mutexprofile turn
 * their profiler on at rate 1 / fraction 1 (go help testflag).
 */
export const TEST_PROFILE_KINDS: readonly TestProfileKind[] = [
  { id: 'cpu', flag: '-cpuprofile', label: 'CPU', detail: 'where the time goes' },
  { id: 'memory', flag: '-memprofile', label: 'Memory', detail: 'allocations (the allocs profile), sampled at Go\'s default rate' },
  { id: 'block', flag: '-blockprofile', label: 'Block', detail: 'where goroutines wait on channels, select and sync primitives' },
  { id: 'mutex', flag: '-mutexprofile', label: 'Mutex', detail: 'where goroutines wait for contended mutexes' },
];

export function testProfileKind(id: TestProfileKindId): TestProfileKind {
  const k = TEST_PROFILE_KINDS.find((x) => x.id === id);
  if (!k) throw new Error(`unknown test profile kind ${id}`);
  return k;
}

export interface GoTestRequest {
  test: Pick<TestFunction, 'name' | 'kind'>;
  kind: TestProfileKindId;
  /** Where go test writes the profile (absolute). */
  profilePath: string;
  /** Where the test binary goes (absolute); omitted: no -o. */
  binaryPath?: string;
  /** -benchtime for benchmarks, e.g. "1s" or "100x". */
  benchtime?: string;
  /** pprofLens.testProfiling.flags, e.g. ["-tags=integration"], passed as they are. */
  extraFlags?: readonly string[];
  /** The package argument; "." (the working directory's package) by default. */
  packageArg?: string;
}

/** The selection flags: -run '^TestXxx$', or -run '^$' -bench '^BenchmarkXxx$' -benchtime T. */
export function selectionFlags(test: Pick<TestFunction, 'name' | 'kind'>, benchtime = '1s'): string[] {
  if (test.kind === 'benchmark') return ['-run', '^$', '-bench', `^${test.name}$`, '-benchtime', benchtime];
  return ['-run', `^${test.name}$`];
}

/** argv after the go binary: ["test", …flags, package]. */
export function goTestArgs(req: GoTestRequest): string[] {
  const kind = testProfileKind(req.kind);
  const args = ['test', ...(req.extraFlags ?? []), ...selectionFlags(req.test, req.benchtime)];
  args.push(kind.flag, req.profilePath);
  if (req.binaryPath) args.push('-o', req.binaryPath);
  args.push(req.packageArg ?? '.');
  return args;
}

/**
 * The command as a person would type it, for the capture's sidecar and the output channel: no temp
 * paths, the package by its import path, arguments quoted where a shell would need it.
 * e.g. go test -run '^TestCountPrimes$' -cpuprofile example.com/sample-service
 */
export function describeGoTest(req: Omit<GoTestRequest, 'profilePath' | 'binaryPath'>, packageName = '.'): string {
  const kind = testProfileKind(req.kind);
  const args = ['go', 'test', ...(req.extraFlags ?? []), ...selectionFlags(req.test, req.benchtime), kind.flag, packageName];
  return args.map(shellQuote).join(' ');
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * -benchtime as go test accepts it: a Go duration ("1s", "500ms", "1m30s") or a count ("100x").
 * Returns an error message, or undefined when valid.
 */
export function benchtimeProblem(s: string): string | undefined {
  if (/^\d+x$/.test(s) && Number(s.slice(0, -1)) > 0) return undefined;
  if (/^(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))*$/.test(s)) return undefined;
  return `"${s}" is not a -benchtime: use a duration such as 1s or 500ms, or a count such as 100x`;
}
