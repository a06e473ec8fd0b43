// The top table of a comparison gains "base", "new" and "change" columns: per row, the
// function's cum in the base and in the target profile, each computed with the report options of the
// comparison's own table (sample type, filters, granularity), so that new − base is the row's cum.
// The two sides are the comparison's inputs as applyBase merges them: the base in the comparison's
// units (tagged pprof::base for -diff_base), the target scaled to the base's totals for -normalize.
import { combineProfiles, compatibilizeSampleTypes, normalizeProfile, scaleProfiles, withDiffBaseLabels } from '../profile/merge';
import type { Profile } from '../profile/profile';
import { sampleColumnsOf } from '../profile/sampleColumns';
import { percentage } from '../measurement/measurement';
import { prepareReport } from '../report/generateReport';
import type { ReportOptions } from '../report/reportOptions';
import { textItems } from '../report/textReport';
import { checkComparable, type CompareOptions } from './compareProfiles';

/** The two inputs of a comparison as they enter the merge (base values positive). */
export interface ComparisonSides {
  target: Profile;
  base: Profile;
}

/**
 * The target and base as pprof's -base/-diff_base [-normalize] combines them (merge.ts applyBase),
 * before the base is negated and both are merged: merging the two (base scaled by −1) is the
 * comparison. The inputs are not changed.
 */
export function comparisonSides(target: Profile, base: Profile, options: CompareOptions): ComparisonSides {
  checkComparable(target, base);
  let pbase = combineProfiles([base]);
  if (options.mode === 'diff_base') {
    pbase = withDiffBaseLabels(pbase);
  }
  const src = options.normalize ? normalizeProfile(target, pbase) : target;
  // combineProfiles([src, −base]) first brings both to the finest common unit: do the same (negation
  // commutes with the unit scaling, whose rounding is symmetric), without merging.
  const [t, b] = scaleProfiles(compatibilizeSampleTypes([src, pbase]));
  return { target: t, base: b };
}

/**
 * Whether the sides still add up to the comparison: per sample type and per leaf function (the
 * innermost frame's name), target − base = the comparison. False when an input file changed after the
 * comparison was made; per leaf rather than per total, since two captures of one program often have
 * equal totals (67 samples each).
 */
export function sidesMatch(comparison: Profile, sides: ComparisonSides): boolean {
  const n = comparison.sampleType.length;
  if (sides.target.sampleType.length !== n || sides.base.sampleType.length !== n) return false;
  const sums = new Map<string, number[]>();
  const add = (p: Profile, sign: number) => {
    const rows = sampleColumnsOf(p);
    for (let k = 0; k < rows.count; k++) {
      const leafLoc = rows.end[k] > rows.start[k] ? rows.locations[rows.stack[rows.start[k]]] : undefined;
      const leaf = leafLoc?.line[0]?.function.name ?? '';
      let v = sums.get(leaf);
      if (!v) sums.set(leaf, (v = new Array<number>(n).fill(0)));
      for (let i = 0; i < n; i++) v[i] += sign * rows.value(k, i);
    }
  };
  add(sides.target, 1);
  add(sides.base, -1);
  add(comparison, -1);
  for (const v of sums.values()) if (v.some((x) => x !== 0)) return false;
  return true;
}

/**
 * Per row name of the top table, the cum of one side under the comparison table's report options,
 * with no node trimming (a function the comparison's table shows may be small on one side).
 */
export function cumByName(side: Profile, options: ReportOptions): Map<string, number> {
  const rpt = prepareReport(side, { ...options, format: 'text', nodeCount: 0, nodeFraction: 0, edgeFraction: 0 });
  const out = new Map<string, number>();
  // Two nodes can print the same name (e.g. same function name from two binaries): their sum, as
  // a reader of the table would add them up.
  for (const it of textItems(rpt).items) out.set(it.name, (out.get(it.name) ?? 0) + it.cum);
  return out;
}

/** The extra columns, parallel to the rows of the comparison's top table. */
export interface DeltaColumns {
  /** cum of the function in the base, and in the target (normalized when the comparison was). */
  base: number[];
  new: number[];
  /** (new − base) / base; +Infinity when base is 0 ("new"), NaN when both are 0. */
  change: number[];
  baseText: string[];
  newText: string[];
  /** "+12.5%", "-3.04%", "new", "gone" (new is 0), "" when both are 0. */
  changeText: string[];
}

/**
 * The base / new / change columns for the rows (by name) of a comparison's top table; format is the
 * table's own value formatter so the columns print in the unit of its cum column.
 */
export function deltaColumns(
  names: readonly string[],
  sides: ComparisonSides,
  options: ReportOptions,
  format: (v: number) => string,
): DeltaColumns {
  const baseCum = cumByName(sides.base, options);
  const newCum = cumByName(sides.target, options);
  const out: DeltaColumns = { base: [], new: [], change: [], baseText: [], newText: [], changeText: [] };
  for (const name of names) {
    const b = baseCum.get(name) ?? 0;
    const n = newCum.get(name) ?? 0;
    out.base.push(b);
    out.new.push(n);
    out.baseText.push(format(b));
    out.newText.push(format(n));
    const { change, text } = relativeChange(b, n);
    out.change.push(change);
    out.changeText.push(text);
  }
  return out;
}

/** (n − b) / b as a signed percentage printed as pprof prints percentages ("+10.42%", "-0.52%"). */
export function relativeChange(b: number, n: number): { change: number; text: string } {
  if (b === 0 && n === 0) return { change: NaN, text: '' };
  if (b === 0) return { change: Infinity, text: 'new' };
  if (n === 0) return { change: -1, text: 'gone' };
  const change = (n - b) / b;
  const text = percentage(n - b, b).trim();
  return { change, text: text === '0%' ? text : change > 0 ? `+${text}` : `-${text}` };
}
