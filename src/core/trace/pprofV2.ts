// Trace-derived profiles of Go 1.22+ traces, following cmd/trace pprof.go (makeComputePprofFunc):
// track a goroutine from a transition into the state of interest (for the reasons of interest) to its
// next transition out of it, and add that time to the stack of the starting event. Go 1.22–1.25 only
// looked at transitions that carry a stack, which lost most syscalls (go.dev/issue/74850, fixed for
// Go 1.26): like the fix, any transition ends the interval; a start without a stack is skipped, as it
// could not be attributed. Go restricts the time to the goroutine's lifetime when computing `-pprof`
// (all goroutines match); within one trace that is the whole interval.
import { Ev } from './specs';
import type { TraceData } from './traceData';
import type { TracePprofKind } from './pprofV1';
import { buildDelayProfile, DelayRecord } from './delayProfile';
import type { Profile } from '../profile/profile';

/** Goroutine states as Go's trace API reports them. */
export const enum GoState { Undetermined = 0, NotExist = 1, Runnable = 2, Running = 3, Waiting = 4, Syscall = 5 }

/** Wire GoStatus (1 Runnable, 2 Running, 3 Syscall, 4 Waiting) → GoState. */
const statusToState = [GoState.Undetermined, GoState.Runnable, GoState.Running, GoState.Syscall, GoState.Waiting];

export interface GoTransition { g: number; to: GoState; reason: string }

/** The goroutine state transition of event i, or undefined when it is not one (Go's Event.StateTransition). */
export function goTransition(t: TraceData, i: number): GoTransition | undefined {
  const e = t.events;
  const k = e.kind(i);
  switch (k) {
    case Ev.GoCreate: return { g: e.a0(i), to: GoState.Runnable, reason: '' };
    case Ev.GoCreateBlocked: return { g: e.a0(i), to: GoState.Waiting, reason: '' };
    case Ev.GoCreateSyscall: return { g: e.a0(i), to: GoState.Syscall, reason: '' };
    case Ev.GoStart: return { g: e.a0(i), to: GoState.Running, reason: '' };
    case Ev.GoDestroy: case Ev.GoDestroySyscall: return { g: e.g(i), to: GoState.NotExist, reason: '' };
    case Ev.GoStop: return { g: e.g(i), to: GoState.Runnable, reason: t.strings[e.a0(i)] };
    case Ev.GoBlock: return { g: e.g(i), to: GoState.Waiting, reason: t.strings[e.a0(i)] };
    case Ev.GoUnblock: case Ev.GoSwitch: case Ev.GoSwitchDestroy: return { g: e.a0(i), to: GoState.Runnable, reason: '' };
    case Ev.GoSyscallBegin: return { g: e.g(i), to: GoState.Syscall, reason: '' };
    case Ev.GoSyscallEnd: return { g: e.g(i), to: GoState.Running, reason: '' };
    case Ev.GoSyscallEndBlocked: return { g: e.g(i), to: GoState.Runnable, reason: '' };
    case Ev.GoStatus: case Ev.GoStatusStack: return { g: e.a0(i), to: statusToState[e.a2(i) % 8] ?? GoState.Undetermined, reason: '' };
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

/** Accumulates a -pprof profile over events handed in generation by generation (streaming). */
export class DelayProfileBuilder {
  private readonly want: { state: GoState; reason: (r: string) => boolean };
  private readonly tracking = new Map<number, { time: number; stack: number }>(); // goroutine → start
  private readonly recs = new Map<number, DelayRecord>(); // by (deduplicated) stack

  constructor(kind: TracePprofKind) {
    this.want = want(kind);
  }

  add(t: TraceData): void {

    const { state, reason } = this.want;
    const e = t.events;
    for (let i = 0; i < e.length; i++) {
      const st = goTransition(t, i);
      if (!st) continue;
      const start = this.tracking.get(st.g);
      if (start === undefined) {
        if (st.to === state && reason(st.reason) && e.stack(i) !== 0) this.tracking.set(st.g, { time: e.time(i), stack: e.stack(i) });
        continue;
      }
      if (st.to === state) continue;
      this.tracking.delete(st.g);
      const d = e.time(i) - start.time;
      if (d <= 0) continue;
      let r = this.recs.get(start.stack);
      if (!r) {
        r = {
          frames: t.stacks[start.stack].map((fi) => {
            const f = t.frames[fi];
            return { pc: f.pc, fn: t.strings[f.func], file: t.strings[f.file], line: f.line };
          }),
          n: 0, time: 0,
        };
        this.recs.set(start.stack, r);
      }
      r.n++;
      r.time += d;
    }
  }

  profile(): Profile {
    return buildDelayProfile(this.recs.values());
  }
}

export function pprofFromV2(t: TraceData, kind: TracePprofKind): Profile {
  const b = new DelayProfileBuilder(kind);
  b.add(t);
  return b.profile();
}
