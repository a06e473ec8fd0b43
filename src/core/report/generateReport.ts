// The report pipeline of `go tool pprof` (driver.generateRawReport + report.Generate):
// copy the profile, apply the command's overrides, filter, aggregate, then print the report.
import type { Profile } from '../profile/profile';
import { ProfileError } from '../profile/profileError';
import { baseName } from '../graph/goPath';
import { ProfileState } from './profileState';
import { applyFocus, Warn } from './filters';
import { aggregation, aggregateProfile } from './aggregate';
import { numLabelUnits } from './numLabelUnits';
import { sampleIndexByName } from './sampleIndex';
import { compileSymbolRegexp } from '../profile/goRegexp';
import { OutputFormat, Report, ResolvedOptions } from './report';
import type { ReportOptions, SourceReader } from './reportOptions';
import { printText } from './textReport';
import { printTraces } from './tracesReport';
import { printTree } from './treeReport';
import { printSource } from './listReport';
import { printDot } from './dotReport';
import { addLabelNodes } from './tagRoot';
import { profileString } from './rawReport';
import { printTags, printComments } from './tagsReport';

export interface ReportEnv {
  readSource: SourceReader;
  /** Name of the profile source (used in messages). */
  sourceName?: string;
  /** Receives pprof's stderr notes ("Focus expression matched no samples", ...). */
  warn?: Warn;
  /** pprof's working directory: the default -source_path for -list (else paths are passed as is). */
  cwd?: string;
  /** Formats the "Time:" header (default: Go's layout in the host's local time). */
  formatTime?: (timeNanos: number) => string;
}

/** driver.applyCommandOverrides. */
export function applyCommandOverrides(options: ReportOptions): ReportOptions {
  const cfg = { ...options };
  let trim = cfg.trim;
  switch (cfg.format) {
    case 'peek':
      trim = false;
      break;
    case 'list':
      trim = false;
      cfg.granularity = 'lines';
      break;
    case 'text':
      if (cfg.nodeCount === -1) cfg.nodeCount = 0;
      break;
    default:
      if (cfg.nodeCount === -1) cfg.nodeCount = 80;
  }
  if (cfg.format === 'proto' || cfg.format === 'raw') {
    trim = false;
    cfg.granularity = 'addresses';
  }
  if (!trim) {
    cfg.nodeCount = 0;
    cfg.nodeFraction = 0;
    cfg.edgeFraction = 0;
  }
  return cfg;
}

function outputFormatOf(format: ReportOptions['format']): OutputFormat {
  return format === 'peek' ? 'tree' : format;
}

interface Prepared {
  state: ProfileState;
  cfg: ReportOptions;
  rpt: Report;
}

