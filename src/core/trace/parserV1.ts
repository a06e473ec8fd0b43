// Parser for Go 1.11–1.21 ("v1") execution traces, a port of Go's internal/trace/internal/tracev1
// parser (the one Go ≥1.22 tools use): find the per-P batches, merge them into one stream ordered by
// goroutine sequence numbers and timestamps, convert ticks to nanoseconds, then validate the goroutine
// and P state machine. Events are kept in typed-array columns.
import { ByteCursor } from './byteCursor';
import { TraceError } from './traceError';
import { GC_P, NETPOLL_P, PROFILE_P, SYSCALL_P, TIMER_P, V1, v1Descs } from './v1Events';

export interface V1Frame { pc: number; fn: number; file: number; line: number }

/** A parsed v1 trace: events sorted by time, in columns. Args are the event's arguments after the timestamp. */
export interface V1Trace {
  version: number;
  n: number;
  type: Uint8Array;
  ts: Float64Array;
  g: Float64Array;
  p: Int32Array;
  stk: Float64Array;
  args: [Float64Array, Float64Array, Float64Array, Float64Array];
  stacks: Map<number, number[]>;
  pcs: Map<number, V1Frame>;
  strings: Map<number, string>;
  inlineStrings: string[];
}

/** Parsed events of one P's current batch, in reused columns (no object per event). */
class BatchBuf {
  n = 0;
  type: number[] = [];
  ts: number[] = [];
  g: number[] = [];
  p: number[] = [];
  stk: number[] = [];
  a0: number[] = [];
  a1: number[] = [];
  a2: number[] = [];
  a3: number[] = [];
}

interface RawEvent { typ: number; args: number[]; sargs: string[]; batchPid: number; batchOffset: number }

const NOSEQ = -1;
const SEQINC = -2;
const UNORDERED = -1;
const GARBAGE = -2;
const enum G { Dead = 0, Runnable = 1, Running = 2, Waiting = 3 }
interface GState { seq: number; status: number }

const decoder = new TextDecoder('utf-8');
const MAX_UINT64 = -1; // ^uint64(0) as our varints read it

class Parser {
  private readonly c: ByteCursor;
  strings = new Map<number, string>();
  inlineStrings: string[] = [];
  private inlineIdx = new Map<string, number>();
  private batchOffsets = new Map<number, { offset: number; numEvents: number }[]>();
  private batchNext = new Map<number, number>();
  stacks = new Map<number, number[]>();
  pcs = new Map<number, V1Frame>();
  ticksPerSec = 0;
  private readonly scratchArgs = [0, 0, 0, 0];
  private readonly raw: RawEvent = { typ: 0, args: [], sargs: [], batchPid: 0, batchOffset: 0 };
  private cpuSamples: { ts: number; p: number; g: number; stk: number; a1: number; a2: number }[] = [];
  timerGoids = new Set<number>();
  private lastTs = 0;
  private lastG = 0;
  private lastGs = new Map<number, number>();
  private lastP = 0;

  constructor(buf: Uint8Array, readonly ver: number) {
    this.c = new ByteCursor(buf, 16);
  }

  private readVal(): number {
    try {
      return this.c.uvarint();
    } catch {
      throw new TraceError('malformatted base-128 varint');
    }
  }

  private readFull(n: number): Uint8Array {
    if (n < 0 || n > this.c.remaining) throw new TraceError('failed to read trace: unexpected EOF');
    const b = this.c.buf.subarray(this.c.pos, this.c.pos + n);
    this.c.pos += n;
    return b;
  }

