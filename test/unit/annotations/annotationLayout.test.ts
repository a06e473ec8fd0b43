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
  const src = ['func a() {', '\tx++', '\ty++', '}', 'func b() {', '\tlongName := someCall(withManyArguments, andMore, andEvenMore)', '\tz := 1', '}'];
  const fa = {};
  const fb = {};
  // [line, flat, cum, fn]; the file's texts are padded to its widest flat (5) and cum (6).
  const rows = [[2, '10ms', '10ms', fa], [3, '.', '5ms', fa], [6, '100ms', '1.25s', fb], [7, '1ms', '1ms', fb]] as const;
  const a: FileAnnotations = {
    file: 'f.go', flatWidth: 5, cumWidth: 5,
    lines: rows.map(([line, f, c, fn]) => ({ line, flatText: f, cumText: c, text: `${f.padStart(5)} · ${c.padStart(5)}`, heat: 0.1, cost: { fn } }) as unknown as LineAnnotation),
  };
  const width = (i: number) => (i < src.length ? visualWidth(src[i], 4) : -1);
  // What follows the alignment padding, and the column where the padded figures start.
  const texts = (placed: { text: string }[], want: string[]) => placed.map((p, i) => p.text.slice(p.text.length - want[i].length).replaceAll('\u00a0', ' '));
  const startsOf = (placed: { line: number; text: string }[], want: string[]) => placed.map((p, i) => visualWidth(src[p.line], 4) + p.text.length - want[i].length);
  // Per function: one column per function, 3 after its longest line; texts padded per function.
  // Line 7 is far shorter than function b's longest: its figures stay near it.
  const fnTexts = ['10ms · 10ms', '   . ·  5ms', '100ms · 1.25s', '  1ms ·   1ms'];
  const byFn = placeAnnotations(a, width);
  assert.deepEqual(texts(byFn, fnTexts), fnTexts);
  assert.deepEqual(startsOf(byFn, fnTexts), [visualWidth(src[1], 4) + 3, visualWidth(src[1], 4) + 3, visualWidth(src[5], 4) + 3, visualWidth(src[6], 4) + 3]);
  // Per file: one column, after the longest line, with the file's padding.
  const fileTexts = a.lines.map((l) => l.text);
  const byFile = placeAnnotations(a, width, 'file');
  assert.deepEqual(texts(byFile, fileTexts), fileTexts);
  assert.deepEqual(new Set(startsOf(byFile, fileTexts)), new Set([visualWidth(src[5], 4) + 3]), 'one column for the file');
  // After each line: 3 columns after it, no padding.
  const afterTexts = ['10ms · 10ms', '. · 5ms', '100ms · 1.25s', '1ms · 1ms'];
  const after = placeAnnotations(a, width, 'afterLine');
  assert.deepEqual(texts(after, afterTexts), afterTexts);
  assert.deepEqual(startsOf(after, afterTexts), [1, 2, 5, 6].map((i) => visualWidth(src[i], 4) + 3));
});
