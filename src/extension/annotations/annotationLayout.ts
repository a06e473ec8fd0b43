// Where the per-line figures go in an editor: after each annotated line, padded so that the figures
// of a function (or of the file) start in one column (numbers easy to scan), and a heat level by cum. Pure (no
// vscode) so it is benchmarked and unit-tested; decorations.ts turns it into editor decorations.
import { annotationSeparator, type FileAnnotations } from '../../core/report/lineAnnotations';

export const heatLevels = 5;

/** Figures start at most this many columns in; longer lines get a fixed gap instead. */
const maxColumn = 120;
const gap = 3;
/** Per function, a figure moves at most this many columns right of its line's own gap to align. */
const maxReach = 8;
const nbsp = '\u00a0';
const pads = nbsp.repeat(maxColumn + gap);

export interface PlacedAnnotation {
  /** 0-based editor line. */
  line: number;
  /** Padding (non-breaking spaces) + "flat · cum". */
  text: string;
  /** 0 (no heat) .. heatLevels. */
  level: number;
  index: number;
}

/** Visual width of a line's text with tabs expanded (the editor's tab size). */
export function visualWidth(text: string, tabSize: number): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) w += tabSize - (w % tabSize);
    else if (c < 0xdc00 || c > 0xdfff) w++; // a surrogate pair counts once
  }
  return w;
}

/**
 * Where the figures of a file start (a half-width editor must still show them):
 * - "function": in one column per function, after its longest annotated line, except lines more than
 *   8 columns shorter, whose figures stay 3 columns after them (the default: a long line elsewhere does
 *   not push figures out of a narrow editor);
 * - "file": in one column for the whole file, after its longest annotated line;
 * - "afterLine": right after each line (the most compact, not aligned).
 * In every mode figures start at most 120 columns in; longer lines get a 3-column gap.
 */
export type AnnotationAlignment = 'function' | 'file' | 'afterLine';

/**
 * lineWidth(i) is the visual width of 0-based line i, or -1 past the end of the document
 * (annotations of lines the document does not have are dropped: the file changed since).
 */
export function placeAnnotations(ann: FileAnnotations, lineWidth: (line: number) => number, alignment: AnnotationAlignment = 'function'): PlacedAnnotation[] {
  const widths = new Int32Array(ann.lines.length);
  // The column of each line's group: one group per function, one for the file, or none.
  const columns = new Map<unknown, number>();
  const groupOf = (i: number): unknown => (alignment === 'file' ? ann : ann.lines[i].cost?.fn ?? ann);
  for (let i = 0; i < ann.lines.length; i++) {
    const w = lineWidth(ann.lines[i].line - 1);
    widths[i] = w;
    if (alignment === 'afterLine') continue;
    const g = groupOf(i);
    const column = columns.get(g) ?? 0;
    if (w >= 0 && w + gap > column && w + gap <= maxColumn) columns.set(g, w + gap);
  }
  // The flat and cum texts are padded to the widths of their group only (a function's, or none
  // after each line), not the file's: fewer columns where a narrow editor has none to spare.
  const textWidths = new Map<unknown, [number, number]>();
  if (alignment === 'function') {
    for (let i = 0; i < ann.lines.length; i++) {
      const a = ann.lines[i];
      const g = groupOf(i);
      const tw = textWidths.get(g) ?? [0, 0];
      textWidths.set(g, [Math.max(tw[0], a.flatText.length), Math.max(tw[1], a.cumText.length)]);
    }
  }
  const textOf = (i: number): string => {
    const a = ann.lines[i];
    const g = groupOf(i);
    // The file's own padding: the file alignment, and lines without a function (nothing to regroup).
    if (alignment === 'file' || g === ann || (a.flatText === '' && a.cumText === '')) return a.text;
    if (alignment === 'afterLine') return a.flatText + annotationSeparator + a.cumText;
    const [fw, cw] = textWidths.get(g)!;
    return a.flatText.padStart(fw) + annotationSeparator + a.cumText.padStart(cw);
  };
  const out: PlacedAnnotation[] = [];
  for (let i = 0; i < ann.lines.length; i++) {
    const w = widths[i];
    if (w < 0) continue;
    const a = ann.lines[i];
    let column = alignment === 'afterLine' ? 0 : columns.get(groupOf(i)) ?? 0;
    // Per function, a line much shorter than the function's longest keeps its figures near its end
    // rather than far right, where a half-width editor's minimap would cover them.
    if (alignment === 'function' && groupOf(i) !== ann && column - (w + gap) > maxReach) column = 0;
    const pad = w + gap <= column ? column - w : gap;
    out.push({
      line: a.line - 1,
      text: pads.slice(0, pad) + textOf(i).replaceAll(' ', nbsp),
      level: a.heat <= 0 ? 0 : Math.min(heatLevels, Math.max(1, Math.ceil(a.heat * heatLevels))),
      index: i,
    });
  }
  return out;
}