  /** Returns undefined at EOF. skip: don't keep args and strings (first pass). */
  private readRawEvent(skip: boolean): RawEvent | undefined {
    if (this.c.remaining === 0) return undefined;
    const b = this.c.byte();
    const typ = b & 0x3f;
    const narg = (b >> 6) + 1;
    if (typ === V1.None || typ >= V1.Count || v1Descs[typ].minVersion > this.ver) throw new TraceError(`unknown event type ${typ}`);
    const ev = this.raw;
    ev.typ = typ;
    ev.args.length = 0;
    ev.sargs.length = 0;
    ev.batchPid = 0;
    ev.batchOffset = 0;
    if (typ === V1.String) {
      if (skip) {
        this.readVal();
        const ln = this.readVal();
        this.readFull(ln);
      } else {
        const id = this.readVal();
        if (id === 0) throw new TraceError('string has invalid id 0');
        if (this.strings.get(id)) throw new TraceError(`string has duplicate id ${id}`);
        const ln = this.readVal();
        if (ln === 0) throw new TraceError('string has invalid length 0');
        if (ln > 1e6 || ln < 0) throw new TraceError(`string has too large length ${ln}`);
        this.strings.set(id, decoder.decode(this.readFull(ln)));
      }
      ev.typ = V1.None;
      return ev;
    }
    if (typ === V1.Batch) {
      if (narg !== 2) throw new TraceError(`EvBatch has wrong number of arguments: got ${narg}, want 2`);
      const off = this.c.pos - 1;
      const pid = this.readVal();
      if (pid !== MAX_UINT64 && (pid > 0x7fffffff || pid < 0)) throw new TraceError(`processor ID ${pid} is larger than maximum of ${0x7fffffff}`);
      const v = this.readVal();
      ev.batchPid = pid === MAX_UINT64 ? -1 : pid;
      ev.batchOffset = off;
      ev.args.push(pid, v);
      return ev;
    }
    if (narg <= 3) {
      for (let i = 0; i < narg; i++) {
        const v = this.readVal();
        if (!skip) ev.args.push(v);
      }
    } else {
      const v = this.readVal();
      if (v > 2048 || v < 0) throw new TraceError(`failed to read event ${typ} argument: length-prefixed argument too big: ${v} bytes, limit is 2048`);
      const buf = this.readFull(v);
      if (!skip || typ === V1.CPUSample) {
        const c = new ByteCursor(buf);
        while (c.remaining > 0) {
          try {
            ev.args.push(c.uvarint());
          } catch {
            throw new TraceError('malformatted base-128 varint');
          }
        }
      }
      if (typ === V1.UserLog) {
        const sz = this.readVal();
        if (sz > 1e6 || sz < 0) throw new TraceError(`string is too large (len=${sz})`);
        const s = this.readFull(sz);
        if (!skip) ev.sargs.push(decoder.decode(s));
      }
    }
    return ev;
  }

  private argNum(raw: RawEvent): number {
    const desc = v1Descs[raw.typ];
    if (raw.typ === V1.Stack) return raw.args.length;
    const n = desc.nargs + (desc.stack ? 1 : 0);
    if (raw.typ === V1.Batch || raw.typ === V1.Frequency || raw.typ === V1.TimerGoroutine) return n;
    return n + 1;
  }

  collectBatchesAndCPUSamples(): void {
    let curP = 0;
    for (;;) {
      const raw = this.readRawEvent(true);
      if (!raw) break;
      if (raw.typ === V1.None) continue;
      if (raw.typ === V1.Batch) {
        let l = this.batchOffsets.get(raw.batchPid);
        if (!l) this.batchOffsets.set(raw.batchPid, (l = []));
        l.push({ offset: raw.batchOffset, numEvents: 0 });
        curP = raw.batchPid;
      }
      const batches = this.batchOffsets.get(curP);
      if (!batches || batches.length === 0) throw new TraceError(`read event ${raw.typ} with current P of ${curP}, but P has no batches yet`);
      batches[batches.length - 1].numEvents++;
      if (raw.typ === V1.CPUSample) {
        const narg = this.argNum(raw);
        if (raw.args.length !== narg) throw new TraceError(`CPU sample has wrong number of arguments: want ${narg}, got ${raw.args.length}`);
        const args = [0, 0, 0, 0];
        let stk = 0;
        for (let i = 1; i < narg; i++) {
          if (i === narg - 1) stk = raw.args[i] >>> 0;
          else args[i - 1] = raw.args[i];
        }
        this.cpuSamples.push({ ts: args[0], p: args[1] | 0, g: args[2], stk, a1: args[1], a2: args[2] });
      }
    }
  }

