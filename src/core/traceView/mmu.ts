// Minimum mutator utilisation, as Go 1.27's `go tool trace` /mmu page computes it (Go's internal/trace
// gc.go: MutatorUtilizationV2 on the event model, for every trace version — Go 1.11–1.21 traces
// converted as Go converts them — then MMUCurve.MMU at the page's windows, mmuPlot).
//
// Mutator utilisation is a step function of time: with GOMAXPROCS = n (known from the first
// ProcsChange; nothing counts before it), a P "does GC" while it runs a mark assist (or a goroutine
// in one), a background mark worker (a goroutine labelled "GC …" but not "GC (idle)"), or sweeps
// (only with UtilFlags.Sweep); a GC stop-the-world ("stop-the-world (…GC…)") stops them all.
// Utilisation = 1 − (Ps doing GC) / n (or, per P, 0 or 1). MMU(w) is the minimum over all windows of
// length w inside the trace of the mean utilisation. The windowed mean is piecewise linear in the
// window's start, with breaks where either edge meets a step, so its minimum is at one of those
// starts: this computes it exactly in one linear sweep per window (Go gets the same figure with band
// bounds to skip windows; we sweep them all, O(steps) per window). Times are Go's (absolute, ns).
//
// Checked against Go 1.27's go tool trace itself (test/unit/traceView/mmu.test.ts: its /mmu?mode=plot
// JSON, windows equal, MMU to 1e-9).
import { Ev } from '../trace/specs';
import type { TraceData } from '../trace/traceData';
import { GoState, goTransition } from '../trace/pprofV2';

export const enum UtilFlags { STW = 1, Background = 2, Assist = 4, Sweep = 8, PerProc = 16 }
/** What cmd/trace's MMU page checks by default: STW, background workers, mark assists; system-wide. */
export const DEFAULT_UTIL_FLAGS = UtilFlags.STW | UtilFlags.Background | UtilFlags.Assist;

/** A step function: util[i] holds on [time[i], time[i+1]); the last point (util 0) marks the end. */
export interface UtilSeries {
  time: Float64Array;
  util: Float64Array;
}

class Steps {
  time: number[] = [];
  util: number[] = [];
  /** Go's addUtil: drop non-changes; at one time stamp keep the lowest utilisation. */
  add(t: number, u: number): void {
    const n = this.util.length;
    if (n > 0) {
      if (u === this.util[n - 1]) return;
      if (t === this.time[n - 1]) {
        if (u < this.util[n - 1]) this.util[n - 1] = u;
        return;
      }
    }
    this.time.push(t);
    this.util.push(u);
  }
  done(): UtilSeries { return { time: Float64Array.from(this.time), util: Float64Array.from(this.util) }; }
}

const executing = (s: GoState | undefined): boolean => s === GoState.Running || s === GoState.Syscall;

/** Range name of a range event (Go's Event.Range().Name), or undefined. */
function rangeName(t: TraceData, i: number): string | undefined {
  switch (t.events.kind(i)) {
    case Ev.STWBegin: case Ev.STWEnd: return `stop-the-world (${t.strings[t.events.a0(i)] ?? ''})`;
    case Ev.GCBegin: case Ev.GCActive: case Ev.GCEnd: return 'GC concurrent mark phase';
    case Ev.GCSweepBegin: case Ev.GCSweepActive: case Ev.GCSweepEnd: return 'GC incremental sweep';
    case Ev.GCMarkAssistBegin: case Ev.GCMarkAssistActive: case Ev.GCMarkAssistEnd: return 'GC mark assist';
    default: return undefined;
  }
}

/** The mutator utilisation functions of a trace (one, or one per P with UtilFlags.PerProc): a port of
 * Go's MutatorUtilizationV2. Empty when the trace never tells GOMAXPROCS. */
