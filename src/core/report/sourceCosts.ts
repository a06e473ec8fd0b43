// Source costs: the profile indexed by source file -> line -> {flat, cum} and by function, for the
// editor annotations (inline figures, CodeLens, hovers). Built once per (profile, options) and then
// only read: switching editors never walks the samples again.
//
// The per-line figures are those of `go tool pprof -list=<function>` (report.printSource): the
// graph at line granularity with the -list overrides (no trimming, binary names kept), one entry
// per function / file / line, lines reached only through inlining included (an inlined frame is a
// node of its own function and line). Callers and callees with their shares are those of `-peek`
// (function granularity, no trimming): edge weight over the function's cum.
import type { Profile, ValueType } from '../profile/profile';
import type { Node } from '../graph/graph';
import { percentage } from '../measurement/measurement';
import { prepareReport } from './generateReport';
import type { Report } from './report';
import type { ReportOptions } from './reportOptions';
import { defaultReportOptions } from './reportOptions';

export interface LineCost {
  line: number;
  flat: number;
  cum: number;
}

/** A caller or callee of a function, at function granularity (as `-peek` shows it). */
export interface CallShare {
  name: string;
  /** Edge weight, in the sample type's unit. */
  weight: number;
  /** weight / the function's cum (0..1; 0 when the cum is 0). */
  share: number;
  /** Where to go: the call site in the caller (callers) or the callee's first line (callees). */
  file: string;
  line: number;
}

export interface FunctionCost {
  name: string;
  /** The file as pprof prints it in -list ("ROUTINE ... in <file>"). */
  file: string;
  /** First line of the function (0 when the profile does not say). */
  startLine: number;
  /** Lowest and highest line with samples. */
  firstLine: number;
  lastLine: number;
  /** The ROUTINE header of -list: sums of the per-line flat and cum. */
  flat: number;
  cum: number;
  /** Per-line figures, ascending by line (only lines with a non-zero flat or cum). */
  lines: LineCost[];
}

/** Who calls a function and what it calls (SourceCosts.calls). */
export interface FunctionCalls {
  /** Largest first (at most 5 each). */
  callers: CallShare[];
  callees: CallShare[];
  /** Functions this one was inlined into (callers reached through an inline edge). */
  inlinedInto: string[];
}

/** A line of a file with samples, and the function whose -list figures it shows. */
export interface FileLineCost extends LineCost {
  fn: FunctionCost;
  /** Other functions with samples on the same line (e.g. a closure defined and called on it). */
  others?: { fn: FunctionCost; flat: number; cum: number }[];
}

export interface FileCosts {
  file: string;
  /** Ascending by line. */
  lines: FileLineCost[];
  /** Ascending by startLine (then name). */
  functions: FunctionCost[];
  /** Largest line cum in the file (for heat scaling). */
  maxCum: number;
}

export class SourceCosts {
  /** Report total (pprof's "Total:" of -list), in the sample type's unit. */
  readonly total: number;
  readonly sampleType: ValueType;
  readonly sampleIndex: number;
  private readonly byFile: Map<string, FileCosts>;
  private readonly byName: Map<string, FunctionCost[]>;
  private callsByName: Map<string, FunctionCalls> | undefined;

  constructor(
    private readonly rpt: Report,
    byFile: Map<string, FileCosts>,
    byName: Map<string, FunctionCost[]>,
    private readonly computeCalls: () => Map<string, FunctionCalls>,
  ) {
    this.total = rpt.total;
    this.sampleIndex = rpt.options.sampleIndex;
    this.sampleType = rpt.prof.sampleType[this.sampleIndex];
    this.byFile = byFile;
    this.byName = byName;
  }

  /**
   * Callers and callees with their shares (as `-peek`) and "inlined into". Computed for every
   * function on the first call (hovers need it; the inline figures do not).
   */
  calls(fc: FunctionCost): FunctionCalls {
    if (!this.callsByName) this.callsByName = this.computeCalls();
    return this.callsByName.get(fc.name) ?? { callers: [], callees: [], inlinedInto: [] };
  }

  /** Profile file names with samples (as pprof prints them), sorted. */
  files(): string[] {
    return Array.from(this.byFile.keys()).sort();
  }