  /** Parses the next batch of P pid into out; false when P has no more. */
  loadBatch(pid: number, out: BatchBuf): boolean {
    const offsets = this.batchOffsets.get(pid);
    const k = this.batchNext.get(pid) ?? 0;
    if (!offsets || k >= offsets.length) return false;
    this.batchNext.set(pid, k + 1);
    this.c.pos = offsets[k].offset;
    out.n = 0;
    let gotHeader = false;
    for (;;) {
      const raw = this.readRawEvent(false);
      if (!raw) break;
      if (raw.typ === V1.None || raw.typ === V1.CPUSample) continue;
      if (raw.typ === V1.Batch) {
        if (gotHeader) break;
        gotHeader = true;
      }
      this.parseEvent(raw, out);
    }
    return true;
  }

  /** Go's parseEvent: updates parser state; appends the event to out when it is one. */
  private parseEvent(raw: RawEvent, out: BatchBuf): void {
    const desc = v1Descs[raw.typ];
    const narg = this.argNum(raw);
    if (raw.args.length !== narg) throw new TraceError(`${desc.name} has wrong number of arguments: want ${narg}, got ${raw.args.length}`);
    switch (raw.typ) {
      case V1.Batch:
        this.lastGs.set(this.lastP, this.lastG);
        if (raw.args[0] !== MAX_UINT64 && (raw.args[0] > 0x7fffffff || raw.args[0] < 0)) {
          throw new TraceError(`processor ID ${raw.args[0]} is larger than maximum of ${0x7fffffff}`);
        }
        this.lastP = raw.args[0] === MAX_UINT64 ? -1 : raw.args[0];
        this.lastG = this.lastGs.get(this.lastP) ?? 0;
        this.lastTs = raw.args[1];
        return;
      case V1.Frequency:
        this.ticksPerSec = raw.args[0];
        if (this.ticksPerSec <= 0) throw new TraceError('time stamps out of order');
        return;
      case V1.TimerGoroutine:
        this.timerGoids.add(raw.args[0]);
        return;
      case V1.Stack: {
        if (raw.args.length < 2) throw new TraceError(`EvStack has wrong number of arguments: want at least 2, got ${raw.args.length}`);
        const size = raw.args[1];
        if (size > 1000 || size < 0) throw new TraceError(`EvStack has bad number of frames: ${size}`);
        const want = 2 + 4 * size;
        if (raw.args.length !== want) throw new TraceError(`EvStack has wrong number of arguments: want ${want}, got ${raw.args.length}`);
        const id = raw.args[0] >>> 0;
        if (id !== 0 && size > 0) {
          const stk: number[] = new Array(size);
          for (let i = 0; i < size; i++) {
            const pc = raw.args[2 + i * 4];
            stk[i] = pc;
            if (!this.pcs.has(pc)) this.pcs.set(pc, { pc, fn: raw.args[3 + i * 4], file: raw.args[4 + i * 4], line: raw.args[5 + i * 4] });
          }
          this.stacks.set(id, stk);
        }
        return;
      }
      case V1.CPUSample:
        return;
    }
    const ts = this.lastTs + raw.args[0];
    this.lastTs = ts;
    let g = this.lastG;
    let stk = 0;
    const a = this.scratchArgs;
    a[0] = a[1] = a[2] = a[3] = 0;
    for (let i = 1; i < narg; i++) {
      if (i === narg - 1 && desc.stack) stk = raw.args[i] >>> 0;
      else a[i - 1] = raw.args[i];
    }
    switch (raw.typ) {
      case V1.GoStart: case V1.GoStartLocal: case V1.GoStartLabel:
        this.lastG = a[0];
        g = this.lastG;
        break;
      case V1.GoEnd: case V1.GoStop: case V1.GoSched: case V1.GoPreempt: case V1.GoSleep: case V1.GoBlock:
      case V1.GoBlockSend: case V1.GoBlockRecv: case V1.GoBlockSelect: case V1.GoBlockSync: case V1.GoBlockCond:
      case V1.GoBlockNet: case V1.GoSysBlock: case V1.GoBlockGC:
        this.lastG = 0;
        break;
      case V1.GoSysExit: case V1.GoWaiting: case V1.GoInSyscall:
        g = a[0];
        break;
      case V1.UserLog: {
        const s = raw.sargs[0];
        let id = this.inlineIdx.get(s);
        if (id === undefined) {
          id = this.inlineStrings.length;
          this.inlineIdx.set(s, id);
          this.inlineStrings.push(s);
        }
        a[3] = id;
        break;
      }
    }
    const n = out.n++;
    out.type[n] = raw.typ;
    out.ts[n] = ts;
    out.g[n] = g;
    out.p[n] = this.lastP;
    out.stk[n] = stk;
    out.a0[n] = a[0];
    out.a1[n] = a[1];
    out.a2[n] = a[2];
    out.a3[n] = a[3];
  }

