// Messages between the extension host and its webviews. Types only: no logic lives here, so both the
// Node bundle (extension) and the browser bundles (webview-ui) can import it.

/** What the profile editor shows: compact, already computed in the extension host. */
/** One input of a comparison as the profile editor's header names it. */
export interface ComparisonSideLabel {
  name: string;
  timeMillis: number;
  durationText: string;
}

export interface ProfileSummary {
  /** File name (last path segment) and the full path or URI it came from. */
  fileName: string;
  source: string;
  /** Profile kind in words, e.g. "CPU", "heap", "goroutine" (from sample/period types). */
  kind: string;
  sampleTypes: { type: string; unit: string }[];
  /** Index into sampleTypes of the values shown now. */
  sampleIndex: number;
  /** Duration of the capture in nanoseconds (0 when unknown), and as text. */
  durationNanos: number;
  durationText: string;
  /** Wall-clock time of the capture (ms since epoch, 0 when unknown). */
  timeMillis: number;
  /** Sampling period, e.g. "10ms" for CPU at 100 Hz; "" when unset. */
  periodText: string;
  /** Total of the selected sample type, as a number and as pprof prints it. */
  total: number;
  totalText: string;
  sampleCount: number;
  /** The header lines `pprof -top` prints before its table. */
  legend: string[];
  /** Set for a comparison (e.g. "a.pb.gz -base b.pb.gz"): values are signed deltas. */
  comparison?: string;
  /** Why a comparison's table has no base / new / change columns (e.g. an input is gone). */
  deltaNote?: string;
  /**
   * The two inputs of a comparison, each with its file name, capture time (ms since the
   * epoch, 0 when unknown) and duration text; the header shows them instead of the merged time.
   */
  comparisonSides?: { base: ComparisonSideLabel; new: ComparisonSideLabel };
  /**
   * The focus/ignore/hide/show filters chosen in the profile's other views that the table applies,
   * as pprof's legend lists them ("focus=^main\\.cpuLoop$"); absent when there are none.
   */
  filters?: string[];
  /** The granularity chosen in the profile's other views, when not "functions" (e.g. "lines"). */
  granularity?: string;
}

/** The top table in columns (one array per field) so large tables post cheaply. */
export interface TopColumns {
  name: string[];
  /** "(inline)" / "(partial-inline)" as pprof prints after the name, or "". */
  inline: string[];
  file: string[];
  line: number[];
  flat: number[];
  cum: number[];
  flatText: string[];
  flatPercent: string[];
  sumPercent: string[];
  cumText: string[];
  cumPercent: string[];
  /**
   * For a comparison whose inputs are known, each function's cum in the base and in the
   * target ("new", normalized as the comparison was), and the relative change (new − base) / base as
   * text ("+12.5%", "new" when base is 0, "gone" when new is 0). Numbers are finite (JSON-safe): the
   * webview sorts and colours the change from base and new.
   */
  delta?: {
    base: number[];
    new: number[];
    baseText: string[];
    newText: string[];
    changeText: string[];
  };
}

export type HostToProfileEditor =
  | { type: 'loading'; fileName: string }
  | { type: 'profile'; summary: ProfileSummary; top: TopColumns }
  | { type: 'error'; fileName: string; message: string }
  /** Another view selected this function: select its row. */
  | { type: 'selectFunction'; name: string };

export type ProfileEditorToHost =
  /** The webview is ready; sampleIndex is the one it had saved (restored panels), if any. */
  | { type: 'ready'; sampleIndex?: number }
  | { type: 'selectSampleIndex'; sampleIndex: number }
  | { type: 'openSource'; file: string; line: number }
  /** The "Flame Graph" / "Call Graph" buttons. */
  | { type: 'showFlameGraph' }
  | { type: 'showCallGraph' }
  /** A row was selected (the flame graph selects the function too). */
  | { type: 'selectFunction'; name: string }
  /** The "Clear Filters" button: drop the focus/ignore/hide/show filters of every view of the profile. */
  | { type: 'clearFilters' };

/** What the profile editor webview saves with setState so a hidden panel restores as it was. */
export interface ProfileEditorState {
  sampleIndex?: number;
  sortColumn?: TopSortColumn;
  sortDescending?: boolean;
  scrollTop?: number;
  filter?: string;
}

export type TopSortColumn = 'flat' | 'flatPercent' | 'sumPercent' | 'cum' | 'cumPercent' | 'base' | 'new' | 'change' | 'name';

// ---- Flame graph panel ----

