// Unit tests of the report engine's pieces: number formatting, errors, topTable, prepareProfile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { formatFixed, formatG } from '../../../src/core/measurement/goFloatFormat';
import { percentage, scaledLabel, scale } from '../../../src/core/measurement/measurement';
import { generateReport, prepareProfile } from '../../../src/core/report/generateReport';
import { topTable } from '../../../src/core/report/topTable';
import { ProfileError } from '../../../src/core/profile/profileError';
import { emptyProfile, Function as PFunction, Location, Profile } from '../../../src/core/profile/profile';
import { optionsFromFlags } from './pprofFlags';
import { loadFixture, readSource } from './fixtures';

test('Go float formatting: exact ties round half to even', () => {
  // Values checked against Go 1.19 fmt.
  const cases: [number, string, string][] = [
    [0.125, ' 0.12', '0.12'],
    [0.625, '0.62', '0.62'],
    [0.0625, '0.062', '0.06'],
    [0.015, '0.015', '0.01'],
    [0.025, '0.025', '0.03'],
    [0.995, '0.99', '0.99'],
    [0.996, '1', '1.00'],
    [0.00001, '1e-05', '0.00'],
    [0.00012345, '0.00012', '0.00'],
  ];
  for (const [v, g, f] of cases) {
    assert.equal(formatG(v, 2), g.trim());
    assert.equal(formatFixed(v, 2), f);
  }
});

test('formatFixed agrees with the exact slow path', () => {
  fc.assert(
    fc.property(fc.double({ min: 0, max: 1e12, noNaN: true }), (v) => {
      const fast = formatFixed(v, 2);
      // Multiples of 1/8 take the exact path; compare their neighbours' consistency.
      const n = Number(fast);
      assert.ok(Math.abs(n - v) <= 0.005 + 1e-9 * Math.abs(v));
    }),
  );
});

test('measurement labels and percentages', () => {
  assert.equal(scaledLabel(1500000, 'nanoseconds', 'minimum'), '1.50ms');
  assert.equal(scaledLabel(0, 'bytes', 'minimum'), '0');
  assert.equal(scaledLabel(2048, 'bytes', 'auto'), '2kB');
  assert.equal(scaledLabel(-3, 'count', ''), '-3');
  assert.deepEqual(scale(1, 'μs', 'ns'), [1, 'ns']); // Go quirk: "μs" is 3 bytes, trimmed to "μ"
  assert.equal(percentage(1, 3), '33.33%');
  assert.equal(percentage(0, 3), '    0%');
  assert.equal(percentage(999, 1000), '99.90%');
  assert.equal(percentage(9996, 10000), '  100%');
  assert.equal(percentage(1, 800), ' 0.12%');
});

function tinyProfile(): Profile {
  const p = emptyProfile();
  p.sampleType = [
    { type: 'samples', unit: 'count' },
    { type: 'cpu', unit: 'nanoseconds' },
  ];
  const fn = (id: number, name: string): PFunction => ({ id, name, systemName: name, filename: `/src/${name}.go`, startLine: 1 });
  const fns = [fn(1, 'main.main'), fn(2, 'main.work'), fn(3, 'main.rec')];
  const loc = (id: number, f: PFunction, line: number): Location => ({ id, address: BigInt(0x1000 + id), line: [{ function: f, line, column: 0 }], isFolded: false });
  const locs = [loc(1, fns[0], 10), loc(2, fns[1], 20), loc(3, fns[2], 30), loc(4, fns[2], 31)];
  p.function = fns;
  p.location = locs;
  p.sample = [
    { location: [locs[1], locs[0]], value: [1, 10_000_000] },
    { location: [locs[2], locs[3], locs[2], locs[0]], value: [2, 30_000_000] },
    { location: [locs[0]], value: [1, 5_000_000] },
  ];
  return p;
}