  /** Merges the per-P batches into one stream (Go's parseEventBatches), written into columns. */
  parseEventBatches(): Columns {
    this.cpuSamples.sort((a, b) => a.ts - b.ts);
    const allProcs: Proc[] = [...this.batchOffsets.keys()].map((pid) => ({ pid, buf: new BatchBuf(), head: 0, cur: 0, done: false }));
    const profile: Proc = { pid: PROFILE_P, buf: new BatchBuf(), head: 0, cur: 0, done: false };
    for (const e of this.cpuSamples) {
      const b = profile.buf;
      const n = b.n++;
      b.type[n] = V1.CPUSample;
      b.ts[n] = e.ts;
      b.g[n] = e.g;
      b.p[n] = e.p;
      b.stk[n] = e.stk;
      b.a0[n] = 0;
      b.a1[n] = e.a1;
      b.a2[n] = e.a2;
      b.a3[n] = 0;
    }
    allProcs.push(profile);
    const out = new Columns();
    const gs = new Map<number, GState>();
    const frontier: Proc[] = [];
    const available = allProcs.slice();
    for (;;) {
      for (let i = 0; i < available.length; i++) {
        const proc = available[i];
        let exhausted = false;
        while (proc.head === proc.buf.n) {
          // The profile P's events (CPU samples) are all loaded up front.
          const ok = proc !== profile && this.loadBatch(proc.pid, proc.buf);
          if (!ok) {
            proc.done = true;
            available[i] = available[available.length - 1];
            available.pop();
            i--;
            exhausted = true;
            break;
          }
          proc.head = 0;
        }
        if (exhausted) continue;
        stateTransition(proc.buf, proc.head);
        if (!transitionReady(st.g, gs.get(st.g) ?? { seq: 0, status: G.Dead }, st.initSeq, st.initStatus)) continue;
        proc.cur = proc.head++;
        available[i] = available[available.length - 1];
        available.pop();
        heapPush(frontier, proc);
        i--;
      }
      if (frontier.length === 0) {
        for (const p of allProcs) if (!p.done) throw new TraceError('no consistent ordering of events possible');
        break;
      }
      const f = heapPop(frontier);
      const b = f.buf;
      const k = f.cur;
      stateTransition(b, k);
      let ty = b.type[k];
      if (ty === V1.GoStartLocal) ty = V1.GoStart;
      else if (ty === V1.GoUnblockLocal) ty = V1.GoUnblock;
      else if (ty === V1.GoSysExitLocal) ty = V1.GoSysExit;
      out.push(ty, b.ts[k], b.g[k], b.p[k], b.stk[k], b.a0[k], b.a1[k], b.a2[k], b.a3[k]);
      transition(gs);
      available.push(f);
    }
    for (let i = 1; i < out.n; i++) if (out.ts[i] < out.ts[i - 1]) throw new TraceError('time stamps out of order');
    const lastSysBlock = new Map<number, number>();
    for (let i = 0; i < out.n; i++) {
      const ty = out.type[i];
      if (ty === V1.GoSysBlock || ty === V1.GoInSyscall) lastSysBlock.set(out.g[i], out.ts[i]);
      else if (ty === V1.GoSysExit) {
        const ts = out.a[2][i];
        if (ts === 0) continue;
        const block = lastSysBlock.get(out.g[i]) ?? 0;
        if (block === 0) throw new TraceError('stray syscall exit');
        if (ts < block) throw new TraceError('time stamps out of order');
        out.ts[i] = ts;
      }
    }
    out.stableSortByTime();
    return out;
  }
}

interface Proc { pid: number; buf: BatchBuf; head: number; cur: number; done: boolean }

