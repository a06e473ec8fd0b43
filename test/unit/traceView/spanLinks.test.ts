// Span links (who woke a goroutine, whom it woke or created) on Go's fixtures: every link points at a
// real GoUnblock / GoCreate event of the right goroutines, inside (wakes) or before (woken by) the span.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { readTrace } from '../../../src/core/trace/readTrace';
import { Ev } from '../../../src/core/trace/specs';
import { buildTimeline } from '../../../src/core/traceView/timelineModel';
import { spanLinks } from '../../../src/core/traceView/spanLinks';
import { traceFixtureDir } from '../trace/traceFixtures';

for (const f of ['v1_golang-go_src_internal_trace_internal_tracev1_testdata/http_1_19_good', 'v2_golang-go_src_cmd_trace_testdata/go122.DERIVED.trace']) {
  test(`span links of ${f}`, () => {
    const data = readTrace(new Uint8Array(fs.readFileSync(path.join(traceFixtureDir, f))));
    const m = buildTimeline(data);
    const e = data.events;
    const byTime = new Map<number, number[]>();
    for (let i = 0; i < e.length; i++) {
      const k = e.kind(i);
      if (k !== Ev.GoUnblock && k !== Ev.GoCreate && k !== Ev.GoCreateBlocked) continue;
      const t = e.time(i) - m.origin;
      byTime.set(t, [...(byTime.get(t) ?? []), i]);
    }
    let woken = 0;
    let wakes = 0;
    for (let s = 0; s < m.run.g.length; s++) {
      const g = m.run.g[s];
      const l = spanLinks(data, m.origin, g, m.run.start[s], m.run.end[s]);
      if (l.wokenBy) {
        woken++;
        assert.ok(l.wokenBy.time <= m.run.start[s]);
        assert.ok((byTime.get(l.wokenBy.time) ?? []).some((i) => e.kind(i) === Ev.GoUnblock && e.a0(i) === g && e.g(i) === l.wokenBy!.g));
      }
      for (const w of l.wakes) {
        wakes++;
        assert.ok(w.time >= m.run.start[s] && w.time <= m.run.end[s], 'inside the span');
        assert.ok((byTime.get(w.time) ?? []).some((i) => e.g(i) === g && e.a0(i) === w.g));
      }
    }
    assert.ok(woken > 0 && wakes > 0, `${woken} woken, ${wakes} wakes`);
  });
}
