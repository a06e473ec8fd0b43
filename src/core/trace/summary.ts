// Per-goroutine and per-task summaries of a trace, a port of Go's internal/trace summary.go
// (Summarizer, Go 1.27): what `go tool trace` builds its goroutine pages, its user task and region
// pages and the lifetimes that restrict its `-pprof` profiles on. It runs over the event model (Go
// 1.22+ traces, and Go 1.11–1.21 traces converted as Go's converter does), generation by generation:
// `add` takes each batch of events, `finalize` closes the pending intervals at the last event.
import { Ev } from './specs';
import type { TraceData } from './traceData';
import { GoState, goTransition } from './pprofV2';

/** Time spent by a goroutine (or within a region) in each state, ns (Go's GoroutineExecStats). */
export interface ExecStats {
  execTime: number;
  schedWaitTime: number;
  blockTimeByReason: Map<string, number>;
  syscallTime: number;
  syscallBlockTime: number;
  totalTime: number;
  rangeTime: Map<string, number>;
}

/** An event as the summary keeps it (Go keeps *Event). */
export interface EventRef { time: number; g: number; stack: number; kind: number }

export interface RegionSummary extends ExecStats {
  taskId: number;
  name: string;
  /** undefined when the region began before tracing did. */
  start?: EventRef;
  /** undefined when the region was still open at the end of the trace. */
  end?: EventRef;
}

export interface GoroutineSummary extends ExecStats {
  id: number;
  /** Start function: the outermost frame of the first stack seen for the goroutine ('' if none). */
  name: string;
  pc: number;
  /** First appearance (the generation's sync time for goroutines that existed before tracing). */
  creationTime: number;
  /** First time it ran; 0 if it never ran. */
  startTime: number;
  /** Exit (or block "forever") time; 0 if it did not exit. */
  endTime: number;
  /** Sorted by start time, unknown starts first. */
  regions: RegionSummary[];
}

export interface TaskSummary {
  id: number;
  name: string;
  parent?: TaskSummary;
  children: TaskSummary[];
  start?: EventRef;
  end?: EventRef;
  logs: EventRef[];
  regions: RegionSummary[];
  /** Goroutines involved; undefined values for goroutines unknown to the summary (Go stores nil). */
  goroutines: Map<number, GoroutineSummary | undefined>;
}

export interface Summary {
  goroutines: Map<number, GoroutineSummary>;
  tasks: Map<number, TaskSummary>;
}

/** Go's IsSystemGoroutine. */
export function isSystemGoroutine(entryFn: string): boolean {
  return entryFn === '' || (entryFn !== 'runtime.main' && entryFn.startsWith('runtime.'));
}

function zeroStats(): ExecStats {
  return { execTime: 0, schedWaitTime: 0, blockTimeByReason: new Map(), syscallTime: 0, syscallBlockTime: 0, totalTime: 0, rangeTime: new Map() };
}

function cloneStats(s: ExecStats): ExecStats {
  return {
    execTime: s.execTime, schedWaitTime: s.schedWaitTime, blockTimeByReason: new Map(s.blockTimeByReason),
    syscallTime: s.syscallTime, syscallBlockTime: s.syscallBlockTime, totalTime: s.totalTime, rangeTime: new Map(s.rangeTime),
  };
}

function subStats(s: ExecStats, v: ExecStats): ExecStats {
  const r = cloneStats(s);
  r.execTime -= v.execTime;
  r.schedWaitTime -= v.schedWaitTime;
  for (const k of s.blockTimeByReason.keys()) r.blockTimeByReason.set(k, r.blockTimeByReason.get(k)! - (v.blockTimeByReason.get(k) ?? 0));
  r.syscallTime -= v.syscallTime;
  r.syscallBlockTime -= v.syscallBlockTime;
  r.totalTime -= v.totalTime;
  for (const k of s.rangeTime.keys()) r.rangeTime.set(k, r.rangeTime.get(k)! - (v.rangeTime.get(k) ?? 0));
  return r;
}

