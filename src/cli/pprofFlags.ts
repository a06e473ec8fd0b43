// The flags of `go tool pprof` (Go 1.27: internal/driver/cli.go parseFlags, config.go configFields,
// commands.go pprofCommands) with their spellings, kinds and help, and their mapping onto
// ReportOptions. Flags pprof accepts but we cannot honour (symbolization from binaries, graphviz output, -http)
// are recognised so the error says so, rather than "flag provided but not defined".
import { defaultReportOptions, Granularity, ReportFormat, ReportOptions } from '../core/report/reportOptions';
import { FlagError, FlagSpec, ParsedFlags } from './goFlags';
import { DEFAULT_MAX_PROFILE_BYTES } from '../core/profile/limits';

const b = (help: string): FlagSpec => ({ kind: 'bool', help });
const s = (help: string): FlagSpec => ({ kind: 'string', help });

/** Output formats we produce, flag name → report format. */
export const supportedFormats: Record<string, ReportFormat> = {
  top: 'text', text: 'text', traces: 'traces', tree: 'tree', peek: 'peek', list: 'list', dot: 'dot', proto: 'proto', raw: 'raw',
  tags: 'tags', comments: 'comments',
};
const paramFormats = new Set(['peek', 'list', 'disasm', 'weblist']);
const otherFormats = ['callgrind', 'disasm', 'eog', 'evince', 'gif', 'gv', 'kcachegrind', 'pdf', 'png', 'ps',
  'svg', 'topproto', 'web', 'weblist'];

export const formatHelp: Record<string, string> = {
  comments: 'Output all profile comments',
  dot: 'Outputs a graph in DOT format',
  list: 'Output annotated source for functions matching regexp',
  peek: 'Output callers/callees of functions matching regexp',
  proto: 'Outputs the profile in compressed protobuf format',
  raw: 'Outputs a text representation of the raw profile',
  tags: 'Outputs all tags in the profile',
  text: 'Outputs top entries in text form',
  top: 'Outputs top entries in text form',
  traces: 'Outputs all profile samples in text form',
  tree: 'Outputs a text rendering of call graph',
};

export const granularities: Granularity[] = ['functions', 'filefunctions', 'files', 'lines', 'addresses'];

export const optionFlags: Record<string, FlagSpec> = {
  output: s('Output filename for file-based outputs'),
  call_tree: b('Create a context-sensitive call tree'),
  relative_percentages: b('Show percentages relative to focused subgraph'),
  unit: s('Measurement units to display'),
  compact_labels: b('Show minimal headers'),
  source_path: s('Search path for source files'),
  trim_path: s('Path to trim from source paths before search'),
  intel_syntax: b('Show assembly in Intel syntax (no effect here)'),
  mean: b('Average sample value over first value (count)'),
  sample_index: s('Sample value to report (0-based index or name)'),
  divide_by: { kind: 'float', help: 'Ratio to divide all samples before visualization' },
  normalize: b('Scales profile based on the base profile.'),
  flat: b('Sort entries based on own weight'),
  cum: b('Sort entries based on cumulative weight'),
  tagroot: s('Adds pseudo stack frames for labels key/value pairs at the callstack root'),
  tagleaf: s('Adds pseudo stack frames for labels key/value pairs at the callstack leaf'),
  drop_negative: b('Ignore negative differences'),
  nodecount: { kind: 'int', help: 'Max number of nodes to show' },
  nodefraction: { kind: 'float', help: 'Hide nodes below <f>*total' },
  edgefraction: { kind: 'float', help: 'Hide edges below <f>*total' },
  trim: b('Honor nodefraction/edgefraction/nodecount defaults'),
  focus: s('Restricts to samples going through a node matching regexp'),
  ignore: s('Skips paths going through any nodes matching regexp'),
  prune_from: s('Drops any functions below the matched frame.'),
  hide: s('Skips nodes matching regexp'),
  show: s('Only show nodes matching regexp'),
  show_from: s('Drops functions above the highest matched frame.'),
  tagfocus: s('Restricts to samples with tags in range or matched by regexp'),
  tagignore: s('Discard samples with tags in range or matched by regexp'),
  tagshow: s('Only consider tags matching this regexp'),
  taghide: s('Skip tags matching this regexp'),
  noinlines: b('Ignore inlines.'),
  showcolumns: b('Show column numbers at the source code line level.'),
  functions: b('Aggregate at the function level.'),
  filefunctions: b('Aggregate at the function level.'),
  files: b('Aggregate at the file level.'),
  lines: b('Aggregate at the source code line level.'),
  addresses: b('Aggregate at the address level.'),
};

