// Minimum mutator utilisation, as `go tool trace`'s /mmu page computes it (Go's internal/trace
// gc.go: MutatorUtilizationV2 on the event model, then MMUCurve.MMU).
//
// Mutator utilisation is a step function of time: with GOMAXPROCS = n, a P "does GC" while it runs a
// mark assist (or a goroutine in one), a background mark worker (a goroutine labelled "GC …" but not
// "GC (idle)"), or sweeps (only with UtilFlags.Sweep); a GC stop-the-world ("stop-the-world (…GC…)")
// stops them all. Utilisation = 1 − (Ps doing GC) / n (or, per P, 0 or 1). MMU(w) is the minimum over
// all windows of length w inside the trace of the mean utilisation. The windowed mean is piecewise
// linear in the window's start, with breaks where either edge meets a step, so its minimum is at one of
// those starts: this computes it exactly in one linear sweep per window (Go gets the same figure with
// band bounds to skip windows; we sweep them all, O(steps) per window).
//
// Checked against Go 1.19's internal/trace on its v1 fixtures (test/unit/traceView/mmu.test.ts: equal to
// 1e-5). Two deliberate differences from MutatorUtilizationV2: a background worker counts for the run
// its "GC …" label starts (V2 keeps it marked for good, and counts a relabelled run twice), and STW
// begins seen before GOMAXPROCS is known still count; on converted v1 traces the curve starts at the
// trace start (see initialProcs below) as Go 1.19's did.
import { Ev } from '../trace/specs';
import type { TraceData } from '../trace/traceData';

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

function isGCSTW(kind: string): boolean {
  // Go: the range "stop-the-world (KIND)" counts when its name contains "GC".
  return kind.includes('GC');
}

/** The mutator utilisation functions of a trace (one, or one per P with UtilFlags.PerProc); times in ns
 * relative to the trace's first event. */
