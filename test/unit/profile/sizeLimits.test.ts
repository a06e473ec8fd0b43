// Inputs that decompress to huge counts are refused, before anything is allocated for
// them, with one ProfileError naming what is too large and the limit; ids beyond 2^53 - 1 are refused
// with the reason instead of colliding. Small limits keep these fast; test/unit/cli/bombs.test.ts
// runs the full-size bombs against the CLI process and measures its memory.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../../src/core/profile/parse';
import { decodeProfileProto } from '../../../src/core/profile/protoDecode';
import { parseGoroutineDump } from '../../../src/core/goroutine/goroutineDump';
import { ProfileError } from '../../../src/core/profile/profileError';
import { gunzip } from '../../../src/core/profile/gunzip';
import { PROFILE_HEAD, commentBomb, field, gzipRepeated, longStackBomb, newlineBomb, recordBomb, varint, zeroBomb } from './bombs';

const MiB = 2 ** 20;

function refused(f: () => unknown, re: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof ProfileError, `not a ProfileError: ${String(e)}`);
    assert.match(e.message, re);
    return true;
  });
}

test('records repeated past the limit are refused with their count and the limit (samples, strings, functions, locations)', () => {
  for (const kind of ['samples', 'strings', 'functions', 'locations'] as const) {
    const b = recordBomb(kind, 200_000);
    refused(() => parseProfile(b.data, 'bomb', { maxBytes: MiB, limitName: '-max_size_mib' }),
      new RegExp(`^bomb: profile too large: .*\\b${kind === 'strings' ? 200_003 : 200_000} ${kind}\\b.* of memory, over the 1 MiB limit \\(-max_size_mib\\)$`));
  }
});

test('one sample of many locations, and many comments, are refused', () => {
  refused(() => parseProfile(longStackBomb(1_000_000).data, undefined, { maxBytes: MiB }), /1 samples, 1 locations, 3 strings would take about/);
  refused(() => parseProfile(commentBomb(1_000_000).data, undefined, { maxBytes: MiB }), /1000000 comments would take/);
});


test('within the limit the same shapes decode (the estimate is not a blanket refusal)', () => {
  const p = parseProfile(gzipRepeated(PROFILE_HEAD, field(0x12, [0x10, 1]), 1000));
  assert.equal(p.sample.length, 1000);
  assert.equal(p.sample.reduce((a, s) => a + s.value[0], 0), 1000);
});

test('text of nothing but newlines is refused before it is split (legacy text and goroutine dumps)', () => {
  refused(() => parseProfile(newlineBomb(1_000_000).data, 'nl', { maxBytes: MiB }), /^nl: profile too large: 1000000 lines of text would take about .* over the 1 MiB limit$/);
  refused(() => parseProfile(newlineBomb(1_000_000, 'goroutine 1 [running]:\n').data, undefined, { maxBytes: MiB }), /1000001 lines of text/);
  refused(() => parseGoroutineDump('goroutine 1 [running]:\n' + '\n'.repeat(1_000_000), { bytes: MiB, name: 'pprofLens.maxProfileSizeMiB' }),
    /^profile too large: 1000001 lines of text .* over the 1 MiB limit \(pprofLens.maxProfileSizeMiB\)$/);
});

test('a gzip bomb stops at the limit, with the limit named', () => {
  const b = zeroBomb(8 * MiB);
  refused(() => parseProfile(b.data, 'z', { maxBytes: MiB, limitName: 'pprofLens.maxProfileSizeMiB' }),
    /^z: profile too large: decompressed data exceeds the 1 MiB limit \(pprofLens.maxProfileSizeMiB\)$/);
  // Within the limit, the output is exact whatever the trailer says (several members here).
  const out = gunzip(b.data, 8 * MiB);
  assert.equal(out.length, 8 * MiB);
  assert.ok(out.every((x) => x === 0));
});

/** A profile with one location of the given id (as varint bytes) and a sample on it. */
function profileWithLocationIds(ids: number[][]): Uint8Array {
  const parts: number[] = [...PROFILE_HEAD, ...field(0x2a, [0x08, 1])];
  for (const id of ids) parts.push(...field(0x22, [0x08, ...id, 0x22, 2, 0x08, 1]));
  return Uint8Array.from(parts);
}

/** varint bytes of 2^53 + k (k small), computed on bigint. */
function bigVarint(v: bigint): number[] {
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

test('ids above 2^53 - 1 are refused with the reason, not reported as "multiple locations with same id"', () => {
  const two53 = 2n ** 53n;
  refused(() => decodeProfileProto(profileWithLocationIds([bigVarint(two53 + 1n), bigVarint(two53 + 2n)])),
    /^unsupported profile: location id 9007199254740993 is above 2\^53 - 1; Pprof Lens keeps ids as JavaScript numbers/);
  refused(() => decodeProfileProto(Uint8Array.from([...PROFILE_HEAD, ...field(0x2a, [0x08, ...bigVarint(2n ** 64n - 1n)])])),
    /function id 18446744073709551615 is above 2\^53 - 1/);
  // 2^53 - 1 itself is exact, and read.
  const p = decodeProfileProto(profileWithLocationIds([bigVarint(two53 - 1n), [2]]));
  assert.deepEqual(p.location.map((l) => l.id), [Number.MAX_SAFE_INTEGER, 2]);
  assert.deepEqual(varint(300), [0xac, 0x02]);
});
