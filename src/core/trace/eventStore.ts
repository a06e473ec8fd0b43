// Struct-of-arrays storage for trace events: one typed-array column per field, in fixed-size chunks
// so growing never copies (a 300 MB trace must not need 2× its events in memory while growing).
//
// The event model (shared by Go 1.22+ traces and converted Go 1.11–1.21 traces):
//   kind   wire event type of Go 1.22+ (specs.ts Ev), or Ev.SyncMarker at generation boundaries
//   time   nanoseconds (Go's trace.Time: monotonic, strictly increasing in read order)
//   g p m  scheduling context (-1 = none)
//   a0..a2 the event's arguments after the timestamp, with string IDs and secondary stack IDs
//          replaced by indexes into TraceData.strings / TraceData.stacks (see argLayout in readerV2.ts)
//   stack  index into TraceData.stacks of the event's own stack (0 = none)
const SHIFT = 15;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

export class EventStore {
  length = 0;
  private kinds: Uint8Array[] = [];
  private times: Float64Array[] = [];
  private gs: Float64Array[] = [];
  private ps: Int32Array[] = [];
  private ms: Int32Array[] = [];
  private a0s: Float64Array[] = [];
  private a1s: Float64Array[] = [];
  private a2s: Float64Array[] = [];
  private stacks: Int32Array[] = [];

  /** Forgets all events but keeps the first chunk's memory (streaming one generation at a time). */
  clear(): void {
    const keep = Math.min(1, this.kinds.length);
    for (const cols of [this.kinds, this.times, this.gs, this.ps, this.ms, this.a0s, this.a1s, this.a2s, this.stacks] as unknown[][]) {
      cols.length = keep;
    }
    if (keep === 1 && this.kinds[0].length !== CHUNK) {
      this.length = this.kinds[0].length;
      this.regrowLast();
    }
    this.length = 0;
  }

  /** Shrinks the last chunk to its used length once reading is done (small traces stay small). */
  trim(): void {
    const used = this.length & MASK;
    const c = this.kinds.length - 1;
    if (c < 0 || used === 0) return;
    this.kinds[c] = this.kinds[c].slice(0, used);
    this.times[c] = this.times[c].slice(0, used);
    this.gs[c] = this.gs[c].slice(0, used);
    this.ps[c] = this.ps[c].slice(0, used);
    this.ms[c] = this.ms[c].slice(0, used);
    this.a0s[c] = this.a0s[c].slice(0, used);
    this.a1s[c] = this.a1s[c].slice(0, used);
    this.a2s[c] = this.a2s[c].slice(0, used);
    this.stacks[c] = this.stacks[c].slice(0, used);
  }

  private regrowLast(): void {
    const c = this.kinds.length - 1;
    const grow = <T extends Uint8Array | Float64Array | Int32Array>(a: T[], make: (n: number) => T): void => {
      const n = make(CHUNK);
      n.set(a[c] as never);
      a[c] = n;
    };
    grow(this.kinds, (n) => new Uint8Array(n));
    grow(this.times, (n) => new Float64Array(n));
    grow(this.gs, (n) => new Float64Array(n));
    grow(this.ps, (n) => new Int32Array(n));
    grow(this.ms, (n) => new Int32Array(n));
    grow(this.a0s, (n) => new Float64Array(n));
    grow(this.a1s, (n) => new Float64Array(n));
    grow(this.a2s, (n) => new Float64Array(n));
    grow(this.stacks, (n) => new Int32Array(n));
  }

  push(kind: number, time: number, g: number, p: number, m: number, a0: number, a1: number, a2: number, stack: number): number {
    const i = this.length;
    const c = i >>> SHIFT;
    if (c === this.kinds.length) {
      this.kinds.push(new Uint8Array(CHUNK));
      this.times.push(new Float64Array(CHUNK));
      this.gs.push(new Float64Array(CHUNK));
      this.ps.push(new Int32Array(CHUNK));
      this.ms.push(new Int32Array(CHUNK));
      this.a0s.push(new Float64Array(CHUNK));
      this.a1s.push(new Float64Array(CHUNK));
      this.a2s.push(new Float64Array(CHUNK));
      this.stacks.push(new Int32Array(CHUNK));
    }
    const o = i & MASK;
    if (this.kinds[c].length !== CHUNK) this.regrowLast();
    this.kinds[c][o] = kind;
    this.times[c][o] = time;
    this.gs[c][o] = g;
    this.ps[c][o] = p;
    this.ms[c][o] = m;
    this.a0s[c][o] = a0;
    this.a1s[c][o] = a1;
    this.a2s[c][o] = a2;
    this.stacks[c][o] = stack;
    this.length = i + 1;
    return i;
  }

  kind(i: number): number { return this.kinds[i >>> SHIFT][i & MASK]; }
  time(i: number): number { return this.times[i >>> SHIFT][i & MASK]; }
  g(i: number): number { return this.gs[i >>> SHIFT][i & MASK]; }
  p(i: number): number { return this.ps[i >>> SHIFT][i & MASK]; }
  m(i: number): number { return this.ms[i >>> SHIFT][i & MASK]; }
  a0(i: number): number { return this.a0s[i >>> SHIFT][i & MASK]; }
  a1(i: number): number { return this.a1s[i >>> SHIFT][i & MASK]; }
  a2(i: number): number { return this.a2s[i >>> SHIFT][i & MASK]; }
  stack(i: number): number { return this.stacks[i >>> SHIFT][i & MASK]; }

  /** Bytes held by the columns (for benchmarks and the README's scaling notes). */
  byteSize(): number {
    let n = 0;
    for (const k of this.kinds) n += k.length;
    return n * (1 + 8 + 8 + 4 + 4 + 8 * 3 + 4);
  }
}