const addTo = (m: Map<string, number>, k: string, d: number): void => {
  m.set(k, (m.get(k) ?? 0) + d);
};

function setStats(dst: ExecStats, s: ExecStats): void {
  dst.execTime = s.execTime;
  dst.schedWaitTime = s.schedWaitTime;
  dst.blockTimeByReason = s.blockTimeByReason;
  dst.syscallTime = s.syscallTime;
  dst.syscallBlockTime = s.syscallBlockTime;
  dst.totalTime = s.totalTime;
  dst.rangeTime = s.rangeTime;
}

/** Go's unexported goroutineSummary: the pending state (zeroed by finalize, dropped by Finalize). */
interface Pending {
  lastStartTime: number;
  lastRunnableTime: number;
  lastBlockTime: number;
  lastBlockReason: string;
  lastSyscallTime: number;
  lastSyscallBlockTime: number;
  lastRangeTime: Map<string, number>;
  activeRegions: RegionSummary[];
}

const freshPending = (): Pending => ({
  lastStartTime: 0, lastRunnableTime: 0, lastBlockTime: 0, lastBlockReason: '', lastSyscallTime: 0, lastSyscallBlockTime: 0,
  lastRangeTime: new Map(), activeRegions: [],
});

interface G extends GoroutineSummary { p?: Pending }

/** Go's Event.Range name and scope for range events; undefined for other events. */
function rangeOf(t: TraceData, i: number): { name: string; scope: 'g' | 'p' | 'none'; id: number } | undefined {
  const e = t.events;
  switch (e.kind(i)) {
    case Ev.STWBegin: case Ev.STWEnd:
      return { name: `stop-the-world (${t.strings[e.a0(i)]})`, scope: 'g', id: e.g(i) };
    case Ev.GCBegin: case Ev.GCActive: case Ev.GCEnd:
      return { name: 'GC concurrent mark phase', scope: 'none', id: -1 };
    case Ev.GCSweepBegin: case Ev.GCSweepEnd:
      return { name: 'GC incremental sweep', scope: 'p', id: e.p(i) };
    case Ev.GCSweepActive:
      return { name: 'GC incremental sweep', scope: 'p', id: e.a0(i) };
    case Ev.GCMarkAssistBegin: case Ev.GCMarkAssistEnd:
      return { name: 'GC mark assist', scope: 'g', id: e.g(i) };
    case Ev.GCMarkAssistActive:
      return { name: 'GC mark assist', scope: 'g', id: e.a0(i) };
    default:
      return undefined;
  }
}

/** The stack of Go's StateTransition (not the event's own stack for GoCreate: the new goroutine's). */
export function transitionStack(t: TraceData, i: number): number {
  const e = t.events;
  switch (e.kind(i)) {
    case Ev.GoCreate: case Ev.GoCreateBlocked: return e.a1(i);
    case Ev.GoStop: case Ev.GoBlock: case Ev.GoSyscallBegin: case Ev.GoStatus: case Ev.GoStatusStack: return e.stack(i);
    default: return 0;
  }
}

/** Wire ProcStatus → Go's ProcState (Undetermined 0, NotExist 1, Running 2, Idle 3). */
const PROC_RUNNING = 2;
const PROC_IDLE = 3;
/** Our ProcStatus layout stores old states as 0 undetermined, 1 not-exist, 2 idle, 3 running. */
const procOldState = (v: number): number => (v === 2 ? PROC_IDLE : v === 3 ? PROC_RUNNING : v);

export class Summarizer {
  private readonly gs = new Map<number, G>();
  private readonly tasks = new Map<number, TaskSummary>();
  private readonly syscallingP = new Map<number, number>();
  private readonly syscallingG = new Map<number, number>();
  private readonly rangesP = new Map<string, number>();
  private lastTs = 0;
  private syncTs = 0;

