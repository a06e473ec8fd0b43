// A minimal protobuf wire-format reader over a Uint8Array, written for speed and exact 64-bit handling.
// Varints are split into 32-bit halves (lo, hi) so values up to 2^53 come out exact as numbers and
// uint64 addresses exact as bigint. Errors mirror pprof's proto.go ("bad varint", "too much data", ...).
import { ProfileError } from './profileError';

const TWO32 = 4294967296;
const TWO53 = 9007199254740992;

export class ProtoReader {
  /**
   * Low and high 32 bits of the last varint read, as signed int32 (`>>> 0` gives the unsigned half):
   * V8 then keeps them, and the ids and lengths made from them, small integers instead of boxed
   * doubles, which matters on the hot paths of big profiles.
   */
  lo = 0;
  hi = 0;
  /** Set when an int64 read by int64() did not fit a JS number exactly. */
  unsafe = 0;

  constructor(readonly buf: Uint8Array, public pos = 0, public end = buf.length) {}

  /** Reads a varint into lo/hi. */
  varint(): void {
    const buf = this.buf;
    let pos = this.pos;
    const end = this.end;
    if (pos >= end) throw malformed('truncated or corrupt data (bad varint)');
    let b = buf[pos++];
    if (b < 0x80) {
      this.lo = b;
      this.hi = 0;
      this.pos = pos;
      return;
    }
    let lo = b & 0x7f;
    let hi: number;
    let shift = 7;
    // Bytes 2..4 go into lo (bits 7..27).
    for (; shift < 28; shift += 7) {
      if (pos >= end) throw malformed('truncated or corrupt data (bad varint)');
      b = buf[pos++];
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.lo = lo;
        this.hi = 0;
        this.pos = pos;
        return;
      }
    }
    // 5th byte: 4 bits to lo (28..31), 3 bits to hi (32..34).
    if (pos >= end) throw malformed('truncated or corrupt data (bad varint)');
    b = buf[pos++];
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (shift = 3; ; shift += 7) {
        // pprof's decodeVarint accepts at most 10 bytes.
        if (shift > 31 || pos >= end) throw malformed('truncated or corrupt data (bad varint)');
        b = buf[pos++];
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
    }
    this.lo = lo | 0;
    this.hi = hi | 0;
    this.pos = pos;
  }

  /** Value of lo/hi as a signed int64 in a JS number; counts inexact ones in `unsafe`. */
  int64Value(): number {
    const hi = this.hi;
    if (hi === 0) return this.lo >= 0 ? this.lo : this.lo >>> 0;
    if (hi < 0) {
      // Negative two's complement.
      const nlo = (~this.lo + 1) >>> 0;
      const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
      const v = nhi * TWO32 + nlo;
      if (v > TWO53) this.unsafe++;
      return -v;
    }
    const v = hi * TWO32 + (this.lo >>> 0);
    if (v > TWO53) this.unsafe++;
    return v;
  }

  /** Value of lo/hi as an unsigned id; ids beyond 2^53 cannot be represented exactly. */
  uint64Number(): number {
    if (this.hi === 0 && this.lo >= 0) return this.lo;
    const v = (this.hi >>> 0) * TWO32 + (this.lo >>> 0);
    if (v > TWO53) this.unsafe++;
    return v;
  }

  uint64Big(): bigint {
    if (this.hi === 0) return BigInt(this.lo >>> 0);
    return (BigInt(this.hi >>> 0) << 32n) | BigInt(this.lo >>> 0);
  }

  int64(): number {
    this.varint();
    return this.int64Value();
  }

  /** Reads a length prefix and returns the end offset of the delimited field. */
  lengthDelimitedEnd(): number {
    this.varint();
    const n = this.hi === 0 && this.lo >= 0 ? this.lo : (this.hi >>> 0) * TWO32 + (this.lo >>> 0);
    if (n > this.end - this.pos) throw malformed('truncated or corrupt data (length beyond the end)');
    return this.pos + n;
  }

  /** Skips a field body of the given wire type (the tag was already read). */
  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        if (this.end - this.pos < 8) throw malformed('truncated or corrupt data (not enough data)');
        this.pos += 8;
        return;
      case 2:
        this.pos = this.lengthDelimitedEnd();
        return;
      case 5:
        if (this.end - this.pos < 4) throw malformed('truncated or corrupt data (not enough data)');
        this.pos += 4;
        return;
      default:
        throw malformed(`unknown wire type: ${wireType}`);
    }
  }
}

export function malformed(what: string): ProfileError {
  return new ProfileError(`malformed profile: ${what}`);
}
