// Shared pieces of the live golden tests: the generated real profiles (scripts/gen-profiles.js),
// running `go tool pprof` (cached by profile content + flags, since it is the slow half) and our CLI
// in-process, and comparing their stdout byte for byte (except "Time:" lines), with a line diff.
import { spawn, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { main } from '../../src/cli/main';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const generatedDir = path.join(repoRoot, 'test', 'fixtures', 'generated');
const cacheDir = path.join(generatedDir, 'pprof-out');
export const resultsDir = path.join(repoRoot, 'test-results', 'golden');

// Both sides print "Time:" in local time: pin it.
process.env.TZ = 'UTC';

export interface GeneratedProfile {
  file: string;
  kind: string;
  program: string;
  desc: string;
}

export function manifest(): GeneratedProfile[] | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(generatedDir, 'manifest.json'), 'utf8')).profiles;
  } catch {
    return undefined;
  }
}

let goAvailable: boolean | undefined;
export async function haveGo(): Promise<boolean> {
  if (goAvailable === undefined) {
    goAvailable = await new Promise<boolean>((resolve) => {
      const c = spawn('go', ['version'], { stdio: 'ignore' });
      c.on('error', () => resolve(false));
      c.on('close', (code) => resolve(code === 0));
    });
  }
  return goAvailable;
}

let goInfo: { version: string; root: string; caches: NodeJS.ProcessEnv } | undefined;
/**
 * `go version` and `go env GOROOT` of the oracle (part of the cache key; GOROOT for go test sources),
 * and the go command's module and build caches under the real HOME: go tool pprof runs with a scratch
 * HOME, and without these the go command would fetch the toolchain and build pprof again in it.
 */
function goDescription(): { version: string; root: string; caches: NodeJS.ProcessEnv } {
  if (!goInfo) {
    const run = (args: string[]) => spawnSync('go', args, { encoding: 'utf8' }).stdout?.trim() ?? '';
    const [gopath, modcache, gocache] = run(['env', 'GOPATH', 'GOMODCACHE', 'GOCACHE']).split('\n');
    goInfo = { version: run(['version']), root: run(['env', 'GOROOT']), caches: { GOPATH: gopath, GOMODCACHE: modcache, GOCACHE: gocache } };
  }
  return goInfo;
}
export const goVersion = (): string => goDescription().version;
export const goRoot = (): string => goDescription().root;

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  code: number;
  /** Set when the process was killed (by the timeout). */
  signal?: string;
}

const scratchHome = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-golden-'));
process.on('exit', () => fs.rmSync(scratchHome, { recursive: true, force: true }));

// Limit concurrent `go tool pprof` processes (these machines have few cores).
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(f: () => Promise<T>): Promise<T> {
  if (running >= Math.max(2, os.cpus().length)) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await f();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export function runProcess(cmd: string, args: string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<RunResult> {
  return slot(() => new Promise<RunResult>((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? generatedDir,
      env: { ...process.env, ...goDescription().caches, HOME: scratchHome, PPROF_TMPDIR: scratchHome, TZ: 'UTC', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out), stderr: err, code: code ?? (signal ? 128 : 1), ...(signal ? { signal } : {}) });
    });
  }));
}

/**
 * `go tool pprof <args>` in the generated folder, cached on disk by the inputs' content, the flags and
 * the content of the files in sourceDeps (the sources -list reads: editing them must refresh the cache).
 */
export async function runPprof(args: string[], inputs: string[], sourceDeps: string[] = []): Promise<RunResult> {
  const h = crypto.createHash('sha256');
  h.update(goVersion());
  h.update(JSON.stringify(args));
  for (const f of inputs) h.update(fs.readFileSync(path.join(generatedDir, f)));
  for (const f of sourceDeps) {
    h.update(f);
    try {
      h.update(fs.readFileSync(f));
    } catch {
      h.update('<missing>');
    }
  }
  const key = h.digest('hex').slice(0, 24);
  const cached = path.join(cacheDir, `${key}.json`);
  if (fs.existsSync(cached)) {
    const c = JSON.parse(fs.readFileSync(cached, 'utf8'));
    return { stdout: Buffer.from(c.stdout, 'base64'), stderr: c.stderr, code: c.code };
  }
  const r = await runProcess('go', ['tool', 'pprof', ...args], { timeoutMs: 600_000 });
  // A run killed by the timeout (a loaded machine) is no answer of pprof's: never cache it.
  if (r.signal) throw new Error(`go tool pprof ${args.join(' ')} was killed (${r.signal}) before finishing`);
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${cached}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ args, stdout: r.stdout.toString('base64'), stderr: r.stderr, code: r.code }));
  fs.renameSync(tmp, cached);
  return r;
}