export const sourceFlags: Record<string, FlagSpec> = {
  seconds: { kind: 'int', help: 'Duration for time-based profile collection' },
  timeout: { kind: 'int', help: 'Timeout in seconds for profile collection' },
  max_size_mib: { kind: 'int', help: 'Largest profile read, in MiB: file, HTTP body, decompressed data, decoded memory (default 512; not in pprof)' },
  base: { kind: 'string', list: true, help: 'Source of base profile for profile subtraction' },
  diff_base: { kind: 'string', list: true, help: 'Source of base profile for comparison' },
  symbolize: s('Options for profile symbolization (none: names as read; default: C++/Rust-looking names simplified, as pprof does)'),
  buildid: s('Override build id for main binary (no effect here)'),
  add_comment: s('Free-form annotation to add to the profile'),
  all_frames: b('Ignore drop_frames and keep_frames regexps in the profile'),
  tools: s('Search path for object tools (no effect here)'),
  http: s('Provide web interface at host:port (not supported: use the VS Code extension)'),
  no_browser: b('Skip opening a browser for the interactive web UI'),
  inuse_space: b('Same as -sample_index=inuse_space'),
  inuse_objects: b('Same as -sample_index=inuse_objects'),
  alloc_space: b('Same as -sample_index=alloc_space'),
  alloc_objects: b('Same as -sample_index=alloc_objects'),
  total_delay: b('Same as -sample_index=delay'),
  contentions: b('Same as -sample_index=contentions'),
  mean_delay: b('Same as -mean -sample_index=delay'),
};

export function allFlags(): Record<string, FlagSpec> {
  const all: Record<string, FlagSpec> = { ...sourceFlags, ...optionFlags };
  for (const f of [...Object.keys(supportedFormats), ...otherFormats]) {
    all[f] = paramFormats.has(f) ? s(formatHelp[f] ?? '') : b(formatHelp[f] ?? '');
  }
  return all;
}

export interface Command {
  options: ReportOptions;
  /** The output flag given, e.g. "top" (undefined: none given). */
  formatFlag?: string;
  output: string;
  sources: string[];
  base: string[];
  diffBase: boolean;
  seconds: number;
  timeout: number;
  /** -max_size_mib in bytes (default 512 MiB): the size limit of every source. */
  maxBytes: number;
  comment: string;
  /** -all_frames: ignore the profile's drop_frames / keep_frames. */
  allFrames: boolean;
  /** -symbolize: '' (pprof's default: C++/Rust-looking names simplified), 'none', 'demangle=full', … (symbolize.ts). */
  symbolize: string;
  /** Notes pprof prints on stderr while reading flags ("Multiple value selections..."). */
  notes: string[];
}

