// Merge / base / diff_base / normalize against pprof's fetch_test.go TestFetchWithBase expectations.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../../src/core/profile/parse';
import * as fs from 'fs';
import * as path from 'path';
import { applyBase, combineProfiles, compact, compactOwned, mergeProfiles, scaleProfile } from '../../../src/core/profile/merge';
import type { Profile } from '../../../src/core/profile/profile';
import { ProfileError } from '../../../src/core/profile/profileError';
import { profileToString } from '../../../src/core/profile/profileString';
import { fixture, fixtureDir, fixtureText } from './fixturePath';

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

test('compactOwned (Merge of one profile, in place) equals mergeProfiles([p]) on every fixture', () => {
  let checked = 0;
  for (const dir of ['driver', 'go', 'profile_testdata', 'synthetic']) {
    for (const name of fs.readdirSync(path.join(fixtureDir, dir))) {
      let a: Profile, b: Profile;
      try {
        a = parseProfile(fixture(dir, name), name, { keepAllFrames: true });
        b = parseProfile(fixture(dir, name), name, { keepAllFrames: true });
      } catch {
        continue; // not a profile (expected outputs, bad inputs)
      }
      const want = profileToString(mergeProfiles([a]));
      assert.equal(profileToString(compactOwned(b)), want, `${dir}/${name}`);
      checked++;
    }
  }
  assert.ok(checked > 20, `only ${checked} fixtures parsed`);
});

test('compactOwned dedups locations, functions and samples, drops zero samples and unused mappings', () => {
  const fn = (id: number, name: string) => ({ id, name, systemName: name, filename: 'f.go', startLine: 0 });
  const m1 = { id: 1, start: 0x1000n, limit: 0x2000n, offset: 0n, file: 'bin', buildId: '', hasFunctions: true, hasFilenames: true, hasLineNumbers: true, hasInlineFrames: true };
  const m2 = { ...m1, id: 2, file: 'unused.so' };
  const fa = fn(7, 'a'), fa2 = fn(9, 'a'), fb = fn(8, 'b');
  const l1 = { id: 5, mapping: m1, address: 0x1100n, line: [{ function: fa, line: 3, column: 0 }], isFolded: false };
  const l1dup = { id: 6, mapping: m1, address: 0x1100n, line: [{ function: fa2, line: 3, column: 0 }], isFolded: false };
  const l2 = { id: 3, mapping: m1, address: 0x1200n, line: [{ function: fb, line: 4, column: 0 }], isFolded: false };
  const p: Profile = {
    sampleType: [{ type: 'samples', unit: 'count' }], defaultSampleType: '', comments: [], dropFrames: '', keepFrames: '',
    timeNanos: 0, durationNanos: 0, period: 1, docUrl: '',
    mapping: [m1, m2], location: [l2, l1, l1dup], function: [fb, fa, fa2],
    sample: [
      { location: [l1, l2], value: [1] },
      { location: [l2], value: [0] },
      { location: [l1dup, l2], value: [2] },
      { location: [l2], value: [5], label: { k: ['v'] } },
    ],
  };
  const q = compactOwned(p);
  assert.deepEqual(q.sample.map((s) => [s.location.map((l) => l.id), s.value]), [[[1, 2], [3]], [[2], [5]]]);
  assert.deepEqual(q.location.map((l) => [l.id, l.line[0].function.id]), [[1, 1], [2, 2]]);
  assert.deepEqual(q.function.map((f) => f.name), ['a', 'b']);
  assert.deepEqual(q.mapping.map((m) => [m.id, m.file]), [[1, 'bin']]);
});
