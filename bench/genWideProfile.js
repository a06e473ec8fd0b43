#!/usr/bin/env node
// The benchmark's third big input: a CPU profile shaped unlike bigprofile's (3,000
// functions, stacks 25–64 deep): 300,000 samples over ~40,000 functions and ~100,000 locations with
// stacks 8–60 deep drawn from a wide random call graph, so most call paths are distinct and the
// per-function tables are large. Written by hand as profile.proto (gzipped), deterministic (seeded),
// and generated when the benchmark needs it (not committed as data).
// Usage: node bench/genWideProfile.js [out.pb.gz] [--samples=300000] [--funcs=40000]
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

/** A growable byte buffer with protobuf varint / field writers. */
class Buf {
  constructor(size = 1024) {
    this.b = Buffer.allocUnsafe(size);
    this.n = 0;
  }
  ensure(k) {
    if (this.n + k <= this.b.length) return;
    const nb = Buffer.allocUnsafe(Math.max(this.b.length * 2, this.n + k));
    this.b.copy(nb, 0, 0, this.n);
    this.b = nb;
  }
  varint(v) {
    this.ensure(10);
    while (v >= 0x80) {
      this.b[this.n++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.b[this.n++] = v;
  }
  key(field, wire) { this.varint(field * 8 + wire); }
  uint(field, v) {
    if (v === 0) return;
    this.key(field, 0);
    this.varint(v);
  }
  bytes(field, bytes) {
    this.key(field, 2);
    this.varint(bytes.length);
    this.ensure(bytes.length);
    if (Buffer.isBuffer(bytes)) bytes.copy(this.b, this.n);
    else this.b.set(bytes, this.n);
    this.n += bytes.length;
  }
  msg(field, inner) { this.bytes(field, inner.b.subarray(0, inner.n)); }
  packed(field, vs, count) {
    const in_ = new Buf(count * 3 + 8);
    for (let i = 0; i < count; i++) in_.varint(vs[i]);
    this.msg(field, in_);
  }
  done() { return this.b.subarray(0, this.n); }
}

/**
 * Builds the profile; returns the uncompressed profile.proto bytes and its shape.
 * Same options, same bytes (a linear congruential generator seeded with 14).
 */
function generate({ samples = 300000, funcs = 40000 } = {}) {
  let seed = 14;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const randInt = (n) => Math.floor(rand() * n);

  const strings = [''];
  const stringIds = new Map([['', 0]]);
  const str = (s) => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.length;
      strings.push(s);
      stringIds.set(s, id);
    }
    return id;
  };
  const p = new Buf(1 << 20);
  const valueType = (type, unit) => {
    const v = new Buf(16);
    v.uint(1, str(type));
    v.uint(2, str(unit));
    return v;
  };
  p.msg(1, valueType('samples', 'count'));
  p.msg(1, valueType('cpu', 'nanoseconds'));

  // Functions in 400 packages; 1–4 locations each (mean 2.5: ~100,000 locations); every 5th
  // location has an inlined frame of another function above its own line.
  const locsOf = [];
  let nLoc = 0;
  const locs = new Buf(1 << 20);
  const fnBuf = new Buf(1 << 20);
  for (let f = 0; f < funcs; f++) {
    const pkg = `example.com/fleet/svc${f % 23}/internal/pkg${String(f % 400).padStart(3, '0')}`;
    const name = f % 3 === 0 ? `${pkg}.(*Handler${f % 61}).serve${f}` : f % 3 === 1 ? `${pkg}.process${f}` : `${pkg}.encode${f}.func${1 + (f % 4)}`;
    const fn = new Buf(128);
    fn.uint(1, f + 1);
    fn.uint(2, str(name));
    fn.uint(3, str(name));
    fn.uint(4, str(`/home/build/fleet/svc${f % 23}/internal/pkg${String(f % 400).padStart(3, '0')}/file${f % 37}.go`));
    fn.uint(5, 10 + (f % 900));
    fnBuf.msg(5, fn);
    const k = 1 + ((f * 7) % 4); // 1, 4, 3, 2, …: mean 2.5
    const mine = [];
    for (let j = 0; j < k; j++) {
      nLoc++;
      const l = new Buf(64);
      l.uint(1, nLoc);
      l.uint(2, 1);
      l.uint(3, 0x401000 + nLoc * 0x30);
      if (nLoc % 5 === 0) {
        const inl = new Buf(16);
        inl.uint(1, ((f + 17) % funcs) + 1);
        inl.uint(2, 5 + (f % 700));
        l.msg(4, inl);
      }
      const ln = new Buf(16);
      ln.uint(1, f + 1);
      ln.uint(2, 12 + (f % 900) + j * 4);
      l.msg(4, ln);
      locs.msg(4, l);
      mine.push(nLoc);
    }
    locsOf.push(mine);
  }