/** parseFlags + outputFormat + installConfigFlags of pprof's driver, onto our ReportOptions. */
export function toCommand(f: ParsedFlags): Command {
  const str = (n: string, d = ''): string => (f.values.has(n) ? String(f.values.get(n)) : d);
  const num = (n: string, d: number): number => (f.values.has(n) ? Number(f.values.get(n)) : d);
  const bool = (n: string): boolean => f.values.get(n) === true;
  const notes: string[] = [];

  let formatFlag: string | undefined;
  for (const name of [...Object.keys(supportedFormats), ...otherFormats]) {
    const set = paramFormats.has(name) ? str(name) !== '' : bool(name);
    if (!set) continue;
    if (formatFlag !== undefined) throw new FlagError('must set at most one output format');
    formatFlag = name;
  }
  if (formatFlag !== undefined && !(formatFlag in supportedFormats)) {
    throw new FlagError(`-${formatFlag} is not supported by pprof-lens (supported: ${Object.keys(supportedFormats).map((x) => `-${x}`).join(' ')})`);
  }
  if (str('http') !== '') throw new FlagError('-http is not supported: open the profile in VS Code with the Pprof Lens extension');

  const o = defaultReportOptions();
  if (formatFlag) {
    o.format = supportedFormats[formatFlag];
    if (paramFormats.has(formatFlag)) o.symbol = str(formatFlag);
  }
  o.callTree = bool('call_tree');
  o.relativePercentages = bool('relative_percentages');
  o.unit = str('unit', o.unit);
  o.compactLabels = bool('compact_labels');
  o.sourcePath = str('source_path');
  o.trimPath = str('trim_path');
  o.mean = bool('mean');
  o.sampleIndex = str('sample_index');
  o.divideBy = num('divide_by', o.divideBy);
  o.normalize = bool('normalize');
  o.tagRoot = str('tagroot');
  o.tagLeaf = str('tagleaf');
  o.dropNegative = bool('drop_negative');
  o.nodeCount = num('nodecount', o.nodeCount);
  o.nodeFraction = num('nodefraction', o.nodeFraction);
  o.edgeFraction = num('edgefraction', o.edgeFraction);
  if (f.values.has('trim')) o.trim = bool('trim');
  o.focus = str('focus');
  o.ignore = str('ignore');
  o.pruneFrom = str('prune_from');
  o.hide = str('hide');
  o.show = str('show');
  o.showFrom = str('show_from');
  o.tagFocus = str('tagfocus');
  o.tagIgnore = str('tagignore');
  o.tagShow = str('tagshow');
  o.tagHide = str('taghide');
  o.noInlines = bool('noinlines');
  o.showColumns = bool('showcolumns');

  // Multi-choice options are one bool flag per choice; two set is an error (config.go).
  const sorts = ['cum', 'flat'].filter(bool);
  if (sorts.length > 1) throw new FlagError(`conflicting options set: [${sorts.join(' ')}]`);
  if (sorts.length === 1) o.sort = sorts[0] as 'cum' | 'flat';
  const grans = granularities.filter(bool);
  if (grans.length > 1) throw new FlagError(`conflicting options set: [${grans.join(' ')}]`);
  if (grans.length === 1) o.granularity = grans[0];

  // Legacy convenience options, in pprof's order (cli.go).
  const legacy: [string, string][] = [['total_delay', 'delay'], ['mean_delay', 'delay'], ['contentions', 'contentions'],
    ['inuse_space', 'inuse_space'], ['inuse_objects', 'inuse_objects'], ['alloc_space', 'alloc_space'], ['alloc_objects', 'alloc_objects']];
  for (const [flag, index] of legacy) {
    if (!bool(flag)) continue;
    if (o.sampleIndex === '') o.sampleIndex = index;
    else notes.push(`Multiple value selections, ignoring -${flag}`);
  }
  if (bool('mean_delay')) o.mean = true;

  const base = f.lists.get('base') ?? [];
  const diff = f.lists.get('diff_base') ?? [];
  const baseNonEmpty = base.filter((x) => x !== '');
  const diffNonEmpty = diff.filter((x) => x !== '');
  if (baseNonEmpty.length > 0 && diffNonEmpty.length > 0) throw new FlagError('-base and -diff_base flags cannot both be specified');
  if (o.normalize && baseNonEmpty.length === 0 && diffNonEmpty.length === 0) throw new FlagError('must have base profile to normalize by');

  return {
    options: o,
    formatFlag,
    output: str('output'),
    sources: f.args,
    base: diffNonEmpty.length > 0 ? diffNonEmpty : baseNonEmpty,
    diffBase: diffNonEmpty.length > 0,
    seconds: num('seconds', -1),
    timeout: num('timeout', -1),
    maxBytes: maxSizeMiB(num('max_size_mib', DEFAULT_MAX_PROFILE_BYTES / 2 ** 20)),
    comment: str('add_comment'),
    allFrames: bool('all_frames'),
    symbolize: str('symbolize'),
    notes,
  };
}

/** -max_size_mib in bytes: a whole number of MiB, at least 1. */
function maxSizeMiB(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new FlagError(`-max_size_mib must be a whole number of MiB, at least 1 (got ${n})`);
  return n * 2 ** 20;
}