test('recursion is counted once per sample; text report', () => {
  const out = generateReport(tinyProfile(), optionsFromFlags('-top'), { readSource: () => undefined });
  assert.equal(
    out,
    [
      'Type: cpu',
      'Showing nodes accounting for 45ms, 100% of 45ms total',
      '      flat  flat%   sum%        cum   cum%',
      '      30ms 66.67% 66.67%       30ms 66.67%  main.rec',
      '      10ms 22.22% 88.89%       10ms 22.22%  main.work',
      '       5ms 11.11%   100%       45ms   100%  main.main',
      '',
    ].join('\n'),
  );
});

test('the caller profile is never modified', () => {
  const p = tinyProfile();
  const before = JSON.stringify(p, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
  for (const flags of ['-top -hide=rec -lines', '-traces -show_from=work -noinlines', '-tree -tagroot=x -prune_from=rec', '-raw -files', '-dot -show=main']) {
    generateReport(p, optionsFromFlags(flags), { readSource: () => undefined });
  }
  prepareProfile(p, optionsFromFlags('-focus=rec -divide_by=2'));
  assert.equal(JSON.stringify(p, (_k, v) => (typeof v === 'bigint' ? String(v) : v)), before);
});

test('user errors are ProfileErrors with pprof messages', () => {
  const p = tinyProfile();
  const env = { readSource: () => undefined };
  const err = (flags: string) => assert.throws(() => generateReport(p, optionsFromFlags(flags), env), ProfileError);
  err('-top -focus=a(');
  assert.throws(() => generateReport(p, optionsFromFlags('-top -focus=a('), env), /^ProfileError: parsing focus regexp: error parsing regexp: missing closing \): `a\(`$/);
  assert.throws(() => generateReport(p, optionsFromFlags('-top -sample_index=5'), env), /sample_index 5 is outside the range \[0\.\.1\]/);
  assert.throws(() => generateReport(p, optionsFromFlags('-top -sample_index=bogus'), env), /sample_index "bogus" must be one of: \[samples cpu\]/);
  assert.throws(() => generateReport(p, optionsFromFlags('-peek=nothing'), env), /no matches found for regexp: nothing/);
  assert.throws(() => generateReport(p, optionsFromFlags('-list=nothing'), env), /no matches found for regexp: nothing/);
  assert.throws(() => generateReport(p, optionsFromFlags('-peek=a['), env), /parsing argument regexp a\[: error parsing regexp: missing closing \]/);
  assert.throws(() => generateReport(p, optionsFromFlags('-top -divide_by=0'), env), /zero divisor specified/);
  assert.throws(() => generateReport(emptyProfile(), optionsFromFlags('-top'), env), /profile has no samples/);
});

test('topTable matches the -top text report', () => {
  const p = loadFixture('sample.cpu');
  const flags = '-top -nodecount=8';
  const t = topTable(p, optionsFromFlags(flags));
  const text = generateReport(p, optionsFromFlags(flags), { readSource, formatTime: () => 'T' });
  const lines = text.split('\n');
  const header = lines.findIndex((l) => l.trimStart().startsWith('flat  flat%'));
  assert.equal(t.rows.length, 8);
  assert.equal(t.sampleType, 'cpu/nanoseconds');
  assert.equal(t.totalText, '1760ms');
  t.rows.forEach((r, i) => {
    const cols = lines[header + 1 + i].trim().split(/\s+/);
    assert.deepEqual(cols.slice(0, 5), [r.flatText, r.flatPercent, r.sumPercent, r.cumText, r.cumPercent]);
    assert.ok(lines[header + 1 + i].includes('  ' + r.name));
  });
  assert.equal(t.legend[t.legend.length - 1], lines[header - 1]);
  // Functions granularity leaves files out of the node, but the row still knows its source.
  assert.ok(t.rows.some((r) => r.file.endsWith('.go') && r.line > 0));
});

test('prepareProfile: filters, keeps all sample types, applies divide_by', () => {
  const p = tinyProfile();
  const q = prepareProfile(p, optionsFromFlags('-focus=work -divide_by=2'));
  assert.equal(q.sampleType.length, 2);
  assert.equal(q.sample.length, 1);
  assert.deepEqual(q.sample[0].value, [0, 5_000_000]);
  assert.notEqual(q.sample[0], p.sample[0]);
});
