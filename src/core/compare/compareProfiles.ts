// Comparing two profiles: pprof's -base (subtract) and -diff_base (relative to base, the
// base samples tagged pprof::base=true so totals and percentages are the base's), with -normalize.
// The result is an ordinary Profile: encoded to .pb.gz it reads back (here and in `go tool pprof`)
// with the same figures as `go tool pprof -base/-diff_base [-normalize] target base`.
import { applyBase } from '../profile/merge';
import type { Profile, ValueType } from '../profile/profile';
import { sampleColumnsOf } from '../profile/sampleColumns';
import { ProfileError } from '../profile/profileError';
import { profileKindOf } from '../profile/profileKind';

export type CompareMode = 'base' | 'diff_base';

export interface CompareOptions {
  mode: CompareMode;
  normalize: boolean;
}

/** A user-facing refusal: the two inputs cannot be compared meaningfully. */
export class ComparisonMismatch extends ProfileError {}

/** Words for a profile's kind ("CPU", "heap", "goroutine", ...), else its sample types joined by "/". */
export function comparisonKind(p: Profile): string {
  const kind = profileKindOf(p);
  if (kind === 'cpu') return 'CPU';
  return kind ?? (p.sampleType.map((t) => t.type).join('/') || 'unknown');
}

const vt = (t: ValueType | undefined) => (t ? `${t.type}/${t.unit}` : '(none)');

/**
 * Checks that base can be subtracted from target, with a message that names both sides. pprof itself
 * refuses different period types or sample types (profile.compatible); we say it in the user's words.
 */
export function checkComparable(target: Profile, base: Profile, targetName = 'the profile', baseName = 'the base'): void {
  const kt = comparisonKind(target);
  const kb = comparisonKind(base);
  if (kt !== kb) {
    throw new ComparisonMismatch(`cannot compare a ${kt} profile (${targetName}) with a ${kb} profile (${baseName}): choose a base of the same kind`);
  }
  if (vt(target.periodType) !== vt(base.periodType)) {
    throw new ComparisonMismatch(`cannot compare ${targetName} with ${baseName}: period types differ (${vt(target.periodType)} and ${vt(base.periodType)})`);
  }
  const ta = target.sampleType.map(vt).join(', ');
  const tb = base.sampleType.map(vt).join(', ');
  if (ta !== tb) {
    throw new ComparisonMismatch(`cannot compare ${targetName} with ${baseName}: sample types differ ([${ta}] and [${tb}])`);
  }
}

/**
 * target − base (mode 'base') or target relative to base (mode 'diff_base'). The inputs are not
 * changed. A comment records what was compared, as pprof's -add_comment would.
 */
export function compareProfiles(
  target: Profile,
  base: Profile,
  options: CompareOptions,
  names: { target?: string; base?: string } = {},
): Profile {
  checkComparable(target, base, names.target, names.base);
  const result = applyBase(target, [base], options.mode, options.normalize);
  const flag = options.mode === 'base' ? '-base' : '-diff_base';
  const what = `pprof-lens comparison: ${names.target ?? 'profile'} ${flag}${options.normalize ? ' -normalize' : ''} ${names.base ?? 'base'}`;
  result.comments = [...result.comments, what];
  return result;
}

/** Whether a profile is the result of a comparison (negative values or diff_base samples). */
export function isComparison(p: Profile): boolean {
  for (const c of p.comments) if (c.startsWith('pprof-lens comparison:')) return true;
  const rows = sampleColumnsOf(p);
  for (let i = 0; i < rows.count; i++) {
    if (rows.labels(i).label?.['pprof::base']?.includes('true')) return true;
    for (let j = 0; j < rows.valueCount(i); j++) if (rows.value(i, j) < 0) return true;
  }
  return false;
}

/**
 * What a comparison compared, from the comment compareProfiles wrote ("a.pb.gz -base b.pb.gz"); ""
 * for another profile with signed values; undefined when the profile is no comparison.
 */
export function comparisonOf(p: Profile): string | undefined {
  for (const c of p.comments) if (c.startsWith('pprof-lens comparison: ')) return c.slice('pprof-lens comparison: '.length);
  return isComparison(p) ? '' : undefined;
}