  private snapshot(g: G, lastTs: number): ExecStats {
    const ret = cloneStats(g);
    const p = g.p;
    if (!p) return ret;
    if (g.totalTime === 0) ret.totalTime = lastTs - g.creationTime;
    if (p.lastStartTime !== 0) ret.execTime += lastTs - p.lastStartTime;
    if (p.lastRunnableTime !== 0) ret.schedWaitTime += lastTs - p.lastRunnableTime;
    if (p.lastBlockTime !== 0) addTo(ret.blockTimeByReason, p.lastBlockReason, lastTs - p.lastBlockTime);
    if (p.lastSyscallTime !== 0) ret.syscallTime += lastTs - p.lastSyscallTime;
    if (p.lastSyscallBlockTime !== 0) ret.schedWaitTime += lastTs - p.lastSyscallBlockTime;
    for (const [name, ts] of p.lastRangeTime) addTo(ret.rangeTime, name, lastTs - ts);
    return ret;
  }

  private finalizeG(g: G, lastTs: number, trigger: EventRef | undefined): void {
    if (trigger) g.endTime = trigger.time;
    const fin = this.snapshot(g, lastTs);
    setStats(g, fin);
    if (!isSystemGoroutine(g.name) && g.p) {
      for (const s of g.p.activeRegions) {
        s.end = trigger;
        setStats(s, subStats(fin, s));
        g.regions.push(s);
      }
    }
    if (g.p) g.p = freshPending();
  }

  private task(id: number): TaskSummary {
    let task = this.tasks.get(id);
    if (!task) {
      task = { id, name: '', children: [], logs: [], regions: [], goroutines: new Map() };
      this.tasks.set(id, task);
    }
    return task;
  }

  private newG(id: number, creationTime: number): G {
    return {
      id, name: '', pc: 0, creationTime, startTime: 0, endTime: 0, regions: [], ...zeroStats(), p: freshPending(),
    };
  }

