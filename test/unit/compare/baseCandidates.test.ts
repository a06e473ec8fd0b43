// Compare With Base offers only compatible bases, newest first, and suggests -normalize when
// the two profiles cover different durations.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { BaseCandidate, compatibleBases, durationsDiffer, modeChoices } from '../../../src/extension/compare/baseCandidates';

const CPU = ['samples/count', 'cpu/nanoseconds'];
const HEAP = ['alloc_objects/count', 'alloc_space/bytes', 'inuse_objects/count', 'inuse_space/bytes'];
const c = (name: string, time: number, sampleTypes: string[], periodType: string, open = false): BaseCandidate =>
  ({ path: `/w/${name}`, name, time, sampleTypes, periodType, open });

test('only bases with the same sample and period types, newest first, the target itself left out', () => {
  const r = compatibleBases({ path: '/w/new-cpu.pb.gz', sampleTypes: CPU, periodType: 'cpu/nanoseconds' }, [
    c('heap.pb.gz', 900, HEAP, 'space/bytes', true), // the open heap profile that used to be pre-selected
    c('old-cpu.pb.gz', 100, CPU, 'cpu/nanoseconds'),
    c('new-cpu.pb.gz', 1000, CPU, 'cpu/nanoseconds', true),
    c('mid-cpu.pb.gz', 500, CPU, 'cpu/nanoseconds'),
    c('mid-cpu.pb.gz', 500, CPU, 'cpu/nanoseconds'), // open and in the library: once
    c('allocs.pb.gz', 800, HEAP, 'space/bytes'),
    c('odd-period.pb.gz', 700, CPU, 'wall/nanoseconds'),
  ]);
  assert.deepEqual(r.bases.map((b) => b.name), ['mid-cpu.pb.gz', 'old-cpu.pb.gz']);
  assert.equal(r.incompatible, 3);
  // heap and allocs profiles are comparable with each other (same sample types)
  const h = compatibleBases({ path: '/w/heap.pb.gz', sampleTypes: HEAP, periodType: 'space/bytes' }, [c('allocs.pb.gz', 800, HEAP, 'space/bytes'), c('x.pb.gz', 5, CPU, 'cpu/nanoseconds')]);
  assert.deepEqual(h.bases.map((b) => b.name), ['allocs.pb.gz']);
});

test('durations that differ by more than 10%: -normalize first, suggested, both durations named', () => {
  assert.equal(durationsDiffer(30e9, 5e9), true);
  assert.equal(durationsDiffer(30e9, 30.2e9), false);
  assert.equal(durationsDiffer(0, 5e9), false, 'unknown duration: no suggestion');
  const m = modeChoices(30e9, 5e9);
  assert.deepEqual(m.choices.map((x) => [x.mode, x.normalize]), [['base', true], ['diff_base', true], ['base', false], ['diff_base', false]]);
  assert.match(m.choices[0].description, /-normalize -base · suggested/);
  assert.match(m.note ?? '', /durations differ \(30s vs 5s base\)/);
  const same = modeChoices(30e9, 30e9);
  assert.equal(same.note, undefined);
  assert.deepEqual(same.choices.map((x) => x.label), ['Subtract base', 'Relative to base', 'Subtract base, normalized', 'Relative to base, normalized']);
});
