// One generation of a Go 1.22+ trace: its batches (views into the file, not copies), string and stack
// tables, CPU samples and clock data. Mirrors Go's internal/trace generation.go / batch.go, including
// their error messages, so the conformance tests can match Go's expectations.
import { ByteCursor } from './byteCursor';
import { Ev, MAX_BATCH_SIZE, MAX_FRAMES_PER_STACK, MAX_STRING_SIZE } from './specs';
import { TraceError } from './traceError';

export interface Batch {
  m: number;
  time: number;
  /** Data lives in the file buffer at [start, end). */
  start: number;
  end: number;
  exp: number;
}

export interface Frame {
  pc: number;
  funcID: number;
  fileID: number;
  line: number;
}

export interface CpuSample {
  time: number;
  m: number;
  p: number;
  g: number;
  stack: number;
}

/** Go's dataTable: IDs are unique, ID 0 always resolves (to the empty value). */
export class DataTable<E> {
  readonly map = new Map<number, E>();
  constructor(private readonly empty: E, private readonly kind: string) {}
  insert(id: number, data: E): void {
    if (this.has(id)) throw new TraceError(`multiple ${this.kind}s with the same ID: id=${id}`);
    this.map.set(id, data);
  }
  has(id: number): boolean {
    return id === 0 || this.map.has(id);
  }
  get(id: number): E | undefined {
    if (id === 0) return this.empty;
    return this.map.get(id);
  }
}

export interface Generation {
  gen: number;
  batches: Map<number, Batch[]>;
  batchMs: number[];
  cpuSamples: CpuSample[];
  minTs: number;
  /** Nanoseconds per timestamp unit. */
  freq: number;
  hasClockSnapshot: boolean;
  strings: DataTable<string>;
  stacks: DataTable<number[]>;
  pcs: Map<number, Frame>;
  /** Strings made up while ordering (task names carried across generations). */
  extraStrings: string[];
}

export function ticksToNs(freq: number, t: number): number {
  return Math.trunc(t * freq);
}

const decoder = new TextDecoder('utf-8');

/** Reads the batch at c.pos. Returns undefined at the end of the data. */
export function readBatch(c: ByteCursor): { batch: Batch; gen: number } | undefined {
  if (c.remaining === 0) return undefined;
  const start = c.pos;
  const typ = c.byte();
  if (typ === Ev.EndOfGeneration) {
    return { batch: { m: -1, time: 0, start, end: start + 1, exp: 0 }, gen: 0 };
  }
  if (typ !== Ev.EventBatch && typ !== Ev.ExperimentalBatch) throw new TraceError(`expected batch event, got event ${typ}`);
  let exp = 0;
  if (typ === Ev.ExperimentalBatch) exp = c.byte();
  const gen = withContext('error reading batch gen', () => c.uvarint());
  const m = withContext('error reading batch M ID', () => c.uvarint());
  const time = withContext('error reading batch timestamp', () => c.uvarint());
  const size = withContext('error reading batch size', () => c.uvarint());
  if (size > MAX_BATCH_SIZE || size < 0) throw new TraceError(`invalid batch size ${size}, maximum is ${MAX_BATCH_SIZE}`);
  if (c.remaining < size) throw new TraceError(`failed to read full batch: read ${c.remaining} but wanted ${size}`);
  const bstart = c.pos;
  c.pos += size;
  return { batch: { m, time, start: bstart, end: bstart + size, exp }, gen };
}

function withContext<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TraceError) throw new TraceError(`${what}: ${e.message}`);
    throw e;
  }
}

function firstByte(buf: Uint8Array, b: Batch): number {
  return b.exp === 0 && b.end > b.start ? buf[b.start] : -1;
}

export function isEndOfGeneration(buf: Uint8Array, b: Batch): boolean {
  return firstByte(buf, b) === Ev.EndOfGeneration;
}

function newGeneration(): Generation {
  return {
    gen: 0, batches: new Map(), batchMs: [], cpuSamples: [], minTs: 0, freq: 0, hasClockSnapshot: false,
    strings: new DataTable<string>('', 'string'), stacks: new DataTable<number[]>([], 'stack'), pcs: new Map(), extraStrings: [],
  };
}

