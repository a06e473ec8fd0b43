// Reader for Go 1.22+ execution traces (headers go 1.22, 1.23, 1.25, 1.26), a port of the algorithm
// of Go's internal/trace reader.go: read one generation, put each M's batches behind a cursor, keep
// the cursors in a min-heap by next timestamp, and advance the earliest event that the scheduler-state
// machine (ordering.ts) accepts. Events go straight into the struct-of-arrays store.
import { ByteCursor } from './byteCursor';
import { Generation, readGenerationExplicit, readGenerationWithSpill, ticksToNs, Batch, readBatch, isEndOfGeneration } from './generation';
import { NONE, Ordering, BaseEvent, OrderedEvent } from './ordering';
import { Ev, eventName, specOf } from './specs';
import { TraceData } from './traceData';
import { TraceError } from './traceError';

export const HEADER_LEN = 16; // "go 1.NN trace\0\0\0"

class BatchCursor {
  idx = 0;
  off = 0;
  lastTs = 0;
  readonly ev: BaseEvent = { typ: 0, time: 0, args: new Float64Array(5) };
  private readonly c: ByteCursor;
  constructor(readonly m: number, readonly batches: Batch[], buf: Uint8Array) {
    this.c = new ByteCursor(buf);
  }

  /** Reads the next event; false when this M has no more. */
  next(freq: number): boolean {
    const bs = this.batches;
    while (this.idx < bs.length && bs[this.idx].end - bs[this.idx].start === this.off) {
      this.idx++;
      this.off = 0;
      this.lastTs = 0;
    }
    if (this.idx === bs.length) return false;
    const b = bs[this.idx];
    if (this.lastTs === 0) this.lastTs = ticksToNs(freq, b.time);
    const c = this.c;
    (c as { end: number }).end = b.end;
    c.pos = b.start + this.off;
    const typ = c.byte();
    if (typ >= 137) throw new TraceError(`found invalid event type: ${typ}`);
    const spec = specOf(typ);
    if (!spec || spec.args.length === 0 || !spec.timed) throw new TraceError(`found event without a timestamp: type=${typ}`);
    const ev = this.ev;
    ev.typ = typ;
    let dt: number;
    try {
      dt = c.uvarint();
    } catch {
      throw new TraceError('found invalid uvarint for timestamp');
    }
    const n = spec.args.length - 1;
    try {
      for (let i = 0; i < n; i++) ev.args[i] = c.uvarint();
    } catch {
      throw new TraceError('found invalid uvarint');
    }
    for (let i = n; i < 5; i++) ev.args[i] = 0;
    ev.time = ticksToNs(freq, dt) + this.lastTs;
    this.lastTs = ev.time;
    this.off = c.pos - b.start;
    return true;
  }
}

function heapSiftUp(h: BatchCursor[], i: number): number {
  while (i > 0 && h[(i - 1) >> 1].ev.time > h[i].ev.time) {
    const p = (i - 1) >> 1;
    [h[p], h[i]] = [h[i], h[p]];
    i = p;
  }
  return i;
}
function heapSiftDown(h: BatchCursor[], i: number): void {
  for (;;) {
    let m = i;
    let t = i < h.length ? h[i].ev.time : Infinity;
    for (const k of [2 * i + 1, 2 * i + 2]) {
      if (k < h.length && h[k].ev.time < t) {
        t = h[k].ev.time;
        m = k;
      }
    }
    if (m === i) return;
    [h[i], h[m]] = [h[m], h[i]];
    i = m;
  }
}
function heapRemove(h: BatchCursor[], i: number): void {
  while (i > 0) {
    const p = (i - 1) >> 1;
    [h[p], h[i]] = [h[i], h[p]];
    i = p;
  }
  h[0] = h[h.length - 1];
  h.pop();
  heapSiftDown(h, 0);
}

export interface ReadOptions {
  /** Called after each generation with the events stored so far (progress, cancellation by throwing). */
  onGeneration?: (gen: number, events: number) => void;
  /**
   * Byte offset of the generation to start at (from indexGenerations): each generation restates the
   * status of every goroutine and P, so reading can start at any of them, as Go's flight recorder does.
   */
  startOffset?: number;
  /** Stop after this many generations (levels of detail: read only the window on screen). */
  maxGenerations?: number;
  /**
   * Streaming: called with each generation's events (then forgotten, so memory stays per generation);
   * strings, frames and stacks accumulate in the same TraceData. The final sync event comes last, alone.
   */
  onEvents?: (data: TraceData) => void;
}

