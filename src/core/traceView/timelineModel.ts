// What a trace timeline draws, extracted in one pass over the event model (src/core/trace) into
// columns: per-P running spans (which goroutine runs, from when to when, and why it stopped), GC,
// STW and mark-assist spans, heap-in-use / heap-goal counters, syscall and network-wait markers.
//
// A goroutine's running spans (the accounting of Go 1.19's goroutine analysis, which this followed
// exactly): a span starts at GoStart (or GoStatus Running / GoCreateSyscall for goroutines it has not
// seen), ends at GoBlock, GoStop, GoDestroy, at the begin of a syscall that blocked
// (GoSyscallEndBlocked, when the P is taken away), or at the end of the trace. Like cmd/trace, a
// syscall that returns quickly stays inside the running span (it is drawn as a marker on top). So a
// goroutine's running time lies between Go 1.27's execution time for it (which excludes syscalls)
// and its execution plus syscall time (test/unit/traceView/timelineModel.test.ts). A goroutine
// already in a syscall when tracing starts runs from its GoSyscallEnd.
import { Ev } from '../trace/specs';
import type { TraceData } from '../trace/traceData';
import { goroutineNames } from './goroutineNames';
import { traceSpan } from './traceSpan';

/** Why a running span ended. */
export const enum SpanEnd { TraceEnd = 0, Block = 1, Stop = 2, Destroy = 3, SyscallBlocked = 4 }
export const SPAN_END_NAMES = ['running at end of trace', 'blocked', 'preempted / yielded', 'goroutine ended', 'blocked in syscall'];

/** Marker kinds drawn on P lanes. */
export const enum MarkerKind { Syscall = 0, SyscallBlocked = 1, NetWait = 2 }

/** v1 traces use fake Ps from 1000000 up (GC, syscall, netpoll): they are not lanes. */
const FAKE_P = 1000000;

