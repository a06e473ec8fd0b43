// Placement of the per-line figures: one column per file, tabs expanded, heat levels.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { heatLevels, placeAnnotations, visualWidth } from '../../../src/extension/annotations/annotationLayout';
import type { FileAnnotations, LineAnnotation } from '../../../src/core/report/lineAnnotations';

function ann(lines: [number, string, number][]): FileAnnotations {
  return {
    file: 'f.go',
    flatWidth: 0,
    cumWidth: 0,
    lines: lines.map(([line, text, heat]) => ({ line, text, heat, flatText: '', cumText: '' }) as unknown as LineAnnotation),
  };
}

test('visual width expands tabs to the next stop', () => {
  assert.equal(visualWidth('\tif x {', 4), 4 + 6);
  assert.equal(visualWidth('ab\tc', 4), 5);
  assert.equal(visualWidth('ab\tc', 8), 9);
  assert.equal(visualWidth('é😀', 4), 2);
});

test('figures start in one column; lines past the limit get a gap; missing lines are dropped', () => {
  const src = ['func f() {', '\tfor i := 0; i < n; i++ {', '\t\tx++', 'y'.repeat(200)];
  const placed = placeAnnotations(
    ann([[1, '10ms ·  20ms', 0.1], [2, '   . · 1.20s', 1], [3, '30ms ·  30ms', 0.5], [4, ' 1ms ·   1ms', 0], [9, 'x', 1]]),
    (i) => (i < src.length ? visualWidth(src[i], 4) : -1),
  );
  assert.deepEqual(placed.map((p) => p.line), [0, 1, 2, 3]);
  // Texts of a file have one length (columns padded): they end, so start, in one visual column.
  const ends = placed.slice(0, 3).map((p, i) => visualWidth(src[i], 4) + p.text.length);
  assert.equal(new Set(ends).size, 1, JSON.stringify(ends));
  assert.equal(placed[1].text.length - '   . · 1.20s'.length, 3, 'the longest line gets the 3-column gap');
  assert.equal(placed[3].text.length - 12, 3, 'a line past the column limit gets a 3-column gap');
  assert.ok(placed.every((p) => !p.text.includes(' ')), 'non-breaking spaces only');
  assert.deepEqual(placed.map((p) => p.level), [1, heatLevels, 3, 0]);
});

test('alignment: per function by default, per file, or right after each line', () => {
  // Two functions: a short hot one and one with a long line. Per function, the short one's figures
  // stay near its code (a half-width editor shows them); per file, the long line pushes them all out.
  const src = ['func a() {', '\tx++', '}', 'func b() {', '\tlongName := someCall(withManyArguments, andMore, andEvenMore)', '}'];
  const fa = {};
  const fb = {};
  const lines = [[2, '10ms · 10ms', 0.2, fa], [5, ' 1ms ·  1ms', 0.1, fb]] as const;
  const a: FileAnnotations = {
    file: 'f.go', flatWidth: 0, cumWidth: 0,
    lines: lines.map(([line, text, heat, fn]) => ({ line, text, heat, flatText: '', cumText: '', cost: { fn } }) as unknown as LineAnnotation),
  };
  const width = (i: number) => (i < src.length ? visualWidth(src[i], 4) : -1);
  const start = (p: { line: number; text: string }) => visualWidth(src[p.line], 4) + p.text.length - lines.find((l) => l[0] === p.line + 1)![1].length;
  const byFn = placeAnnotations(a, width);
  assert.equal(start(byFn[0]), visualWidth(src[1], 4) + 3, 'function a: 3 columns after its own line');
  assert.equal(start(byFn[1]), visualWidth(src[4], 4) + 3);
  const byFile = placeAnnotations(a, width, 'file');
  assert.equal(start(byFile[0]), start(byFile[1]), 'one column for the file');
  assert.equal(start(byFile[0]), visualWidth(src[4], 4) + 3);
  const after = placeAnnotations(a, width, 'afterLine');
  assert.deepEqual(after.map((p) => p.text.length - lines.find((l) => l[0] === p.line + 1)![1].length), [3, 3]);
});