/**
 * Go runtime text profiles (`?debug=1`): we symbolize them from their `#` lines, go tool pprof cannot
 * (it shows addresses), so go tool pprof on the text is no oracle. Instead the oracle reads the profile
 * we decode: `pprof-lens -proto <text>` (no other flags), written once per text content to
 * pprof-out/legacy-<hash>.pb.gz. Returns that path relative to the generated folder.
 */
export function isLegacyText(file: string): boolean {
  const data = fs.readFileSync(path.join(generatedDir, file));
  if (data.length > 1 && data[0] === 0x1f && data[1] === 0x8b) return false;
  const n = Math.min(data.length, 1024);
  for (let i = 0; i < n; i++) {
    const c = data[i];
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return n > 0;
}

const legacyProtos = new Map<string, Promise<string>>();
export function legacyAsProto(file: string): Promise<string> {
  let p = legacyProtos.get(file);
  if (!p) {
    p = (async () => {
      const key = crypto.createHash('sha256').update(fs.readFileSync(path.join(generatedDir, file))).digest('hex').slice(0, 24);
      const rel = path.join('pprof-out', `legacy-${key}.pb.gz`);
      const r = await runOurs(['-proto', file]);
      if (r.code !== 0) throw new Error(`pprof-lens -proto ${file} failed: ${r.stderr.trim()}`);
      fs.mkdirSync(cacheDir, { recursive: true });
      const tmp = path.join(generatedDir, `${rel}.${process.pid}.tmp`);
      fs.writeFileSync(tmp, r.stdout);
      fs.renameSync(tmp, path.join(generatedDir, rel));
      return rel;
    })();
    legacyProtos.set(file, p);
  }
  return p;
}

/** Our CLI, in-process, in the generated folder (sources are given relative to it). */
export async function runOurs(args: string[]): Promise<RunResult> {
  const out: Buffer[] = [];
  let err = '';
  const cwd = process.cwd();
  process.chdir(generatedDir);
  let code: number;
  try {
    code = await main(args, {
      stdout: (c) => out.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c.buffer, c.byteOffset, c.byteLength)),
      stderr: (t) => { err += t; },
    });
  } catch (e) {
    code = 99;
    err += `main threw: ${(e as Error)?.stack ?? e}\n`;
  } finally {
    process.chdir(cwd);
  }
  return { stdout: Buffer.concat(out), stderr: err, code };
}

const dropTime = (s: string): string => s.split('\n').filter((l) => !l.startsWith('Time:')).join('\n');

export interface Comparison {
  equal: boolean;
  detail: string;
}

/** Byte equality except "Time:" lines; on mismatch a line diff (first hunks) and both outputs on disk. */
export function compareText(name: string, want: Buffer, got: Buffer): Comparison {
  const w = dropTime(want.toString('utf8'));
  const g = dropTime(got.toString('utf8'));
  if (w === g) return { equal: true, detail: '' };
  fs.mkdirSync(resultsDir, { recursive: true });
  const base = path.join(resultsDir, name.replace(/[^A-Za-z0-9._=-]+/g, '_').slice(0, 150));
  fs.writeFileSync(`${base}.want`, want);
  fs.writeFileSync(`${base}.got`, got);
  return { equal: false, detail: `${lineDiff(w, g)}\n(full outputs: ${base}.want / .got)` };
}

