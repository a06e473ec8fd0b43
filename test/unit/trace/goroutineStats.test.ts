// Goroutine analysis against Go 1.27's `go tool trace`, run here with -http on each trace: its
// /goroutines page (groups: start function, count, total execution time) and each /goroutine?name=…
// page (per goroutine: total, every non-overlapping stat column — execution, block time per reason,
// syscall, sched wait, unknown — and the special-ranges table) must match ours exactly, text for text
// (Go's Duration.String). Traces: live ones from the sample service (built with Go 1.27.3 and with the
// machine's Go), Go 1.11–1.21 traces of Go's test suite (converted, as Go converts them) and a Go 1.22
// one from cmd/trace's testdata.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import * as fs from 'fs';
import { goroutineStats, groupGoroutines, GoroutineStat } from '../../../src/core/trace/goroutineStats';
import { readTrace } from '../../../src/core/trace/readTrace';
import { traceFixtureDir } from './traceFixtures';
import { httpGet, liveTrace, LIVE_TOOLCHAINS, withGoTrace } from './liveTraces';
import { detailTables, goDuration, unescapeHtml } from './goPages';

const INACTIVE = '(Inactive, no stack trace sampled)';

/** Go's GoroutineExecStats.NonOverlappingStats. */
function nonOverlapping(s: GoroutineStat): Map<string, number> {
  const m = new Map<string, number>([
    ['Execution time', s.execTime], ['Sched wait time', s.schedWaitTime], ['Syscall execution time', s.syscallTime],
    ['Block time (syscall)', s.syscallBlockTime], ['Unknown time', s.unknownTime],
  ]);
  for (const [r, d] of Object.entries(s.blockTimeByReason)) m.set(`Block time (${r})`, (m.get(`Block time (${r})`) ?? 0) + d);
  return m;
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What Go's /goroutine?name= page shows for the group, computed from our stats. */
function ourTables(gs: GoroutineStat[]): { headers: string[]; rows: string[][] }[] {
  const cols = new Set<string>();
  const ranges = new Set<string>();
  for (const g of gs) {
    for (const k of nonOverlapping(g).keys()) cols.add(k);
    for (const k of Object.keys(g.rangeTime)) ranges.add(k);
  }
  const stats = [...cols].sort((a, b) => (a === b ? 0 : a === 'Execution time' ? -1 : b === 'Execution time' ? 1 : byteOrder(a, b)));
  const rangeCols = [...ranges].sort(byteOrder);
  const rows = gs.map((g) => {
    const m = nonOverlapping(g);
    return [String(g.id), goDuration(g.totalTime), ...stats.map((k) => goDuration(m.get(k) ?? 0))];
  });
  const rangeRows = gs.filter((g) => Object.values(g.rangeTime).reduce((a, b) => a + b, 0) !== 0)
    .map((g) => [String(g.id), goDuration(g.totalTime), ...rangeCols.map((k) => goDuration(g.rangeTime[k] ?? 0))]);
  return [
    { headers: ['Goroutine', 'Total', '', ...stats], rows },
    { headers: ['Goroutine', 'Total', ...rangeCols], rows: rangeRows },
  ];
}

const sortRows = (t: { headers: string[]; rows: string[][] }): { headers: string[]; rows: string[] } =>
  ({ headers: t.headers, rows: t.rows.map((r) => r.join(' | ')).sort() });

const v1 = (name: string): string => path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_testdata', name);
const traces: [string, () => Promise<string> | string][] = [
  ...LIVE_TOOLCHAINS.map((tc): [string, () => Promise<string>] => [`live sample-service trace (${tc})`, () => liveTrace(tc)]),
  ['http_1_19_good', () => v1('http_1_19_good')],
  ['stress_1_11_good', () => v1('stress_1_11_good')],
  ['stress_1_19_good', () => v1('stress_1_19_good')],
  ['stress_1_21_good', () => v1('stress_1_21_good')],
  ['stress_start_stop_1_21_good', () => v1('stress_start_stop_1_21_good')],
  ['user_task_region_1_21_good', () => path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_internal_tracev1_testdata', 'user_task_region_1_21_good')],
  ['go122.DERIVED.trace', () => path.join(traceFixtureDir, 'v2_golang-go_src_cmd_trace_testdata', 'go122.DERIVED.trace')],
];

/** Go's pages for the trace: the group list and each group's tables (rows sorted). */
async function goPages(trace: string, names: string[]): Promise<{ groups: string[]; tables: Map<string, { headers: string[]; rows: string[] }[]> }> {
  return withGoTrace(trace, async (base) => {
    const list = (await httpGet(`${base}/goroutines`)).toString('utf8');
    const groups = [...list.matchAll(/<td><code><a href="[^"]*">([^<]*)<\/a><\/code><\/td>\s*<td>(\d+)<\/td>\s*<td>([^<]*)<\/td>/g)]
      .map((m) => `${unescapeHtml(m[1]) === INACTIVE ? '' : unescapeHtml(m[1])} N=${m[2]} ${m[3]}`).sort();
    const tables = new Map<string, { headers: string[]; rows: string[] }[]>();
    for (const n of names) tables.set(n, detailTables((await httpGet(`${base}/goroutine?name=${encodeURIComponent(n)}`)).toString('utf8')).map(sortRows));
    return { groups, tables };
  });
}

// Go's v1 parser orders events with equal timestamps by map iteration order, so for some Go 1.11–1.21
// traces (stress_1_11_good: 4 variants seen in 12 runs; stress_1_21_good too) its figures move by a
// nanosecond or two from run to run. Ours must equal one of Go's own outputs: for v1 traces Go is run
// again (up to RUNS times) until one matches; Go 1.22+ traces must match the first run.
const RUNS = 16;

for (const [name, file] of traces) {
  test(`goroutine analysis of ${name} equals Go 1.27's go tool trace pages`, { timeout: 900_000 }, async () => {
    const trace = await file();
    const groups = groupGoroutines(goroutineStats(readTrace(new Uint8Array(fs.readFileSync(trace)))));
    assert.ok(groups.length > 0);
    const ours = {
      groups: groups.map((g) => `${g.name} N=${g.count} ${goDuration(g.execTime)}`).sort(),
      tables: new Map(groups.map((g) => [g.name, ourTables(g.goroutines).map(sortRows)])),
    };
    let first: Awaited<ReturnType<typeof goPages>> | undefined;
    for (let run = 0; run < RUNS; run++) {
      const go = await goPages(trace, groups.map((g) => g.name));
      first ??= go;
      assert.ok(go.groups.length > 0, 'no groups parsed from /goroutines');
      for (const t of go.tables.values()) assert.equal(t.length, 2, 'two tables per /goroutine page');
      if (go.groups.join('\n') === ours.groups.join('\n') && [...go.tables].every(([n, t]) => JSON.stringify(t) === JSON.stringify(ours.tables.get(n)))) return;
      if (!/^go 1\.(11|19|21) trace/.test(fs.readFileSync(trace).subarray(0, 16).toString('latin1'))) break;
    }
    assert.deepEqual(ours.groups, first!.groups);
    for (const [n, t] of first!.tables) assert.deepEqual(ours.tables.get(n), t, `group ${n}`);
  });
}
