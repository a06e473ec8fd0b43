// The profile editor learns a saved comparison's inputs from its sidecar (as runComparison
// writes it with saveCapture) and shows base / new columns only when both are there and still add
// up to the comparison; otherwise a note says why.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { saveCapture } from '../../../src/collect/saveCapture';
import { compareProfiles, type CompareOptions } from '../../../src/core/compare/compareProfiles';
import { encodeProfile } from '../../../src/core/profile/encode';
import { loadProfile } from '../../../src/core/profile/loadProfile';
import type { Profile } from '../../../src/core/profile/profile';
import { comparisonInputs, sideLabel } from '../../../src/extension/compare/comparisonInputs';
import { buildProfileView } from '../../../src/extension/profileEditor/profileView';
import { generatedDir } from '../annotations/listOracle';

const read = async (file: string): Promise<Profile> => loadProfile(new Uint8Array(await fs.promises.readFile(file)), file);

async function setUp(options: CompareOptions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-inputs-'));
  const target = path.join(dir, 'new.pb.gz');
  const base = path.join(dir, 'old.pb.gz');
  fs.copyFileSync(path.join(generatedDir, 'service.cpu2.pb.gz'), target);
  fs.copyFileSync(path.join(generatedDir, 'service.cpu.pb.gz'), base);
  const result = compareProfiles(await read(target), await read(base), options, { target: 'new.pb.gz', base: 'old.pb.gz' });
  const saved = await saveCapture(path.join(dir, 'comparisons'), 'new-vs-old.pb.gz', encodeProfile(result),
    { kind: 'comparison', source: target, base, mode: options.mode, normalize: options.normalize });
  const comparison = await read(saved.path);
  return { dir, target, base, file: saved.path, comparison, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

test('both inputs there: the sides, and the editor view gains base / new / change', async () => {
  for (const options of [{ mode: 'base', normalize: false }, { mode: 'diff_base', normalize: true }] as CompareOptions[]) {
    const s = await setUp(options);
    try {
      const inputs = await comparisonInputs(s.file, s.comparison, true, read);
      assert.ok(inputs?.ok, `inputs known: ${JSON.stringify(inputs && !inputs.ok ? inputs.note : '')}`);
      assert.deepEqual(inputs.options, options);
      const view = buildProfileView(s.comparison, 'new-vs-old.pb.gz', s.file, 1, undefined, inputs);
      const d = view.top.delta;
      assert.ok(d, 'delta columns');
      assert.equal(view.summary.deltaNote, undefined);
      assert.equal(d.base.length, view.top.name.length);
      view.top.cum.forEach((cum, i) => assert.equal(d.new[i] - d.base[i], cum, view.top.name[i]));
      assert.ok(d.changeText.every((t) => /^([+-][\d.e-]+%|0%|new|gone)$/.test(t)), d.changeText.join(' '));
      // JSON-safe (posted to the webview).
      assert.deepEqual(JSON.parse(JSON.stringify(d)), d);
    } finally {
      s.done();
    }
  }
});

test('an input gone, changed, or not recorded: no columns, a note saying why', async () => {
  const s = await setUp({ mode: 'base', normalize: false });
  try {
    // Changed since: the target replaced by another profile.
    fs.copyFileSync(path.join(generatedDir, 'service.cpu.pb.gz'), s.target);
    let inputs = await comparisonInputs(s.file, s.comparison, true, read);
    assert.ok(inputs && !inputs.ok);
    assert.match(inputs.note, /new\.pb\.gz or old\.pb\.gz changed since the comparison was made/);
    const view = buildProfileView(s.comparison, 'new-vs-old.pb.gz', s.file, 1, undefined, inputs);
    assert.equal(view.top.delta, undefined);
    assert.equal(view.summary.deltaNote, inputs.note);
    // Gone.
    fs.rmSync(s.base);
    inputs = await comparisonInputs(s.file, s.comparison, true, read);
    assert.ok(inputs && !inputs.ok);
    assert.equal(inputs.note, `no base / new columns: the base ${s.base} is gone`);
    // No sidecar: a note for a comparison Pprof Lens made, nothing for another signed profile.
    fs.rmSync(`${s.file}.json`);
    inputs = await comparisonInputs(s.file, s.comparison, true, read);
    assert.ok(inputs && !inputs.ok && /not recorded/.test(inputs.note));
    assert.equal(await comparisonInputs(s.file, s.comparison, false, read), undefined);
    // A capture's sidecar names no inputs: for a signed profile from elsewhere, nothing to say.
    fs.writeFileSync(`${s.file}.json`, JSON.stringify({ kind: 'cpu', source: 'http://x/debug/pprof/profile' }));
    assert.equal(await comparisonInputs(s.file, s.comparison, false, read), undefined);
    fs.writeFileSync(`${s.file}.json`, '{');
    inputs = await comparisonInputs(s.file, s.comparison, true, read);
    assert.ok(inputs && !inputs.ok && /cannot be read as JSON/.test(inputs.note));
  } finally {
    s.done();
  }
});

test('the header labels both inputs, base and new, with their own capture times and durations', async () => {
  const s = await setUp({ mode: 'base', normalize: false });
  try {
    const [tp, bp] = [await read(s.target), await read(s.base)];
    const inputs = await comparisonInputs(s.file, s.comparison, true, read);
    assert.ok(inputs?.ok);
    const view = buildProfileView(s.comparison, 'new-vs-old.pb.gz', s.file, 1, undefined, inputs);
    assert.deepEqual(view.summary.comparisonSides, {
      new: { name: 'new.pb.gz', timeMillis: Math.floor(tp.timeNanos / 1e6), durationText: sideLabel(s.target, tp).durationText },
      base: { name: 'old.pb.gz', timeMillis: Math.floor(bp.timeNanos / 1e6), durationText: sideLabel(s.base, bp).durationText },
    });
    assert.notEqual(tp.timeNanos, bp.timeNanos, 'two captures taken at different times');
    assert.match(sideLabel(s.target, tp).durationText, /^[\d.]+(s|ms)$/);
    // The merged profile keeps the earlier (base's) time: that is what the header no longer shows alone.
    assert.equal(s.comparison.timeNanos, Math.min(tp.timeNanos, bp.timeNanos));
  } finally {
    s.done();
  }
});

test('labels recorded in the sidecar are shown even when an input is gone', async () => {
  const s = await setUp({ mode: 'base', normalize: false });
  try {
    const meta = JSON.parse(fs.readFileSync(`${s.file}.json`, 'utf8'));
    const labels = { base: { name: 'old.pb.gz', timeMillis: 1000, durationText: '5s' }, new: { name: 'new.pb.gz', timeMillis: 2000, durationText: '30s' } };
    fs.writeFileSync(`${s.file}.json`, JSON.stringify({ ...meta, inputs: labels }));
    fs.rmSync(s.base);
    const inputs = await comparisonInputs(s.file, s.comparison, true, read);
    assert.ok(inputs && !inputs.ok);
    assert.deepEqual(inputs.labels, labels);
    assert.deepEqual(buildProfileView(s.comparison, 'x', s.file, 1, undefined, inputs).summary.comparisonSides, labels);
  } finally {
    s.done();
  }
});
