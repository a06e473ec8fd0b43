// The counter lanes of the trace timeline, as Go 1.27's `go tool trace` draws them in its STATS section
// (internal/trace/traceviewer/emitter.go, fed by cmd/trace/procgen.go and gen.go):
//
// - "Goroutines": how many goroutines are running (in a syscall counts as running), runnable, and
//   waiting inside a GC mark assist, after each goroutine state transition (a goroutine not seen yet
//   is "dead"; one already there when tracing began counts from its first status event).
// - "Heap": heap in use (/memory/classes/heap/objects:bytes) and the room left to the next GC (goal
//   minus in use, 0 when in use is above the goal; a goal above 1 PiB, as "no goal", counts as 0).
// - "Threads": how many Ps are running (a P already running when tracing began counts from the trace's
//   start). Go's counter also has an "InSyscall" series, but Go 1.27 never changes it (always 0: a TODO
//   in emitter.go); `syscalls` here counts instead the goroutines in a system call at each moment.
//
// Each series gets a point whenever Go's emitter would emit one (any of its state counts changed, the
// same rule and order), so the values are exactly those of `/jsontrace` (test/unit/traceView/
// countersGo127.test.ts). Times are ns from `origin` (the timeline's first event); Go measures from the
// trace's first sync, before it: points Go places earlier than `origin` are placed at 0.
import { Ev } from '../trace/specs';
import type { TraceData } from '../trace/traceData';
import { goTransition, GoState } from '../trace/pprofV2';

/** A step function: value[i] holds from time[i] to time[i + 1] (the last to the end of the trace). */
export interface CounterSeries {
  time: Float64Array;
}

export interface GoroutineCounts extends CounterSeries {
  running: Float64Array;
  runnable: Float64Array;
  /** Waiting while in a GC mark assist (Go's "GCWaiting"). */
  gcWaiting: Float64Array;
  /** Waiting for anything else (not in Go's counter; tracked as its emitter does, shown in tooltips). */
  waiting: Float64Array;
}

export interface HeapCounts extends CounterSeries {
  /** Heap in use, bytes (Go's "Allocated"). */
  allocated: Float64Array;
  /** Goal minus in use, bytes, 0 when none (Go's "NextGC"). */
  nextGC: Float64Array;
}

export interface ThreadCounts extends CounterSeries {
  /** Ps running (Go's "Threads" "Running"). */
  running: Float64Array;
}

export interface SyscallCounts extends CounterSeries {
  /** Goroutines in a system call (each holds a thread). */
  inSyscall: Float64Array;
}

export interface TraceCounters {
  goroutines: GoroutineCounts;
  heap: HeapCounts;
  threads: ThreadCounts;
  syscalls: SyscallCounts;
  /** Goroutines that existed during the trace (each appears once in the goroutine analysis). */
  goroutinesExisted: number;
  /** Of those, the ones already there when tracing began (their first event is a status, not a creation). */
  goroutinesBeforeTrace: number;
}

/** Go's traceviewer.GState indexes. */
const enum VG { Dead = 0, Runnable = 1, Running = 2, Waiting = 3, WaitingGC = 4 }
/** Go's ProcState: Undetermined 0, NotExist 1, Running 2, Idle 3. */
const PROC_UNDETERMINED = 0;
const PROC_RUNNING = 2;
const PROC_IDLE = 3;
/** Our ProcStatus layout stores old states as 0 undetermined, 1 not-exist, 2 idle, 3 running (as summary.ts reads it). */
const procOldState = (v: number): number => (v === 2 ? PROC_IDLE : v === 3 ? PROC_RUNNING : v);
/** Go's HeapGoal cut-off (golang/go#63864): a goal above 1 PiB is shown as 0. */
const PIB = 2 ** 50;

function viewerGState(s: GoState, inMarkAssist: boolean): VG {
  switch (s) {
    case GoState.Runnable: return VG.Runnable;
    case GoState.Running: case GoState.Syscall: return VG.Running;
    case GoState.Waiting: return inMarkAssist ? VG.WaitingGC : VG.Waiting;
    default: return VG.Dead;
  }
}

class Series {
  readonly time: number[] = [];
  readonly values: number[][];
  constructor(n: number) { this.values = Array.from({ length: n }, () => []); }
  push(time: number, ...v: number[]): void {
    this.time.push(time);
    for (let k = 0; k < v.length; k++) this.values[k].push(v[k]);
  }
}

/**
 * The Goroutines, Heap and Threads counters of trace t (read whole) as Go 1.27's trace viewer emits
 * them, plus the goroutines in a syscall; times in ns from origin (the timeline model's origin).
 */
