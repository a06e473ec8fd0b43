// Input handling: content sniffing, gzip members and limits, concatenated protos, errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { gzip } from 'pako';
import { parseProfile } from '../../../src/core/profile/parse';
import { encodeProfile, encodeProfileUncompressed } from '../../../src/core/profile/encode';
import { profileToString } from '../../../src/core/profile/profileString';
import { ProfileError } from '../../../src/core/profile/profileError';
import { fixture } from './fixturePath';

const sample = () => parseProfile(fixture('synthetic', 'sample.cpu'), 'sample.cpu');

test('uncompressed and gzip input give the same profile; file names play no part', () => {
  const p = sample();
  const raw = encodeProfileUncompressed(p);
  assert.equal(profileToString(parseProfile(raw)), profileToString(p));
  assert.equal(profileToString(parseProfile(encodeProfile(p), 'profile.txt')), profileToString(p));
});

test('concatenated gzip members are read as one stream (as Go does)', () => {
  const raw = encodeProfileUncompressed(sample());
  const cut = 1000;
  const twoMembers = new Uint8Array([...gzip(raw.subarray(0, cut)), ...gzip(raw.subarray(cut))]);
  assert.equal(profileToString(parseProfile(twoMembers)), profileToString(sample()));
});

test('gunzip output cap', () => {
  const bomb = gzip(new Uint8Array(10 * 1024 * 1024));
  assert.throws(
    () => parseProfile(bomb, 'bomb', { maxBytes: 1024 * 1024 }),
    (e: unknown) => e instanceof ProfileError && e.message === 'bomb: profile too large: decompressed data exceeds the 1 MiB limit',
  );
});

test('two concatenated protos are refused like pprof ("concatenated profiles detected")', () => {
  const raw = encodeProfileUncompressed(sample());
  assert.throws(() => parseProfile(new Uint8Array([...raw, ...raw])), /concatenated profiles detected/);
});

test('validation errors as pprof CheckValid', () => {
  const p = sample();
  p.sample[0].value.push(1);
  assert.throws(() => parseProfile(encodeProfile(p)), /mismatch: sample has 3 values vs. 2 types/);
  const q = sample();
  q.function[1].id = q.function[0].id;
  assert.throws(() => parseProfile(encodeProfile(q)), /multiple functions with same id/);
});

test('errors carry the source name and are ProfileError', () => {
  assert.throws(
    () => parseProfile(new TextEncoder().encode('<!DOCTYPE html>\n<html>'), 'http://host/debug/pprof/heap'),
    (e: unknown) =>
      e instanceof ProfileError &&
      e.source === 'http://host/debug/pprof/heap' &&
      e.message === 'http://host/debug/pprof/heap: not a profile: unrecognised content (starts with "<!DOCTYPE html>")',
  );
});