function prepare(profile: Profile, options: ReportOptions, env: Partial<ReportEnv>): Prepared {
  const warn: Warn = env.warn ?? (() => undefined);
  const p = new ProfileState(profile);
  const { units, ignored } = numLabelUnits(p.rows);
  for (const [k, us] of ignored) {
    warn(`For tag ${k} used unit ${units.get(k)}, also encountered unit(s) ${us.join(', ')}`);
  }
  const cfg = applyCommandOverrides(options);
  if (cfg.tagRoot !== '' || cfg.tagLeaf !== '') {
    const split = (s: string) => s.split(',').filter((x) => x !== '');
    const { rootm, leafm } = addLabelNodes(p, split(cfg.tagRoot), split(cfg.tagLeaf), cfg.unit);
    if (!(cfg.tagRoot === '' || rootm)) warn('TagRoot expression matched no samples');
    if (!(cfg.tagLeaf === '' || leafm)) warn('TagLeaf expression matched no samples');
  }
  const relative = cfg.relativePercentages;
  if (relative) applyFocus(p, units, cfg, warn);

  // driver.reportOptions
  if (profile.sampleType.length === 0) throw new ProfileError('profile has no samples');
  const index = sampleIndexByName(profile, cfg.sampleIndex);
  const st = profile.sampleType[index];
  const stype = cfg.mean ? 'mean_' + st.type : st.type;
  if (cfg.divideBy === 0) throw new ProfileError('zero divisor specified');
  const filters: string[] = [];
  const addFilter = (k: string, v: string) => {
    if (v !== '') filters.push(k + '=' + v);
  };
  addFilter('focus', cfg.focus);
  addFilter('ignore', cfg.ignore);
  addFilter('hide', cfg.hide);
  addFilter('show', cfg.show);
  addFilter('show_from', cfg.showFrom);
  addFilter('tagfocus', cfg.tagFocus);
  addFilter('tagignore', cfg.tagIgnore);
  addFilter('tagshow', cfg.tagShow);
  addFilter('taghide', cfg.tagHide);
  const ropt: ResolvedOptions = {
    outputFormat: outputFormatOf(cfg.format),
    cumSort: cfg.sort === 'cum',
    callTree: cfg.callTree,
    dropNegative: cfg.dropNegative,
    compactLabels: cfg.compactLabels,
    ratio: 1 / cfg.divideBy,
    title: profile.mapping.length > 0 && profile.mapping[0].file !== '' ? baseName(profile.mapping[0].file) : '',
    profileLabels: [],
    activeFilters: filters,
    numLabelUnits: units,
    nodeCount: cfg.nodeCount,
    nodeFraction: cfg.nodeFraction,
    edgeFraction: cfg.edgeFraction,
    sampleIndex: index,
    meanDivIndex: cfg.mean ? 0 : -1,
    sampleType: stype,
    sampleUnit: st.unit,
    outputUnit: cfg.unit,
    sourcePath: cfg.sourcePath,
    trimPath: cfg.trimPath,
    formatTime: env.formatTime ?? formatLocalTime,
  };
  if ((cfg.format === 'peek' || cfg.format === 'list') && cfg.symbol !== undefined) {
    ropt.symbol = compileSymbolRegexp(cfg.symbol);
  }
  const rpt = new Report(p, ropt);
  if (!relative) applyFocus(p, units, cfg, warn);
  rpt.aggregation = aggregation(cfg.granularity, cfg.noInlines, cfg.showColumns);
  return { state: p, cfg, rpt };
}

/** Exactly what `go tool pprof -<format> [flags] profile` prints on stdout. */
export function generateReport(profile: Profile, options: ReportOptions, env: ReportEnv): string {
  const { rpt } = prepare(profile, options, env);
  switch (options.format) {
    case 'text':
      return printText(rpt);
    case 'traces':
      return printTraces(rpt);
    case 'tree':
    case 'peek':
      return printTree(rpt);
    case 'list':
      return printSource(rpt, env);
    case 'dot':
      return printDot(rpt);
    case 'raw':
      return profileString(materialize(rpt));
    case 'tags':
      return printTags(rpt);
    case 'comments':
      return printComments(rpt);
    case 'proto':
      throw new ProfileError('-proto is a binary format: use prepareProfile and encode it');
  }
}

/**
 * The profile `go tool pprof -proto` would write for these options: filters applied, every
 * sample type kept, values scaled by -divide_by. (With another format in options, the profile as
 * that report sees it after filtering and aggregation.)
 */
export function prepareProfile(profile: Profile, options: ReportOptions, env: Partial<ReportEnv> = {}): Profile {
  const { rpt } = prepare(profile, options, env);
  const prof = materialize(rpt);
  const r = rpt.options.ratio;
  if (r > 0 && r !== 1) {
    for (const s of prof.sample) {
      for (let i = 0; i < s.value.length; i++) s.value[i] = Math.trunc(s.value[i] * r);
    }
  }
  return prof;
}

function materialize(rpt: Report): Profile {
  const prof = rpt.state.materialize();
  aggregateProfile(prof, rpt.aggregation);
  return prof;
}

/** Internal: the resolved report, for structured views (topTable). */
export function prepareReport(profile: Profile, options: ReportOptions, env: Partial<ReportEnv> = {}): Report {
  return prepare(profile, options, env).rpt;
}

/** Go layout "2006-01-02 15:04:05 MST" (report.ProfileLabels since Go 1.24) in the host's local time zone. */
export function formatLocalTime(timeNanos: number): string {
  const d = new Date(Math.floor(timeNanos / 1e6));
  const p2 = (n: number) => String(n).padStart(2, '0');
  let zone = 'UTC';
  // Intl is slow to start; UTC (offset 0) is the common case on servers and CI.
  if (d.getTimezoneOffset() !== 0) try {
    const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((x) => x.type === 'timeZoneName');
    if (part) zone = part.value;
  } catch {
    // keep UTC
  }
  return `${String(d.getFullYear()).padStart(4, '0')}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ` +
    `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())} ${zone}`;
}
