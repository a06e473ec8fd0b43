// -tags (report.printTags) and -comments (report.printComments).
import { compareStrings } from '../graph/graph';
import { percentage, scaledLabel } from '../measurement/measurement';
import { runeCount } from '../measurement/goFloatFormat';
import type { Report } from './report';

interface Counted {
  name: string;
  flat: number;
}

/** graph.SortTags(ts, flat=true): |flat| descending, then name. */
function sortByFlat(ts: Counted[]): Counted[] {
  return ts.sort((a, b) => {
    if (a.flat !== b.flat) {
      const x = Math.abs(a.flat);
      const y = Math.abs(b.flat);
      if (x !== y) return x > y ? -1 : 1;
      return 0;
    }
    return compareStrings(a.name, b.name);
  });
}

/**
 * report.printTags (Go 1.27): per key, the total of the samples carrying it and each value's share,
 * both as a part of the profile's total (one value per key and sample is assumed, as pprof does).
 */
export function printTags(rpt: Report): string {
  const o = rpt.options;
  const tagMap = new Map<string, Map<string, number>>();
  const tagTotal = new Map<string, number>();
  const add = (key: string, val: string, v: number) => {
    let m = tagMap.get(key);
    if (!m) tagMap.set(key, (m = new Map()));
    m.set(val, (m.get(val) ?? 0) + v);
    tagTotal.set(key, (tagTotal.get(key) ?? 0) + v);
  };
  const rows = rpt.state.rows;
  for (let i = 0; i < rows.count; i++) {
    const v = rows.value(i, o.sampleIndex);
    const s = rows.labels(i);
    if (s.label) for (const key of Object.keys(s.label)) for (const val of s.label[key]) add(key, val, v);
    if (s.numLabel) {
      for (const key of Object.keys(s.numLabel)) {
        const unit = o.numLabelUnits.get(key) ?? '';
        for (const nval of s.numLabel[key]) add(key, scaledLabel(nval, unit, o.outputUnit), v);
      }
    }
  }
  const profileTotal = rpt.total;
  const tw = new RightAlignedTable();
  for (const { name: key } of sortByFlat(Array.from(tagMap.keys(), (k) => ({ name: k, flat: 0 })))) {
    const m = tagMap.get(key)!;
    const total = tagTotal.get(key) ?? 0;
    const tags: Counted[] = [];
    for (const [t, c] of m) tags.push({ name: t, flat: c });
    if (profileTotal > 0) {
      tw.line([`${key}:`], ` Total ${rpt.formatValue(total)} of ${rpt.formatValue(profileTotal)} (${percentage(total, profileTotal)})`);
    } else {
      tw.line([`${key}:`], ` Total ${rpt.formatValue(total)} of ${rpt.formatValue(profileTotal)}`);
    }
    for (const t of sortByFlat(tags)) {
      if (profileTotal > 0) tw.line([' ', `${rpt.formatValue(t.flat)} (${percentage(t.flat, profileTotal)}):`], ` ${t.name}`);
      else tw.line([' ', `${rpt.formatValue(t.flat)}:`], ` ${t.name}`);
    }
    tw.line([], '');
  }
  return tw.flush();
}

export function printComments(rpt: Report): string {
  return rpt.prof.comments.map((c) => c + '\n').join('');
}

/**
 * text/tabwriter with minwidth 0, tabwidth 0, padding 1, padchar ' ', AlignRight: tab-terminated
 * cells aligned per column block (consecutive lines having that column), the rest of the line as is.
 */
class RightAlignedTable {
  private readonly rows: { cells: string[]; rest: string }[] = [];

  line(cells: string[], rest: string): void {
    this.rows.push({ cells, rest });
  }

  flush(): string {
    const widths: number[][] = this.rows.map((r) => r.cells.map(() => 0));
    this.format(0, 0, this.rows.length, widths);
    let out = '';
    this.rows.forEach((r, i) => {
      r.cells.forEach((c, j) => {
        out += ' '.repeat(Math.max(0, widths[i][j] - runeCount(c))) + c;
      });
      out += r.rest + '\n';
    });
    return out;
  }

  /** Go tabwriter.format: column blocks, recursively. */
  private format(col: number, line0: number, line1: number, widths: number[][]): void {
    for (let i = line0; i < line1; i++) {
      if (col >= this.rows[i].cells.length) continue;
      // A block of consecutive lines that have a cell in this column.
      let end = i;
      let width = 0;
      for (; end < line1 && col < this.rows[end].cells.length; end++) {
        width = Math.max(width, runeCount(this.rows[end].cells[col]) + 1);
      }
      for (let k = i; k < end; k++) widths[k][col] = width;
      this.format(col + 1, i, end, widths);
      i = end - 1;
    }
  }
}
