// Goroutine analysis, as `go tool trace` shows it: per goroutine, execution, network wait, sync
// block, syscall, scheduler wait, GC sweeping and GC time; grouped by start function.
// goroutineStatsV1 is Go 1.19's internal/trace GoroutineStats (goroutines.go) on the v1 events, quirks
// included; goroutineStats is the same accounting on the common event model, so Go 1.22+ traces get
// the same table (a block's reason string tells network from sync waits).
import type { V1Trace } from './parserV1';
import { V1 } from './v1Events';
import { Ev } from './specs';
import type { TraceData } from './traceData';

export interface GoroutineStat {
  id: number;
  /** Start function (first frame of the goroutine's creation stack) and its PC. */
  name: string;
  pc: number;
  creationTime: number;
  startTime: number;
  endTime: number;
  totalTime: number;
  execTime: number;
  /** Network wait (go tool trace's "Network wait", IOTime). */
  ioTime: number;
  /** Sync block: channels, select, mutexes, conds (BlockTime). */
  blockTime: number;
  syscallTime: number;
  schedWaitTime: number;
  sweepTime: number;
  gcTime: number;
}

export interface GoroutineGroup {
  pc: number;
  name: string;
  count: number;
  totalTime: number;
  execTime: number;
  ioTime: number;
  blockTime: number;
  syscallTime: number;
  schedWaitTime: number;
  sweepTime: number;
  gcTime: number;
  goroutines: GoroutineStat[];
}

interface Pending {
  lastStartTime: number;
  blockNetTime: number;
  blockSyncTime: number;
  blockSyscallTime: number;
  blockSweepTime: number;
  blockSchedTime: number;
}

class GDesc {
  readonly stat: GoroutineStat;
  /** Go keeps a zeroed private part after finalize (not nil), so a second finalize adds nothing but GC time. */
  p: Pending = { lastStartTime: 0, blockNetTime: 0, blockSyncTime: 0, blockSyscallTime: 0, blockSweepTime: 0, blockSchedTime: 0 };
  constructor(id: number, creationTime: number) {
    this.stat = {
      id, name: '', pc: 0, creationTime, startTime: 0, endTime: 0, totalTime: 0, execTime: 0, ioTime: 0, blockTime: 0,
      syscallTime: 0, schedWaitTime: 0, sweepTime: 0, gcTime: 0,
    };
  }

  finalize(lastTs: number, gcStart: number, triggerTs?: number): void {
    const s = this.stat;
    const p = this.p;
    if (triggerTs !== undefined) s.endTime = triggerTs;
    if (gcStart !== 0) s.gcTime += s.creationTime < gcStart ? lastTs - gcStart : lastTs - s.creationTime;
    if (s.totalTime === 0) s.totalTime = lastTs - s.creationTime;
    if (p.lastStartTime !== 0) s.execTime += lastTs - p.lastStartTime;
    if (p.blockNetTime !== 0) s.ioTime += lastTs - p.blockNetTime;
    if (p.blockSyncTime !== 0) s.blockTime += lastTs - p.blockSyncTime;
    if (p.blockSyscallTime !== 0) s.syscallTime += lastTs - p.blockSyscallTime;
    if (p.blockSchedTime !== 0) s.schedWaitTime += lastTs - p.blockSchedTime;
    if (p.blockSweepTime !== 0) s.sweepTime += lastTs - p.blockSweepTime;
    this.p = { lastStartTime: 0, blockNetTime: 0, blockSyncTime: 0, blockSyscallTime: 0, blockSweepTime: 0, blockSchedTime: 0 };
  }

  stopExec(ts: number): void {
    this.stat.execTime += ts - this.p.lastStartTime;
    this.p.lastStartTime = 0;
  }
}

/** The accounting core shared by both event models. */
class Accountant {
  readonly gs = new Map<number, GDesc>();
  gcStart = 0;
  lastTs = 0;