/** Growable typed-array columns of v1 events (no object per event once ordered). */
class Columns {
  n = 0;
  type = new Uint8Array(1024);
  ts = new Float64Array(1024);
  g = new Float64Array(1024);
  p = new Int32Array(1024);
  stk = new Float64Array(1024);
  a: [Float64Array, Float64Array, Float64Array, Float64Array] = [new Float64Array(1024), new Float64Array(1024), new Float64Array(1024), new Float64Array(1024)];

  push(type: number, ts: number, g: number, p: number, stk: number, a0: number, a1: number, a2: number, a3: number): void {
    if (this.n === this.type.length) this.resize(this.n * 2);
    const i = this.n++;
    this.type[i] = type;
    this.ts[i] = ts;
    this.g[i] = g;
    this.p[i] = p;
    this.stk[i] = stk;
    this.a[0][i] = a0;
    this.a[1][i] = a1;
    this.a[2][i] = a2;
    this.a[3][i] = a3;
  }

  resize(cap: number): void {
    const grow = <T extends Uint8Array | Float64Array | Int32Array>(x: T, make: (n: number) => T): T => {
      const y = make(cap);
      y.set(x.subarray(0, Math.min(this.n, cap)) as never);
      return y;
    };
    this.type = grow(this.type, (n) => new Uint8Array(n));
    this.ts = grow(this.ts, (n) => new Float64Array(n));
    this.g = grow(this.g, (n) => new Float64Array(n));
    this.p = grow(this.p, (n) => new Int32Array(n));
    this.stk = grow(this.stk, (n) => new Float64Array(n));
    this.a = [grow(this.a[0], (n) => new Float64Array(n)), grow(this.a[1], (n) => new Float64Array(n)),
      grow(this.a[2], (n) => new Float64Array(n)), grow(this.a[3], (n) => new Float64Array(n))];
  }

  /** Go's sort.Stable by timestamp (events are nearly sorted: only syscall exits moved). */
  stableSortByTime(): void {
    let sorted = true;
    for (let i = 1; i < this.n && sorted; i++) if (this.ts[i] < this.ts[i - 1]) sorted = false;
    if (sorted) return;
    const idx = new Uint32Array(this.n);
    for (let i = 0; i < this.n; i++) idx[i] = i;
    const ts = this.ts;
    idx.sort((x, y) => ts[x] - ts[y] || x - y);
    const perm = <T extends Uint8Array | Float64Array | Int32Array>(x: T): T => {
      const y = x.slice(0, this.n) as T;
      for (let i = 0; i < this.n; i++) y[i] = x[idx[i]];
      return y;
    };
    this.type = perm(this.type);
    this.ts = perm(this.ts);
    this.g = perm(this.g);
    this.p = perm(this.p);
    this.stk = perm(this.stk);
    this.a = [perm(this.a[0]), perm(this.a[1]), perm(this.a[2]), perm(this.a[3])];
  }
}

/** The result of stateTransition (module scratch: no allocation per event). */
const st = { g: 0, initSeq: 0, initStatus: 0, nextSeq: 0, nextStatus: 0 };
function set(g: number, initSeq: number, initStatus: number, nextSeq: number, nextStatus: number): void {
  st.g = g;
  st.initSeq = initSeq;
  st.initStatus = initStatus;
  st.nextSeq = nextSeq;
  st.nextStatus = nextStatus;
}

/** Go's stateTransition for event i of b. */
function stateTransition(b: BatchBuf, i: number): void {
  const a0 = b.a0[i];
  const a1 = b.a1[i];
  switch (b.type[i]) {
    case V1.GoCreate: return set(a0, 0, G.Dead, 1, G.Runnable);
    case V1.GoWaiting: case V1.GoInSyscall: return set(b.g[i], 1, G.Runnable, 2, G.Waiting);
    case V1.GoStart: case V1.GoStartLabel: return set(b.g[i], a1, G.Runnable, a1 + 1, G.Running);
    case V1.GoStartLocal: return set(b.g[i], NOSEQ, G.Runnable, SEQINC, G.Running);
    case V1.GoBlock: case V1.GoBlockSend: case V1.GoBlockRecv: case V1.GoBlockSelect: case V1.GoBlockSync:
    case V1.GoBlockCond: case V1.GoBlockNet: case V1.GoSleep: case V1.GoSysBlock: case V1.GoBlockGC:
      return set(b.g[i], NOSEQ, G.Running, NOSEQ, G.Waiting);
    case V1.GoSched: case V1.GoPreempt: return set(b.g[i], NOSEQ, G.Running, NOSEQ, G.Runnable);
    case V1.GoUnblock: case V1.GoSysExit: return set(a0, a1, G.Waiting, a1 + 1, G.Runnable);
    case V1.GoUnblockLocal: case V1.GoSysExitLocal: return set(a0, NOSEQ, G.Waiting, SEQINC, G.Runnable);
    case V1.GCStart: return set(GARBAGE, a0, G.Dead, a0 + 1, G.Dead);
    default: return set(UNORDERED, 0, 0, 0, 0);
  }
}