/** The lines of each block (split at -tree's separator lines), sorted: equal when only line order differs. */
function blockSortedLines(text: string): string {
  const blocks: string[][] = [[]];
  for (const line of dropTime(text).split('\n')) {
    if (/^-+\+-+$/.test(line)) blocks.push([]);
    else blocks[blocks.length - 1].push(line);
  }
  return blocks.map((b) => b.sort().join('\n')).join('\n--\n');
}

/** compareText, then, for outputs whose tied-edge order Go leaves random, the same lines per block. */
export function compareTextTieFree(name: string, want: Buffer, got: Buffer): Comparison {
  const exact = compareText(name, want, got);
  if (exact.equal) return exact;
  if (blockSortedLines(want.toString('utf8')) === blockSortedLines(got.toString('utf8'))) {
    return { equal: true, detail: 'same lines; tied edges in another order (random in Go 1.27)' };
  }
  return exact;
}

/**
 * -top/-text rows whose order Go 1.27 leaves random: nodes with the same printable name but other
 * identities (e.g. -files: one node per function's start line, all printed as the file name) are
 * "neither less nor greater" in NodeInfo.comparePrintableName, which makes the order inconsistent
 * (a ~ c yet a < b < c), and graph nodes come from map iteration: rows of equal flat come out in
 * any order, not even sorted by name (5 runs of `go tool pprof -top -files` gave 5 outputs).
 * Equivalent when every line outside the table is equal and the table has the same runs (consecutive
 * rows of equal flat) in the same order, each with the same rows (sum% aside, since it accumulates
 * in row order) and the same sum% after its last row.
 */
export function compareTopTieFree(name: string, want: Buffer, got: Buffer): Comparison {
  const exact = compareText(name, want, got);
  if (exact.equal) return exact;
  const parse = (text: string) => {
    const lines = dropTime(text).split('\n');
    const at = lines.findIndex((l) => /^\s+flat\s+flat%\s+sum%/.test(l));
    const head = lines.slice(0, at + 1).join('\n');
    const rows = lines.slice(at + 1).filter((l) => l !== '').map((l) => {
      const m = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.*)$/.exec(l);
      return m ? { key: m[1], row: `${m[1]} ${m[2]} ${m[4]} ${m[5]} ${m[6]}`, sum: m[3] } : { key: l, row: l, sum: '' };
    });
    const runs: { key: string; rows: string[]; sum: string }[] = [];
    for (const r of rows) {
      const last = runs[runs.length - 1];
      if (last && last.key === r.key) {
        last.rows.push(r.row);
        last.sum = r.sum;
      } else runs.push({ key: r.key, rows: [r.row], sum: r.sum });
    }
    return { head, runs: runs.map((r) => `${r.key} | ${r.rows.sort().join(' / ')} | ${r.sum}`).join('\n'), n: runs.length, rows: rows.length };
  };
  const w = parse(want.toString('utf8'));
  const g = parse(got.toString('utf8'));
  if (w.head === g.head && w.runs === g.runs && w.rows > w.n) {
    return { equal: true, detail: 'same rows; rows of equal flat in another order (random in Go 1.27)' };
  }
  return exact;
}

/**
 * For -dot with a base, even the set of edges Go prints can depend on its random order of tied edges
 * (RemoveRedundantEdges walks edges in that order). Runs go tool pprof again (uncached): ours must
 * equal one of its runs line for line per block; or, when Go's runs differ among themselves, ours must
 * print Go's node lines and other lines exactly, only edges that some Go run printed, and as many
 * edges as some Go run did.
 */