  file(file: string): FileCosts | undefined {
    return this.byFile.get(file);
  }

  /** Functions of that name (one per file, as -list prints a ROUTINE per file). */
  functions(name: string): FunctionCost[] {
    return this.byName.get(name) ?? [];
  }

  private readonly texts = new Map<number, string>();

  /** A value as pprof prints it in -list (e.g. "1.20s", "512kB"). */
  format(v: number): string {
    // Values repeat a lot (multiples of the sampling period): format each once.
    let t = this.texts.get(v);
    if (t === undefined) {
      t = this.rpt.formatValue(v);
      if (this.texts.size < 1 << 16) this.texts.set(v, t);
    }
    return t;
  }

  /** As -list prints a per-line value: "." for zero. */
  formatOrDot(v: number): string {
    return v === 0 ? '.' : this.format(v);
  }

  /** Percentage of the total as pprof prints it, e.g. "29.57%". */
  percent(v: number): string {
    return percentage(v, this.total).trim();
  }
}

/**
 * Indexes the profile for the sample type and filters of `options` (format, symbol, granularity
 * and trimming are the -list ones whatever `options` says).
 */
export function indexSourceCosts(profile: Profile, options: Partial<ReportOptions> = {}): SourceCosts {
  const base: ReportOptions = { ...defaultReportOptions(), ...options };
  // -list: lines granularity, no trimming, binary names (pprof's applyCommandOverrides for list).
  const rpt = prepareReport(profile, { ...base, format: 'list', symbol: undefined });
  const lineSource = rpt.graphSource(false, true);
  const lineGraph = lineSource.build(undefined, false);

  // Group line nodes by function name, then file (report.printSource).
  const byName = new Map<string, FunctionCost[]>();
  const fnOf = new Map<string, FunctionCost>();
  const lineMaps = new Map<FunctionCost, Map<number, LineCost>>();
  for (const n of lineGraph.nodes) {
    const file = n.info.file;
    if (file === '') continue;
    const name = n.info.name;
    const key = name + '\u0000' + file;
    let fc = fnOf.get(key);
    if (!fc) {
      fc = { name, file, startLine: 0, firstLine: 0, lastLine: 0, flat: 0, cum: 0, lines: [] };
      fnOf.set(key, fc);
      lineMaps.set(fc, new Map());
      let list = byName.get(name);
      if (!list) byName.set(name, (list = []));
      list.push(fc);
    }
    if (fc.startLine === 0 || (n.info.startLine !== 0 && n.info.startLine < fc.startLine)) fc.startLine = n.info.startLine;
    fc.flat += n.flat;
    fc.cum += n.cum;
    const lines = lineMaps.get(fc)!;
    let lc = lines.get(n.info.lineno);
    if (!lc) lines.set(n.info.lineno, (lc = { line: n.info.lineno, flat: 0, cum: 0 }));
    lc.flat += n.flat;
    lc.cum += n.cum;
  }

  const byFile = new Map<string, FileCosts>();
  for (const fc of fnOf.values()) {
    fc.lines = Array.from(lineMaps.get(fc)!.values())
      .filter((l) => l.flat !== 0 || l.cum !== 0)
      .sort((a, b) => a.line - b.line);
    if (fc.lines.length > 0) {
      fc.firstLine = fc.lines[0].line;
      fc.lastLine = fc.lines[fc.lines.length - 1].line;
    }
    let f = byFile.get(fc.file);
    if (!f) byFile.set(fc.file, (f = { file: fc.file, lines: [], functions: [], maxCum: 0 }));
    f.functions.push(fc);
  }
  for (const f of byFile.values()) finishFile(f);

  const computeCalls = (): Map<string, FunctionCalls> => {
    // Call sites from the line graph's edges (where in the caller the call is).
    const callSites: CallSites = new Map();
    for (const n of lineSource.build().nodes) {
      if (n.info.file === '') continue;
      for (const e of n.in) collectCallSite(callSites, n.info.name, e.src, e.weight);
    }
    // -peek: function granularity, no trimming; its edges carry the call shares.
    const peek = prepareReport(profile, { ...base, format: 'peek', symbol: undefined, granularity: 'functions' });
    const startOf = (name: string): { file: string; line: number } => {
      const fc = byName.get(name)?.[0];
      return fc ? { file: fc.file, line: fc.startLine || fc.firstLine } : { file: '', line: 0 };
    };
    const out = new Map<string, FunctionCalls>();
    for (const fn of peek.graphSource(false, false).build().nodes) {
      if (byName.has(fn.info.name)) out.set(fn.info.name, functionCalls(fn, callSites, startOf));
    }
    return out;
  };
  return new SourceCosts(rpt, byFile, byName, computeCalls);
}