  create(id: number, ts: number): GDesc {
    const g = new GDesc(id, ts);
    g.p.blockSchedTime = ts;
    this.gs.set(id, g);
    return g;
  }
  start(g: GDesc, ts: number): void {
    g.p.lastStartTime = ts;
    if (g.stat.startTime === 0) g.stat.startTime = ts;
    if (g.p.blockSchedTime !== 0) {
      g.stat.schedWaitTime += ts - g.p.blockSchedTime;
      g.p.blockSchedTime = 0;
    }
  }
  unblock(g: GDesc, ts: number): void {
    if (g.p.blockNetTime !== 0) {
      g.stat.ioTime += ts - g.p.blockNetTime;
      g.p.blockNetTime = 0;
    }
    if (g.p.blockSyncTime !== 0) {
      g.stat.blockTime += ts - g.p.blockSyncTime;
      g.p.blockSyncTime = 0;
    }
    g.p.blockSchedTime = ts;
  }
  gcDone(ts: number): void {
    for (const g of this.gs.values()) {
      if (g.stat.endTime !== 0) continue;
      g.stat.gcTime += this.gcStart < g.stat.creationTime ? ts - g.stat.creationTime : ts - this.gcStart;
    }
    this.gcStart = 0;
  }
  finish(): GoroutineStat[] {
    for (const g of this.gs.values()) g.finalize(this.lastTs, this.gcStart);
    return [...this.gs.values()].map((g) => g.stat);
  }
}

/** Go 1.19's GoroutineStats on a v1 trace. */
export function goroutineStatsV1(t: V1Trace): GoroutineStat[] {
  const a = new Accountant();
  for (let i = 0; i < t.n; i++) {
    const ts = t.ts[i];
    a.lastTs = ts;
    const ty = t.type[i];
    const g = a.gs.get(t.g[i]);
    switch (ty) {
      case V1.GoCreate:
        a.create(t.args[0][i], ts);
        break;
      case V1.GoStart: case V1.GoStartLabel:
        if (!g) break;
        if (g.stat.pc === 0) {
          const pcs = t.stacks.get(t.stk[i]);
          if (pcs && pcs.length > 0) {
            const f = t.pcs.get(pcs[0]);
            g.stat.pc = pcs[0];
            g.stat.name = f ? t.strings.get(f.fn) ?? '' : '';
          }
        }
        a.start(g, ts);
        break;
      case V1.GoEnd: case V1.GoStop:
        g?.finalize(ts, a.gcStart, ts);
        break;
      case V1.GoBlockSend: case V1.GoBlockRecv: case V1.GoBlockSelect: case V1.GoBlockSync: case V1.GoBlockCond:
        if (!g) break;
        g.stopExec(ts);
        g.p.blockSyncTime = ts;
        break;
      case V1.GoSched: case V1.GoPreempt:
        if (!g) break;
        g.stopExec(ts);
        g.p.blockSchedTime = ts;
        break;
      case V1.GoSleep: case V1.GoBlock: case V1.GoBlockGC:
        g?.stopExec(ts);
        break;
      case V1.GoBlockNet:
        if (!g) break;
        g.stopExec(ts);
        g.p.blockNetTime = ts;
        break;
      case V1.GoUnblock: {
        const g1 = a.gs.get(t.args[0][i]);
        if (g1) a.unblock(g1, ts);
        break;
      }
      case V1.GoSysBlock:
        if (!g) break;
        g.stopExec(ts);
        g.p.blockSyscallTime = ts;
        break;
      case V1.GoSysExit:
        if (!g) break;
        if (g.p.blockSyscallTime !== 0) {
          g.stat.syscallTime += ts - g.p.blockSyscallTime;
          g.p.blockSyscallTime = 0;
        }
        g.p.blockSchedTime = ts;
        break;
      case V1.GCSweepStart:
        if (g) g.p.blockSweepTime = ts;
        break;
      case V1.GCSweepDone:
        if (g && g.p.blockSweepTime !== 0) {
          g.stat.sweepTime += ts - g.p.blockSweepTime;
          g.p.blockSweepTime = 0;
        }
        break;
      case V1.GCStart:
        a.gcStart = ts;
        break;
      case V1.GCDone:
        a.gcDone(ts);
        break;
    }
  }
  return a.finish();
}

function isSyncReason(r: string): boolean {
  return r.includes('chan') || r.includes('sync') || r.includes('select');
}

/**
 * The same accounting on the common event model (Go 1.22+ traces, or converted v1 traces): syscall
 * time runs from a syscall that blocks (GoSyscallEndBlocked) back to its begin; goroutines alive when
 * tracing starts (GoStatus) count from the start of the trace.
 */
