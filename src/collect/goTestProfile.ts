// Profiling one Go test or benchmark: `go test` in the package's folder with a profiling flag, the
// profile and the test binary written to a fresh temp folder (removed afterwards, whatever happens),
// output streamed to the caller, and an AbortSignal that kills the whole process group at once (go
// test runs the test binary as its child: killing `go` alone would leave the test running).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { goTestArgs, GoTestRequest, TestProfileKindId } from '../core/goTest/goTestCommand';
import type { CaptureKindId } from './captureKind';
import { buildFailureLines, failureExcerpt, ranNothing } from '../core/goTest/goTestOutput';

export interface GoTestProfileOptions extends Omit<GoTestRequest, 'profilePath' | 'binaryPath' | 'packageArg'> {
  /** "go" (found on PATH) or a path to the go binary. */
  goBinary: string;
  /** The package's folder (go test runs there, on "."). */
  dir: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Output as it comes (stdout and stderr interleaved, as a terminal shows them). */
  onOutput?: (text: string) => void;
  /** Where the temp folder goes; os.tmpdir() by default. */
  tmpRoot?: string;
}

export type GoTestProfileResult =
  /** The profile was written; `testFailed` when go test exited non-zero (a failing test still writes it). */
  | { status: 'profiled'; bytes: Uint8Array; testFailed: boolean; excerpt: string[]; ranNothing: boolean; exitCode: number | null; output: string; args: string[]; elapsedMs: number }
  | { status: 'build-failed'; lines: string[]; exitCode: number | null; output: string; args: string[] }
  /** go test ended without writing a profile (a panic, a timeout, os.Exit in a test, a signal). */
  | { status: 'no-profile'; excerpt: string[]; exitCode: number | null; signal: string | null; output: string; args: string[] }
  | { status: 'no-go'; message: string; args: string[] }
  | { status: 'cancelled'; args: string[] };

/** The output kept for reading failures: its last MiB (a chatty test can print far more). */
const KEEP_OUTPUT = 1 << 20;

export async function profileGoTest(opts: GoTestProfileOptions): Promise<GoTestProfileResult> {
  const tmp = await fs.promises.mkdtemp(path.join(opts.tmpRoot ?? os.tmpdir(), 'pprof-lens-test-'));
  const profilePath = path.join(tmp, 'profile.pb.gz');
  const binaryPath = path.join(tmp, process.platform === 'win32' ? 'pkg.test.exe' : 'pkg.test');
  const args = goTestArgs({ ...opts, profilePath, binaryPath });
  const started = Date.now();
  try {
    if (opts.signal?.aborted) return { status: 'cancelled', args };
    const run = await runProcess(opts.goBinary, args, opts);
    if (run.spawnError) {
      const code = (run.spawnError as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT'
        ? `${opts.goBinary === 'go' ? '`go` was not found on PATH' : `${opts.goBinary} was not found`}: install Go (https://go.dev/dl/) or set go.goroot`
        : `could not start ${opts.goBinary}: ${run.spawnError.message}`;
      return { status: 'no-go', message, args };
    }
    if (run.cancelled) return { status: 'cancelled', args };
    const bytes = await readIfThere(profilePath);
    if (bytes && bytes.length > 0) {
      const failed = run.exitCode !== 0;
      return {
        status: 'profiled', bytes, testFailed: failed, excerpt: failed ? failureExcerpt(run.output) : [],
        ranNothing: ranNothing(run.output, opts.test.kind === 'benchmark'),
        exitCode: run.exitCode, output: run.output, args, elapsedMs: Date.now() - started,
      };
    }
    const build = buildFailureLines(run.output);
    if (build) return { status: 'build-failed', lines: build, exitCode: run.exitCode, output: run.output, args };
    return { status: 'no-profile', excerpt: failureExcerpt(run.output), exitCode: run.exitCode, signal: run.signal, output: run.output, args };
  } finally {
    await fs.promises.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
}

interface ProcessRun {
  exitCode: number | null;
  signal: string | null;
  output: string;
  cancelled: boolean;
  spawnError?: Error;
}

function runProcess(command: string, args: string[], opts: GoTestProfileOptions): Promise<ProcessRun> {
  return new Promise((resolve) => {
    let output = '';
    let cancelled = false;
    let spawnError: Error | undefined;
    // detached: its own process group, so Cancel reaches the test binary too (POSIX). On Windows,
    // taskkill /T ends the tree.
    const child = spawn(command, args, {
      cwd: opts.dir,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const take = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-KEEP_OUTPUT);
      opts.onOutput?.(text);
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    const kill = () => {
      cancelled = true;
      killTree(child.pid);
    };
    opts.signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (e) => {
      spawnError = e;
    });
    child.on('close', (code, signal) => {
      opts.signal?.removeEventListener('abort', kill);
      resolve({ exitCode: code, signal, output, cancelled, spawnError });
    });
  });
}

function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function readIfThere(p: string): Promise<Uint8Array | undefined> {
  try {
    return await fs.promises.readFile(p);
  } catch {
    return undefined;
  }
}

/** The capture kind a test profile is filed under: -memprofile writes the "allocs" profile. */
export function captureKindOfTestProfile(kind: TestProfileKindId): CaptureKindId {
  return kind === 'memory' ? 'allocs' : kind;
}
