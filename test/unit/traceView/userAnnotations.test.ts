// User tasks, regions and logs (Go's internal/trace summary semantics) on Go's fixtures.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readTrace } from '../../../src/core/trace/readTrace';
import { Ev } from '../../../src/core/trace/specs';
import { TraceData } from '../../../src/core/trace/traceData';
import { userAnnotations } from '../../../src/core/traceView/userAnnotations';
import { traceFixture } from '../trace/traceFixtures';

test('v1 user_task_region_1_21_good: region types, task, log', () => {
  const d = readTrace(traceFixture('v1_golang-go_src_internal_trace_internal_tracev1_testdata', 'user_task_region_1_21_good'));
  const a = userAnnotations(d);
  // (Go's summary adds unnamed regions for goroutines created inside a region, and the background task 0.)
  assert.deepEqual([...new Set(a.regions.filter((r) => r.name !== '').map((r) => r.name))].sort(), ['post-existing region', 'region0', 'region1']);
  assert.deepEqual([...new Set(a.tasks.filter((t) => t.id !== 0).map((t) => t.name))], ['task0']);
  assert.deepEqual(a.logs.map((l) => `${l.task} ${l.category} ${l.message}`), ['1 key0 0123456789abcdef']);
  const task = a.tasks.find((t) => t.id !== 0)!;
  assert.equal(task.id, 1);
  assert.equal(task.parent, 0);
  assert.ok(task.startKnown && task.end >= task.start);
  assert.ok(task.goroutines.length >= 1);
  assert.ok(task.goroutines.includes(a.logs[0].g));
  // The region still open when tracing stopped runs to the end of the trace; every region lies in it.
  const post = a.regions.find((r) => r.name === 'post-existing region');
  assert.ok(post && post.startKnown && !post.endKnown && post.task === 0);
  assert.ok(a.regions.every((r) => r.end <= post.end));
  for (const r of a.regions) {
    assert.ok(r.start <= r.end, `${r.name} ${r.start} ${r.end}`);
    assert.ok(r.depth >= 0);
  }
  // region1 runs inside region0 on the same goroutine in Go's test program.
  const r0 = a.regions.find((r) => r.name === 'region0');
  const r1 = a.regions.find((r) => r.name === 'region1');
  assert.ok(r0 && r1);
  if (r0.g === r1.g) assert.ok(r1.depth > r0.depth && r1.start >= r0.start && r1.end <= r0.end);
  for (const r of a.regions.filter((x) => x.task === 1)) assert.ok(task.goroutines.includes(r.g));
});

test('Go 1.22+ annotations: tasks, regions and logs are consistent', () => {
  for (const f of ['go122-annotations.trace', 'go122-annotations-stress.trace', 'go122-task-across-generations.trace']) {
    const d = readTrace(traceFixture('v2_DERIVED_tests_as_binary', f));
    const a = userAnnotations(d);
    assert.ok(a.tasks.length + a.regions.length + a.logs.length > 0, f);
    const ids = new Set(a.tasks.map((t) => t.id));
    assert.equal(ids.size, a.tasks.length, `${f}: task ids are unique`);
    for (const t of a.tasks) assert.ok(t.start <= t.end && t.id >= 0, f);
    for (const r of a.regions) assert.ok(r.start <= r.end && r.depth >= 0, f);
    for (let i = 1; i < a.logs.length; i++) assert.ok(a.logs[i].time >= a.logs[i - 1].time, f);
    for (const l of a.logs) if (l.task) assert.ok(a.tasks.find((t) => t.id === l.task)?.goroutines.includes(l.g), f);
  }
});

test('synthetic: nesting, an end without a begin, a task ended but begun before tracing', () => {
  const t = new TraceData(23);
  const s = (x: string) => t.intern(x);
  const main = t.internStack([t.internFrame(0x1000, 'main.main', 'main.go', 1)]);
  // [kind, time, g, a0, a1, a2]
  const ev: [number, number, number, number, number, number][] = [
    [Ev.ProcsChange, 0, -1, 2, 0, 0],
    // Goroutines 5 and 6 running when tracing starts (undetermined before), named by their stack.
    [Ev.GoStatusStack, 1, -1, 5, -1, 2 + 8 * 5],
    [Ev.GoStatusStack, 2, -1, 6, -1, 2 + 8 * 5],
    [Ev.UserRegionEnd, 10, 5, 7, s('before'), 0],
    [Ev.UserTaskBegin, 20, 5, 8, 7, s('child')],
    [Ev.UserRegionBegin, 30, 5, 8, s('outer'), 0],
    [Ev.UserRegionBegin, 40, 5, 8, s('inner'), 0],
    [Ev.UserLog, 45, 6, 8, s('cat'), s('msg')],
    [Ev.UserRegionEnd, 50, 5, 8, s('inner'), 0],
    [Ev.UserRegionEnd, 60, 5, 8, s('outer'), 0],
    [Ev.UserTaskEnd, 70, 5, 7, 0, s('parent')],
    [Ev.UserRegionBegin, 80, 6, 0, s('open'), 0],
    [Ev.HeapAlloc, 100, -1, 1, 0, 0],
  ];
  for (const [k, time, g, a0, a1, a2] of ev) t.events.push(k, time, g, 0, 0, a0, a1, a2, k === Ev.GoStatusStack ? main : 0);
  const a = userAnnotations(t);
  assert.deepEqual(a.tasks.map((k) => [k.id, k.name, k.parent, k.start, k.end, k.startKnown, k.endKnown, k.goroutines]), [
    [0, '', 0, 0, 100, false, false, [6]], // the background task: parent of task 7's end (parent 0), holds 'open'
    [7, 'parent', 0, 0, 70, false, true, [5]],
    [8, 'child', 7, 20, 100, true, false, [5, 6]],
  ]);
  assert.deepEqual(a.regions.map((r) => [r.name, r.g, r.task, r.start, r.end, r.depth, r.startKnown, r.endKnown]), [
    ['before', 5, 7, 0, 10, 0, false, true],
    ['outer', 5, 8, 30, 60, 0, true, true],
    ['inner', 5, 8, 40, 50, 1, true, true],
    ['open', 6, 0, 80, 100, 0, true, false],
  ]);
  assert.deepEqual(a.logs, [{ time: 45, g: 6, task: 8, category: 'cat', message: 'msg' }]);
});