export function goroutineStats(t: TraceData): GoroutineStat[] {
  const e = t.events;
  const a = new Accountant();
  const syscallBegin = new Map<number, number>();
  const nameFrom = (g: GDesc, stack: number): void => {
    if (g.stat.pc !== 0 || stack === 0) return;
    const frames = t.stacks[stack];
    if (frames.length === 0) return;
    const f = t.frames[frames[0]];
    g.stat.pc = f.pc;
    g.stat.name = t.strings[f.func];
  };
  for (let i = 0; i < e.length; i++) {
    const k = e.kind(i);
    const ts = e.time(i);
    if (k === Ev.SyncMarker) continue;
    a.lastTs = ts;
    const g = a.gs.get(e.g(i));
    switch (k) {
      case Ev.GoCreate: case Ev.GoCreateBlocked: case Ev.GoCreateSyscall: {
        const ng = a.create(e.a0(i), ts);
        if (k !== Ev.GoCreateSyscall) nameFrom(ng, e.a1(i));
        if (k === Ev.GoCreateSyscall) a.start(ng, ts);
        break;
      }
      case Ev.GoStatus: case Ev.GoStatusStack: {
        const id = e.a0(i);
        if (a.gs.has(id)) break;
        const ng = a.create(id, ts);
        const status = e.a2(i) % 8;
        if (k === Ev.GoStatusStack) nameFrom(ng, e.stack(i));
        if (status === 2) a.start(ng, ts);
        else if (status === 3) {
          // In a syscall when tracing starts: running (its syscall began no later than now).
          a.start(ng, ts);
          syscallBegin.set(id, ts);
        } else if (status !== 1) ng.p.blockSchedTime = 0;
        break;
      }
      case Ev.GoStart: {
        const g1 = a.gs.get(e.a0(i));
        if (g1) a.start(g1, ts);
        break;
      }
      case Ev.GoDestroy: case Ev.GoDestroySyscall:
        g?.finalize(ts, a.gcStart, ts);
        break;
      case Ev.GoBlock: {
        if (!g) break;
        g.stopExec(ts);
        const r = t.strings[e.a0(i)];
        if (r === 'network') g.p.blockNetTime = ts;
        else if (isSyncReason(r)) g.p.blockSyncTime = ts;
        break;
      }
      case Ev.GoStop:
        if (!g) break;
        g.stopExec(ts);
        g.p.blockSchedTime = ts;
        break;
      case Ev.GoUnblock: case Ev.GoSwitch: case Ev.GoSwitchDestroy: {
        const g1 = a.gs.get(e.a0(i));
        if (g1) a.unblock(g1, ts);
        break;
      }
      case Ev.GoSyscallBegin:
        syscallBegin.set(e.g(i), ts);
        break;
      case Ev.GoSyscallEndBlocked: {
        if (!g) break;
        const b = syscallBegin.get(e.g(i)) ?? ts;
        if (g.p.lastStartTime !== 0) g.stat.execTime += b - g.p.lastStartTime;
        g.p.lastStartTime = 0;
        g.stat.syscallTime += ts - b;
        g.p.blockSchedTime = ts;
        break;
      }
      case Ev.GCSweepBegin:
        if (g) g.p.blockSweepTime = ts;
        break;
      case Ev.GCSweepEnd:
        if (g && g.p.blockSweepTime !== 0) {
          g.stat.sweepTime += ts - g.p.blockSweepTime;
          g.p.blockSweepTime = 0;
        }
        break;
      case Ev.GCBegin: case Ev.GCActive:
        if (a.gcStart === 0) a.gcStart = ts;
        break;
      case Ev.GCEnd:
        a.gcDone(ts);
        break;
    }
  }
  return a.finish();
}

/** Groups goroutines by start PC, largest execution time first (go tool trace's /goroutines). */
export function groupGoroutines(stats: GoroutineStat[]): GoroutineGroup[] {
  const groups = new Map<number, GoroutineGroup>();
  for (const s of stats) {
    let g = groups.get(s.pc);
    if (!g) {
      g = { pc: s.pc, name: s.name, count: 0, totalTime: 0, execTime: 0, ioTime: 0, blockTime: 0, syscallTime: 0, schedWaitTime: 0, sweepTime: 0, gcTime: 0, goroutines: [] };
      groups.set(s.pc, g);
    }
    g.count++;
    g.totalTime += s.totalTime;
    g.execTime += s.execTime;
    g.ioTime += s.ioTime;
    g.blockTime += s.blockTime;
    g.syscallTime += s.syscallTime;
    g.schedWaitTime += s.schedWaitTime;
    g.sweepTime += s.sweepTime;
    g.gcTime += s.gcTime;
    g.goroutines.push(s);
  }
  return [...groups.values()].sort((x, y) => y.execTime - x.execTime || x.name.localeCompare(y.name));
}
