// "Measure PGO gain": a benchmark run with `-pgo=off` and with a PGO profile, -count N each,
// then benchstat's comparison of the two. benchstat is golang.org/x/perf/cmd/benchstat at a pinned
// version, run with `go run pkg@version` (fetched once through the module proxy into the module cache,
// built once into the build cache). Every process runs in its own process group so Cancel ends go test
// and the test binary at once.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The benchstat this project runs (a version the module proxy serves). */
export const BENCHSTAT_MODULE = 'golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da';

/** The fewest runs per side benchstat needs for a confidence interval at its default alpha (it says so below 6). */
export const MIN_COUNT = 6;

export interface PgoBenchOptions {
  /** The package folder (where go test runs). */
  dir: string;
  /** The benchmark function's name (BenchmarkXxx). */
  bench: string;
  /** The PGO profile (absolute path) for the second run. */
  profile: string;
  count: number;
  benchtime: string;
  /** Extra go test flags (pprofLens.testProfiling.flags). */
  flags?: string[];
  env?: NodeJS.ProcessEnv;
  /** The go command (default "go" on PATH). */
  goBinary?: string;
  signal?: AbortSignal;
  /** Output as it comes ("pgo=off" / "pgo=<file>" / "benchstat" sections). */
  onOutput?: (text: string) => void;
}

export interface PgoBenchResult {
  /** go test's output of each run (what benchstat read). */
  offOutput: string;
  pgoOutput: string;
  /** benchstat's table (its stdout). */
  table: string;
  /** The two column names benchstat prints: "pgo off" and "pgo <profile's file name>". */
  labels: [string, string];
}

/** A run that failed: its message names the step and carries the end of its output. */
export class PgoBenchError extends Error {
  constructor(message: string, readonly cancelled = false) {
    super(message);
    this.name = 'PgoBenchError';
  }
}

/** The go test arguments of one side. */
export function pgoBenchArgs(o: Pick<PgoBenchOptions, 'bench' | 'count' | 'benchtime' | 'flags'>, pgo: string): string[] {
  return ['test', '-run', '^$', '-bench', `^${o.bench}$`, '-count', String(o.count), '-benchtime', o.benchtime, `-pgo=${pgo}`, ...(o.flags ?? []), '.'];
}

/** Runs the benchmark both ways and benchstat on the results; throws PgoBenchError on failure or Cancel. */
export async function measurePgoGain(o: PgoBenchOptions): Promise<PgoBenchResult> {
  if (o.count < MIN_COUNT) throw new PgoBenchError(`-count must be at least ${MIN_COUNT} for benchstat's statistics (got ${o.count})`);
  const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pprof-lens-pgo-gain-'));
  try {
    // benchstat's columns: "label=file" arguments (a label holds no '=').
    const labels: [string, string] = ['pgo off', `pgo ${path.basename(o.profile).replace(/[=\s]/g, '_')}`];
    const files = ['off.txt', 'pgo.txt'];
    const outputs: string[] = [];
    for (const [i, pgo] of ['off', o.profile].entries()) {
      o.onOutput?.(`$ go ${pgoBenchArgs(o, pgo).join(' ')}\n`);
      const run = await runProcess(o.goBinary ?? 'go', pgoBenchArgs(o, pgo), o.dir, o);
      if (run.cancelled) throw new PgoBenchError('cancelled', true);
      if (run.code !== 0) throw new PgoBenchError(`go test -${labels[i].replace(' ', '=')} failed (exit ${run.code}): ${tail(run.output)}`);
      if (!/^Benchmark\S*\s+\d+\s+\S+ ns\/op/m.test(run.output)) throw new PgoBenchError(`go test -${labels[i].replace(' ', '=')} ran no benchmark matching ^${o.bench}$: ${tail(run.output)}`);
      outputs.push(run.output);
      await fs.promises.writeFile(path.join(tmp, files[i]), run.output);
    }
    const statArgs = labels.map((l, i) => `${l}=${files[i]}`);
    o.onOutput?.(`$ go run ${BENCHSTAT_MODULE} ${statArgs.map((a) => `'${a}'`).join(' ')}\n`);
    // In the temp folder: `go run pkg@version` ignores any go.mod, and benchstat reads the files by name.
    const stat = await runProcess(o.goBinary ?? 'go', ['run', BENCHSTAT_MODULE, ...statArgs], tmp, { ...o, env: { ...(o.env ?? process.env), GOFLAGS: '' } });
    if (stat.cancelled) throw new PgoBenchError('cancelled', true);
    if (stat.code !== 0) throw new PgoBenchError(`benchstat failed (exit ${stat.code}): ${tail(stat.output)}`);
    return { offOutput: outputs[0], pgoOutput: outputs[1], table: stat.stdout, labels };
  } finally {
    await fs.promises.rm(tmp, { recursive: true, force: true });
  }
}

function tail(s: string): string {
  return s.trim().split('\n').slice(-6).join('\n');
}

interface Run {
  code: number | null;
  output: string;
  stdout: string;
  cancelled: boolean;
}

function runProcess(command: string, args: string[], cwd: string, o: Pick<PgoBenchOptions, 'env' | 'signal' | 'onOutput'>): Promise<Run> {
  return new Promise((resolve) => {
    if (o.signal?.aborted) return resolve({ code: null, output: '', stdout: '', cancelled: true });
    let output = '';
    let stdout = '';
    let cancelled = false;
    const child = spawn(command, args, { cwd, env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', windowsHide: true });
    const take = (isStdout: boolean) => (b: Buffer) => {
      const t = b.toString('utf8');
      output += t;
      if (isStdout) stdout += t;
      o.onOutput?.(t);
    };
    child.stdout.on('data', take(true));
    child.stderr.on('data', take(false));
    const kill = () => {
      cancelled = true;
      try {
        if (process.platform === 'win32') spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
        else if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    o.signal?.addEventListener('abort', kill, { once: true });
    let settled = false;
    const finish = (code: number | null) => {
      if (settled) return;
      settled = true;
      o.signal?.removeEventListener('abort', kill);
      resolve({ code, output, stdout, cancelled });
    };
    child.on('error', (e) => {
      output += `${(e as NodeJS.ErrnoException).code === 'ENOENT' ? `${command} was not found on PATH` : e.message}\n`;
      finish(-1);
    });
    child.on('close', (code) => finish(code));
  });
}
