// The oracle of the annotation tests: `go tool pprof -list=RE` run live on a profile, parsed into
// its ROUTINE blocks (function, file, header figures, per-line figures and source text).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as assert from 'node:assert/strict';
import type { SourceCosts } from '../../../src/core/report/sourceCosts';

export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const generatedDir = path.join(repoRoot, 'test', 'fixtures', 'generated');
export const sampleServiceDir = path.join(repoRoot, 'examples', 'sample-service');

export interface ListLine {
  line: number;
  flat: string;
  cum: string;
  text: string;
}

export interface Routine {
  name: string;
  file: string;
  flat: string;
  cum: string;
  percent: string;
  lines: ListLine[];
}

let go: boolean | undefined;
export function haveGo(): boolean {
  if (go === undefined) go = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
  return go;
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-annotations-'));
process.on('exit', () => fs.rmSync(home, { recursive: true, force: true }));

/**
 * `go tool pprof -top` with no trimming (-nodecount=0, -nodefraction=0, -edgefraction=0) and `args`:
 * per row name (without "(inline)"), flat and cum as printed (`rows`: the last row of a name; `list`: every
 * row, since Go 1.27's -files keeps one row per file and function start line); and the total of "of X total".
 */
export function goTopRows(args: string[], cwd = generatedDir): { rows: Map<string, { flat: string; cum: string }>; list: { name: string; flat: string; cum: string }[]; total: string } {
  const r = spawnSync('go', ['tool', 'pprof', '-top', '-nodecount=0', '-nodefraction=0', '-edgefraction=0', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: home, PPROF_TMPDIR: home, TZ: 'UTC' },
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`go tool pprof ${args.join(' ')}: ${r.stderr}`);
  const rows = new Map<string, { flat: string; cum: string }>();
  const list: { name: string; flat: string; cum: string }[] = [];
  let total = '';
  let inTable = false;
  for (const l of r.stdout.split('\n')) {
    const m = /of (\S+) total$/.exec(l);
    if (m) total = m[1];
    if (/^\s+flat\s+flat%/.test(l)) {
      inTable = true;
      continue;
    }
    if (!inTable || l.trim() === '') continue;
    const f = /^\s*(\S+)\s+\S+\s+\S+\s+(\S+)\s+\S+\s+(.*)$/.exec(l);
    if (!f) continue;
    const name = f[3].replace(/ \((partial-)?inline\)$/, '');
    rows.set(name, { flat: f[1], cum: f[2] });
    list.push({ name, flat: f[1], cum: f[2] });
  }
  return { rows, list, total };
}

/** `go tool pprof <flags> -list=<re> <profile>`, parsed. */
export function goList(profile: string, re: string, flags: string[] = [], cwd = generatedDir): { total: string; routines: Routine[]; noMatches?: boolean } {
  const r = spawnSync('go', ['tool', 'pprof', ...flags, `-list=${re}`, profile], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: home, PPROF_TMPDIR: home, TZ: 'UTC' },
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
  // pprof refuses a -list that matches nothing; callers compare that with an index without such functions.
  if (r.status !== 0 && /no matches found for regexp/.test(r.stderr)) return { total: '', routines: [], noMatches: true };
  if (r.status !== 0) throw new Error(`go tool pprof -list=${re} ${profile}: ${r.stderr}`);
  return parseList(r.stdout);
}

export function parseList(out: string): { total: string; routines: Routine[] } {
  const routines: Routine[] = [];
  let total = '';
  let cur: Routine | undefined;
  for (const l of out.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^Total: (.*)$/.exec(l))) total = m[1];
    else if ((m = /^ROUTINE =+ (.*) in (.*)$/.exec(l))) {
      cur = { name: m[1], file: m[2], flat: '', cum: '', percent: '', lines: [] };
      routines.push(cur);
    } else if (cur && (m = /^\s*(\S+)\s+(\S+) \(flat, cum\)\s+(\S+) of Total$/.exec(l))) {
      cur.flat = m[1];
      cur.cum = m[2];
      cur.percent = m[3];
    } else if (cur && (m = /^ {0,9}(\S+) {1,10}(\S+) +(\d+):(.*)$/.exec(l))) {
      cur.lines.push({ line: Number(m[3]), flat: m[1], cum: m[2], text: m[4] });
    }
  }
  return { total, routines };
}

/** Asserts that the index shows exactly the figures of each ROUTINE. */
export function assertMatchesList(costs: SourceCosts, routines: Routine[], what: string, sameFile = (ours: string, theirs: string) => ours === theirs): number {
  let compared = 0;
  for (const r of routines) {
    if (r.lines.length === 0) continue; // source not found by pprof
    const fc = costs.functions(r.name).find((f) => sameFile(f.file, r.file));
    assert.ok(fc, `${what}: ${r.name} in ${r.file} missing from the index`);
    assert.equal(costs.format(fc.flat), r.flat, `${what}: ${r.name} header flat`);
    assert.equal(costs.format(fc.cum), r.cum, `${what}: ${r.name} header cum`);
    assert.equal(costs.percent(fc.cum), r.percent, `${what}: ${r.name} header %`);
    const first = r.lines[0].line;
    const last = r.lines[r.lines.length - 1].line;
    const want = r.lines.filter((l) => l.flat !== '.' || l.cum !== '.').map((l) => `${l.line}: ${l.flat} ${l.cum}`);
    const got = fc.lines
      .filter((l) => l.line >= first && l.line <= last)
      .map((l) => `${l.line}: ${costs.formatOrDot(l.flat)} ${costs.formatOrDot(l.cum)}`);
    assert.deepEqual(got, want, `${what}: ${r.name} per-line figures`);
    compared += want.length;
    // The file view shows the same figures on the lines this function owns.
    const file = costs.file(fc.file)!;
    for (const l of file.lines) {
      if (l.fn === fc) assert.ok(want.includes(`${l.line}: ${costs.formatOrDot(l.flat)} ${costs.formatOrDot(l.cum)}`));
    }
  }
  return compared;
}