type CallSites = Map<string, Map<string, Map<string, { file: string; line: number; w: number }>>>;

/** callee -> caller -> "file:line" -> weight of the calls from there (lines graph edges). */
function collectCallSite(sites: CallSites, callee: string, src: Node, w: number): void {
  const caller = src.info.name;
  if (caller === callee || src.info.file === '') return;
  let byCaller = sites.get(callee);
  if (!byCaller) sites.set(callee, (byCaller = new Map()));
  let m = byCaller.get(caller);
  if (!m) byCaller.set(caller, (m = new Map()));
  const key = `${src.info.file}\u0000${src.info.lineno}`;
  const s = m.get(key);
  if (s) s.w += w;
  else m.set(key, { file: src.info.file, line: src.info.lineno, w });
}

const maxCalls = 5;

function functionCalls(
  fn: Node,
  callSites: CallSites,
  startOf: (name: string) => { file: string; line: number },
): FunctionCalls {
  const cum = fn.cum;
  const share = (w: number) => (cum === 0 ? 0 : Math.abs(w / cum));
  const byWeight = (a: CallShare, b: CallShare) => Math.abs(b.weight) - Math.abs(a.weight) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const sites = callSites.get(fn.info.name);
  const callers: CallShare[] = [];
  const inlinedInto = new Set<string>();
  for (const e of fn.in) {
    const name = e.src.info.name;
    if (name === fn.info.name) continue;
    if (e.inline) inlinedInto.add(name);
    // The caller's busiest call site of this function.
    let best: { file: string; line: number; w: number } | undefined;
    for (const s of sites?.get(name)?.values() ?? []) {
      if (!best || s.w > best.w) best = s;
    }
    const at = best ?? startOf(name);
    callers.push({ name, weight: e.weight, share: share(e.weight), file: at.file, line: at.line });
  }
  const callees: CallShare[] = [];
  for (const e of fn.out) {
    const name = e.dest.info.name;
    if (name === fn.info.name) continue;
    const at = startOf(name);
    callees.push({ name, weight: e.weight, share: share(e.weight), file: at.file, line: at.line });
  }
  callers.sort(byWeight);
  callees.sort(byWeight);
  return { callers: callers.slice(0, maxCalls), callees: callees.slice(0, maxCalls), inlinedInto: Array.from(inlinedInto).sort() };
}

/** Per-line view of a file: each line shows the figures of the function with the most cum there. */
function finishFile(f: FileCosts): void {
  f.functions.sort((a, b) => a.startLine - b.startLine || a.firstLine - b.firstLine || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const at = new Map<number, FileLineCost>();
  for (const fn of f.functions) {
    for (const l of fn.lines) {
      const cur = at.get(l.line);
      if (!cur) {
        at.set(l.line, { line: l.line, flat: l.flat, cum: l.cum, fn });
        continue;
      }
      // Prefer the larger cum; on a tie the innermost (latest starting) function.
      const takeNew = Math.abs(l.cum) > Math.abs(cur.cum) || (Math.abs(l.cum) === Math.abs(cur.cum) && fn.startLine > cur.fn.startLine);
      const others = cur.others ?? [];
      if (takeNew) {
        others.push({ fn: cur.fn, flat: cur.flat, cum: cur.cum });
        at.set(l.line, { line: l.line, flat: l.flat, cum: l.cum, fn, others });
      } else {
        others.push({ fn, flat: l.flat, cum: l.cum });
        cur.others = others;
      }
    }
  }
  f.lines = Array.from(at.values()).sort((a, b) => a.line - b.line);
  let max = 0;
  for (const l of f.lines) if (Math.abs(l.cum) > max) max = Math.abs(l.cum);
  f.maxCum = max;
}
