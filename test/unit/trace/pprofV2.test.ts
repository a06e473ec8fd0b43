// Trace-derived profiles on the event model: structure and invariants on Go's own test traces, and
// streaming = whole reading. (pprofGo127.test.ts compares the profiles with Go 1.27's go tool trace.)
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { pprofFromV2 } from '../../../src/core/trace/pprofV2';
import { readTrace } from '../../../src/core/trace/readTrace';
import { traceFixture } from './traceFixtures';

const trace = readTrace(traceFixture('v2_golang-go_src_cmd_trace_testdata', 'go122.DERIVED.trace'));

for (const kind of ['net', 'sync', 'syscall', 'sched'] as const) {
  test(`-pprof=${kind} on go122 test trace`, () => {
    const p = pprofFromV2(trace, kind);
    assert.deepEqual(p.sampleType, [{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: 'nanoseconds' }]);
    assert.deepEqual(p.periodType, { type: 'trace', unit: 'count' });
    for (const s of p.sample) {
      // A sample without locations: intervals that began with an event without a stack (as Go's).
      assert.ok(s.value[0] >= 1 && s.value[1] > 0);
    }
    // Locations are unique per PC, functions per file+name.
    assert.equal(new Set(p.location.map((l) => l.address)).size, p.location.length);
    assert.equal(new Set(p.function.map((f) => f.filename + f.name)).size, p.function.length);
    if (kind !== 'net') assert.ok(p.sample.length > 0, `${kind}: expected samples`);
  });
}

test('sync profile of the go122 trace blames channel and mutex waits', () => {
  const p = pprofFromV2(trace, 'sync');
  const names = new Set(p.sample.filter((s) => s.location.length > 0).map((s) => s.location[0].line[0].function.name));
  assert.ok([...names].some((n) => /chan|select|sync|Mutex|WaitGroup|Cond/.test(n)), [...names].join(', '));
});

test('streaming by generation gives the same profiles as reading whole', async () => {
  const { tracePprof } = await import('../../../src/core/trace/tracePprof');
  const bufs = [traceFixture('v2_golang-go_src_cmd_trace_testdata', 'go122.DERIVED.trace'), traceFixture('v2_DERIVED_tests_as_binary', 'go122-gc-stress.trace')];
  const key = (p: ReturnType<typeof pprofFromV2>): string[] =>
    p.sample.map((s) => `${s.location.map((l) => l.address).join(',')}=${s.value.join('/')}`).sort();
  for (const buf of bufs) {
    const whole = readTrace(buf);
    for (const kind of ['net', 'sync', 'syscall', 'sched'] as const) {
      assert.deepEqual(key(tracePprof(buf, kind)), key(pprofFromV2(whole, kind)), kind);
    }
  }
});