export function traceCounters(t: TraceData, origin: number): TraceCounters {
  const e = t.events;
  let syncTime = NaN;
  const rel = (ts: number): number => Math.max(0, ts - origin);

  const gstates = [0, 0, 0, 0, 0];
  let prevG = '';
  const gs = new Series(4);
  const inAssist = new Set<number>();
  const seen = new Set<number>();
  let before = 0;

  let heapAlloc = 0;
  let nextGC = 0;
  let prevHeap = '';
  const heap = new Series(2);

  let procsRunning = 0;
  let prevThreads = NaN;
  const threads = new Series(1);

  let inSyscall = 0;
  let prevSyscall = 0;
  const sys = new Series(1);

  const emitHeap = (ts: number): void => {
    const key = `${heapAlloc},${nextGC}`;
    if (key === prevHeap) return;
    prevHeap = key;
    heap.push(rel(ts), heapAlloc, nextGC > heapAlloc ? nextGC - heapAlloc : 0);
  };
  const procTransition = (ts: number, from: number, to: number): void => {
    if (from === to) return;
    if (to === PROC_RUNNING) procsRunning++;
    if (from === PROC_RUNNING) procsRunning--;
    if (procsRunning === prevThreads) return;
    prevThreads = procsRunning;
    // A P running from an undetermined state runs from the trace's start (Go's ctx.startTime).
    threads.push(rel(from === PROC_UNDETERMINED && to === PROC_RUNNING && !Number.isNaN(syncTime) ? syncTime : ts), procsRunning);
  };

  for (let i = 0; i < e.length; i++) {
    const k = e.kind(i);
    const ts = e.time(i);
    if (k === Ev.SyncMarker) {
      if (Number.isNaN(syncTime)) syncTime = ts;
      continue;
    }
    if (Number.isNaN(syncTime)) syncTime = ts;
    switch (k) {
      case Ev.GCMarkAssistBegin: inAssist.add(e.g(i)); continue;
      case Ev.GCMarkAssistActive: inAssist.add(e.a0(i)); continue;
      case Ev.GCMarkAssistEnd: inAssist.delete(e.g(i)); continue;
      case Ev.HeapAlloc: heapAlloc = e.a0(i); emitHeap(ts); continue;
      case Ev.HeapGoal: {
        const v = e.a0(i);
        nextGC = v < 0 || v > PIB ? 0 : v;
        emitHeap(ts);
        continue;
      }
      case Ev.ProcStart: procTransition(ts, PROC_IDLE, PROC_RUNNING); continue;
      case Ev.ProcStop: procTransition(ts, PROC_RUNNING, PROC_IDLE); continue;
      case Ev.ProcSteal: procTransition(ts, e.a2(i) === 4 /* SyscallAbandoned */ ? PROC_IDLE : PROC_RUNNING, PROC_IDLE); continue;
      case Ev.ProcStatus: {
        const status = e.a1(i);
        procTransition(ts, procOldState(e.a2(i)), status === 2 || status === 4 ? PROC_IDLE : status === 0 ? PROC_UNDETERMINED : PROC_RUNNING);
        continue;
      }
    }
    const tr = goTransition(t, i);
    if (!tr || tr.from === tr.to) continue;
    if (tr.from === GoState.Undetermined || tr.from === GoState.NotExist) {
      if (!seen.has(tr.g)) {
        seen.add(tr.g);
        if (tr.from === GoState.Undetermined) before++;
      }
    }
    if (tr.to === GoState.Syscall) inSyscall++;
    if (tr.from === GoState.Syscall) inSyscall--;
    if (inSyscall !== prevSyscall || sys.time.length === 0) {
      prevSyscall = inSyscall;
      sys.push(rel(ts), inSyscall);
    }
    const a = inAssist.has(tr.g);
    gstates[viewerGState(tr.from, a)]--;
    gstates[viewerGState(tr.to, a)]++;
    const key = gstates.join(',');
    if (key === prevG) continue;
    prevG = key;
    gs.push(rel(ts), gstates[VG.Running], gstates[VG.Runnable], gstates[VG.WaitingGC], gstates[VG.Waiting]);
  }

  const f = (xs: number[]): Float64Array => Float64Array.from(xs);
  return {
    goroutines: { time: f(gs.time), running: f(gs.values[0]), runnable: f(gs.values[1]), gcWaiting: f(gs.values[2]), waiting: f(gs.values[3]) },
    heap: { time: f(heap.time), allocated: f(heap.values[0]), nextGC: f(heap.values[1]) },
    threads: { time: f(threads.time), running: f(threads.values[0]) },
    syscalls: { time: f(sys.time), inSyscall: f(sys.values[0]) },
    goroutinesExisted: seen.size,
    goroutinesBeforeTrace: before,
  };
}
