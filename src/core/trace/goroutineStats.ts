// Goroutine analysis as Go 1.27's `go tool trace` shows it (/goroutines and /goroutine?name=…), for
// every trace version: the per-goroutine figures of internal/trace's summary (summary.ts), grouped by
// start function name. Each row carries Go's columns as they are (execution, scheduler wait, syscall
// execution, syscall block, unknown time, block time per reason, time per range) plus the few sums
// the trace editor's Goroutines tab shows: network wait (block reason "network"), sync block (reasons
// with "chan", "sync" or "select", as `-pprof=sync` selects them), GC sweeping ("GC incremental
// sweep" range) and GC time (the "GC mark assist" and "stop-the-world (…)" ranges of the goroutine).
import type { TraceData } from './traceData';
import { GoroutineSummary, summarize, Summary } from './summary';

export interface GoroutineStat {
  id: number;
  /** Start function: the outermost frame of the goroutine's first known stack ('' when none was seen). */
  name: string;
  pc: number;
  creationTime: number;
  startTime: number;
  endTime: number;
  totalTime: number;
  execTime: number;
  /** Network wait: block time with reason "network". */
  ioTime: number;
  /** Sync block: block time for channel, select and sync reasons. */
  blockTime: number;
  /** Syscall execution time (on a P). */
  syscallTime: number;
  /** Block time (syscall): time in a syscall after the P was taken away. */
  syscallBlockTime: number;
  schedWaitTime: number;
  /** Go's "Unknown time": total minus every accounted state. */
  unknownTime: number;
  sweepTime: number;
  gcTime: number;
  /** Block time by reason, as Go's BlockTimeByReason (reason "" included). */
  blockTimeByReason: Record<string, number>;
  /** Time inside each range ("GC mark assist", "GC incremental sweep", "stop-the-world (…)"). */
  rangeTime: Record<string, number>;
}

export interface GoroutineGroup {
  /** The PC of the group's first goroutine's start function (Go groups by name). */
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

export const isSyncReason = (r: string): boolean => r.includes('chan') || r.includes('sync') || r.includes('select');

/** Go's GoroutineExecStats.UnknownTime. */
function unknownTime(g: GoroutineSummary): number {
  let sum = g.execTime + g.schedWaitTime + g.syscallTime + g.syscallBlockTime;
  for (const d of g.blockTimeByReason.values()) sum += d;
  return sum < g.totalTime ? g.totalTime - sum : 0;
}

export function statOf(g: GoroutineSummary): GoroutineStat {
  let io = 0;
  let block = 0;
  for (const [r, d] of g.blockTimeByReason) {
    if (r === 'network') io += d;
    else if (isSyncReason(r)) block += d;
  }
  let gc = 0;
  for (const [r, d] of g.rangeTime) if (r === 'GC mark assist' || r.startsWith('stop-the-world (')) gc += d;
  return {
    id: g.id, name: g.name, pc: g.pc, creationTime: g.creationTime, startTime: g.startTime, endTime: g.endTime,
    totalTime: g.totalTime, execTime: g.execTime, ioTime: io, blockTime: block, syscallTime: g.syscallTime,
    syscallBlockTime: g.syscallBlockTime, schedWaitTime: g.schedWaitTime, unknownTime: unknownTime(g),
    sweepTime: g.rangeTime.get('GC incremental sweep') ?? 0, gcTime: gc,
    blockTimeByReason: Object.fromEntries(g.blockTimeByReason), rangeTime: Object.fromEntries(g.rangeTime),
  };
}

/** Per-goroutine analysis of a whole trace (or of an existing summary), in goroutine id order. */
export function goroutineStats(t: TraceData | Summary): GoroutineStat[] {
  const s = 'goroutines' in t && t.goroutines instanceof Map ? (t as Summary) : summarize(t as TraceData);
  return [...s.goroutines.values()].sort((a, b) => a.id - b.id).map(statOf);
}

/** Groups goroutines by start function name, largest execution time first (go tool trace's /goroutines). */
export function groupGoroutines(stats: GoroutineStat[]): GoroutineGroup[] {
  const groups = new Map<string, GoroutineGroup>();
  for (const s of stats) {
    let g = groups.get(s.name);
    if (!g) {
      g = { pc: s.pc, name: s.name, count: 0, totalTime: 0, execTime: 0, ioTime: 0, blockTime: 0, syscallTime: 0, schedWaitTime: 0, sweepTime: 0, gcTime: 0, goroutines: [] };
      groups.set(s.name, g);
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
  return [...groups.values()].sort((x, y) => y.execTime - x.execTime || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}
