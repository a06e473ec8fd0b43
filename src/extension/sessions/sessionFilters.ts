// The filters one profile's views share (flame graph, call graph, profile editor, source annotations).
// Kept free of `vscode` so report-building modules that use it stay testable in plain Node.

/** focus/ignore/hide/show, Go RE2 syntax as in `pprof-lens -focus=…`. */
export interface SessionFilters {
  focus: string;
  ignore: string;
  hide: string;
  show: string;
}

export const noFilters: SessionFilters = Object.freeze({ focus: '', ignore: '', hide: '', show: '' });
