// Generators of small inputs that decompress to huge ones: valid profile.proto (a header and one
// record repeated millions of times, gzipped as a stream so the test process never holds the
// decompressed bytes), gzip bombs, and text of nothing but newlines. Each is what once made V8 abort
// the process ("Fatal JavaScript invalid size error") or climb to gigabytes of memory.
import * as zlib from 'zlib';

/** One protobuf field: tag byte(s), then a length-delimited body. */
export function field(tag: number, body: number[] | Uint8Array): Uint8Array {
  return Uint8Array.from([...varint(tag), ...varint(body.length), ...body]);
}

/** A varint's bytes (numbers up to 2^53). */
export function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

/**
 * gzip of head, then `unit` repeated `count` times, then tail, as concatenated gzip members (read as
 * one stream by Go's gzip.Reader and by us): a block of about 1 MiB of units is compressed once and
 * its member repeated, so making a 200 MB bomb takes milliseconds.
 */
export function gzipRepeated(head: Uint8Array, unit: Uint8Array, count: number, tail = new Uint8Array(0)): Uint8Array {
  const perBlock = Math.max(1, Math.floor((1 << 20) / Math.max(1, unit.length)));
  const block = Buffer.alloc(perBlock * unit.length);
  for (let i = 0; i < perBlock; i++) block.set(unit, i * unit.length);
  const member = zlib.gzipSync(block, { level: 9 });
  const parts: Buffer[] = [zlib.gzipSync(head)];
  for (let i = 0; i < Math.floor(count / perBlock); i++) parts.push(member);
  const rest = count % perBlock;
  if (rest > 0) parts.push(zlib.gzipSync(block.subarray(0, rest * unit.length)));
  if (tail.length > 0) parts.push(zlib.gzipSync(tail));
  return new Uint8Array(Buffer.concat(parts));
}

/** The start of a valid profile: string table "", "samples", "count"; one sample type. */
export const PROFILE_HEAD = Uint8Array.from([
  ...field(0x32, []),
  ...field(0x32, Buffer.from('samples')),
  ...field(0x32, Buffer.from('count')),
  ...field(0x0a, [0x08, 1, 0x10, 2]),
]);

/** What a bomb repeats; `count` is how many times, `size` the decompressed bytes. */
export interface Bomb {
  name: string;
  /** The gzipped input. */
  data: Uint8Array;
  /** Size once decompressed. */
  size: number;
  /** What the one error message must name (a regexp on it). */
  expect: RegExp;
}

/** Valid profiles of `count` copies of one record (an empty sample, string, function, location). */
export function recordBomb(kind: 'samples' | 'strings' | 'functions' | 'locations', count: number): Bomb {
  const unit = {
    samples: field(0x12, []),
    strings: field(0x32, []),
    functions: field(0x2a, [0x08, 1]),
    locations: field(0x22, [0x08, 1]),
  }[kind];
  const data = gzipRepeated(PROFILE_HEAD, unit, count);
  return { name: `${count} ${kind}`, data, size: PROFILE_HEAD.length + unit.length * count, expect: new RegExp(`profile too large: .*\\b\\d+ ${kind}\\b`) };
}

/** One sample whose packed location list has `count` entries (all location 1). */
export function longStackBomb(count: number): Bomb {
  const head = Uint8Array.from([
    ...PROFILE_HEAD,
    ...field(0x22, [0x08, 1]),
    0x12, ...varint(count + varint(count).length + 1), 0x0a, ...varint(count),
  ]);
  const data = gzipRepeated(head, Uint8Array.of(1), count);
  return { name: `a sample of ${count} locations`, data, size: head.length + count, expect: /profile too large: 1 samples, 1 locations/ };
}

/** A profile whose packed comment list has `count` entries. */
export function commentBomb(count: number): Bomb {
  const head = Uint8Array.from([...PROFILE_HEAD, 0x6a, ...varint(count)]);
  const data = gzipRepeated(head, Uint8Array.of(0), count);
  return { name: `${count} comments`, data, size: head.length + count, expect: /profile too large: .*\b\d+ comments\b/ };
}

/** `count` newlines after an optional first line (a text profile or goroutine dump header). */
export function newlineBomb(count: number, first = ''): Bomb {
  const data = gzipRepeated(Buffer.from(first), Uint8Array.of(0x0a), count);
  return { name: `${count} newlines after ${JSON.stringify(first)}`, data, size: first.length + count, expect: /profile too large: \d+ lines of text/ };
}

/** `size` zero bytes, gzipped: over any limit below it. */
export function zeroBomb(size: number): Bomb {
  const data = gzipRepeated(new Uint8Array(0), new Uint8Array(1 << 16), Math.ceil(size / (1 << 16)));
  return { name: `${size} zero bytes`, data, size, expect: /profile too large: decompressed data exceeds the \d+ MiB limit/ };
}