export interface GenerationRead {
  gen?: Generation;
  /** First batch of the next generation (traces before Go 1.26 have no end-of-generation marker). */
  spill?: { batch: Batch; gen: number };
  /** An error reading past this generation, reported once it has been consumed. */
  spillErr?: TraceError;
}

/** Go 1.22–1.25: a generation ends where a batch of the next one begins (readGenerationWithSpill). */
export function readGenerationWithSpill(buf: Uint8Array, c: ByteCursor, spill: { batch: Batch; gen: number } | undefined, ver: number): GenerationRead {
  const g = newGeneration();
  if (spill) {
    g.gen = spill.gen;
    g.minTs = spill.batch.time;
    processBatch(buf, g, spill.batch, ver);
    spill = undefined;
  }
  let spillErr: TraceError | undefined;
  for (;;) {
    let r: { batch: Batch; gen: number } | undefined;
    try {
      r = readBatch(c);
    } catch (e) {
      if (!(e instanceof TraceError)) throw e;
      if (g.gen !== 0) {
        spillErr = e;
        break;
      }
      throw e;
    }
    if (!r) break;
    const { batch: b, gen } = r;
    if (gen === 0) throw new TraceError(`invalid generation number ${gen}`);
    if (g.gen === 0) g.gen = gen;
    if (gen === g.gen + 1) {
      spill = r;
      break;
    }
    if (gen !== g.gen) throw new TraceError('generations out of order');
    if (g.minTs === 0 || b.time < g.minTs) g.minTs = b.time;
    processBatch(buf, g, b, ver);
  }
  if (g.freq === 0) throw new TraceError('no frequency event found');
  if (ver >= 25 && !g.hasClockSnapshot) throw new TraceError('no clock snapshot event found');
  finish(g);
  return { gen: g, spill, spillErr };
}

/** Go 1.26+: every generation ends with an EndOfGeneration marker. Returns undefined at the end. */
export function readGenerationExplicit(buf: Uint8Array, c: ByteCursor, ver: number): Generation | undefined {
  const g = newGeneration();
  let any = false;
  for (;;) {
    const r = readBatch(c);
    if (!r) {
      if (any) throw new TraceError('incomplete generation found; trace likely truncated');
      return undefined;
    }
    const { batch: b, gen } = r;
    if (g.gen === 0) g.gen = gen;
    if (isEndOfGeneration(buf, b)) break;
    any = true;
    if (gen === 0) throw new TraceError(`invalid generation number ${gen}`);
    if (gen !== g.gen) throw new TraceError('broken trace: missing end-of-generation event, or generations are interleaved');
    if (g.minTs === 0 || b.time < g.minTs) g.minTs = b.time;
    processBatch(buf, g, b, ver);
  }
  if (g.freq === 0) throw new TraceError('no frequency event found');
  if (!g.hasClockSnapshot) throw new TraceError('no clock snapshot event found');
  finish(g);
  return g;
}

function finish(g: Generation): void {
  // Validate stacks: every frame's func and file string must exist (validateStackStrings).
  for (const [id, pcs] of g.stacks.map) {
    for (const pc of pcs) {
      const f = g.pcs.get(pc);
      if (!f) throw new TraceError(`found unknown pc ${pc.toString(16)} for stack ${id}`);
      if (!g.strings.has(f.funcID)) throw new TraceError(`found invalid func string ID ${f.funcID} for stack ${id}`);
      if (!g.strings.has(f.fileID)) throw new TraceError(`found invalid file string ID ${f.fileID} for stack ${id}`);
    }
  }
  for (const s of g.cpuSamples) s.time = ticksToNs(g.freq, s.time);
  g.cpuSamples.sort((a, b) => a.time - b.time);
}