export function mutatorUtilization(t: TraceData, flags: number = DEFAULT_UTIL_FLAGS): UtilSeries[] {
  const e = t.events;
  const perProc = (flags & UtilFlags.PerProc) !== 0;
  const out: Steps[] = [];
  let ps: { gc: number; series: number }[] = [];
  const procs: { time: number; n: number }[] = [];
  let stw = 0;
  const inGC = new Set<number>();
  const states = new Map<number, GoState>();
  const bgMark = new Set<number>();
  let nSync = 0;
  let lastTime: number | undefined;
  // Go indexes ps[ev.Proc()] (and would panic outside it); out-of-range Ps are ignored here.
  const gcAt = (p: number, d: number): void => {
    if (p >= 0 && p < ps.length) ps[p].gc += d;
  };
  const handleSTW = (name: string): boolean => (flags & UtilFlags.STW) !== 0 && name.startsWith('stop-the-world') && name.includes('GC');
  const handleAssist = (name: string): boolean => (flags & UtilFlags.Assist) !== 0 && name === 'GC mark assist';
  const handleSweep = (name: string): boolean => (flags & UtilFlags.Sweep) !== 0 && name === 'GC incremental sweep';

  for (let i = 0; i < e.length; i++) {
    const k = e.kind(i);
    const time = e.time(i);
    lastTime = time;
    if (k === Ev.SyncMarker) nSync++;
    if (k === Ev.ProcsChange) {
      const n = Math.max(0, Math.floor(e.a0(i)));
      if (ps.length > n) {
        if (perProc) for (const q of ps.slice(n)) out[q.series].add(time, 0);
        ps = ps.slice(0, n);
      }
      while (ps.length < n) {
        let series = 0;
        if (perProc || out.length === 0) {
          series = out.length;
          const s = new Steps();
          s.add(time, 1);
          out.push(s);
        }
        ps.push({ gc: 0, series });
      }
      if (procs.length === 0 || procs[procs.length - 1].n !== n) procs.push({ time, n });
    }
    if (ps.length === 0) continue;

    const p = e.p(i);
    const name = rangeName(t, i);
    if (name !== undefined) {
      const active = k === Ev.GCActive || k === Ev.GCSweepActive || k === Ev.GCMarkAssistActive;
      const end = k === Ev.STWEnd || k === Ev.GCEnd || k === Ev.GCSweepEnd || k === Ev.GCMarkAssistEnd;
      if (active && nSync <= 1) {
        // A range active at the start of the first generation: it ran since the trace began.
        const fix = (handleAssist(name) && executing(states.get(e.g(i)))) || handleSweep(name);
        if (fix && !perProc) {
          const s = out[0];
          let pi = 0;
          for (let mi = 0; mi < s.util.length;) {
            if (pi < procs.length - 1 && procs[pi + 1].time < s.time[mi]) { pi++; continue; }
            s.util[mi] = Math.max(0, s.util[mi] - 1 / procs[pi].n);
            mi++;
          }
        }
      }
      if (!end) {
        if (handleSTW(name)) stw++;
        else if (handleSweep(name)) gcAt(p, 1);
        else if (handleAssist(name)) {
          gcAt(p, 1);
          const g = k === Ev.GCMarkAssistActive ? e.a0(i) : e.g(i);
          if (g !== -1) inGC.add(g);
        }
      } else {
        if (handleSTW(name)) stw--;
        else if (handleSweep(name)) gcAt(p, -1);
        else if (handleAssist(name)) {
          gcAt(p, -1);
          const g = e.g(i);
          if (g !== -1) inGC.delete(g);
        }
      }
    } else if (k === Ev.GoLabel) {
      const label = t.strings[e.a0(i)] ?? '';
      if ((flags & UtilFlags.Background) && label.startsWith('GC ') && label !== 'GC (idle)' && !(perProc && label === 'GC (dedicated)')) {
        bgMark.add(e.g(i));
        gcAt(p, 1);
      }
    } else {
      const st = goTransition(t, i);
      if (st) {
        if (inGC.has(st.g) || bgMark.has(st.g)) {
          if (!executing(st.from) && executing(st.to)) gcAt(p, 1);
          else if (executing(st.from) && !executing(st.to)) gcAt(p, -1);
        }
        states.set(st.g, st.to);
      }
    }

    if (!perProc) {
      let gcPs = 0;
      if (stw > 0) gcPs = ps.length;
      else for (const q of ps) if (q.gc > 0) gcPs++;
      out[0].add(time, 1 - gcPs / ps.length);
    } else {
      for (const q of ps) out[q.series].add(time, stw > 0 || q.gc > 0 ? 0 : 1);
    }
  }
  if (lastTime === undefined) return [];
  for (const q of ps) out[q.series].add(lastTime, 0);
  return out.map((s) => s.done());
}

