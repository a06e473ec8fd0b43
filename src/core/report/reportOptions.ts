// Report options: one field per `go tool pprof` flag that shapes a report (pprof's driver
// `config` struct in internal/driver/config.go). The CLI maps flags to this; the extension keeps
// one of these per session; reports read it. Defaults are pprof's (defaultConfig()).

export type Granularity = 'functions' | 'filefunctions' | 'files' | 'lines' | 'addresses';

export type ReportFormat =
  | 'text' // -top / -text
  | 'traces'
  | 'tree'
  | 'peek'
  | 'list'
  | 'dot'
  | 'proto'
  | 'raw'
  | 'tags' // -tags
  | 'comments'; // -comments

export interface ReportOptions {
  format: ReportFormat;
  /** Regexp (Go RE2 syntax) for -peek / -list. */
  symbol?: string;

  callTree: boolean;
  relativePercentages: boolean;
  /** "minimum" (pprof default) or a unit name like "ms", "MB". */
  unit: string;
  compactLabels: boolean;
  /** Prefix trimmed from source paths (-trim_path); "" = pprof's automatic trimming. */
  trimPath: string;
  /** Extra source search path (-source_path). */
  sourcePath: string;
  mean: boolean;
  /** -sample_index as given: an index ("1") or a name ("alloc_space"); "" = default. */
  sampleIndex: string;
  divideBy: number;
  normalize: boolean;
  sort: 'flat' | 'cum';

  tagRoot: string;
  tagLeaf: string;

  dropNegative: boolean;
  /** -1 = unset (pprof picks 80 for graphs/text when trimming, no limit for traces/list). */
  nodeCount: number;
  nodeFraction: number;
  edgeFraction: number;
  trim: boolean;
  focus: string;
  ignore: string;
  pruneFrom: string;
  hide: string;
  show: string;
  showFrom: string;
  tagFocus: string;
  tagIgnore: string;
  tagShow: string;
  tagHide: string;
  noInlines: boolean;
  /** -showcolumns (Go 1.27): keep line columns at line granularity. */
  showColumns: boolean;
  granularity: Granularity;
}

export function defaultReportOptions(): ReportOptions {
  return {
    format: 'text',
    callTree: false,
    relativePercentages: false,
    unit: 'minimum',
    compactLabels: false,
    trimPath: '',
    sourcePath: '',
    mean: false,
    sampleIndex: '',
    divideBy: 1,
    normalize: false,
    sort: 'flat',
    tagRoot: '',
    tagLeaf: '',
    dropNegative: false,
    nodeCount: -1,
    nodeFraction: 0.005,
    edgeFraction: 0.001,
    trim: true,
    focus: '',
    ignore: '',
    pruneFrom: '',
    hide: '',
    show: '',
    showFrom: '',
    tagFocus: '',
    tagIgnore: '',
    tagShow: '',
    tagHide: '',
    noInlines: false,
    showColumns: false,
    granularity: 'functions',
  };
}

/** Reads a source file for -list; returns undefined when it cannot be found. */
export type SourceReader = (path: string) => string | undefined;