/** The view options of one profile, shared by all its views (flame graph, call graph, annotations). */
export interface ProfileViewOptions {
  sampleIndex: number;
  granularity: 'functions' | 'filefunctions' | 'files' | 'lines' | 'addresses';
  focus: string;
  ignore: string;
  hide: string;
  show: string;
  /** Node limit of the call graph (pprof -nodecount; 80 = pprof's default). */
  nodeCount: number;
}

/** The flame tree in columns (src/core/flame/flameTree.ts), nodes in depth-first pre-order. */
export interface FlameColumns {
  /** Per frame: printable name, source file ("" unknown) and line. */
  names: string[];
  files: string[];
  lines: number[];
  /** Per node. */
  parent: number[];
  frame: number[];
  flat: number[];
  cum: number[];
  width: number[];
  x: number[];
  depth: number[];
  inline: number[];
  total: number;
  sampleType: string;
  unit: string;
  outputUnit: string;
  ratio: number;
  maxDepth: number;
  diff: boolean;
  /** Frame index of "(small frames merged)" nodes (node limit), -1 when none. */
  mergedFrame: number;
}

export type HostToFlameGraph =
  | { type: 'loading'; fileName: string }
  | {
      type: 'flame';
      fileName: string;
      /** uri.toString() of the profile (the panel serializer reopens it from the saved state). */
      uri: string;
      sampleTypes: { type: string; unit: string }[];
      options: ProfileViewOptions;
      data: FlameColumns;
      /** A function to select and zoom to (from a CodeLens), by name. */
      reveal?: string;
      /** Set when the tree is the callers (inverted) tree of this function. */
      callersOf?: string;
      /** Set when the tree is bottom-up (leaf functions at the root). */
      inverted?: boolean;
    }
  | { type: 'error'; fileName: string; message: string }
  /** Another view (the top table) selected this function: select its widest frame. */
  | { type: 'select'; name: string };

export type FlameGraphToHost =
  | { type: 'ready'; state?: FlameGraphState }
  | { type: 'setOptions'; options: Partial<ProfileViewOptions> }
  | { type: 'openSource'; file: string; line: number }
  | { type: 'copy'; text: string }
  /** Show the callers (inverted) tree of a function; undefined: back to the whole tree. */
  | { type: 'showCallers'; name?: string }
  /** Bottom-up (true) or top-down tree. */
  | { type: 'setInverted'; inverted: boolean }
  /** A frame was selected (the other views select its function). */
  | { type: 'selected'; name: string }
  /** The function's `-list` report (pprofLens.showFunctionList). */
  | { type: 'showList'; name: string }
  | { type: 'showCallGraph' };

/** What the flame graph webview saves with setState (and the panel serializer restores). */
export interface FlameGraphState {
  uri?: string;
  /** Zoomed frame as the names on its path from the root. */
  zoomPath?: string[];
  search?: string;
  icicle?: boolean;
  /** Show callers (inverted) of this function instead of the whole tree. */
  callersOf?: string;
  /** Flame graph, top-down call tree or bottom-up call tree. */
  mode?: 'flame' | 'tree' | 'bottomUp';
}

// ---- Goroutine view (webview-ui/goroutines) ----

export interface GoroutineGroupView {
  key: string;
  count: number;
  state: string;
  maxWaitMinutes: number;
  minWaitMinutes: number;
  /** Innermost first. */
  frames: { func: string; file: string; line: number }[];
  createdBy?: { func: string; file: string; line: number };
  labels?: Record<string, string>;
  /** The frame where it waits (first outside runtime/sync internals), as an index into frames. */
  userFrame: number;
  /** First goroutine ids (dumps), at most 20. */
  ids: number[];
  /** A goroutine leak profile says these goroutines leaked (blocked forever, found by the GC). */
  leaked?: boolean;
  /** A crash's output: this group holds the goroutine that crashed (shown first). */
  crashed?: boolean;
}

export interface GoroutinesModel {
  fileName: string;
  source: string;
  total: number;
  /** 'dump': debug=2 (states, waits, creators); 'profile': protobuf or debug=1 (no states). */
  from: 'dump' | 'profile';
  groups: GoroutineGroupView[];
  /**
   * Set for a goroutine leak profile (/debug/pprof/goroutineleak): the leaked goroutines and their
   * groups. A ?debug=2 leak profile lists every goroutine (the leaked ones marked), a protobuf or
   * debug=1 one only the leaked ones (and no creation sites).
   */
  leak?: { leaked: number; groups: number };
  /** Set for a crash's output: its message lines (`panic: …`, `[signal …]`) and the crashing goroutine's id. */
  crash?: { message: string[]; goroutineId?: number };
}

