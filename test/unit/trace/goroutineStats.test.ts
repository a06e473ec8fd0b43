// Goroutine analysis against `go tool trace` (Go 1.19): its /goroutines page (groups: start function
// and count) and each /goroutine?id=PC page (per-goroutine total, execution, network wait, sync block,
// syscall, scheduler wait, GC sweeping and GC pause, as printed) must match ours exactly.
// Skipped without `go`.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, ChildProcess } from 'child_process';
import * as http from 'http';
import * as path from 'path';
import * as fs from 'fs';
import { goroutineStats, goroutineStatsV1, groupGoroutines, GoroutineStat } from '../../../src/core/trace/goroutineStats';
import { readTrace, readTraceV1 } from '../../../src/core/trace/readTrace';
import { traceFixture, traceFixtureDir, tracegenTrace } from './traceFixtures';

const hasGo = spawnSync('go', ['version']).status === 0;

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${url}: ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.setTimeout(60_000, () => req.destroy(new Error(`${url}: timeout`)));
    req.on('error', reject);
  });
}

async function withGoTrace<T>(file: string, f: (base: string) => Promise<T>): Promise<T> {
  const child: ChildProcess = spawn('go', ['tool', 'trace', '-http=127.0.0.1:0', file], {
    env: { ...process.env, BROWSER: '/bin/true' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`go tool trace did not start: ${err}`)), 60_000);
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

const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Go's cmd/trace niceDuration. */
function niceDuration(ns: number): string {
  if (ns < 1e4) return `${ns}ns`;
  if (ns < 1e7) return `${Math.trunc(ns / 1e3)}µs`;
  if (ns < 1e10) return `${Math.trunc(ns / 1e6)}ms`;
  return `${Math.trunc(ns / 1e9)}s `;
}
const percent = (a: number, b: number): string => (b === 0 ? '' : `(${((a / b) * 100).toFixed(1)}%)`);

function ourRow(s: GoroutineStat): string {
  const d = niceDuration;
  return [s.id, d(s.totalTime), d(s.execTime), d(s.ioTime), d(s.blockTime), d(s.syscallTime), d(s.schedWaitTime),
    `${d(s.sweepTime)} ${percent(s.sweepTime, s.totalTime)}`.trim(), `${d(s.gcTime)} ${percent(s.gcTime, s.totalTime)}`.trim()].join('|');
}

function goRows(html: string): string[] {
  const rows: string[] = [];
  const re = /<td> <a href="\/trace\?goid=(\d+)">\d+<\/a> <\/td>\s*<td> ([^<]*) <\/td>[\s\S]*?<\/div>\s*<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>/g;
  for (let m; (m = re.exec(html));) rows.push([m[1], ...m.slice(2).map((x) => x.trim().replace(/\s+/g, ' '))].join('|'));
  return rows;
}

const traces: [string, () => string][] = [
  ['tracegen', tracegenTrace],
  ['http_1_19_good', () => path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_testdata', 'http_1_19_good')],
  ['stress_1_19_good', () => path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_testdata', 'stress_1_19_good')],
];

for (const [name, file] of traces) {
  test(`goroutine analysis of ${name} equals go tool trace's`, { skip: hasGo ? false : 'go not installed', timeout: 180_000 }, async () => {
    const trace = file();
    const groups = groupGoroutines(goroutineStatsV1(readTraceV1(new Uint8Array(fs.readFileSync(trace)))));
    await withGoTrace(trace, async (base) => {
      const list = await get(`${base}/goroutines`);
      const goGroups = [...list.matchAll(/<a href="\/goroutine\?id=(\d+)">([^<]*)<\/a> N=(\d+)/g)].map((m) => `${m[1]} ${unescape(m[2])} N=${m[3]}`);
      assert.deepEqual([...groups.map((g) => `${g.pc} ${g.name} N=${g.count}`)].sort(), [...goGroups].sort());
      for (const g of groups) {
        const page = await get(`${base}/goroutine?id=${g.pc}`);
        assert.deepEqual(g.goroutines.map(ourRow).sort(), goRows(page).sort(), `group ${g.name}`);
      }
    });
  });
}

test('goroutine analysis on the common model: Go 1.22+ and converted traces', () => {
  const v2 = groupGoroutines(goroutineStats(readTrace(traceFixture('v2_golang-go_src_cmd_trace_testdata', 'go122.DERIVED.trace'))));
  assert.ok(v2.length > 0);
  assert.ok(v2.some((g) => g.name === 'main.main' || g.name.startsWith('main.')), v2.map((g) => g.name).join(', '));
  for (const g of v2) {
    assert.ok(g.execTime >= 0 && g.schedWaitTime >= 0 && g.blockTime >= 0 && g.ioTime >= 0 && g.syscallTime >= 0, g.name);
  }
  // The converted v1 trace and the v1-native analysis agree on every named group and on the total;
  // the converted one also names goroutines that never ran (Go 1.19 leaves those nameless).
  const buf = traceFixture('v1_golang-go_src_internal_trace_testdata', 'http_1_19_good');
  const conv = new Map(groupGoroutines(goroutineStats(readTrace(buf))).map((g) => [g.name, g.count]));
  const native = groupGoroutines(goroutineStatsV1(readTraceV1(buf)));
  for (const g of native) if (g.name !== '') assert.equal(conv.get(g.name), g.count, g.name);
  const total = (xs: number[]): number => xs.reduce((x, y) => x + y, 0);
  assert.equal(total([...conv.values()]), total(native.map((g) => g.count)));
});
