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
    return this.kinds.length * CHUNK * (1 + 8 + 8 + 4 + 4 + 8 * 3 + 4);
  }
}
