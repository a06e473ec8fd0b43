// Compare With Base: which profiles to offer as the base, and how to compare. Only bases
// the profile can be compared with (same sample types and period type, as pprof requires), newest
// first; and when the two cover different durations (a 30 s and a 5 s CPU profile), -normalize first,
// saying why, since plain subtraction then shows everything grown by the ratio. No vscode here.
import type { CompareMode } from '../../core/compare/compareProfiles';
import { label } from '../../core/measurement/measurement';

/** What a candidate base is known by: its file, its time, and the types pprof checks. */
export interface BaseCandidate {
  path: string;
  /** Shown in the pick: the session's label or the file name. */
  name: string;
  /** ms since the epoch (capture time, else file time). */
  time: number;
  sampleTypes: readonly string[];
  periodType?: string;
  /** The profile is open in an editor. */
  open?: boolean;
}

/** The profile being compared: its sample types and period type ("type/unit"). */
export interface CompareTargetTypes {
  path: string;
  sampleTypes: readonly string[];
  periodType?: string;
}

/**
 * The candidates that can be the base of `target`, newest first (ties: open profiles first, then by
 * name), each file once, the target itself excluded; and how many were left out as incompatible.
 */
export function compatibleBases(target: CompareTargetTypes, candidates: readonly BaseCandidate[]): { bases: BaseCandidate[]; incompatible: number } {
  const key = (types: readonly string[], period?: string) => `${types.join(',')}|${period ?? ''}`;
  const want = key(target.sampleTypes, target.periodType);
  const seen = new Set<string>([target.path]);
  const bases: BaseCandidate[] = [];
  let incompatible = 0;
  for (const c of candidates) {
    if (seen.has(c.path)) continue;
    seen.add(c.path);
    if (key(c.sampleTypes, c.periodType) === want) bases.push(c);
    else incompatible++;
  }
  bases.sort((a, b) => b.time - a.time || Number(!!b.open) - Number(!!a.open) || a.name.localeCompare(b.name));
  return { bases, incompatible };
}

/** One way to compare, as the mode pick offers it. */
export interface ModeChoice {
  label: string;
  description: string;
  detail: string;
  mode: CompareMode;
  normalize: boolean;
}

const MODES: readonly ModeChoice[] = [
  { label: 'Subtract base', description: '-base', detail: 'profile − base: what grew is positive, what shrank negative', mode: 'base', normalize: false },
  { label: 'Relative to base', description: '-diff_base', detail: 'as -base, with percentages of the base total', mode: 'diff_base', normalize: false },
  { label: 'Subtract base, normalized', description: '-normalize -base', detail: 'the profile scaled to the base total first', mode: 'base', normalize: true },
  { label: 'Relative to base, normalized', description: '-normalize -diff_base', detail: 'the profile scaled to the base total first', mode: 'diff_base', normalize: true },
];

/** Whether two durations (ns; 0 = unknown) differ by more than 10%. */
export function durationsDiffer(targetNanos: number, baseNanos: number): boolean {
  if (!(targetNanos > 0) || !(baseNanos > 0)) return false;
  return Math.max(targetNanos, baseNanos) / Math.min(targetNanos, baseNanos) > 1.1;
}

/**
 * The modes in the order to offer them, and a note for the pick's placeholder: when the durations
 * differ, the normalized modes come first, marked as suggested, and the note names both durations.
 */
export function modeChoices(targetNanos: number, baseNanos: number): { choices: ModeChoice[]; note?: string } {
  if (!durationsDiffer(targetNanos, baseNanos)) return { choices: [...MODES] };
  const t = label(targetNanos, 'nanoseconds');
  const b = label(baseNanos, 'nanoseconds');
  const why = `durations differ (${t} vs ${b} base): normalize, or everything looks grown by the ratio`;
  const normalized = MODES.filter((m) => m.normalize).map((m) => ({ ...m, description: `${m.description} · suggested` }));
  return { choices: [...normalized, ...MODES.filter((m) => !m.normalize)], note: `The ${why}` };
}
