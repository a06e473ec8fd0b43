// Columnar samples: the proto decoder writes columns, reports and filters read them
// without materialising Sample objects, and the compatibility view (`profile.sample`) is the same
// samples as objects.
import test from 'node:test';
import assert from 'node:assert/strict';
import { encodeProfile } from '../../../src/core/profile/encode';
import { parseProfile } from '../../../src/core/profile/parse';
import { Function, Location, Profile, Sample, emptyProfile } from '../../../src/core/profile/profile';
import { SampleColumns, hasColumns, sampleColumnsOf, sampleCount } from '../../../src/core/profile/sampleColumns';
import { generateReport } from '../../../src/core/report/generateReport';
import { buildFlameTree } from '../../../src/core/flame/flameTree';
import { applyBase, mergeProfiles } from '../../../src/core/profile/merge';
import { optionsFromFlags } from '../report/pprofFlags';

/** A CPU-like profile with inlined frames, string and numeric labels (some shared), and recursion. */
function build(): Profile {
  const p = emptyProfile();
  p.sampleType = [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }];
  p.periodType = { type: 'cpu', unit: 'nanoseconds' };
  p.period = 10;
  const fns: Function[] = ['main.main', 'main.work', 'runtime.mallocgc', 'main.helper', 'net/http.serve', 'main.(*T).run'].map((name, i) => {
    const f = { id: i + 1, name, systemName: name, filename: `/src/${i % 3}.go`, startLine: 10 * i };
    p.function.push(f);
    return f;
  });
  const loc = (...fs: Function[]): Location => {
    const l: Location = { id: p.location.length + 1, address: BigInt(0x1000 + 16 * p.location.length), line: fs.map((f, i) => ({ function: f, line: 20 + i, column: 0 })), isFolded: false };
    p.location.push(l);
    return l;
  };
  const [lMain, lWork, lMalloc, lHelperInWork, lServe, lRun] = [loc(fns[0]), loc(fns[1]), loc(fns[2]), loc(fns[3], fns[1]), loc(fns[4]), loc(fns[5])];
  const shared = { label: { handler: ['/a'] } };
  const stacks: Location[][] = [
    [lMalloc, lWork, lMain],
    [lHelperInWork, lMain],
    [lWork, lWork, lServe, lMain],
    [lRun, lServe],
    [lMalloc, lHelperInWork, lRun, lServe],
    [],
  ];
  for (let i = 0; i < 60; i++) {
    const s: Sample = { location: stacks[i % stacks.length], value: [1 + (i % 4), (1 + (i % 4)) * 10] };
    if (i % 3 === 0) s.label = shared.label;
    if (i % 5 === 1) {
      s.label = { handler: [`/b${i % 2}`], user: ['u1'] };
      s.numLabel = { bytes: [64 * (1 + (i % 7))] };
      s.numUnit = { bytes: ['bytes'] };
    }
    p.sample.push(s);
  }
  return p;
}

const decoded = (): Profile => parseProfile(encodeProfile(build()), 'test');

test('the decoder writes columns; sampleCount reads them without making Sample objects', () => {
  const p = decoded();
  assert.ok(hasColumns(p));
  assert.equal(sampleCount(p), 60);
  const cols = sampleColumnsOf(p);
  assert.equal(cols.count, 60);
  // Stacks 3 + 2 + 4 + 2 + 4 + 0 entries per 6 samples.
  let entries = 0;
  for (let i = 0; i < cols.count; i++) entries += cols.depth(i);
  assert.equal(entries, 10 * 15);
  assert.ok(hasColumns(p), 'reading the columns keeps them');
});

test('the compatibility view is the encoded samples as objects, and then the profile\'s truth', () => {
  const want = build();
  const p = decoded();
  const got = p.sample;
  assert.equal(hasColumns(p), false, 'materialised once: the columns are dropped');
  assert.strictEqual(p.sample, got, 'the same array on the next read');
  assert.equal(got.length, want.sample.length);
  for (let i = 0; i < got.length; i++) {
    assert.deepEqual(got[i].location.map((l) => l.id), want.sample[i].location.map((l) => l.id));
    assert.deepEqual(got[i].value, want.sample[i].value);
    assert.deepEqual({ ...got[i].label }, { ...want.sample[i].label });
    assert.deepEqual({ ...got[i].numLabel }, { ...want.sample[i].numLabel });
    assert.deepEqual({ ...got[i].numUnit }, { ...want.sample[i].numUnit });
    // Locations are the profile's own objects.
    for (const l of got[i].location) assert.ok(p.location.includes(l));
  }
  // Samples with the same labels share their records, as the decoder always did.
  assert.strictEqual(got[0].label, got[3].label);
});

