// Trace-derived profiles (`go tool trace -pprof=net|sync|syscall|sched`) as Go 1.27's cmd/trace
// pprof.go computes them, for every trace version (Go 1.11–1.21 traces go through the converter
// first, as in Go): track a goroutine from a state transition into the state of interest (for the
// reasons of interest) to its next transition out of it, and charge that interval, restricted to the
// goroutine's lifetime in the trace summary ([first start, exit or end of trace]), to the stack of the
// starting event. A start without a stack is charged too (a sample without locations, counted in the
// profile's total). Records are merged by their first 128 PCs and take the frames of the latest
// stack seen, as Go's stackMap does.
import { Ev } from './specs';
import type { TraceData } from './traceData';
import { buildDelayProfile, DelayRecord } from './delayProfile';
import type { Profile } from '../profile/profile';
import { Summarizer } from './summary';

export type TracePprofKind = 'net' | 'sync' | 'syscall' | 'sched';

/** Goroutine states as Go's trace API reports them (trace.GoState). */
export const enum GoState { Undetermined = 0, NotExist = 1, Runnable = 2, Running = 3, Waiting = 4, Syscall = 5 }

/** Wire GoStatus (1 Runnable, 2 Running, 3 Syscall, 4 Waiting; our 5 = undetermined) → GoState. */
const statusToState = [GoState.Undetermined, GoState.Runnable, GoState.Running, GoState.Syscall, GoState.Waiting, GoState.Undetermined];

export interface GoTransition { g: number; from: GoState; to: GoState; reason: string }

/** The goroutine state transition of event i, or undefined when it is not one (Go's Event.StateTransition). */
export function goTransition(t: TraceData, i: number): GoTransition | undefined {
  const e = t.events;
  const k = e.kind(i);
  switch (k) {
    case Ev.GoCreate: return { g: e.a0(i), from: GoState.NotExist, to: GoState.Runnable, reason: '' };
    case Ev.GoCreateBlocked: return { g: e.a0(i), from: GoState.NotExist, to: GoState.Waiting, reason: '' };
    case Ev.GoCreateSyscall: return { g: e.a0(i), from: GoState.NotExist, to: GoState.Syscall, reason: '' };
    case Ev.GoStart: return { g: e.a0(i), from: GoState.Runnable, to: GoState.Running, reason: '' };
    case Ev.GoDestroy: return { g: e.g(i), from: GoState.Running, to: GoState.NotExist, reason: '' };
    case Ev.GoDestroySyscall: return { g: e.g(i), from: GoState.Syscall, to: GoState.NotExist, reason: '' };
    case Ev.GoStop: return { g: e.g(i), from: GoState.Running, to: GoState.Runnable, reason: t.strings[e.a0(i)] };
    case Ev.GoBlock: return { g: e.g(i), from: GoState.Running, to: GoState.Waiting, reason: t.strings[e.a0(i)] };
    case Ev.GoUnblock: case Ev.GoSwitch: case Ev.GoSwitchDestroy: return { g: e.a0(i), from: GoState.Waiting, to: GoState.Runnable, reason: '' };
    case Ev.GoSyscallBegin: return { g: e.g(i), from: GoState.Running, to: GoState.Syscall, reason: '' };
    case Ev.GoSyscallEnd: return { g: e.g(i), from: GoState.Syscall, to: GoState.Running, reason: '' };
    case Ev.GoSyscallEndBlocked: return { g: e.g(i), from: GoState.Syscall, to: GoState.Runnable, reason: '' };
    case Ev.GoStatus: case Ev.GoStatusStack: {
      const a2 = e.a2(i);
      return { g: e.a0(i), from: statusToState[Math.floor(a2 / 8)] ?? GoState.Undetermined, to: statusToState[a2 % 8] ?? GoState.Undetermined, reason: '' };
    }
    default: return undefined;
  }
}