export interface GenerationExtent {
  gen: number;
  /** Byte range of the generation's batches in the file. */
  start: number;
  end: number;
  batches: number;
}

/**
 * Finds the generations of a Go 1.22+ trace by walking batch headers only (no event decoding): a
 * cheap index for reading a big trace one generation at a time.
 */
export function indexGenerations(buf: Uint8Array): GenerationExtent[] {
  const c = new ByteCursor(buf, HEADER_LEN);
  const out: GenerationExtent[] = [];
  let cur: GenerationExtent | undefined;
  for (;;) {
    const at = c.pos;
    const r = readBatch(c);
    if (!r) break;
    if (isEndOfGeneration(buf, r.batch)) {
      if (cur) cur.end = c.pos;
      cur = undefined;
      continue;
    }
    if (!cur || cur.gen !== r.gen) {
      cur = { gen: r.gen, start: at, end: c.pos, batches: 0 };
      out.push(cur);
    }
    cur.batches++;
    cur.end = c.pos;
  }
  return out;
}

/** Reads a whole Go 1.22+ trace. Throws TraceError when it is malformed or fails validation. */
export function readTraceV2(buf: Uint8Array, version: number, opts: ReadOptions = {}): TraceData {
  const data = new TraceData(version);
  const order = new Ordering();
  const c = new ByteCursor(buf, opts.startOffset ?? HEADER_LEN);
  const maxGens = opts.maxGenerations ?? Infinity;
  let lastTs = 0;
  let spill: { batch: Batch; gen: number } | undefined;
  let spillErr: TraceError | undefined;
  let haveGen = false;

  const emitSync = (t: number, gen: number): void => {
    if (t <= lastTs) t = lastTs + 1;
    lastTs = t;
    data.events.push(Ev.SyncMarker, t, NONE, NONE, NONE, gen, 0, 0, 0);
  };

  for (;;) {
    let g: Generation | undefined;
    if (data.generations >= maxGens) break;
    if (version < 26) {
      if (spillErr) throw spillErr;
      if (haveGen && !spill) break;
      const r = readGenerationWithSpill(buf, c, spill, version);
      g = r.gen;
      spill = r.spill;
      spillErr = r.spillErr;
    } else {
      g = readGenerationExplicit(buf, c, version);
      if (!g) break;
    }
    if (!g) break;
    haveGen = true;
    data.generations++;
    const emitter = new GenerationEmitter(data, g);
    const frontier: BatchCursor[] = [];
    for (const m of g.batchMs) {
      const bc = new BatchCursor(m, g.batches.get(m)!, buf);
      if (!bc.next(g.freq)) continue;
      frontier.push(bc);
      heapSiftUp(frontier, frontier.length - 1);
    }
    emitSync(ticksToNs(g.freq, g.minTs), g.gen);
    const cpu = g.cpuSamples;
    let cpuNext = 0;

    const emit = (e: OrderedEvent): void => {
      let t = e.time;
      emitter.validate(e);
      if (t <= lastTs) t = lastTs + 1;
      lastTs = t;
      emitter.store(e, t);
    };
    const tryAdvance = (i: number): boolean => {
      const bc = frontier[i];
      if (!order.advance(bc.ev, g!, bc.m, g!.gen)) return false;
      if (bc.next(g!.freq)) {
        if (heapSiftUp(frontier, i) === i) heapSiftDown(frontier, i);
      } else {
        heapRemove(frontier, i);
      }
      return true;
    };

    for (;;) {
      let e: OrderedEvent | undefined;
      while ((e = order.next())) emit(e);
      if (frontier.length === 0 && cpuNext === cpu.length) break;
      if (cpuNext < cpu.length && (frontier.length === 0 || cpu[cpuNext].time < frontier[0].ev.time)) {
        let t = cpu[cpuNext].time;
        if (t <= lastTs) t = lastTs + 1;
        lastTs = t;
        emitter.storeCpuSample(cpu[cpuNext++], t);
        continue;
      }
      if (frontier.length === 0) throw new TraceError(`broken trace: frontier is empty [gen=${g.gen}]`);
      if (!tryAdvance(0)) {
        frontier.sort((a, b) => a.ev.time - b.ev.time);
        let ok = false;
        for (let i = 1; i < frontier.length; i++) {
          if (tryAdvance(i)) {
            ok = true;
            break;
          }
        }
        if (!ok) {
          const head = frontier.slice(0, 4).map((bc) => `M ${bc.m} ${eventName(bc.ev.typ)} time=${bc.ev.time}`).join('; ');
          throw new TraceError(`broken trace: failed to advance [gen=${g.gen}]: ${head}`);
        }
      }
    }
    opts.onGeneration?.(g.gen, data.events.length);
    if (opts.onEvents) {
      opts.onEvents(data);
      data.events.clear();
    }
  }
  if (haveGen) emitSync(lastTs, 0);
  if (opts.onEvents) {
    opts.onEvents(data);
    data.events.clear();
  }
  data.events.trim();
  return data;
}

