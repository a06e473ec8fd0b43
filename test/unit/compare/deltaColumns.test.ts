// The base / new / change columns of a comparison's top table, against live `go tool pprof`
// (Go 1.27.3) on two real CPU profiles of the sample service: per row of the comparison's table, "new"
// is the target's cum as `-top` prints it, "base" the base's, and new − base is the row's cum in the
// comparison; with -normalize, base − comparison is what pprof prints, and new is the target scaled
// to the base total. Filters and granularity shape the columns as they shape the table.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseProfile } from '../../../src/core/profile/parse';
import type { Profile } from '../../../src/core/profile/profile';
import { compareProfiles, type CompareOptions } from '../../../src/core/compare/compareProfiles';
import { comparisonSides, deltaColumns, relativeChange, sidesMatch } from '../../../src/core/compare/deltaColumns';
import { defaultReportOptions, type ReportOptions } from '../../../src/core/report/reportOptions';
import { topTable } from '../../../src/core/report/topTable';
import { scaledLabel } from '../../../src/core/measurement/measurement';
import { generatedDir, goTopRows, haveGo } from '../annotations/listOracle';

const skip = haveGo() ? false : 'needs go';

const TARGET = 'service.cpu2.pb.gz';
const BASE = 'service.cpu.pb.gz';

/** `go tool pprof -top -nodecount=0 -unit=ns` (no trimming): name -> cum as printed. */
function goCum(args: string[]): Map<string, string> {
  return new Map([...goTopRows(['-unit=ns', ...args]).rows].map(([name, r]) => [name, r.cum]));
}

const ns = (v: number) => scaledLabel(v, 'nanoseconds', 'ns');

function load(file: string): Profile {
  return parseProfile(fs.readFileSync(path.join(generatedDir, file)), file);
}

/** The comparison's table (as the editor builds it) and its delta columns. */
function columns(compare: CompareOptions, report: Partial<ReportOptions>) {
  const target = load(TARGET);
  const base = load(BASE);
  const comparison = compareProfiles(target, base, compare);
  const options = { ...defaultReportOptions(), sampleIndex: 'cpu', ...report };
  const table = topTable(comparison, options);
  const sides = comparisonSides(target, base, compare);
  assert.ok(sidesMatch(comparison, sides), 'the sides add up to the comparison');
  const d = deltaColumns(table.rows.map((r) => r.name), sides, options, table.formatValue);
  return { table, d, sides, target, base };
}

function checkAgainstPprof(compare: CompareOptions, report: Partial<ReportOptions>, flags: string[]): void {
  const what = `${compare.mode}${compare.normalize ? ' -normalize' : ''} ${flags.join(' ')}`;
  const { table, d } = columns(compare, report);
  assert.ok(table.rows.length > 0, `${what}: rows`);
  const baseFlag = compare.mode === 'base' ? `-base=${BASE}` : `-diff_base=${BASE}`;
  const goComparison = goCum([...flags, ...(compare.normalize ? ['-normalize'] : []), baseFlag, TARGET]);
  const goBase = goCum([...flags, BASE]);
  const goTarget = goCum([...flags, TARGET]);
  let grew = 0;
  let shrank = 0;
  table.rows.forEach((r, i) => {
    const name = r.name;
    assert.equal(d.new[i] - d.base[i], r.cum, `${what}: ${name}: new − base = cum`);
    assert.equal(ns(d.new[i] - d.base[i]), goComparison.get(name) ?? '0', `${what}: ${name}: new − base as pprof prints the comparison`);
    assert.equal(ns(d.base[i]), goBase.get(name) ?? '0', `${what}: ${name}: base`);
    if (!compare.normalize) assert.equal(ns(d.new[i]), goTarget.get(name) ?? '0', `${what}: ${name}: new`);
    // Texts are in the table's unit (that of its cum column).
    assert.equal(d.baseText[i], table.formatValue(d.base[i]));
    assert.equal(d.changeText[i], relativeChange(d.base[i], d.new[i]).text);
    if (d.new[i] > d.base[i]) grew++;
    if (d.new[i] < d.base[i]) shrank++;
  });
  // Two fresh captures of the sample service: which functions grow or shrink varies from run to run
  // (under -ignore=runtime all may grow), but something changed.
  assert.ok(grew + shrank > 0, `${what}: some functions changed (grew ${grew}, shrank ${shrank})`);
}

