// The CLI's gunzip through Node's zlib must accept, produce and refuse exactly what core's pako path
// does (Go's gzip.Reader semantics): same bytes out, or the same ProfileError message.
import test from 'node:test';
import assert from 'node:assert/strict';
import { gzip } from 'pako';
import { gunzip } from '../../../src/core/profile/gunzip';
import { nodeGunzip } from '../../../src/collect/nativeGunzip';

function outcome(f: () => Uint8Array): string {
  try {
    return `ok ${Buffer.from(f()).toString('base64')}`;
  } catch (e) {
    return `error ${(e as Error).name}: ${(e as Error).message}`;
  }
}

function same(data: Uint8Array, maxBytes = 1 << 30, what = ''): void {
  const want = outcome(() => gunzip(data, maxBytes));
  const got = outcome(() => gunzip(data, maxBytes, nodeGunzip));
  assert.equal(got, want, what);
}

const payload = new Uint8Array(50_000).map((_, i) => (i * 7919) % 251);
const member = gzip(payload);
const cat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));

test('native gunzip: same output as pako for one member, several members, zero padding', () => {
  same(member, undefined, 'one member');
  same(cat(member, gzip(payload.subarray(0, 100)), gzip(new Uint8Array(0))), undefined, 'three members');
  same(cat(member, new Uint8Array(7)), undefined, 'zero padding');
  same(gzip(new Uint8Array(0)), undefined, 'empty member');
});

test('native gunzip: same errors as pako for garbage, truncation and the output cap', () => {
  same(cat(member, new Uint8Array([0, 0, 1])), undefined, 'zero then garbage');
  same(cat(member, new Uint8Array([0x42, 0x42])), undefined, 'garbage');
  same(cat(member, new Uint8Array([0x1f, 0x8b])), undefined, 'a second header cut short');
  same(cat(member, member.subarray(0, 30)), undefined, 'a second member cut short');
  for (let n = 1; n < member.length; n += Math.max(1, Math.floor(member.length / 40))) {
    same(member.subarray(0, n), undefined, `cut at ${n}`);
  }
  const corrupt = member.slice();
  corrupt[corrupt.length - 6] ^= 0xff; // CRC32
  same(corrupt, undefined, 'bad crc');
  same(member, 1000, 'over the cap');
  same(member, payload.length, 'exactly the cap');
});
