// Messages between the extension host and its webviews. Types only: no logic lives here, so both the
// Node bundle (extension) and the browser bundles (webview-ui) can import it.

/** What the profile editor shows: compact, already computed in the extension host. */
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
}

export type HostToProfileEditor =
  | { type: 'loading'; fileName: string }
  | { type: 'profile'; summary: ProfileSummary; top: TopColumns }
  | { type: 'error'; fileName: string; message: string };

export type ProfileEditorToHost =
  /** The webview is ready; sampleIndex is the one it had saved (restored panels), if any. */
  | { type: 'ready'; sampleIndex?: number }
  | { type: 'selectSampleIndex'; sampleIndex: number }
  | { type: 'openSource'; file: string; line: number };

/** What the profile editor webview saves with setState so a hidden panel restores as it was. */
export interface ProfileEditorState {
  sampleIndex?: number;
  sortColumn?: TopSortColumn;
  sortDescending?: boolean;
  scrollTop?: number;
  filter?: string;
}

export type TopSortColumn = 'flat' | 'flatPercent' | 'sumPercent' | 'cum' | 'cumPercent' | 'name';