test('base and new are the cum of each input as go tool pprof -top prints it; new − base is the comparison', { skip }, () => {
  checkAgainstPprof({ mode: 'base', normalize: false }, {}, []);
  checkAgainstPprof({ mode: 'diff_base', normalize: false }, {}, []);
});

test('with -normalize, new is the target scaled to the base total (per sample, rounded)', { skip }, () => {
  for (const mode of ['base', 'diff_base'] as const) {
    checkAgainstPprof({ mode, normalize: true }, {}, []);
    const { table, d, target, base } = columns({ mode, normalize: true }, {});
    const si = target.sampleType.findIndex((t) => t.type === 'cpu');
    const sum = (p: Profile) => p.sample.reduce((a, s) => a + s.value[si], 0);
    const ratio = sum(base) / sum(target);
    const plain = columns({ mode, normalize: false }, {});
    const plainNew = new Map(plain.table.rows.map((r, i) => [r.name, plain.d.new[i]]));
    table.rows.forEach((r, i) => {
      const unscaled = plainNew.get(r.name);
      if (unscaled === undefined) return;
      // Each sample is rounded on its own (pprof's ScaleN): at most half a unit per sample.
      assert.ok(Math.abs(d.new[i] - unscaled * ratio) <= 0.5 * target.sample.length, `${mode}: ${r.name}: ${d.new[i]} ≈ ${unscaled} × ${ratio}`);
    });
  }
});

test('filters and granularity shape the columns as they shape the table', { skip }, () => {
  const cases: [Partial<ReportOptions>, string[]][] = [
    [{ focus: 'main\\.' }, ['-focus=main\\.']],
    [{ ignore: 'runtime' }, ['-ignore=runtime']],
    [{ hide: 'runtime\\.' }, ['-hide=runtime\\.']],
    [{ granularity: 'lines' }, ['-lines']],
  ];
  for (const [opts, flags] of cases) checkAgainstPprof({ mode: 'base', normalize: false }, opts, flags);
});

test('change: signed percentages, "new" and "gone"', () => {
  assert.deepEqual(relativeChange(100, 150), { change: 0.5, text: '+50.00%' });
  assert.deepEqual(relativeChange(200, 100), { change: -0.5, text: '-50.00%' });
  assert.deepEqual(relativeChange(1000, 1001), { change: 0.001, text: '+0.1%' });
  assert.deepEqual(relativeChange(100, 100), { change: 0, text: '0%' });
  assert.deepEqual(relativeChange(0, 5), { change: Infinity, text: 'new' });
  assert.deepEqual(relativeChange(5, 0), { change: -1, text: 'gone' });
  assert.equal(relativeChange(0, 0).text, '');
});

test('inputs that no longer add up to the comparison are detected', () => {
  const target = load(TARGET);
  const base = load(BASE);
  const comparison = compareProfiles(target, base, { mode: 'base', normalize: false });
  assert.ok(sidesMatch(comparison, comparisonSides(target, base, { mode: 'base', normalize: false })));
  assert.ok(!sidesMatch(comparison, comparisonSides(base, target, { mode: 'base', normalize: false })));
  // The inputs are not changed by computing the sides.
  const before = JSON.stringify(base.sample.map((s) => [s.value, s.label]));
  comparisonSides(target, base, { mode: 'diff_base', normalize: true });
  assert.equal(JSON.stringify(base.sample.map((s) => [s.value, s.label])), before);
});