function transitionReady(g: number, curr: GState, initSeq: number, initStatus: number): boolean {
  return g === UNORDERED || ((initSeq === NOSEQ || initSeq === curr.seq) && initStatus === curr.status);
}

/** Applies the transition in st (Go's transition). */
function transition(gs: Map<number, GState>): void {
  if (st.g === UNORDERED) return;
  let curr = gs.get(st.g);
  if (!curr) gs.set(st.g, (curr = { seq: 0, status: G.Dead }));
  if (!transitionReady(st.g, curr, st.initSeq, st.initStatus)) throw new TraceError('encountered impossible goroutine state transition');
  let seq = st.nextSeq;
  if (seq === NOSEQ) seq = curr.seq;
  else if (seq === SEQINC) seq = curr.seq + 1;
  curr.seq = seq;
  curr.status = st.nextStatus;
}

const headTs = (x: Proc): number => x.buf.ts[x.cur];
function heapPush(h: Proc[], x: Proc): void {
  h.push(x);
  let j = h.length - 1;
  while (j > 0) {
    const i = (j - 1) >> 1;
    if (!(headTs(h[j]) < headTs(h[i]))) break;
    const t = h[i];
    h[i] = h[j];
    h[j] = t;
    j = i;
  }
}
function heapPop(h: Proc[]): Proc {
  const n = h.length - 1;
  const t0 = h[0];
  h[0] = h[n];
  h[n] = t0;
  let i = 0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n) break;
    let j = j1;
    if (j1 + 1 < n && headTs(h[j1 + 1]) < headTs(h[j1])) j = j1 + 1;
    if (!(headTs(h[j]) < headTs(h[i]))) break;
    const t = h[i];
    h[i] = h[j];
    h[j] = t;
    i = j;
  }
  return h.pop()!;
}

/** Parses a v1 trace (header version 11, 19 or 21). */
export function parseV1(buf: Uint8Array, version: number): V1Trace {
  const p = new Parser(buf, version);
  p.collectBatchesAndCPUSamples();
  const c = p.parseEventBatches();
  if (p.ticksPerSec === 0) throw new TraceError('no EvFrequency event');
  c.resize(c.n);
  const t: V1Trace = {
    version, n: c.n, type: c.type, ts: c.ts, g: c.g, p: c.p, stk: c.stk, args: c.a,
    stacks: p.stacks, pcs: p.pcs, strings: p.strings, inlineStrings: p.inlineStrings,
  };
  if (t.n > 0) {
    const minTs = t.ts[0];
    const freq = 1e9 / p.ticksPerSec;
    for (let i = 0; i < t.n; i++) {
      t.ts[i] = Math.trunc((t.ts[i] - minTs) * freq);
      if (t.type[i] === V1.GoUnblock && p.timerGoids.has(t.g[i])) t.p[i] = TIMER_P;
      if (t.type[i] === V1.GoSysExit) t.p[i] = SYSCALL_P;
    }
  }
  postProcess(t);
  return t;
}