test('assigning profile.sample replaces the columns', () => {
  const p = decoded();
  p.sample = p.sample.slice(0, 2);
  assert.equal(sampleCount(p), 2);
  assert.equal(sampleColumnsOf(p).count, 2);
  const q = decoded();
  q.sample = [];
  assert.equal(hasColumns(q), false);
  assert.equal(sampleCount(q), 0);
});

test('reports, filters and the flame tree read the columns only, with the output of Sample objects', () => {
  const env = { readSource: () => undefined };
  for (const flags of [
    '-top', '-top -lines', '-top -focus=work', '-top -ignore=serve', '-top -hide=malloc', '-top -show=main',
    '-top -show_from=work', '-top -prune_from=work', '-top -tagfocus=handler=/a', '-top -tagignore=user=u1',
    '-top -tagfocus=64b:200b', '-tree -taghide=handler', '-tags', '-traces', '-dot', '-top -mean', '-top -sample_index=0',
    '-top -tagroot=handler', '-raw',
  ]) {
    const p = decoded();
    const out = generateReport(p, optionsFromFlags(flags), env);
    assert.ok(hasColumns(p), `${flags}: the profile kept its columns`);
    // The same report from Sample objects (the profile after its compatibility view was read).
    const q = decoded();
    void q.sample;
    assert.equal(hasColumns(q), false);
    assert.equal(out, generateReport(q, optionsFromFlags(flags), env), flags);
  }
  const p = decoded();
  const tree = buildFlameTree(p, optionsFromFlags('-top'));
  assert.ok(hasColumns(p));
  const q = decoded();
  void q.sample;
  assert.deepEqual(buildFlameTree(q, optionsFromFlags('-top')), tree);
});

test('SampleColumns: select, new stacks and labels share what they keep; fromSamples indexes new locations', () => {
  const p = build();
  const cols = SampleColumns.fromSamples(p.sample, p.location.slice(0, 2));
  assert.equal(cols.locations.length, p.location.length, 'locations found in the samples are appended');
  assert.deepEqual(cols.toSamples().map((s) => s.location.map((l) => l.id)), p.sample.map((s) => s.location.map((l) => l.id)));
  const sel = cols.select(Int32Array.from([5, 2]));
  assert.equal(sel.count, 2);
  assert.strictEqual(sel.stack, cols.stack);
  assert.deepEqual(sel.toSamples().map((s) => s.value), [p.sample[5].value, p.sample[2].value]);
  assert.equal(sel.value(0, 1), p.sample[5].value[1]);
  assert.equal(sel.value(0, 2), 0, 'beyond the sample\'s values');
  assert.equal(sel.value(0, -1), 0);
  const cut = sel.withStacks(sel.stack, Int32Array.from([sel.start[0], sel.start[1] + 1]), sel.end);
  assert.deepEqual(cut.toSamples()[1].location.map((l) => l.id), p.sample[2].location.slice(1).map((l) => l.id));
  assert.deepEqual(sel.valueColumn(0), Float64Array.from([p.sample[5].value[0], p.sample[2].value[0]]));
});

test('-base, -diff_base, -normalize and merging read and write columns, with the output of Sample objects', () => {
  const env = { readSource: () => undefined };
  /** A second profile: the first one with some samples dropped and others doubled. */
  const other = (): Profile => {
    const p = build();
    p.sample = p.sample.filter((_, i) => i % 4 !== 1).map((s, i) => (i % 3 === 0 ? { ...s, value: s.value.map((v) => 2 * v) } : s));
    return parseProfile(encodeProfile(p), 'other');
  };
  for (const [mode, normalize] of [['base', false], ['diff_base', false], ['base', true]] as const) {
    const target = other();
    const base = decoded();
    const cmp = applyBase(target, [base], mode, normalize);
    assert.ok(hasColumns(target) && hasColumns(base) && hasColumns(cmp), `${mode} ${normalize}: columns in and out`);
    // The same comparison of profiles holding Sample objects.
    const t2 = other();
    const b2 = decoded();
    void t2.sample;
    void b2.sample;
    const want = applyBase(t2, [b2], mode, normalize);
    for (const flags of ['-top', '-traces', '-tags']) {
      assert.equal(generateReport(cmp, optionsFromFlags(flags), env), generateReport(want, optionsFromFlags(flags), env), `${mode} ${normalize} ${flags}`);
    }
    assert.ok(hasColumns(cmp));
  }
  // A profile merged with itself: every stack once, values doubled; with its negation: nothing left.
  const p = decoded();
  const twice = mergeProfiles([p, decoded()]);
  const once = mergeProfiles([p]);
  assert.equal(sampleCount(twice), sampleCount(once));
  const a = sampleColumnsOf(once);
  const b = sampleColumnsOf(twice);
  for (let i = 0; i < a.count; i++) assert.equal(b.value(i, 1), 2 * a.value(i, 1));
  assert.equal(sampleCount(applyBase(decoded(), [decoded()], 'base', false)), 0);
});