  // A wide call graph: each function calls 2–9 others anywhere; roots among 200 functions.
  const callees = [];
  for (let f = 0; f < funcs; f++) {
    const k = 2 + randInt(8);
    const cs = [];
    for (let j = 0; j < k; j++) cs.push(randInt(funcs));
    callees.push(cs);
  }
  const period = 10000000;
  const workerKey = str('worker');
  const workers = [];
  for (let i = 0; i < 16; i++) workers.push(str(`w${i}`));
  const stack = new Array(64);
  let entries = 0;
  for (let i = 0; i < samples; i++) {
    const depth = 8 + randInt(53); // 8–60
    let f = randInt(200);
    for (let d = depth - 1; d >= 0; d--) {
      // profile.proto wants leaf first: fill from the end.
      const ls = locsOf[f];
      stack[d] = ls[randInt(ls.length)];
      const cs = callees[f];
      f = cs[randInt(cs.length)];
    }
    entries += depth;
    const n = 1 + randInt(3);
    const s = new Buf(depth * 3 + 32);
    s.packed(1, stack, depth);
    s.packed(2, [n, n * period], 2);
    const lb = new Buf(8);
    lb.uint(1, workerKey);
    lb.uint(2, workers[i % workers.length]);
    s.msg(3, lb);
    p.msg(2, s);
  }
  const m = new Buf(64);
  m.uint(1, 1);
  m.uint(2, 0x400000);
  m.uint(3, 0x400000 + nLoc * 0x30 + 0x2000);
  m.uint(5, str('/usr/local/bin/fleet'));
  m.uint(7, 1);
  m.uint(8, 1);
  m.uint(9, 1);
  m.uint(10, 1);
  p.msg(3, m);
  const locBytes = locs.done();
  p.ensure(locBytes.length);
  locBytes.copy(p.b, p.n);
  p.n += locBytes.length;
  const fnBytes = fnBuf.done();
  p.ensure(fnBytes.length);
  fnBytes.copy(p.b, p.n);
  p.n += fnBytes.length;
  const periodType = valueType('cpu', 'nanoseconds');
  for (const s of strings) p.bytes(6, Buffer.from(s, 'utf8'));
  p.uint(9, 1700000000000000000);
  p.uint(10, 60e9);
  p.msg(11, periodType);
  p.uint(12, period);
  return { bytes: p.done(), samples, functions: funcs, locations: nLoc, stackEntries: entries };
}

/** Writes the gzipped profile to file unless it is there already; returns its path and shape. */
function ensureWideProfile(file, opts) {
  const meta = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(meta)) {
    try {
      const m = JSON.parse(fs.readFileSync(meta, 'utf8'));
      if (m.samples === (opts?.samples ?? 300000) && m.functions === (opts?.funcs ?? 40000)) return m;
    } catch { /* regenerate */ }
  }
  const g = generate(opts);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, zlib.gzipSync(g.bytes, { level: 6 }));
  const m = { file, samples: g.samples, functions: g.functions, locations: g.locations, stackEntries: g.stackEntries, uncompressedBytes: g.bytes.length };
  fs.writeFileSync(meta, JSON.stringify(m));
  return m;
}

module.exports = { generate, ensureWideProfile };

if (require.main === module) {
  const args = process.argv.slice(2);
  const num = (name, d) => Number((args.find((a) => a.startsWith(`--${name}=`)) || `--${name}=${d}`).split('=')[1]);
  const out = args.find((a) => !a.startsWith('--')) || path.join(__dirname, '..', 'test', 'fixtures', 'generated', 'wide.cpu.pb.gz');
  const t0 = Date.now();
  const m = ensureWideProfile(out, { samples: num('samples', 300000), funcs: num('funcs', 40000) });
  console.log(`${out}: ${m.samples} samples, ${m.functions} functions, ${m.locations} locations, ${m.stackEntries} stack entries, ${m.uncompressedBytes} bytes uncompressed (${Date.now() - t0} ms)`);
}