export type HostToGoroutines =
  | { type: 'goroutines'; model: GoroutinesModel }
  | { type: 'error'; message: string };

export type GoroutinesToHost =
  | { type: 'ready' }
  | { type: 'openSource'; file: string; line: number };

export interface GoroutinesState {
  sort?: 'count' | 'wait' | 'state' | 'function';
  filter?: string;
  expanded?: string[];
  /** Leak profile: also show the goroutines that did not leak. */
  showAll?: boolean;
}

// ---- Watch Goroutines / Watch Heap (webview-ui/watch) ----

export interface WatchPartView {
  key: string;
  title: string;
  site?: string;
  file?: string;
  line?: number;
  /** One value per point (null at gaps). */
  values: (number | null)[];
  suspect: boolean;
  /** Watch Goroutines: the goroutine leak profile found this group's goroutines leaked. */
  leaked?: boolean;
}

export interface WatchModel {
  kind: 'goroutines' | 'heap';
  target: string;
  /** "goroutines" or "bytes": how values are printed. */
  unit: 'count' | 'bytes';
  intervalSeconds: number;
  running: boolean;
  /** Per point: ms since epoch; total (null at gaps); the message of a gap. */
  times: number[];
  totals: (number | null)[];
  gaps: (string | null)[];
  /** The largest parts of the latest snapshot, and every suspected leak. */
  parts: WatchPartView[];
  suspects: { key: string; title: string; site?: string; file?: string; line?: number; from: number; to: number; increases: number }[];
  snapshots: number;
  /** Status line: "polling every 10 s", "target away since 12:00:03", ... */
  status: string;
  /**
   * Watch Goroutines and the target's goroutine leak profile: 'served' (every snapshot is a leak
   * check; `confirmed` are the groups the GC found leaked in the latest one), 'not-served' (404:
   * `note` says how to enable it), 'off' (pprofLens.watchLeakProfile), 'try' (no answer yet).
   */
  leakProfile?: {
    state: 'try' | 'served' | 'not-served' | 'off';
    confirmed: { key: string; title: string; site?: string; file?: string; line?: number; count: number }[];
    note?: string;
  };
}

export type HostToWatch = { type: 'watch'; model: WatchModel };

export type WatchToHost =
  | { type: 'ready' }
  | { type: 'stop' }
  | { type: 'compareFirstLast' }
  | { type: 'openSource'; file: string; line: number }
  | { type: 'openLatest' };

// ---- Call graph panel ----

/** A node of the `-dot` graph: its SVG id ("node7"), function and source. */
export interface CallGraphNode {
  id: string;
  name: string;
  file: string;
  line: number;
}

export type HostToCallGraph =
  | {
      type: 'graph';
      fileName: string;
      uri: string;
      /** `pprof-lens -dot` output for the profile's view options. */
      dot: string;
      nodes: CallGraphNode[];
      options: ProfileViewOptions;
      sampleTypes: { type: string; unit: string }[];
    }
  | { type: 'error'; fileName: string; message: string };

export type CallGraphToHost =
  | { type: 'ready' }
  | { type: 'setOptions'; options: Partial<ProfileViewOptions> }
  | { type: 'openSource'; id: string }
  | { type: 'showFlameGraph'; name: string };

// ---- Execution trace editor ----

/**
 * The trace timeline in columns, times in ns relative to the trace's first event. Typed arrays are
 * posted as they are (VS Code transfers their ArrayBuffers, no JSON arrays of numbers).
 */
export interface TraceTimelineData {
  fileName: string;
  /** "go 1.19" etc. */
  format: string;
  durationNs: number;
  eventCount: number;
  /** Goroutines that ran on a P (have a span on a P lane). */
  goroutineCount: number;
  /** Goroutines that existed during the trace (the Goroutines tab's count), and those already there when it began. */
  goroutinesExisted: number;
  goroutinesBeforeTrace: number;
  /** P ids, one lane each. */
  procs: number[];
  /**
   * Running spans sorted by lane then start; lane -1 = no P (not drawn). label: index into `labels`
   * of the goroutine's label when the span ended (0 = none; labels[0] is "").
   */
  run: { lane: Int32Array; g: Float64Array; start: Float64Array; end: Float64Array; endReason: Uint8Array; label: Int32Array };
  labels: string[];
  /** Goroutine start functions as Go's trace viewer names spans ("G18 main.cpuLoop"): parallel arrays. */
  names: { g: Float64Array; name: string[] };
  /** Go's trace viewer counters (src/core/traceView/counters.ts), step functions over time. */
  counters: TraceCountersView;
  gc: { start: Float64Array; end: Float64Array };
  stw: { start: Float64Array; end: Float64Array };
  assist: { start: Float64Array; end: Float64Array };
  heapAlloc: { time: Float64Array; value: Float64Array };
  heapGoal: { time: Float64Array; value: Float64Array };
  /** Syscall (kind 0), syscall that blocked (1), network wait (2), sorted by time. */
  markers: { lane: Int32Array; time: Float64Array; end: Float64Array; kind: Uint8Array };
}

