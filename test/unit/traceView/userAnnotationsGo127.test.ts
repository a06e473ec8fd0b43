// User tasks and regions against Go 1.27's `go tool trace`, run here with -http on each trace: its
// /usertasks page (task types and counts), each /usertask?type=… page (per task: start since the
// trace start, duration, id, complete or not), its /userregions page (region types and counts) and
// each /userregion?type=…&pc=… page (per region: goroutine, task, duration) must list exactly what
// userAnnotations gives. Traces: Go's annotation test traces (Go 1.21, converted, and Go 1.22) and
// the live sample-service traces.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { readTrace } from '../../../src/core/trace/readTrace';
import { userAnnotations } from '../../../src/core/traceView/userAnnotations';
import { traceSpan } from '../../../src/core/traceView/traceSpan';
import { traceFixtureDir } from '../trace/traceFixtures';
import { httpGet, liveTrace, LIVE_TOOLCHAINS, withGoTrace } from '../trace/liveTraces';
import { detailTables, goDuration, unescapeHtml } from '../trace/goPages';

const traces: [string, () => Promise<string> | string][] = [
  ['user_task_region_1_21_good', () => path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_internal_tracev1_testdata', 'user_task_region_1_21_good')],
  ['user_task_region_1_19_good', () => path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_internal_tracev1_testdata', 'user_task_region_1_19_good')],
  ['go122-annotations', () => path.join(traceFixtureDir, 'v2_DERIVED_tests_as_binary', 'go122-annotations.trace')],
  ['go122-annotations-stress', () => path.join(traceFixtureDir, 'v2_DERIVED_tests_as_binary', 'go122-annotations-stress.trace')],
  ...LIVE_TOOLCHAINS.map((tc): [string, () => Promise<string>] => [`live sample-service trace (${tc})`, () => liveTrace(tc)]),
];

const page = async (url: string): Promise<string> => (await httpGet(url)).toString('utf8');

for (const [name, file] of traces) {
  test(`tasks and regions of ${name} equal Go 1.27's user task and region pages`, { timeout: 600_000 }, async () => {
    const trace = await file();
    const data = readTrace(new Uint8Array(fs.readFileSync(trace)));
    const a = userAnnotations(data);
    const { origin } = traceSpan(data);
    const first = data.events.time(0); // Go's trace start: its first (sync) event
    const when = (rel: number): string => `${((rel + origin - first) / 1e9).toFixed(9)}s`;
    const isAnnotated = name.includes('task') || name.includes('annotations');
    if (isAnnotated) assert.ok(a.tasks.length > 0 && a.regions.length > 0, 'annotated trace without tasks or regions');

    // Ours, in the pages' terms.
    const taskTypes = new Map<string, string[]>();
    for (const t of a.tasks) {
      const l = taskTypes.get(t.name) ?? [];
      l.push(`${when(t.start)}|${goDuration(t.end - t.start)}|Task ${t.id}|${t.startKnown && t.endKnown ? 'complete' : 'incomplete'}`);
      taskTypes.set(t.name, l);
    }
    const regionTypes = new Map<string, string[]>();
    for (const r of a.regions) {
      const l = regionTypes.get(r.name) ?? [];
      l.push(`${r.g}|${r.task === 0 ? '' : r.task}|${goDuration(r.end - r.start)}`);
      regionTypes.set(r.name, l);
    }

    await withGoTrace(trace, async (base) => {
      const tasksHtml = await page(`${base}/usertasks`);
      const goTaskTypes = [...tasksHtml.matchAll(/<td>([^<]*)<\/td>\s*<td><a href="\/usertask\?type=[^"]*">(\d+)<\/a><\/td>/g)].map((m) => `${unescapeHtml(m[1])} N=${m[2]}`);
      assert.deepEqual([...taskTypes].map(([k, v]) => `${k} N=${v.length}`).sort(), goTaskTypes.sort(), 'task types');
      for (const [type, rows] of taskTypes) {
        const html = await page(`${base}/usertask?type=${encodeURIComponent(type)}`);
        const goRows = [...html.matchAll(/<tr class="first">\s*<td class="when">([^<]*)<\/td>\s*<td class="elapsed">([^<]*)<\/td>\s*<td><\/td>\s*<td>\s*<a [^>]*>([^<]*)<\/a>[\s\S]*?\((complete|incomplete)\)/g)]
          .map((m) => `${m[1].trim()}|${m[2].trim()}|${m[3]}|${m[4]}`);
        assert.deepEqual([...rows].sort(), goRows.sort(), `tasks of type ${JSON.stringify(type)}`);
      }

      const regionsHtml = await page(`${base}/userregions`);
      const goRegionTypes = new Map<string, { n: number; hrefs: string[] }>();
      for (const m of regionsHtml.matchAll(/<td><pre>([^<]*)<br>[\s\S]*?<\/pre><\/td>\s*<td><a href="([^"]*)">(\d+)<\/a><\/td>/g)) {
        const type = JSON.parse(unescapeHtml(m[1])) as string;
        const e = goRegionTypes.get(type) ?? { n: 0, hrefs: [] };
        e.n += Number(m[3]);
        e.hrefs.push(unescapeHtml(m[2]));
        goRegionTypes.set(type, e);
      }
      assert.deepEqual([...regionTypes].map(([k, v]) => `${k} N=${v.length}`).sort(), [...goRegionTypes].map(([k, v]) => `${k} N=${v.n}`).sort(), 'region types');
      for (const [type, { hrefs }] of goRegionTypes) {
        const goRows: string[] = [];
        for (const href of hrefs) {
          const tables = detailTables(await page(`${base}${href}`));
          for (const r of tables[0].rows) goRows.push(r.slice(0, 3).join('|'));
        }
        assert.deepEqual([...(regionTypes.get(type) ?? [])].sort(), goRows.sort(), `regions of type ${JSON.stringify(type)}`);
      }
    });
  });
}