  add(t: TraceData): void {
    const e = t.events;
    for (let i = 0; i < e.length; i++) {
      const time = e.time(i);
      if (this.syncTs === 0) this.syncTs = time;
      this.lastTs = time;
      const k = e.kind(i);
      const ref = (): EventRef => ({ time, g: e.g(i), stack: e.stack(i), kind: k });
      if (k === Ev.SyncMarker) {
        this.syncTs = time;
        continue;
      }
      const st = goTransition(t, i);
      if (st) {
        this.goTransition(t, i, st.g, st.from, st.to, st.reason);
        continue;
      }
      switch (k) {
        case Ev.ProcStop: case Ev.ProcSteal: case Ev.ProcStatus: {
          let id: number, from: number, to: number;
          if (k === Ev.ProcStop) [id, from, to] = [e.p(i), PROC_RUNNING, PROC_IDLE];
          else if (k === Ev.ProcSteal) [id, from, to] = [e.a0(i), e.a2(i) === 4 /* SyscallAbandoned */ ? PROC_IDLE : PROC_RUNNING, PROC_IDLE];
          else {
            const status = e.a1(i);
            [id, from, to] = [e.a0(i), procOldState(e.a2(i)), status === 2 || status === 4 ? PROC_IDLE : status === 0 ? 0 : PROC_RUNNING];
          }
          if (from !== to && to === PROC_IDLE) {
            const goid = this.syscallingP.get(id);
            if (goid !== undefined) {
              const g = this.gs.get(goid);
              if (g?.p) g.p.lastSyscallBlockTime = time;
              this.syscallingP.delete(id);
            }
          }
          break;
        }
        case Ev.STWBegin: case Ev.GCBegin: case Ev.GCActive: case Ev.GCSweepBegin: case Ev.GCSweepActive:
        case Ev.GCMarkAssistBegin: case Ev.GCMarkAssistActive: {
          const r = rangeOf(t, i)!;
          let g: G | undefined;
          if (r.scope === 'g') g = this.gs.get(r.id);
          else if (r.scope === 'p') {
            g = this.gs.get(e.g(i));
            if (g) this.rangesP.set(`${r.id}\0${r.name}`, e.g(i));
          }
          if (!g?.p) break;
          const active = k === Ev.GCActive || k === Ev.GCSweepActive || k === Ev.GCMarkAssistActive;
          if (active) {
            const ts = g.p.lastRangeTime.get(r.name) ?? 0;
            if (ts !== 0) addTo(g.rangeTime, r.name, this.syncTs - ts);
            g.p.lastRangeTime.set(r.name, this.syncTs);
          } else {
            g.p.lastRangeTime.set(r.name, time);
          }
          break;
        }
        case Ev.STWEnd: case Ev.GCEnd: case Ev.GCSweepEnd: case Ev.GCMarkAssistEnd: {
          const r = rangeOf(t, i)!;
          let g: G | undefined;
          if (r.scope === 'g') g = this.gs.get(r.id);
          else if (r.scope === 'p') {
            const key = `${r.id}\0${r.name}`;
            const goid = this.rangesP.get(key);
            if (goid !== undefined) {
              if (goid === e.g(i)) g = this.gs.get(goid);
              this.rangesP.delete(key);
            }
          }
          if (!g?.p) break;
          const ts = g.p.lastRangeTime.get(r.name) ?? 0;
          if (ts === 0) break;
          addTo(g.rangeTime, r.name, time - ts);
          g.p.lastRangeTime.delete(r.name);
          break;
        }
        case Ev.UserRegionBegin: {
          const g = this.gs.get(e.g(i));
          if (!g) break;
          const region: RegionSummary = { name: t.strings[e.a1(i)], taskId: e.a0(i), start: ref(), ...this.snapshot(g, time) };
          g.p?.activeRegions.push(region);
          const task = this.task(region.taskId);
          task.regions.push(region);
          task.goroutines.set(g.id, g);
          break;
        }
        case Ev.UserRegionEnd: {
          const g = this.gs.get(e.g(i));
          if (!g) break;
          let sd: RegionSummary;
          if (g.p && g.p.activeRegions.length > 0) {
            sd = g.p.activeRegions.pop()!;
          } else {
            sd = { name: t.strings[e.a1(i)], taskId: e.a0(i), ...zeroStats() };
            const task = this.task(sd.taskId);
            task.goroutines.set(g.id, g);
            task.regions.push(sd);
          }
          setStats(sd, subStats(this.snapshot(g, time), sd));
          sd.end = ref();
          g.regions.push(sd);
          break;
        }
        case Ev.UserTaskBegin: case Ev.UserTaskEnd: {
          const task = this.task(e.a0(i));
          task.name = t.strings[e.a2(i)];
          task.goroutines.set(e.g(i), this.gs.get(e.g(i)));
          if (k === Ev.UserTaskBegin) task.start = ref();
          else task.end = ref();
          // Go's NoTask (^0) reads as -1; a 0 parent is the background task, which Go links too.
          const parentId = e.a1(i);
          if (parentId !== -1 && !task.parent) {
            const parent = this.task(parentId);
            task.parent = parent;
            parent.children.push(task);
          }
          break;
        }
        case Ev.UserLog: {
          const task = this.task(e.a0(i));
          task.goroutines.set(e.g(i), this.gs.get(e.g(i)));
          task.logs.push(ref());
          break;
        }
        default:
          break;
      }
    }
  }