/** Resolves one generation's string and stack IDs into the trace-wide tables. */
class GenerationEmitter {
  private readonly stackMap = new Map<number, number>();
  private readonly stringMap = new Map<number, number>();
  constructor(private readonly data: TraceData, private readonly g: Generation) {}

  /** Go's Event.validateTableIDs. */
  validate(e: OrderedEvent): void {
    const spec = specOf(e.typ);
    if (!spec) return;
    for (const i of spec.stackIDs) {
      if (!this.g.stacks.has(e.args[i - 1])) throw new TraceError(`found invalid stack ID ${e.args[i - 1]} for event ${spec.name}`);
    }
    for (const i of spec.stringIDs) {
      if (!this.g.strings.has(e.args[i - 1])) throw new TraceError(`found invalid string ID ${e.args[i - 1]} for event ${spec.name}`);
    }
  }

  stack(id: number): number {
    if (id === 0) return 0;
    let s = this.stackMap.get(id);
    if (s === undefined) {
      const pcs = this.g.stacks.get(id);
      if (!pcs) return 0;
      const frames = pcs.map((pc) => {
        const f = this.g.pcs.get(pc)!;
        return this.data.internFrame(pc, this.g.strings.get(f.funcID) ?? '', this.g.strings.get(f.fileID) ?? '', f.line);
      });
      s = this.data.internStack(frames);
      this.stackMap.set(id, s);
    }
    return s;
  }

  string(id: number): number {
    if (id === 0) return 0;
    let s = this.stringMap.get(id);
    if (s === undefined) {
      s = this.data.intern(this.g.strings.get(id) ?? '');
      this.stringMap.set(id, s);
    }
    return s;
  }

  store(e: OrderedEvent, t: number): void {
    const a = e.args;
    const ev = this.data.events;
    switch (e.typ) {
      case Ev.ProcSteal: // p, m, old proc status
        ev.push(e.typ, t, e.g, e.p, e.m, a[0], a[2], a[3], 0);
        return;
      case Ev.UserTaskEnd: // task, parent, name
        ev.push(e.typ, t, e.g, e.p, e.m, a[0], a[2], this.data.intern(e.extraString), this.stack(a[1]));
        return;
      case Ev.STWEnd: // kind string
        ev.push(e.typ, t, e.g, e.p, e.m, this.string(a[0]), 0, 0, 0);
        return;
      case Ev.GoCreate: case Ev.GoCreateBlocked: // new g, new g's stack
        ev.push(e.typ, t, e.g, e.p, e.m, a[0], this.stack(a[1]), 0, this.stack(a[2]));
        return;
      case Ev.ProcStatus: // p, status, old state
        ev.push(e.typ, t, e.g, e.p, e.m, a[0], a[1], a[2], 0);
        return;
    }
    const spec = specOf(e.typ)!;
    const n = spec.args.length - 1;
    const stackArg = spec.stackIDs.length > 0 ? spec.stackIDs[0] - 1 : -1;
    const out = [0, 0, 0];
    let k = 0;
    for (let i = 0; i < n && k < 3; i++) {
      if (i === stackArg) continue;
      out[k++] = spec.stringIDs.includes(i + 1) ? this.string(a[i]) : a[i];
    }
    ev.push(e.typ, t, e.g, e.p, e.m, out[0], out[1], out[2], stackArg >= 0 ? this.stack(a[stackArg]) : 0);
  }

  storeCpuSample(s: { m: number; p: number; g: number; stack: number }, t: number): void {
    this.data.events.push(Ev.CPUSample, t, s.g, s.p, s.m, 0, 0, 0, this.stack(s.stack));
  }
}
