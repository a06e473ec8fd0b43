// Unsigned LEB128 varints as Go's encoding/binary reads them, decoded into JS numbers.
// Values are read as int64 (what Go's casts to GoID/ProcID/ThreadID make of them): exact up to 2^53,
// values of 2^63 and above come out negative (so the runtime's "none" sentinel ^uint64(0) reads as -1).
import { TraceError } from './traceError';

export class ByteCursor {
  pos: number;
  constructor(readonly buf: Uint8Array, pos = 0, readonly end = buf.length) {
    this.pos = pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  byte(): number {
    if (this.pos >= this.end) throw new TraceError('unexpected end of data');
    return this.buf[this.pos++];
  }

  uvarint(): number {
    const buf = this.buf;
    let p = this.pos;
    let x = 0;
    let mul = 1;
    for (let i = 0; i < 7; i++) {
      if (p >= this.end) throw new TraceError('unexpected end of data reading varint');
      const b = buf[p++];
      x += (b & 0x7f) * mul;
      if (b < 0x80) {
        this.pos = p;
        return x;
      }
      mul *= 128;
    }
    return this.slowUvarint();
  }

  private slowUvarint(): number {
    let p = this.pos;
    let x = 0n;
    let s = 0n;
    for (let i = 0; i < 10; i++) {
      if (p >= this.end) throw new TraceError('unexpected end of data reading varint');
      const b = this.buf[p++];
      if (i === 9 && b > 1) throw new TraceError('varint overflows a 64-bit integer');
      x |= BigInt(b & 0x7f) << s;
      if (b < 0x80) {
        this.pos = p;
        return Number(BigInt.asIntN(64, x));
      }
      s += 7n;
    }
    throw new TraceError('varint overflows a 64-bit integer');
  }
}
