// Go's own trace test suite as the contract (see test/fixtures/trace/INDEX.md): each *.test case
// passes or fails as its `expect` section says; every *_good v1 trace and every real trace reads;
// Go 1.5–1.10 traces are rejected with a clear message (as Go ≥1.23's tools do).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { readTrace, traceVersion } from '../../../src/core/trace/readTrace';
import { TraceError } from '../../../src/core/trace/traceError';
import { Ev } from '../../../src/core/trace/specs';
import { indexGenerations, readTraceV2 } from '../../../src/core/trace/readerV2';
import { listFixtures, traceFixture, traceFixtureDir } from './traceFixtures';
import { parseTxtar, textToBinary } from './textForm';

function outcome(buf: Uint8Array): { ok: true; events: number } | { ok: false; message: string } {
  try {
    return { ok: true, events: readTrace(buf).events.length };
  } catch (e) {
    if (!(e instanceof TraceError)) throw e;
    return { ok: false, message: e.message };
  }
}

const TESTS = 'v2_golang-go_src_internal_trace_testdata_tests';
const BINARY = 'v2_DERIVED_tests_as_binary';

for (const name of listFixtures(TESTS).filter((f) => f.endsWith('.test'))) {
  test(`Go reader golden: ${name}`, () => {
    const txt = fs.readFileSync(path.join(traceFixtureDir, TESTS, name), 'utf8');
    const m = /-- expect --\n(SUCCESS|FAILURE "(.*)")\s*\n/.exec(txt);
    assert.ok(m, 'expect section');
    const got = outcome(traceFixture(BINARY, name.replace(/\.test$/, '.trace')));
    if (m[1] === 'SUCCESS') {
      assert.ok(got.ok, `expected success, got: ${got.ok ? '' : got.message}`);
    } else {
      assert.ok(!got.ok, 'expected failure, got success');
      // Go's expectations are Go regexps matched anywhere in the message (testtrace.Expectation).
      assert.match(got.message, new RegExp(m[2]));
    }
  });
}

test('cmd/trace go122 test trace reads', () => {
  const got = outcome(traceFixture('v2_golang-go_src_cmd_trace_testdata', 'go122.DERIVED.trace'));
  assert.ok(got.ok);
});

const V1_DIRS = ['v1_golang-go_src_internal_trace_internal_tracev1_testdata', 'v1_golang-go_src_internal_trace_testdata', 'v1_gotraceui_trace_testdata'];
for (const dir of V1_DIRS) {
  for (const name of listFixtures(dir)) {
    test(`v1 ${dir}/${name}`, () => {
      const buf = traceFixture(dir, name);
      const v = traceVersion(buf)!;
      const got = outcome(buf);
      if (name.endsWith('_unordered')) {
        assert.ok(!got.ok, 'an unordered trace must fail');
      } else if (v >= 11) {
        assert.ok(got.ok, got.ok ? '' : got.message);
      } else {
        assert.ok(!got.ok);
        assert.match(got.message, /unsupported trace version go 1\.\d+/);
      }
    });
  }
}

test('v1 user_task_region_1_21_good converts tasks, regions and logs', () => {
  const d = readTrace(traceFixture('v1_golang-go_src_internal_trace_internal_tracev1_testdata', 'user_task_region_1_21_good'));
  const regions = new Set<string>();
  const tasks = new Set<string>();
  const logs: string[] = [];
  const e = d.events;
  for (let i = 0; i < e.length; i++) {
    const k = e.kind(i);
    if (k === Ev.UserRegionBegin || k === Ev.UserRegionEnd) regions.add(d.strings[e.a1(i)]);
    if (k === Ev.UserTaskBegin) tasks.add(d.strings[e.a2(i)]);
    if (k === Ev.UserLog) logs.push(`${e.a0(i)} ${d.strings[e.a1(i)]} ${d.strings[e.a2(i)]}`);
  }
  assert.deepEqual([...regions].sort(), ['post-existing region', 'region0', 'region1']);
  assert.deepEqual([...tasks], ['task0']);
  assert.deepEqual(logs, ['1 key0 0123456789abcdef']);
});

// The real-world traces (licence unknown, never committed) are read by `npm run bench` (bench/trace.js):
// tests read only the repository's own fixtures.

const FUZZ = 'v2_golang-go_src_internal_trace_testdata_fuzz_FuzzReader';
test('Go fuzz corpus: only typed errors, no hang', () => {
  for (const name of listFixtures(FUZZ)) {
    const t0 = Date.now();
    outcome(traceFixture(FUZZ, name)); // throws (failing the test) on anything but TraceError
    assert.ok(Date.now() - t0 < 2000, `${name} took too long`);
  }
});

test('not a trace: a clear error', () => {
  const got = outcome(new TextEncoder().encode('hello, world, this is not a trace'));
  assert.ok(!got.ok && /not a Go execution trace/.test(got.message));
});

test('each generation reads on its own (index + startOffset), adding up to the whole trace', () => {
  const files: Uint8Array[] = ['go123-sync.trace', 'go125-sync.trace', 'go122-task-across-generations.trace', 'go122-confuse-seq-across-generations.trace']
    .map((f) => traceFixture(BINARY, f));
  for (const buf of files) {
    const v = traceVersion(buf)!;
    const whole = readTraceV2(buf, v);
    const gens = indexGenerations(buf);
    assert.equal(gens.length, whole.generations);
    let sum = 0;
    for (const g of gens) sum += readTraceV2(buf, v, { startOffset: g.start, maxGenerations: 1 }).events.length - 2; // minus 2 syncs
    assert.equal(sum, whole.events.length - whole.generations - 1);
  }
});

test('Go reader golden, from the text form: same bytes as the stored conversions, same outcomes', () => {
  for (const name of listFixtures(TESTS).filter((f) => f.endsWith('.test'))) {
    const files = parseTxtar(fs.readFileSync(path.join(traceFixtureDir, TESTS, name), 'utf8'));
    const bin = textToBinary(files.get('trace')!);
    assert.deepEqual(Buffer.from(bin), Buffer.from(traceFixture(BINARY, name.replace(/\.test$/, '.trace'))), name);
    const expect = files.get('expect')!.trim();
    const got = outcome(bin);
    if (expect === 'SUCCESS') assert.ok(got.ok, name);
    else {
      assert.ok(!got.ok, name);
      assert.match(got.message, new RegExp(/^FAILURE "(.*)"$/.exec(expect)![1]), name);
    }
  }
  // cmd/trace's go122.test is plain text form (not txtar).
  const go122 = textToBinary(fs.readFileSync(path.join(traceFixtureDir, 'v2_golang-go_src_cmd_trace_testdata', 'go122.test'), 'utf8'));
  assert.deepEqual(Buffer.from(go122), Buffer.from(traceFixture('v2_golang-go_src_cmd_trace_testdata', 'go122.DERIVED.trace')));
  assert.ok(outcome(go122).ok);
});