function processBatch(buf: Uint8Array, g: Generation, b: Batch, ver: number): void {
  const first = firstByte(buf, b);
  if (first === Ev.Strings) addStrings(buf, g, b);
  else if (first === Ev.Stacks) addStacks(buf, g, b);
  else if (first === Ev.CPUSamples) addCPUSamples(buf, g, b);
  else if ((first === Ev.Frequency && ver < 25) || (first === Ev.Sync && ver >= 25)) setSync(buf, g, b, ver);
  else if (b.exp !== 0) {
    // Experimental batches (e.g. AllocFree) are kept out of the event stream, as Go does.
  } else if (first === Ev.EndOfGeneration) {
    throw new TraceError('internal error: unexpectedly processing EndOfGeneration; broken trace?');
  } else {
    let list = g.batches.get(b.m);
    if (!list) {
      list = [];
      g.batches.set(b.m, list);
      g.batchMs.push(b.m);
    }
    list.push(b);
  }
}

function addStrings(buf: Uint8Array, g: Generation, b: Batch): void {
  const c = new ByteCursor(buf, b.start + 1, b.end);
  while (c.remaining !== 0) {
    const ev = c.byte();
    if (ev !== Ev.String) throw new TraceError(`expected string event, got ${ev}`);
    const id = c.uvarint();
    const len = c.uvarint();
    if (len > MAX_STRING_SIZE || len < 0) throw new TraceError(`invalid string size ${len}, maximum is ${MAX_STRING_SIZE}`);
    if (c.remaining < len) throw new TraceError(`failed to read full string: read ${c.remaining} but wanted ${len}`);
    const s = decoder.decode(buf.subarray(c.pos, c.pos + len));
    c.pos += len;
    g.strings.insert(id, s);
  }
}

function addStacks(buf: Uint8Array, g: Generation, b: Batch): void {
  const c = new ByteCursor(buf, b.start + 1, b.end);
  while (c.remaining !== 0) {
    const ev = c.byte();
    if (ev !== Ev.Stack) throw new TraceError(`expected stack event, got ${ev}`);
    const id = c.uvarint();
    const n = c.uvarint();
    if (n > MAX_FRAMES_PER_STACK || n < 0) throw new TraceError(`invalid stack size ${n}, maximum is ${MAX_FRAMES_PER_STACK}`);
    const frames: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const pc = c.uvarint();
      const funcID = c.uvarint();
      const fileID = c.uvarint();
      const line = c.uvarint();
      frames[i] = pc;
      if (!g.pcs.has(pc)) g.pcs.set(pc, { pc, funcID, fileID, line });
    }
    g.stacks.insert(id, frames);
  }
}

function addCPUSamples(buf: Uint8Array, g: Generation, b: Batch): void {
  const c = new ByteCursor(buf, b.start + 1, b.end);
  while (c.remaining !== 0) {
    const ev = c.byte();
    if (ev !== Ev.CPUSample) throw new TraceError(`expected CPU sample event, got ${ev}`);
    const time = c.uvarint();
    const m = c.uvarint();
    const p = c.uvarint();
    const gid = c.uvarint();
    const stack = c.uvarint();
    g.cpuSamples.push({ time, m, p, g: gid === 0 ? -1 : gid, stack });
  }
}

function setSync(buf: Uint8Array, g: Generation, b: Batch, ver: number): void {
  const c = new ByteCursor(buf, b.start, b.end);
  if (ver >= 25) c.byte(); // EvSync
  while (c.remaining !== 0) {
    const ev = c.byte();
    if (ev === Ev.Frequency) {
      if (g.freq !== 0) throw new TraceError('found multiple frequency events');
      const f = c.uvarint();
      g.freq = 1.0 / (f / 1e9);
    } else if (ev === Ev.ClockSnapshot && ver >= 25) {
      if (g.hasClockSnapshot) throw new TraceError('found multiple clock snapshot events');
      g.hasClockSnapshot = true;
      c.uvarint(); c.uvarint(); c.uvarint(); c.uvarint(); // dt, mono, sec, nsec
    } else {
      throw new TraceError(`expected frequency or clock snapshot event, got ${ev}`);
    }
  }
}
