// Live execution traces of today's runtime, made in the test set-up: examples/sample-service is built
// with a given Go toolchain (Go 1.27.3, or the machine's Go with GOTOOLCHAIN=local), started, sent a
// few HTTP requests while its /debug/pprof/trace?seconds=N endpoint records, and the trace is cached
// in test/fixtures/generated/trace (gitignored). Concurrent test processes share one capture per
// toolchain through a lock directory. Also: Go 1.27's `go tool trace` started with -http, for the
// page-level comparisons.
import { execFileSync, spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { generatedDir, repoRoot } from './traceFixtures';
import { freePort } from '../../testEnv';

/** The toolchains whose runtime writes the live traces: the oracle's (1.27.3) and the machine's. */
export const LIVE_TOOLCHAINS = ['go1.27.3', 'local'] as const;
export type LiveToolchain = (typeof LIVE_TOOLCHAINS)[number];

const SECONDS = 2;

function goEnvFor(toolchain: LiveToolchain): NodeJS.ProcessEnv {
  // PATH's `go` is the machine's (scripts/go-env.js puts it first); GOTOOLCHAIN picks the version.
  return { ...process.env, GOTOOLCHAIN: toolchain, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
}

export function goVersionOf(toolchain: LiveToolchain): string {
  return execFileSync('go', ['env', 'GOVERSION'], { env: goEnvFor(toolchain), timeout: 300_000 }).toString().trim();
}


export function httpGet(url: string, timeoutMs = 60_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${url}: HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 300)}`))));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${url}: timeout`)));
    req.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function capture(toolchain: LiveToolchain, out: string): Promise<void> {
  const dir = path.join(generatedDir, `sample-service-${toolchain}`);
  fs.mkdirSync(dir, { recursive: true });
  const bin = path.join(dir, 'sample-service');
  execFileSync('go', ['build', '-o', bin, '.'], { cwd: path.join(repoRoot, 'examples', 'sample-service'), env: goEnvFor(toolchain), stdio: 'pipe', timeout: 600_000 });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ['-addr', `127.0.0.1:${port}`], { stdio: 'ignore' });
  try {
    for (let i = 0; ; i++) {
      try {
        await httpGet(`${base}/debug/pprof/`, 2000);
        break;
      } catch (e) {
        if (i > 60 || child.exitCode !== null) throw e;
        await sleep(250);
      }
    }
    const trace = httpGet(`${base}/debug/pprof/trace?seconds=${SECONDS}`, (SECONDS + 60) * 1000);
    // Some network activity while tracing: requests to the service's own handler.
    for (let i = 0; i < 8; i++) {
      await sleep((SECONDS * 1000) / 10);
      await httpGet(`${base}/`, 10_000).catch(() => undefined);
    }
    const bytes = await trace;
    const tmp = `${out}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, out);
  } finally {
    child.kill('SIGKILL');
  }
}

/** The cached live trace written by the sample service built with `toolchain`; captured on first use. */
export async function liveTrace(toolchain: LiveToolchain): Promise<string> {
  const out = path.join(generatedDir, `live-${toolchain}.trace`);
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(generatedDir, { recursive: true });
  const lock = `${out}.lock`;
  for (let waited = 0; ; waited += 500) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (fs.existsSync(out)) return out;
      // A lock left by a killed process: taken over after 5 minutes.
      if (waited > 300_000) {
        fs.rmSync(lock, { recursive: true, force: true });
        waited = 0;
      }
      await sleep(500);
    }
  }
  try {
    if (!fs.existsSync(out)) await capture(toolchain, out);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  return out;
}

/** Runs Go 1.27's `go tool trace -http=127.0.0.1:0 file` (go on PATH, GOTOOLCHAIN from the test environment) for f. */
export async function withGoTrace<T>(file: string, f: (base: string) => Promise<T>): Promise<T> {
  const child: ChildProcess = spawn('go', ['tool', 'trace', '-http=127.0.0.1:0', file], {
    env: { ...process.env, BROWSER: '/bin/true' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`go tool trace did not start: ${err}`)), 180_000);
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`go tool trace exited ${code}: ${err}`)));
    });
    return await f(base);
  } finally {
    child.kill();
  }
}
