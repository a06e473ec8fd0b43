// Turns a parsed Profile into what the profile editor webview shows (summary + top table columns).
// No vscode here: the end-to-end test computes the same view from the same file to check the UI.
import type { Profile } from '../../core/profile/profile';
import { sampleCount } from '../../core/profile/sampleColumns';
import { label } from '../../core/measurement/measurement';
import { defaultReportOptions, type Granularity } from '../../core/report/reportOptions';
import { topTable } from '../../core/report/topTable';
import type { ProfileSummary, TopColumns } from '../../protocol/messages';
import { comparisonOf } from '../../core/compare/compareProfiles';
import { noFilters, SessionFilters } from '../sessions/sessionFilters';
import { deltaColumns } from '../../core/compare/deltaColumns';
import type { ComparisonInputs } from '../compare/comparisonInputs';
import { errorMessage } from '../../core/text/errorMessage';
import { profileKindOf, type ProfileKindId } from '../../core/profile/profileKind';

/**
 * The sample type shown first: `preferred` when the profile has it, else the profile's
 * default_sample_type, else the last one (pprof's rule, profile.go SampleIndexByName("")).
 */
export function initialSampleIndex(profile: Profile, preferred = ''): number {
  const names = profile.sampleType.map((t) => t.type);
  if (preferred && names.includes(preferred)) return names.indexOf(preferred);
  if (profile.defaultSampleType && names.includes(profile.defaultSampleType)) {
    return names.indexOf(profile.defaultSampleType);
  }
  return Math.max(0, names.length - 1);
}

export function clampSampleIndex(profile: Profile, index: number | undefined, fallback: number): number {
  return index !== undefined && Number.isInteger(index) && index >= 0 && index < profile.sampleType.length ? index : fallback;
}

/** The profile's kind as the profile editor's header words it; otherwise its last sample type. */
export function profileKind(profile: Profile): string {
  const kind = profileKindOf(profile);
  if (kind) return HEADER_KIND_WORDS[kind];
  const last = profile.sampleType[profile.sampleType.length - 1];
  return last ? last.type : 'unknown';
}

const HEADER_KIND_WORDS: Record<ProfileKindId, string> = {
  cpu: 'CPU',
  heap: 'heap (memory)',
  goroutine: 'goroutine',
  contention: 'contention (block or mutex)',
  threadcreate: 'thread creation',
};

export function buildProfileView(
  profile: Profile,
  fileName: string,
  source: string,
  sampleIndex: number,
  filters: SessionFilters = noFilters,
  inputs?: ComparisonInputs,
  granularity: Granularity = 'functions',
): { summary: ProfileSummary; top: TopColumns } {
  // The filters and granularity chosen in the profile's other views (flame graph, call graph): the
  // table is then what `pprof-lens -top -lines -focus=… -ignore=… -hide=… -show=…` prints, "Active
  // filters" legend included.
  const options = { ...defaultReportOptions(), sampleIndex: String(sampleIndex), granularity, ...filters };
  const table = topTable(profile, options);
  const top: TopColumns = {
    name: [], inline: [], file: [], line: [], flat: [], cum: [],
    flatText: [], flatPercent: [], sumPercent: [], cumText: [], cumPercent: [],
  };
  for (const r of table.rows) {
    top.name.push(r.name);
    top.inline.push(r.inline ?? '');
    top.file.push(r.file);
    top.line.push(r.line);
    top.flat.push(r.flat);
    top.cum.push(r.cum);
    top.flatText.push(r.flatText);
    top.flatPercent.push(r.flatPercent.trim());
    top.sumPercent.push(r.sumPercent.trim());
    top.cumText.push(r.cumText);
    top.cumPercent.push(r.cumPercent.trim());
  }
  const pt = profile.periodType;
  const summary: ProfileSummary = {
    fileName,
    source,
    kind: profileKind(profile),
    sampleTypes: profile.sampleType.map((t) => ({ type: t.type, unit: t.unit })),
    sampleIndex,
    durationNanos: profile.durationNanos,
    durationText: profile.durationNanos > 0 ? label(profile.durationNanos, 'nanoseconds') : '',
    timeMillis: profile.timeNanos > 0 ? Math.floor(profile.timeNanos / 1e6) : 0,
    periodText: pt && profile.period > 0 ? `${label(profile.period, pt.unit)} of ${pt.type}` : '',
    total: table.total,
    totalText: table.totalText,
    sampleCount: sampleCount(profile),
    legend: table.legend,
  };
  const active = (['focus', 'ignore', 'hide', 'show'] as const).filter((k) => filters[k] !== '').map((k) => `${k}=${filters[k]}`);
  if (active.length > 0) summary.filters = active;
  if (granularity !== 'functions') summary.granularity = granularity;
  const comparison = comparisonOf(profile);
  if (comparison !== undefined) summary.comparison = comparison;
  // Each function's cum in the base and in the target, under the same options as the table.
  if (inputs && !inputs.ok) summary.deltaNote = inputs.note;
  if (inputs?.labels) summary.comparisonSides = inputs.labels; // Which input is the base, which the new
  if (inputs?.ok) {
    try {
      const d = deltaColumns(top.name, inputs.sides, options, table.formatValue);
      top.delta = { base: d.base, new: d.new, baseText: d.baseText, newText: d.newText, changeText: d.changeText };
    } catch (e) {
      summary.deltaNote = `no base / new columns: ${errorMessage(e)}`;
    }
  }
  return { summary, top };
}