  private goTransition(t: TraceData, i: number, id: number, from: GoState, to: GoState, reason: string): void {
    if (from === to) return;
    const e = t.events;
    const time = e.time(i);
    let g = this.gs.get(id);
    switch (from) {
      case GoState.Undetermined: {
        g = this.newG(id, this.syncTs);
        const d = time - this.syncTs;
        switch (to) {
          case GoState.Running: g.execTime += d; break;
          case GoState.Waiting: addTo(g.blockTimeByReason, reason, d); break;
          case GoState.Runnable: g.schedWaitTime += d; break;
          case GoState.Syscall:
            if (e.p(i) === -1) g.syscallBlockTime += d;
            else g.syscallTime += d;
            break;
        }
        this.gs.set(id, g);
        break;
      }
      case GoState.NotExist: {
        g = this.newG(id, time);
        const creator = this.gs.get(e.g(i));
        if (creator?.p && creator.p.activeRegions.length > 0) {
          const s = creator.p.activeRegions[creator.p.activeRegions.length - 1];
          g.p!.activeRegions = [{ name: '', taskId: s.taskId, start: { time, g: e.g(i), stack: e.stack(i), kind: e.kind(i) }, ...zeroStats() }];
        }
        this.gs.set(id, g);
        break;
      }
      case GoState.Running:
        if (!g?.p) return;
        g.execTime += time - g.p.lastStartTime;
        g.p.lastStartTime = 0;
        break;
      case GoState.Waiting:
        if (!g?.p) return;
        if (g.p.lastBlockTime !== 0) {
          addTo(g.blockTimeByReason, g.p.lastBlockReason, time - g.p.lastBlockTime);
          g.p.lastBlockTime = 0;
        }
        break;
      case GoState.Runnable:
        if (!g?.p) return;
        if (g.p.lastRunnableTime !== 0) {
          g.schedWaitTime += time - g.p.lastRunnableTime;
          g.p.lastRunnableTime = 0;
        }
        break;
      case GoState.Syscall:
        if (!g?.p) return;
        if (g.p.lastSyscallTime !== 0) {
          if (g.p.lastSyscallBlockTime !== 0) {
            g.syscallBlockTime += time - g.p.lastSyscallBlockTime;
            g.syscallTime += g.p.lastSyscallBlockTime - g.p.lastSyscallTime;
          } else {
            g.syscallTime += time - g.p.lastSyscallTime;
          }
          g.p.lastSyscallTime = 0;
          g.p.lastSyscallBlockTime = 0;
          // (Go deletes syscallingP[syscallingG[id]]: proc 0's entry when the goroutine has none.)
          this.syscallingP.delete(this.syscallingG.get(id) ?? 0);
          this.syscallingG.delete(id);
        }
        break;
      default:
        return;
    }
    if (!g || !g.p) return;
    if (g.name === '') {
      const frames = t.stacks[transitionStack(t, i)];
      if (frames.length > 0) {
        const f = t.frames[frames[frames.length - 1]];
        g.pc = f.pc;
        g.name = t.strings[f.func];
      }
    }
    switch (to) {
      case GoState.Running:
        g.p.lastStartTime = time;
        if (g.startTime === 0) g.startTime = time;
        break;
      case GoState.Runnable:
        g.p.lastRunnableTime = time;
        break;
      case GoState.Waiting:
        if (reason !== 'forever') {
          g.p.lastBlockTime = time;
          g.p.lastBlockReason = reason;
          break;
        }
        this.finalizeG(g, time, { time, g: e.g(i), stack: e.stack(i), kind: e.kind(i) });
        break;
      case GoState.NotExist:
        this.finalizeG(g, time, { time, g: e.g(i), stack: e.stack(i), kind: e.kind(i) });
        break;
      case GoState.Syscall:
        this.syscallingP.set(e.p(i), id);
        this.syscallingG.set(id, e.p(i));
        g.p.lastSyscallTime = time;
        break;
    }
  }

  /** The time of the last event seen (Go's parsedTrace.endTime once the whole trace went through). */
  get endTime(): number {
    return this.lastTs;
  }

  finalize(): Summary {
    for (const g of this.gs.values()) {
      this.finalizeG(g, this.lastTs, undefined);
      g.regions.sort((a, b) => (a.start === undefined ? (b.start === undefined ? 0 : -1) : b.start === undefined ? 1 : a.start.time - b.start.time));
      delete g.p;
    }
    return { goroutines: this.gs, tasks: this.tasks };
  }
}

export function summarize(t: TraceData): Summary {
  const s = new Summarizer();
  s.add(t);
  return s.finalize();
}