function want(kind: TracePprofKind): { state: GoState; reason: (r: string) => boolean } {
  switch (kind) {
    case 'net': return { state: GoState.Waiting, reason: (r) => r === 'network' };
    case 'sync': return { state: GoState.Waiting, reason: (r) => r.includes('chan') || r.includes('sync') || r.includes('select') };
    case 'syscall': return { state: GoState.Syscall, reason: () => true };
    case 'sched': return { state: GoState.Runnable, reason: () => true };
  }
}

/** Go's pprofMaxStack: stacks are deduplicated (and cut) at 128 frames. */
const MAX_STACK = 128;

/** Accumulates a -pprof profile over events handed in generation by generation (streaming). */
export class DelayProfileBuilder {
  private readonly want: { state: GoState; reason: (r: string) => boolean };
  private readonly tracking = new Map<number, { time: number; stack: number }>(); // goroutine → start
  private readonly summarizer = new Summarizer();
  // Candidate samples (goroutine, interval, stack), cut to the goroutines' lifetimes once known.
  private sg: number[] = [];
  private st0: number[] = [];
  private st1: number[] = [];
  private sstack: number[] = [];
  private data: TraceData | undefined;

  constructor(kind: TracePprofKind) {
    this.want = want(kind);
  }

  add(t: TraceData): void {
    this.data = t;
    this.summarizer.add(t);
    const { state, reason } = this.want;
    const e = t.events;
    for (let i = 0; i < e.length; i++) {
      const st = goTransition(t, i);
      if (!st) continue;
      const start = this.tracking.get(st.g);
      if (start === undefined) {
        if (st.to === state && reason(st.reason)) this.tracking.set(st.g, { time: e.time(i), stack: e.stack(i) });
        continue;
      }
      if (st.to === state) continue;
      this.tracking.delete(st.g);
      this.sg.push(st.g);
      this.st0.push(start.time);
      this.st1.push(e.time(i));
      this.sstack.push(start.stack);
    }
  }

  profile(): Profile {
    const summary = this.summarizer.finalize();
    const endTime = this.summarizer.endTime;
    const t = this.data;
    const recs = new Map<string, DelayRecord & { stack: number }>();
    const keys = new Map<number, string>();
    for (let i = 0; i < this.sg.length; i++) {
      const g = summary.goroutines.get(this.sg[i]);
      if (!g || !t) continue;
      // pprofMatchingGoroutines: the goroutine's [StartTime, EndTime or trace end]; interval.overlap.
      const a0 = g.startTime;
      const a1 = g.endTime === 0 ? endTime : g.endTime;
      const b0 = this.st0[i];
      const b1 = this.st1[i];
      if (a1 < b0 || b1 < a0) continue;
      const d = Math.min(a1, b1) - Math.max(a0, b0);
      if (d <= 0) continue;
      const stack = this.sstack[i];
      let key = keys.get(stack);
      if (key === undefined) {
        // Go's key is the PCs zero-padded to 128: trailing zero PCs do not count ([0] ≡ []).
        const pcs = t.stacks[stack].slice(0, MAX_STACK).map((fi) => t.frames[fi].pc);
        while (pcs.length > 0 && pcs[pcs.length - 1] === 0) pcs.pop();
        key = pcs.join(',');
        keys.set(stack, key);
      }
      let r = recs.get(key);
      if (!r) {
        r = { frames: [], n: 0, time: 0, stack };
        recs.set(key, r);
      }
      r.stack = stack; // the newest version of the stack names the frames
      r.n++;
      r.time += d;
    }
    for (const r of recs.values()) {
      r.frames = t!.stacks[r.stack].slice(0, MAX_STACK).map((fi) => {
        const f = t!.frames[fi];
        return { pc: f.pc, fn: t!.strings[f.func], file: t!.strings[f.file], line: f.line };
      });
    }
    return buildDelayProfile(recs.values());
  }
}

export function pprofFromV2(t: TraceData, kind: TracePprofKind): Profile {
  const b = new DelayProfileBuilder(kind);
  b.add(t);
  return b.profile();
}