export function mutatorUtilization(t: TraceData, flags: number = DEFAULT_UTIL_FLAGS): UtilSeries[] {
  const e = t.events;
  let origin = NaN;
  for (let i = 0; i < e.length && Number.isNaN(origin); i++) if (e.kind(i) !== Ev.SyncMarker) origin = e.time(i);
  if (Number.isNaN(origin)) return [];
  const perProc = (flags & UtilFlags.PerProc) !== 0;
  const out: Steps[] = [];
  const ps: { gc: number; series: number }[] = [];
  const procs: { time: number; n: number }[] = [];
  let stw = 0;
  const inGC = new Set<number>();
  const bgMark = new Set<number>();
  const executing = new Set<number>();
  let seenEvent = false;
  let seenSync = false;
  let last = 0;

  const gcAt = (p: number, d: number): void => {
    if (p >= 0 && p < ps.length) ps[p].gc = Math.max(0, ps[p].gc + d);
  };
  const transition = (g: number, p: number, now: boolean): void => {
    const was = executing.has(g);
    if (inGC.has(g) || bgMark.has(g)) {
      if (!was && now) gcAt(p, 1);
      else if (was && !now) gcAt(p, -1);
    }
    // A background worker is one for the run its GoLabel starts (Go 1.19's accounting: the runtime
    // labels every run of a worker, and a worker may run "GC (idle)" next time).
    if (was && !now) bgMark.delete(g);
    if (now) executing.add(g);
    else executing.delete(g);
  };
  /** Fix-up for a range found active in the first generation: it ran since the trace began. */
  const activeSinceStart = (): void => {
    if (perProc || out.length === 0) return;
    const s = out[0];
    let pi = 0;
    for (let mi = 0; mi < s.util.length;) {
      if (pi < procs.length - 1 && procs[pi + 1].time < s.time[mi]) { pi++; continue; }
      s.util[mi] = Math.max(0, s.util[mi] - 1 / procs[pi].n);
      mi++;
    }
  };

  // Converted v1 traces (Go ≤ 1.21) lose the Gomaxprocs event of the trace start (Go's converter drops
  // it: it becomes the goroutines' initial statuses), so their first ProcsChange comes at the first
  // GC. Go 1.19 measured from the trace start: so do we, with GOMAXPROCS from that first ProcsChange
  // (or the number of Ps seen, when there is none).
  let initialProcs = 0;
  if (t.version < 22) {
    const seenPs = new Set<number>();
    for (let i = 0; i < e.length; i++) {
      const k = e.kind(i);
      if (k === Ev.ProcsChange) { initialProcs = Math.floor(e.a0(i)); break; }
      const p = e.p(i);
      if (k !== Ev.SyncMarker && p >= 0 && p < 1000000) seenPs.add(p);
    }
    if (initialProcs <= 0) initialProcs = seenPs.size;
  }

  for (let i = 0; i < e.length; i++) {
    const k = e.kind(i);
    if (k === Ev.SyncMarker) {
      if (seenEvent) seenSync = true;
      continue;
    }
    seenEvent = true;
    const ts = e.time(i) - origin;
    last = ts;
    const p = e.p(i);
    const g = e.g(i);
    if (k === Ev.ProcsChange || (initialProcs > 0 && ps.length === 0 && procs.length === 0)) {
      const n = Math.max(0, Math.floor(k === Ev.ProcsChange ? e.a0(i) : initialProcs));
      if (ps.length > n) {
        if (perProc) for (const q of ps.slice(n)) out[q.series].add(ts, 0);
        ps.length = n;
      }
      while (ps.length < n) {
        let series = 0;
        if (perProc || out.length === 0) {
          series = out.length;
          const s = new Steps();
          s.add(ts, 1);
          out.push(s);
        }
        ps.push({ gc: 0, series });
      }
      if (procs.length === 0 || procs[procs.length - 1].n !== n) procs.push({ time: ts, n });
    }
    // STWs count from before GOMAXPROCS is known (converted v1 traces get their first ProcsChange at
    // the first GC, in its STW, as Go's converter drops the initial one; Go 1.19 counted that STW).
    if ((k === Ev.STWBegin || k === Ev.STWEnd) && (flags & UtilFlags.STW) && isGCSTW(t.strings[e.a0(i)] ?? '')) {
      stw = Math.max(0, stw + (k === Ev.STWBegin ? 1 : -1));
    }
    if (ps.length === 0) continue;

    switch (k) {
      case Ev.GCSweepActive:
        if (!(flags & UtilFlags.Sweep)) break;
        if (!seenSync) activeSinceStart();
        gcAt(p >= 0 ? p : e.a0(i), 1);
        break;
      case Ev.GCSweepBegin: case Ev.GCSweepEnd:
        if (flags & UtilFlags.Sweep) gcAt(p, k === Ev.GCSweepBegin ? 1 : -1);
        break;
      case Ev.GCMarkAssistActive: {
        if (!(flags & UtilFlags.Assist)) break;
        const ag = e.a0(i);
        if (!seenSync && executing.has(ag)) activeSinceStart();
        gcAt(p, 1);
        inGC.add(ag);
        break;
      }
      case Ev.GCMarkAssistBegin:
        if (flags & UtilFlags.Assist) { gcAt(p, 1); if (g >= 0) inGC.add(g); }
        break;
      case Ev.GCMarkAssistEnd:
        if (flags & UtilFlags.Assist) { gcAt(p, -1); if (g >= 0) inGC.delete(g); }
        break;
      case Ev.GoLabel: {
        const label = t.strings[e.a0(i)] ?? '';
        if ((flags & UtilFlags.Background) && label.startsWith('GC ') && label !== 'GC (idle)' && !(perProc && label === 'GC (dedicated)')) {
          if (!bgMark.has(g)) {
            bgMark.add(g);
            gcAt(p, 1);
          }
        }
        break;
      }
      case Ev.GoCreateSyscall: transition(e.a0(i), p, true); break;
      case Ev.GoStart: transition(e.a0(i), p, true); break;
      case Ev.GoCreate: case Ev.GoCreateBlocked: case Ev.GoUnblock: transition(e.a0(i), p, false); break;
      case Ev.GoStop: case Ev.GoBlock: case Ev.GoDestroy: case Ev.GoDestroySyscall: case Ev.GoSyscallEndBlocked:
        transition(g, p, false);
        break;
      case Ev.GoStatus: case Ev.GoStatusStack: {
        const st = e.a2(i) % 8;
        transition(e.a0(i), p, st === 2 || st === 3);
        break;
      }
      // GoSwitch / GoSwitchDestroy: the reader adds the GoBlock / GoDestroy and GoStart they stand for.
    }

    if (!perProc) {
      let gcPs = 0;
      if (stw > 0) gcPs = ps.length;
      else for (const q of ps) if (q.gc > 0) gcPs++;
      out[0].add(ts, 1 - gcPs / ps.length);
    } else {
      for (const q of ps) out[q.series].add(ts, stw > 0 || q.gc > 0 ? 0 : 1);
    }
  }
  for (const q of ps) out[q.series].add(last, 0);
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
  /** Window lengths (ns), ascending, log-spaced. */
  window: Float64Array;
  mmu: Float64Array;
}

/** The MMU at `samples` log-spaced windows from minWindow (1 µs) to the trace duration. */
export function mmuCurve(series: UtilSeries[], samples = 100, minWindow = 1000): MMUCurve {
  let dur = 0;
  for (const s of series) if (s.time.length > 0) dur = Math.max(dur, s.time[s.time.length - 1] - s.time[0]);
  if (dur <= 0 || samples < 1) return { window: new Float64Array(0), mmu: new Float64Array(0) };
  const lo = Math.min(minWindow, dur);
  const lmin = Math.log(lo);
  const lmax = Math.log(dur);
  const n = lo === dur ? 1 : samples;
  const window = new Float64Array(n);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    window[k] = k === n - 1 ? dur : Math.exp(lmin + (k / (n - 1)) * (lmax - lmin));
    out[k] = mmu(series, window[k]);
  }
  return { window, mmu: out };
}