/** Minimum over all windows of length `window` (ns; clamped to each series' length) of the mean
 * utilisation, over all series. 0 for a window ≤ 0 or no data. */
export function mmu(series: UtilSeries[], window: number): number {
  if (!(window > 0) || series.length === 0) return 0;
  let best = 1;
  for (const s of series) {
    const m = seriesMMU(s, window);
    if (m < best) best = m;
  }
  return best;
}

function seriesMMU(s: UtilSeries, window: number): number {
  const { time, util } = s;
  const n = time.length;
  if (n < 2) return n === 0 ? 1 : util[0];
  const t0 = time[0];
  const tEnd = time[n - 1];
  const dur = tEnd - t0;
  if (dur <= 0) return util[0];
  const w = Math.min(window, dur);
  // sums[j]: integral from t0 to time[j].
  const sums = new Float64Array(n);
  for (let j = 1; j < n; j++) sums[j] = sums[j - 1] + util[j - 1] * (time[j] - time[j - 1]);
  // Monotone integrators for the left and right edges.
  let lp = 0;
  let rp = 0;
  const integ = (x: number, pos: number): [number, number] => {
    while (pos + 1 < n && time[pos + 1] <= x) pos++;
    return [sums[pos] + (x > time[pos] ? util[pos] * (x - time[pos]) : 0), pos];
  };
  const lastStart = tEnd - w;
  let min = Infinity;
  // Candidate starts, ascending: each step time (left edge on a step) and each step time − w (right
  // edge on a step), clamped to [t0, tEnd − w]; merged from the two sorted lists.
  let i = 0;
  let j = 0;
  let prev = -Infinity;
  while (i < n || j < n) {
    const a = i < n ? time[i] : Infinity;
    const b = j < n ? time[j] - w : Infinity;
    let x: number;
    if (a <= b) { x = a; i++; } else { x = b; j++; }
    if (x < t0) x = t0;
    if (x > lastStart) x = lastStart;
    if (x <= prev) continue;
    prev = x;
    let left: number;
    let right: number;
    [left, lp] = integ(x, lp);
    [right, rp] = integ(x + w, Math.max(rp, lp));
    const mu = (right - left) / w;
    if (mu < min) min = mu;
    if (min <= 0) return 0;
  }
  return Math.min(1, Math.max(0, min));
}

export interface MMUCurve {
  /** Window lengths (ns, whole), ascending, log-spaced. */
  window: Float64Array;
  mmu: Float64Array;
  xMin: number;
  xMax: number;
}

/** The MMU curve of `go tool trace`'s /mmu page (HandlePlot): xMin the first of 1 s, 1 ms, 1 µs, 1 ns
 * where MMU < 0.0001, xMax = min(1e6 × xMin, the trace's span); `samples` log-spaced whole-ns windows. */
export function mmuCurve(series: UtilSeries[], samples = 100): MMUCurve {
  const nonEmpty = series.filter((s) => s.time.length > 0);
  if (nonEmpty.length === 0 || samples < 1) return { window: new Float64Array(0), mmu: new Float64Array(0), xMin: 0, xMax: 0 };
  let xMin = 1e9;
  while (xMin > 1) {
    if (mmu(series, xMin) < 0.0001) break;
    xMin = Math.trunc(xMin / 1000);
  }
  let xMax = xMin * 1e6;
  let minEvent = Infinity;
  let maxEvent = -Infinity;
  for (const s of nonEmpty) {
    minEvent = Math.min(minEvent, s.time[0]);
    maxEvent = Math.max(maxEvent, s.time[s.time.length - 1]);
  }
  if (xMax > maxEvent - minEvent) xMax = maxEvent - minEvent;
  const logMin = Math.log(xMin);
  const logMax = Math.log(xMax);
  const window = new Float64Array(samples);
  const out = new Float64Array(samples);
  for (let k = 0; k < samples; k++) {
    window[k] = Math.trunc(Math.exp((samples > 1 ? k / (samples - 1) : 0) * (logMax - logMin) + logMin));
    out[k] = mmu(series, window[k]);
  }
  return { window, mmu: out, xMin, xMax };
}
