// Merge / base / diff_base / normalize against pprof's fetch_test.go TestFetchWithBase expectations.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../../src/core/profile/parse';
import { applyBase, combineProfiles, compact, mergeProfiles, scaleProfile } from '../../../src/core/profile/merge';
import { ProfileError } from '../../../src/core/profile/profileError';
import { fixture, fixtureText } from './fixturePath';

interface Case {
  desc: string;
  sources?: string[];
  base?: string[];
  diff_base?: string[];
  normalize?: boolean;
  samples?: number[][] | string;
  labels_of_last_6?: Record<string, string[]>;
  error_parse?: string;
  error_fetch?: string;
}

const load = (name: string) => parseProfile(fixture('driver', name), name);
const cases = (JSON.parse(fixtureText('driver', 'TestFetchWithBase.expected.json')) as { cases: Case[] }).cases;

for (const c of cases) {
  // The flag-parsing case is the CLI's.
  if (!c.sources) continue;
  if (c.error_fetch) {
    test(`fetch with base: ${c.desc}`, () => {
      assert.throws(() => combineProfiles(c.sources!.map(load)), (e: unknown) => e instanceof ProfileError && e.message.includes(c.error_fetch!.replace(/^.*: /, '')));
    });
    continue;
  }
  test(`fetch with base: ${c.desc}`, () => {
    const src = combineProfiles(c.sources!.map(load));
    const mode = c.diff_base ? 'diff_base' : 'base';
    const base = (c.diff_base ?? c.base ?? []).map(load);
    const p = applyBase(src, base, mode, c.normalize ?? false);
    // "not checked (nil => expects 0 samples)"
    const want = Array.isArray(c.samples) ? c.samples : [];
    assert.deepEqual(
      p.sample.map((s) => s.value),
      want,
    );
    if (c.labels_of_last_6) {
      for (const s of p.sample.slice(-6)) assert.deepEqual({ ...s.label }, c.labels_of_last_6);
      for (const s of p.sample.slice(0, -6)) assert.equal(s.label, undefined);
    }
  });
}

test('merge of incompatible profiles is a clear ProfileError', () => {
  assert.throws(
    () => mergeProfiles([load('cppbench.cpu'), load('cppbench.contention')]),
    (e: unknown) => e instanceof ProfileError && /^incompatible profiles: /.test(e.message),
  );
});

test('merging a profile with itself doubles values and keeps structure', () => {
  const p = parseProfile(fixture('synthetic', 'sample.cpu'), 'sample.cpu');
  const once = compact(p);
  const twice = mergeProfiles([p, p]);
  assert.equal(twice.sample.length, once.sample.length);
  assert.equal(twice.location.length, once.location.length);
  assert.equal(twice.function.length, once.function.length);
  assert.deepEqual(
    twice.sample.map((s) => s.value),
    once.sample.map((s) => s.value.map((v) => v * 2)),
  );
  assert.equal(twice.durationNanos, 2 * p.durationNanos);
});

test('scale rounds half away from zero and drops zero samples; input untouched', () => {
  const p = load('cppbench.contention');
  const before = p.sample.map((s) => s.value.slice());
  const half = scaleProfile(p, -0.5);
  assert.deepEqual(p.sample.map((s) => s.value), before);
  for (let i = 0; i < before.length; i++) {
    const want = before[i].map((v) => -Math.sign(v) * Math.round(Math.abs(v) * 0.5));
    assert.deepEqual(half.sample[i].value, want);
  }
  assert.equal(scaleProfile(p, 0).sample.length, 0);
});

test('combineProfiles converts units to the finest common one first (measurement.ScaleProfiles)', () => {
  const a = load('cppbench.contention');
  const b = load('cppbench.contention');
  b.sampleType = [{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: 'microseconds' }];
  const c = combineProfiles([a, b]);
  assert.deepEqual(
    c.sampleType.map((t) => t.unit),
    ['count', 'nanoseconds'],
  );
  assert.deepEqual(
    c.sample.map((s) => s.value),
    a.sample.map((s) => [s.value[0] * 2, s.value[1] * 1001]),
  );
  // the inputs are left as they were
  assert.equal(b.sampleType[1].unit, 'microseconds');
  const d = load('cppbench.contention');
  d.sampleType = [{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: 'bytes' }];
  assert.throws(() => combineProfiles([a, d]), /incompatible profiles: sample types/);
});
