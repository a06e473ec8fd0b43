// A minimal protobuf wire-format writer (varints, length-delimited fields) over a growable buffer.
const TWO32 = 4294967296;

export class ProtoWriter {
  buf = new Uint8Array(1 << 16);
  pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.pos));
    this.buf = b;
  }

  /** Writes an unsigned varint from 32-bit halves. */
  private varint64(lo: number, hi: number): void {
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    while (hi !== 0 || lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  /** Writes a number (integer, exact up to 2^53; negative numbers as 64-bit two's complement). */
  varint(v: number): void {
    if (v >= 0 && v < 0x80) {
      this.ensure(1);
      this.buf[this.pos++] = v;
      return;
    }
    if (v >= 0) {
      this.varint64(v % TWO32 >>> 0, Math.floor(v / TWO32) >>> 0);
      return;
    }
    const u = BigInt.asUintN(64, BigInt(Math.trunc(v)));
    this.varint64(Number(u & 0xffffffffn), Number(u >> 32n));
  }

  varintBig(v: bigint): void {
    const u = BigInt.asUintN(64, v);
    this.varint64(Number(u & 0xffffffffn), Number(u >> 32n));
  }

  tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  int(field: number, v: number): void {
    this.tag(field, 0);
    this.varint(v);
  }

  /** Like pprof's encode*Opt: omitted when zero. */
  intOpt(field: number, v: number): void {
    if (v !== 0) this.int(field, v);
  }

  bigOpt(field: number, v: bigint): void {
    if (v !== 0n) {
      this.tag(field, 0);
      this.varintBig(v);
    }
  }

  boolOpt(field: number, v: boolean): void {
    if (v) this.int(field, 1);
  }

  /** pprof's encodeInt64s/encodeUint64s: packed when more than two values. */
  ints(field: number, vs: ArrayLike<number>): void {
    if (vs.length > 2) {
      const start = this.begin(field);
      for (let i = 0; i < vs.length; i++) this.varint(vs[i]);
      this.end(start);
    } else {
      for (let i = 0; i < vs.length; i++) this.int(field, vs[i]);
    }
  }

  bytes(field: number, b: Uint8Array): void {
    this.tag(field, 2);
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Starts a length-delimited field; returns a token for end(). */
  begin(field: number): number {
    this.tag(field, 2);
    // Reserve one byte for the length; end() moves the body if it needs more.
    this.ensure(1);
    this.pos++;
    return this.pos;
  }

  end(start: number): void {
    const len = this.pos - start;
    if (len < 0x80) {
      this.buf[start - 1] = len;
      return;
    }
    let n = 0;
    for (let v = len; v > 0x7f; v = Math.floor(v / 128)) n++;
    this.ensure(n);
    this.buf.copyWithin(start + n, start, this.pos);
    this.pos = start - 1;
    this.varint(len);
    this.pos = start + n + len;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}
