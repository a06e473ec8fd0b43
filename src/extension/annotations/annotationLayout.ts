// Where the per-line figures go in an editor: after each annotated line, padded so that all the
// figures of a file start in one column (numbers easy to scan), and a heat level by cum. Pure (no
// vscode) so it is benchmarked and unit-tested; decorations.ts turns it into editor decorations.
import type { FileAnnotations } from '../../core/report/lineAnnotations';

export const heatLevels = 5;

/** Figures start at most this many columns in; longer lines get a fixed gap instead. */
const maxColumn = 120;
const gap = 3;
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
 * lineWidth(i) is the visual width of 0-based line i, or -1 past the end of the document
 * (annotations of lines the document does not have are dropped: the file changed since).
 */
export function placeAnnotations(ann: FileAnnotations, lineWidth: (line: number) => number): PlacedAnnotation[] {
  const widths = new Int32Array(ann.lines.length);
  let column = 0;
  for (let i = 0; i < ann.lines.length; i++) {
    const w = lineWidth(ann.lines[i].line - 1);
    widths[i] = w;
    if (w >= 0 && w + gap > column && w + gap <= maxColumn) column = w + gap;
  }
  const out: PlacedAnnotation[] = [];
  for (let i = 0; i < ann.lines.length; i++) {
    const w = widths[i];
    if (w < 0) continue;
    const a = ann.lines[i];
    const pad = w + gap <= column ? column - w : gap;
    out.push({
      line: a.line - 1,
      text: pads.slice(0, pad) + a.text.replaceAll(' ', nbsp),
      level: a.heat <= 0 ? 0 : Math.min(heatLevels, Math.max(1, Math.ceil(a.heat * heatLevels))),
      index: i,
    });
  }
  return out;
}