export interface TraceCountersView {
  goroutines: { time: Float64Array; running: Float64Array; runnable: Float64Array; gcWaiting: Float64Array; waiting: Float64Array };
  heap: { time: Float64Array; allocated: Float64Array; nextGC: Float64Array };
  threads: { time: Float64Array; running: Float64Array };
  syscalls: { time: Float64Array; inSyscall: Float64Array };
}

export interface TraceFrameView { func: string; file: string; line: number }

export interface TraceSpanDetails {
  /** Index into run of the span. */
  index: number;
  g: number;
  /** Start function of the goroutine, then its label in parentheses, as Go names the span (may be ''). */
  name: string;
  proc: number;
  start: number;
  end: number;
  /** How the span ended, e.g. "blocked (chan receive)". */
  state: string;
  /** Stack where it stopped running (leaf first), and where it started when known. */
  endStack: TraceFrameView[];
  startStack: TraceFrameView[];
  /** The goroutine whose unblock made this one runnable before the span (time relative, ns). */
  wokenBy?: { g: number; time: number };
  /** Goroutines this span unblocked or created (capped). */
  wakes: { g: number; time: number; kind: 'unblock' | 'create' }[];
}

export interface TraceGoroutineRow {
  id: number; total: number; exec: number; io: number; block: number; syscall: number; sched: number; sweep: number; gc: number;
  /** Already there when tracing began: its times count from the trace's start (Go 1.27's summary). */
  beforeTrace?: boolean;
}

export interface TraceGoroutineGroupView extends Omit<TraceGoroutineRow, 'id' | 'beforeTrace'> {
  name: string;
  count: number;
  /** How many of them were already there when tracing began. */
  beforeTrace: number;
  /** The group's goroutines, longest execution first (capped; `more` tells how many were left out). */
  goroutines: TraceGoroutineRow[];
  more: number;
}

export type TraceProfileKind = 'net' | 'sync' | 'syscall' | 'sched';

/** User annotations (src/core/traceView/userAnnotations.ts), times in ns from the trace start. */
export interface TraceAnnotationsView {
  tasks: { id: number; name: string; parent: number; start: number; end: number; startKnown: boolean; endKnown: boolean; goroutines: number[] }[];
  regions: { g: number; name: string; task: number; start: number; end: number; startKnown: boolean; endKnown: boolean; depth: number }[];
  logs: { time: number; g: number; task: number; category: string; message: string }[];
  /** How many regions / logs were left out (lists are capped for huge traces). */
  moreRegions: number;
  moreLogs: number;
}

/** The MMU curve (src/core/traceView/mmu.ts): window lengths (ns, log-spaced) and their MMU. */
export interface TraceMMUView {
  window: number[];
  mmu: number[];
}

export type HostToTraceTimeline =
  | { type: 'loading'; fileName: string }
  | { type: 'timeline'; data: TraceTimelineData }
  | { type: 'error'; fileName: string; message: string }
  | { type: 'spanDetails'; details: TraceSpanDetails }
  | { type: 'goroutines'; groups: TraceGoroutineGroupView[]; durationNs: number }
  | { type: 'annotations'; data: TraceAnnotationsView }
  | { type: 'mmu'; data: TraceMMUView }
  | { type: 'status'; message: string };

export type TraceTimelineToHost =
  | { type: 'ready' }
  | { type: 'spanDetails'; index: number }
  | { type: 'openSource'; file: string; line: number }
  | { type: 'goroutines' }
  | { type: 'annotations' }
  | { type: 'mmu' }
  | { type: 'openProfile'; kind: TraceProfileKind };

/** What a trace timeline panel keeps when hidden. */
export interface TraceTimelineState {
  tab?: 'timeline' | 'goroutines' | 'annotations' | 'mmu';
  viewStart?: number;
  viewEnd?: number;
}
