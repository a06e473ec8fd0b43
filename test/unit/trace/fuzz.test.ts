// Mutation fuzzing of the trace readers (fast-check): whatever the bytes, reading ends quickly with
// a TraceData or a TraceError, never another exception or a hang.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readTrace } from '../../../src/core/trace/readTrace';
import { tracePprof } from '../../../src/core/trace/tracePprof';
import { TraceError } from '../../../src/core/trace/traceError';
import { traceFixture } from './traceFixtures';

const seeds: Uint8Array[] = [
  traceFixture('v2_DERIVED_tests_as_binary', 'go122-annotations.trace'),
  traceFixture('v2_DERIVED_tests_as_binary', 'go125-sync.trace'),
  traceFixture('v2_DERIVED_tests_as_binary', 'go122-syscall-steal-proc-ambiguous.trace'),
  traceFixture('v1_golang-go_src_internal_trace_testdata', 'user_task_region_1_21_good'),
  traceFixture('v1_golang-go_src_internal_trace_testdata', 'http_1_11_good'),
];

type Mutation = { kind: 'set'; at: number; value: number } | { kind: 'cut'; at: number } | { kind: 'insert'; at: number; bytes: number[] } | { kind: 'delete'; at: number; len: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 12 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
);

function apply(seed: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = Array.from(seed);
  for (const m of ms) {
    // Keep the 16-byte header mostly intact so that mutations reach the readers.
    const at = 16 + (m.at % Math.max(1, b.length - 16));
    if (m.kind === 'set') b[at] = m.value;
    else if (m.kind === 'cut') b = b.slice(0, at);
    else if (m.kind === 'insert') b.splice(at, 0, ...m.bytes);
    else b.splice(at, m.len);
  }
  return Uint8Array.from(b);
}

function mustNotCrash(buf: Uint8Array): void {
  const t0 = Date.now();
  try {
    readTrace(buf);
    tracePprof(buf, 'sync');
  } catch (e) {
    if (!(e instanceof TraceError)) throw e;
  }
  assert.ok(Date.now() - t0 < 2000, 'reading took too long');
}

test('mutated traces: only typed errors', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (s, ms) => {
      mustNotCrash(apply(seeds[s], ms));
    }),
    { numRuns: 1500 },
  );
});

test('random bytes after a valid header: only typed errors', () => {
  fc.assert(
    fc.property(fc.constantFrom('go 1.22 trace\0\0\0', 'go 1.23 trace\0\0\0', 'go 1.25 trace\0\0\0', 'go 1.26 trace\0\0\0', 'go 1.19 trace\0\0\0', 'go 1.21 trace\0\0\0'),
      fc.uint8Array({ maxLength: 300 }), (h, body) => {
        const buf = new Uint8Array(16 + body.length);
        buf.set(new TextEncoder().encode(h));
        buf.set(body, 16);
        mustNotCrash(buf);
      }),
    { numRuns: 2000 },
  );
});