/** Go's postProcessTrace: validates the goroutine/P state machine (and moves GC events to the GC P). */
function postProcess(t: V1Trace): void {
  const NO = -1;
  interface GDesc { state: number; ev: number; evCreate: number; evMarkAssist: number }
  interface PDesc { running: boolean; g: number; evSweep: number }
  const gs = new Map<number, GDesc>([[0, { state: G.Running, ev: NO, evCreate: NO, evMarkAssist: NO }]]);
  const ps = new Map<number, PDesc>();
  const tasks = new Set<number>();
  const activeRegions = new Map<number, number[]>();
  let evGC = false;
  let evSTW = false;
  const getG = (g: number): GDesc => {
    let d = gs.get(g);
    if (!d) gs.set(g, (d = { state: G.Dead, ev: NO, evCreate: NO, evMarkAssist: NO }));
    return d;
  };
  const getP = (p: number): PDesc => {
    let d = ps.get(p);
    if (!d) ps.set(p, (d = { running: false, g: 0, evSweep: NO }));
    return d;
  };
  const { type, ts, p: P, g: G_, stk } = t;
  const a0 = t.args[0];
  const checkRunning = (p: PDesc, g: GDesc, i: number, allowG0: boolean): void => {
    const name = v1Descs[type[i]].name;
    if (g.state !== G.Running) throw new TraceError(`g ${G_[i]} is not running while ${name} (time ${ts[i]})`);
    if (p.g !== G_[i]) throw new TraceError(`p ${P[i]} is not running g ${G_[i]} while ${name} (time ${ts[i]})`);
    if (!allowG0 && G_[i] === 0) throw new TraceError(`g 0 did ${name} (time ${ts[i]})`);
  };
  for (let i = 0; i < t.n; i++) {
    const time = ts[i];
    switch (type[i]) {
      case V1.ProcStart: {
        const p = getP(P[i]);
        if (p.running) throw new TraceError(`p ${P[i]} is running before start (time ${time})`);
        p.running = true;
        break;
      }
      case V1.ProcStop: {
        const p = getP(P[i]);
        if (!p.running) throw new TraceError(`p ${P[i]} is not running before stop (time ${time})`);
        if (p.g !== 0) throw new TraceError(`p ${P[i]} is running a goroutine ${p.g} during stop (time ${time})`);
        p.running = false;
        break;
      }
      case V1.GCStart:
        if (evGC) throw new TraceError(`previous GC is not ended before a new one (time ${time})`);
        evGC = true;
        P[i] = GC_P;
        break;
      case V1.GCDone:
        if (!evGC) throw new TraceError(`bogus GC end (time ${time})`);
        evGC = false;
        break;
      case V1.STWStart:
        if (evSTW) throw new TraceError(`previous STW is not ended before a new one (time ${time})`);
        evSTW = true;
        break;
      case V1.STWDone:
        if (!evSTW) throw new TraceError(`bogus STW end (time ${time})`);
        evSTW = false;
        break;
      case V1.GCSweepStart: {
        const p = getP(P[i]);
        if (p.evSweep !== NO) throw new TraceError(`previous sweeping is not ended before a new one (time ${time})`);
        p.evSweep = i;
        break;
      }
      case V1.GCMarkAssistStart: {
        const g = getG(G_[i]);
        if (g.evMarkAssist !== NO) throw new TraceError(`previous mark assist is not ended before a new one (time ${time})`);
        g.evMarkAssist = i;
        break;
      }
      case V1.GCMarkAssistDone:
        getG(G_[i]).evMarkAssist = NO;
        break;
      case V1.GCSweepDone: {
        const p = getP(P[i]);
        if (p.evSweep === NO) throw new TraceError(`bogus sweeping end (time ${time})`);
        p.evSweep = NO;
        break;
      }
      case V1.GoWaiting: case V1.GoInSyscall: {
        const g = getG(G_[i]);
        if (g.state !== G.Runnable) throw new TraceError(`g ${G_[i]} is not runnable before ${type[i] === V1.GoWaiting ? 'EvGoWaiting' : 'EvGoInSyscall'} (time ${time})`);
        g.state = G.Waiting;
        g.ev = i;
        break;
      }
      case V1.GoCreate: {
        checkRunning(getP(P[i]), getG(G_[i]), i, true);
        if (gs.has(a0[i])) throw new TraceError(`g ${a0[i]} already exists (time ${time})`);
        gs.set(a0[i], { state: G.Runnable, ev: i, evCreate: i, evMarkAssist: NO });
        break;
      }
      case V1.GoStart: case V1.GoStartLabel: {
        const g = getG(G_[i]);
        const p = getP(P[i]);
        if (g.state !== G.Runnable) throw new TraceError(`g ${G_[i]} is not runnable before start (time ${time})`);
        if (p.g !== 0) throw new TraceError(`p ${P[i]} is already running g ${p.g} while start g ${G_[i]} (time ${time})`);
        g.state = G.Running;
        p.g = G_[i];
        if (g.evCreate !== NO) {
          stk[i] = t.args[1][g.evCreate] >>> 0;
          g.evCreate = NO;
        }
        g.ev = NO;
        break;
      }
      case V1.GoEnd: case V1.GoStop: {
        const g = getG(G_[i]);
        const p = getP(P[i]);
        checkRunning(p, g, i, false);
        g.state = G.Dead;
        p.g = 0;
        if (type[i] === V1.GoEnd) activeRegions.delete(G_[i]);
        break;
      }
      case V1.GoSched: case V1.GoPreempt: {
        const g = getG(G_[i]);
        const p = getP(P[i]);
        checkRunning(p, g, i, false);
        g.state = G.Runnable;
        p.g = 0;
        g.ev = i;
        break;
      }
      case V1.GoUnblock: {
        const g = getG(G_[i]);
        const p = getP(P[i]);
        if (g.state !== G.Running) throw new TraceError(`g ${G_[i]} is not running while unpark (time ${time})`);
        if (P[i] !== TIMER_P && p.g !== G_[i]) throw new TraceError(`p ${P[i]} is not running g ${G_[i]} while unpark (time ${time})`);
        const g1 = getG(a0[i]);
        if (g1.state !== G.Waiting) throw new TraceError(`g ${a0[i]} is not waiting before unpark (time ${time})`);
        if (g1.ev !== NO && type[g1.ev] === V1.GoBlockNet) P[i] = NETPOLL_P;
        g1.state = G.Runnable;
        g1.ev = i;
        break;
      }
      case V1.GoSysCall: {
        const g = getG(G_[i]);
        checkRunning(getP(P[i]), g, i, false);
        g.ev = i;
        break;
      }
      case V1.GoSysBlock: {
        const g = getG(G_[i]);
        const p = getP(P[i]);
        checkRunning(p, g, i, false);
        g.state = G.Waiting;
        p.g = 0;
        break;
      }
      case V1.GoSysExit: {
        const g = getG(G_[i]);
        if (g.state !== G.Waiting) throw new TraceError(`g ${G_[i]} is not waiting during syscall exit (time ${time})`);
        g.state = G.Runnable;
        g.ev = i;
        break;
      }
      case V1.GoSleep: case V1.GoBlock: case V1.GoBlockSend: case V1.GoBlockRecv: case V1.GoBlockSelect:
      case V1.GoBlockSync: case V1.GoBlockCond: case V1.GoBlockNet: case V1.GoBlockGC: {
        const g = getG(G_[i]);
        const p = getP(P[i]);
        checkRunning(p, g, i, false);
        g.state = G.Waiting;
        g.ev = i;
        p.g = 0;
        break;
      }
      case V1.UserTaskCreate:
        if (tasks.has(a0[i])) throw new TraceError(`task id conflicts (id:${a0[i]})`);
        tasks.add(a0[i]);
        break;
      case V1.UserTaskEnd:
        tasks.delete(a0[i]);
        break;
      case V1.UserRegion: {
        const mode = t.args[1][i];
        const regions = activeRegions.get(G_[i]) ?? [];
        if (mode === 0) {
          regions.push(i);
          activeRegions.set(G_[i], regions);
        } else if (mode === 1) {
          const n = regions.length;
          if (n > 0) {
            const s = regions[n - 1];
            if (a0[s] !== a0[i] || t.args[2][s] !== t.args[2][i]) {
              throw new TraceError(`misuse of region in goroutine ${G_[i]}: span end when the inner-most active span start event is different`);
            }
            if (n > 1) regions.pop();
            else activeRegions.delete(G_[i]);
          }
        } else {
          throw new TraceError(`invalid user region mode: ${mode}`);
        }
        break;
      }
    }
    if (stk[i] !== 0 && (t.stacks.get(stk[i])?.length ?? 0) === 0) stk[i] = 0;
  }
}
