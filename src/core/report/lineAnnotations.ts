// The text and heat of the per-line annotations of one source file, from its SourceCosts entry:
// what the editor draws at the end of each line with samples ("120ms · 1.45s"), with the flat and
// cum columns padded to a common width so the numbers line up, and a heat level by cum.
import type { FileCosts, FileLineCost, SourceCosts } from './sourceCosts';

export interface LineAnnotation {
  /** 1-based line number, as in the profile. */
  line: number;
  flatText: string;
  cumText: string;
  /** flat and cum padded to the file's column widths, joined by " · ". */
  text: string;
  /** |cum| / the file's largest |cum| (0..1). */
  heat: number;
  cost: FileLineCost;
}

export interface FileAnnotations {
  file: string;
  lines: LineAnnotation[];
  flatWidth: number;
  cumWidth: number;
}

export const annotationSeparator = ' · ';

export function fileAnnotations(costs: SourceCosts, file: FileCosts): FileAnnotations {
  const n = file.lines.length;
  const flats = new Array<string>(n);
  const cums = new Array<string>(n);
  let fw = 0;
  let cw = 0;
  for (let i = 0; i < n; i++) {
    const l = file.lines[i];
    const f = (flats[i] = costs.formatOrDot(l.flat));
    const c = (cums[i] = costs.formatOrDot(l.cum));
    if (f.length > fw) fw = f.length;
    if (c.length > cw) cw = c.length;
  }
  const max = file.maxCum;
  const lines = new Array<LineAnnotation>(n);
  for (let i = 0; i < n; i++) {
    const l = file.lines[i];
    lines[i] = {
      line: l.line,
      flatText: flats[i],
      cumText: cums[i],
      text: flats[i].padStart(fw) + annotationSeparator + cums[i].padStart(cw),
      heat: max === 0 ? 0 : Math.abs(l.cum) / max,
      cost: l,
    };
  }
  return { file: file.file, lines, flatWidth: fw, cumWidth: cw };
}
