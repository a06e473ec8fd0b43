// Growable typed-array storage for graph building: node id lists and the edge hash table.

/** A growable Int32Array. */
export class IdBuffer {
  length = 0;
  private buf: Int32Array;
  constructor(capacity: number) {
    this.buf = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.buf.length) {
      const b = new Int32Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.length++] = v;
  }
  array(): Int32Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Open-addressing hash table of edges keyed by (src, dst) node ids, on typed arrays. */
export class EdgeTable {
  count = 0;
  src = new Int32Array(1024);
  dst = new Int32Array(1024);
  w = new Float64Array(1024);
  wd = new Float64Array(1024);
  res = new Uint8Array(1024);
  inl = new Uint8Array(1024);
  seen = new Int32Array(1024);
  private slots = new Int32Array(4096).fill(-1);
  private mask = 4095;

  add(parent: number, id: number, stamp: number, w: number, dw: number, residual: boolean, inline: boolean): void {
    let h = (Math.imul(parent, 0x9e3779b1) ^ Math.imul(id, 0x85ebca6b)) & this.mask;
    let e: number;
    for (;;) {
      e = this.slots[h];
      if (e < 0) {
        e = this.insert(parent, id, h);
        break;
      }
      if (this.src[e] === parent && this.dst[e] === id) break;
      h = (h + 1) & this.mask;
    }
    if (this.seen[e] !== stamp) {
      this.seen[e] = stamp;
      this.w[e] += w;
      this.wd[e] += dw;
      if (residual) this.res[e] = 1;
      if (!inline) this.inl[e] = 0;
    }
  }

  private insert(parent: number, id: number, slot: number): number {
    if (this.count === this.src.length) this.grow();
    const e = this.count++;
    this.src[e] = parent;
    this.dst[e] = id;
    this.inl[e] = 1;
    this.slots[slot] = e;
    if (this.count * 2 > this.slots.length) this.rehash();
    return e;
  }

  private grow(): void {
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as { new (n: number): T })(a.length * 2);
      b.set(a);
      return b;
    };
    this.src = g(this.src);
    this.dst = g(this.dst);
    this.w = g(this.w);
    this.wd = g(this.wd);
    this.res = g(this.res);
    this.inl = g(this.inl);
    this.seen = g(this.seen);
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let e = 0; e < this.count; e++) {
      let h = (Math.imul(this.src[e], 0x9e3779b1) ^ Math.imul(this.dst[e], 0x85ebca6b)) & this.mask;
      while (this.slots[h] >= 0) h = (h + 1) & this.mask;
      this.slots[h] = e;
    }
  }
}