export async function compareAcrossGoRuns(name: string, args: string[], first: Buffer, got: Buffer, runs = 5): Promise<Comparison> {
  const outs = [first.toString('utf8')];
  for (let i = 0; i < runs; i++) {
    const r = await runProcess('go', ['tool', 'pprof', ...args]);
    if (r.code === 0) outs.push(r.stdout.toString('utf8'));
  }
  const ours = got.toString('utf8');
  const oursSorted = blockSortedLines(ours);
  const distinct = new Set(outs.map(blockSortedLines));
  if (distinct.has(oursSorted)) return { equal: true, detail: `same lines as one of ${outs.length} go tool pprof runs (${distinct.size} different outputs: tied edges)` };
  if (distinct.size === 1) return compareText(name, first, got); // Go is steady here: ours must match it
  const isEdge = (l: string) => /^N\d+ -> N\d+ /.test(l);
  const split = (t: string) => {
    const lines = dropTime(t).split('\n');
    return { other: lines.filter((l) => !isEdge(l)).sort().join('\n'), edges: lines.filter(isEdge) };
  };
  const mine = split(ours);
  const theirs = outs.map(split);
  const problems: string[] = [];
  if (!theirs.some((t) => t.other === mine.other)) problems.push('node and other lines differ from every Go run');
  const union = new Set(theirs.flatMap((t) => t.edges));
  const extra = mine.edges.filter((e) => !union.has(e));
  if (extra.length > 0) problems.push(`edges no Go run printed: ${extra.slice(0, 3).join(' | ')}`);
  if (!theirs.some((t) => t.edges.length === mine.edges.length)) problems.push(`${mine.edges.length} edges; Go printed ${[...new Set(theirs.map((t) => t.edges.length))].join('/')}`);
  if (problems.length === 0) return { equal: true, detail: `Go's ${outs.length} runs gave ${distinct.size} different edge sets (tied edges); ours has Go's nodes and only edges Go printed` };
  return { equal: false, detail: `${problems.join('; ')}\n${compareText(name, first, got).detail}` };
}

/** -proto: same gunzipped bytes, else the same `go tool pprof -raw` of both files. */
export async function compareProto(name: string, want: Buffer, got: Buffer): Promise<Comparison> {
  let wu: Buffer, gu: Buffer;
  try {
    wu = zlib.gunzipSync(want);
    gu = zlib.gunzipSync(got);
  } catch (e) {
    return { equal: false, detail: `output is not gzip: ${(e as Error).message}` };
  }
  if (wu.equals(gu)) return { equal: true, detail: '' };
  fs.mkdirSync(resultsDir, { recursive: true });
  const base = path.join(resultsDir, name.replace(/[^A-Za-z0-9._=-]+/g, '_').slice(0, 150));
  fs.writeFileSync(`${base}.want.pb.gz`, want);
  fs.writeFileSync(`${base}.got.pb.gz`, got);
  const [rw, rg] = await Promise.all([runProcess('go', ['tool', 'pprof', '-raw', `${base}.want.pb.gz`]),
    runProcess('go', ['tool', 'pprof', '-raw', `${base}.got.pb.gz`])]);
  if (rg.code !== 0) return { equal: false, detail: `go tool pprof cannot read our -proto output: ${rg.stderr.trim()}` };
  const c = compareText(`${name}.raw`, rw.stdout, rg.stdout);
  return c.equal ? { equal: true, detail: 'proto bytes differ but decode to the same profile (-raw equal)' } : c;
}

/** A compact line diff: LCS on up to 3000 lines a side, else the first differing line. */
export function lineDiff(want: string, got: string, maxLines = 60): string {
  const a = want.split('\n');
  const b = got.split('\n');
  if (a.length > 3000 || b.length > 3000) {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return `first difference at line ${i + 1}:\n- ${a[i] ?? '<eof>'}\n+ ${b[i] ?? '<eof>'}`;
  }
  const n = a.length, m = b.length;
  const dp: Uint32Array[] = [];
  for (let i = 0; i <= n; i++) dp.push(new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  }
  const lines: string[] = ['--- go tool pprof', '+++ pprof-lens'];
  let i = 0, j = 0, lastCtx = -10, shown = 0;
  while ((i < n || j < m) && shown < maxLines) {
    if (i < n && j < m && a[i] === b[j]) {
      i++; j++;
      continue;
    }
    if (lastCtx < i - 1) lines.push(`@@ line ${i + 1} @@${i > 0 ? `\n  ${a[i - 1]}` : ''}`);
    if (j < m && (i >= n || dp[i][j + 1] >= dp[i + 1][j])) {
      lines.push(`+ ${b[j++]}`);
    } else {
      lines.push(`- ${a[i++]}`);
    }
    lastCtx = i;
    shown++;
  }
  if (shown >= maxLines) lines.push('... (diff truncated)');
  return lines.join('\n');
}