/** Growable column of numbers (no object per span). */
class Column {
  data: Float64Array;
  length = 0;
  constructor(cap = 1024) { this.data = new Float64Array(cap); }
  push(v: number): number {
    if (this.length === this.data.length) {
      const n = new Float64Array(this.data.length * 2);
      n.set(this.data);
      this.data = n;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  done(): Float64Array { return this.data.slice(0, this.length); }
}

/** Spans of one kind in columns; times relative to the trace's first event (ns). */
export interface SpanColumns {
  start: Float64Array;
  end: Float64Array;
}

export interface RunSpans extends SpanColumns {
  /** Lane index into TimelineModel.procs, or -1 for a goroutine running without a P. */
  lane: Int32Array;
  g: Float64Array;
  /** SpanEnd. */
  endReason: Uint8Array;
  /** Block reason (TraceData.strings index, 0 = none). */
  reason: Int32Array;
  /** Stack (TraceData.stacks index) of the event that ended the span (where it blocked), 0 = none. */
  endStack: Int32Array;
  /** Stack of the event that started the span, if it had one. */
  startStack: Int32Array;
  /** The goroutine's label when the span ended (TraceData.strings index, 0 = none), as Go names spans. */
  label: Int32Array;
}

export interface Markers {
  lane: Int32Array;
  time: Float64Array;
  /** End of what the marker stands for (syscall return, network unblock); = time when unknown. */
  end: Float64Array;
  kind: Uint8Array;
  g: Float64Array;
}

export interface Counter {
  time: Float64Array;
  value: Float64Array;
}

export interface TimelineModel {
  /** Absolute time (ns) of the first event; every other time is relative to it. */
  origin: number;
  duration: number;
  /** P ids, one lane each, ascending. */
  procs: number[];
  /** Sorted by lane, then start (spans of one P never overlap). */
  run: RunSpans;
  gc: SpanColumns;
  stw: SpanColumns & { kind: Int32Array };
  assist: SpanColumns & { g: Float64Array };
  heapAlloc: Counter;
  heapGoal: Counter;
  /** Sorted by time. */
  markers: Markers;
  /** Each goroutine's start stack (TraceData.stacks index; frame 0 is its start function) when known. */
  startStacks: Map<number, number>;
  /** Each goroutine's start function as Go's trace viewer names it (goroutineNames.ts), when known. */
  names: Map<number, string>;
}

interface Open { start: number; p: number; stack: number }

/** Extracts the timeline of a whole trace (TraceData as readTrace returns it, not streamed). */
export function buildTimeline(t: TraceData): TimelineModel {
  const e = t.events;
  const span = traceSpan(t);
  let origin = span.origin;
  const last = span.last;
  if (Number.isNaN(origin)) origin = 0;

  const known = new Set<number>();
  const startStacks = new Map<number, number>();
  const open = new Map<number, Open>();
  const syscallBegin = new Map<number, { time: number; p: number }>();
  const netBlocked = new Map<number, number>(); // g → marker index
  const syscallAtStart = new Set<number>();
  const rs = { p: new Column(), g: new Column(), start: new Column(), end: new Column(), why: new Column(), reason: new Column(), endStack: new Column(), startStack: new Column(), label: new Column() };
  const labels = new Map<number, number>(); // g → its current label (strings index)
  const mk = { p: new Column(), time: new Column(), end: new Column(), kind: new Column(), g: new Column() };
  const gc = { start: new Column(64), end: new Column(64) };
  const stw = { start: new Column(64), end: new Column(64), kind: new Column(64) };
  const assist = { start: new Column(64), end: new Column(64), g: new Column(64) };
  const assistOpen = new Map<number, number>();
  const heapAlloc = { time: new Column(), value: new Column() };
  const heapGoal = { time: new Column(64), value: new Column(64) };
  let gcOpen = NaN;
  let stwOpen = NaN;
  let stwKind = 0;

  const startRun = (g: number, ts: number, p: number, stack: number): void => {
    // A goroutine started twice restarts its span: the earlier start is dropped (as Go 1.19 counted).
    open.set(g, { start: ts, p, stack });
  };
  const endRun = (g: number, ts: number, why: SpanEnd, reason: number, stack: number): void => {
    const o = open.get(g);
    if (!o) return;
    open.delete(g);
    rs.p.push(o.p); rs.g.push(g); rs.start.push(o.start - origin); rs.end.push(ts - origin);
    rs.why.push(why); rs.reason.push(reason); rs.endStack.push(stack); rs.startStack.push(o.stack); rs.label.push(labels.get(g) ?? 0);
  };
  const marker = (p: number, ts: number, kind: MarkerKind, g: number): number => {
    mk.p.push(p); mk.time.push(ts - origin); mk.end.push(ts - origin); mk.kind.push(kind);
    return mk.g.push(g);
  };

  for (let i = 0; i < e.length; i++) {
    const k = e.kind(i);
    if (k === Ev.SyncMarker) continue;
    const ts = e.time(i);
    const g = e.g(i);
    const p = e.p(i);
    switch (k) {
      case Ev.GoCreate: case Ev.GoCreateBlocked:
        known.add(e.a0(i));
        if (e.a1(i) !== 0) startStacks.set(e.a0(i), e.a1(i));
        break;
      case Ev.GoCreateSyscall:
        known.add(e.a0(i));
        startRun(e.a0(i), ts, p, 0);
        break;
      case Ev.GoStatus: case Ev.GoStatusStack: {
        const id = e.a0(i);
        if (known.has(id)) break;
        known.add(id);
        if (k === Ev.GoStatusStack && e.stack(i) !== 0) startStacks.set(id, e.stack(i));
        const status = e.a2(i) % 8;
        if (status === 2) startRun(id, ts, p, k === Ev.GoStatusStack ? e.stack(i) : 0);
        else if (status === 3) {
          // In a syscall when tracing starts: it runs from its GoSyscallEnd (if the syscall returns with
          // its P), or not at all (GoSyscallEndBlocked). Go 1.19's analysis did not start these goroutines.
          syscallAtStart.add(id);
          syscallBegin.set(id, { time: ts, p });
        }
        break;
      }
      case Ev.GoStart: {
        const id = e.a0(i);
        if (known.has(id)) startRun(id, ts, p, e.stack(i));
        const n = netBlocked.get(id);
        if (n !== undefined) netBlocked.delete(id);
        break;
      }
      case Ev.GoDestroy: case Ev.GoDestroySyscall:
        endRun(g, ts, SpanEnd.Destroy, 0, e.stack(i));
        break;
      case Ev.GoBlock: {
        const r = e.a0(i);
        endRun(g, ts, SpanEnd.Block, r, e.stack(i));
        if (t.strings[r] === 'network') netBlocked.set(g, marker(p, ts, MarkerKind.NetWait, g));
        break;
      }
      case Ev.GoStop:
        endRun(g, ts, SpanEnd.Stop, e.a0(i), e.stack(i));
        break;
      case Ev.GoUnblock: {
        const id = e.a0(i);
        const n = netBlocked.get(id);
        if (n !== undefined) {
          mk.end.data[n] = ts - origin;
          netBlocked.delete(id);
        }
        break;
      }
      case Ev.GoSyscallBegin:
        syscallBegin.set(g, { time: ts, p });
        break;
      case Ev.GoSyscallEnd: {
        const b = syscallBegin.get(g);
        if (b) {
          const n = marker(b.p, b.time, MarkerKind.Syscall, g);
          mk.end.data[n] = ts - origin;
          syscallBegin.delete(g);
        }
        if (syscallAtStart.delete(g)) startRun(g, ts, p, 0);
        break;
      }
      case Ev.GoSyscallEndBlocked: {
        const b = syscallBegin.get(g);
        const bt = b?.time ?? ts;
        syscallAtStart.delete(g);
        endRun(g, bt, SpanEnd.SyscallBlocked, 0, 0);
        if (b) {
          const n = marker(b.p, b.time, MarkerKind.SyscallBlocked, g);
          mk.end.data[n] = ts - origin;
        }
        // The last begin of each goroutine is kept (never forgotten), as Go 1.19's analysis did.
        break;
      }
      case Ev.GCBegin: case Ev.GCActive:
        if (Number.isNaN(gcOpen)) gcOpen = ts;
        break;
      case Ev.GCEnd:
        if (!Number.isNaN(gcOpen)) {
          gc.start.push(gcOpen - origin); gc.end.push(ts - origin);
          gcOpen = NaN;
        }
        break;
      case Ev.STWBegin:
        stwOpen = ts;
        stwKind = e.a0(i);
        break;
      case Ev.STWEnd:
        if (!Number.isNaN(stwOpen)) {
          stw.start.push(stwOpen - origin); stw.end.push(ts - origin); stw.kind.push(stwKind);
          stwOpen = NaN;
        }
        break;
      case Ev.GCMarkAssistBegin:
        assistOpen.set(g, ts);
        break;
      case Ev.GCMarkAssistActive:
        assistOpen.set(e.a0(i), ts);
        break;
      case Ev.GCMarkAssistEnd: {
        const s = assistOpen.get(g);
        if (s !== undefined) {
          assist.start.push(s - origin); assist.end.push(ts - origin); assist.g.push(g);
          assistOpen.delete(g);
        }
        break;
      }
      case Ev.GoLabel:
        labels.set(g, e.a0(i));
        break;
      case Ev.HeapAlloc:
        heapAlloc.time.push(ts - origin); heapAlloc.value.push(e.a0(i));
        break;
      case Ev.HeapGoal: {
        const v = e.a0(i);
        // ^0 (read as -1) means no goal (GC off): leave a gap.
        heapGoal.time.push(ts - origin); heapGoal.value.push(v < 0 ? NaN : v);
        break;
      }
    }
  }
  for (const g of [...open.keys()]) endRun(g, last, SpanEnd.TraceEnd, 0, 0);
  if (!Number.isNaN(gcOpen)) { gc.start.push(gcOpen - origin); gc.end.push(last - origin); }
  if (!Number.isNaN(stwOpen)) { stw.start.push(stwOpen - origin); stw.end.push(last - origin); stw.kind.push(stwKind); }
  for (const [g, s] of assistOpen) { assist.start.push(s - origin); assist.end.push(last - origin); assist.g.push(g); }
  for (const [, n] of netBlocked) mk.end.data[n] = last - origin;

  // Lanes: the real Ps that ran something, ascending.
  const procSet = new Set<number>();
  for (let i = 0; i < rs.p.length; i++) {
    const pv = rs.p.data[i];
    if (pv >= 0 && pv < FAKE_P) procSet.add(pv);
  }
  const procs = [...procSet].sort((a, b) => a - b);
  const laneOf = new Map(procs.map((pv, i) => [pv, i]));
  const lane = (pv: number): number => laneOf.get(pv) ?? -1;

  const n = rs.p.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const laneCol = new Int32Array(n);
  for (let i = 0; i < n; i++) laneCol[i] = lane(rs.p.data[i]);
  order.sort((a, b) => laneCol[a] - laneCol[b] || rs.start.data[a] - rs.start.data[b] || rs.end.data[a] - rs.end.data[b]);
  const run: RunSpans = {
    lane: Int32Array.from(order, (i) => laneCol[i]),
    g: Float64Array.from(order, (i) => rs.g.data[i]),
    start: Float64Array.from(order, (i) => rs.start.data[i]),
    end: Float64Array.from(order, (i) => rs.end.data[i]),
    endReason: Uint8Array.from(order, (i) => rs.why.data[i]),
    reason: Int32Array.from(order, (i) => rs.reason.data[i]),
    endStack: Int32Array.from(order, (i) => rs.endStack.data[i]),
    startStack: Int32Array.from(order, (i) => rs.startStack.data[i]),
    label: Int32Array.from(order, (i) => rs.label.data[i]),
  };

  const m = mk.time.length;
  const mo = Array.from({ length: m }, (_, i) => i).sort((a, b) => mk.time.data[a] - mk.time.data[b]);
  const markers: Markers = {
    lane: Int32Array.from(mo, (i) => lane(mk.p.data[i])),
    time: Float64Array.from(mo, (i) => mk.time.data[i]),
    end: Float64Array.from(mo, (i) => mk.end.data[i]),
    kind: Uint8Array.from(mo, (i) => mk.kind.data[i]),
    g: Float64Array.from(mo, (i) => mk.g.data[i]),
  };
  const ao = Array.from({ length: assist.start.length }, (_, i) => i).sort((a, b) => assist.start.data[a] - assist.start.data[b]);

  return {
    origin,
    duration: last - origin,
    procs,
    run,
    gc: { start: gc.start.done(), end: gc.end.done() },
    stw: { start: stw.start.done(), end: stw.end.done(), kind: Int32Array.from(stw.kind.done()) },
    assist: {
      start: Float64Array.from(ao, (i) => assist.start.data[i]),
      end: Float64Array.from(ao, (i) => assist.end.data[i]),
      g: Float64Array.from(ao, (i) => assist.g.data[i]),
    },
    heapAlloc: { time: heapAlloc.time.done(), value: heapAlloc.value.done() },
    heapGoal: { time: heapGoal.time.done(), value: heapGoal.value.done() },
    markers,
    startStacks,
    names: goroutineNames(t),
  };
}

/** Running time per goroutine, summed over its spans (all lanes, P-less ones included). */
export function runningTimeByGoroutine(m: TimelineModel): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i < m.run.g.length; i++) {
    const g = m.run.g[i];
    out.set(g, (out.get(g) ?? 0) + (m.run.end[i] - m.run.start[i]));
  }
  return out;
}
