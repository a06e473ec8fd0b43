// pprof's profile/testdata goldens: Parse(file).String() must equal <file>.string (profile_test.go
// TestParse), also after an encode/parse round trip.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseProfile } from '../../../src/core/profile/parse';
import { encodeProfile } from '../../../src/core/profile/encode';
import { profileToString } from '../../../src/core/profile/profileString';
import { fixture, fixtureDir, fixtureText } from './fixturePath';

const goldens = fs
  .readdirSync(path.join(fixtureDir, 'profile_testdata'))
  .filter((f) => f.endsWith('.string'))
  .map((f) => f.slice(0, -'.string'.length));

for (const name of goldens) {
  test(`golden ${name}`, () => {
    // pprof's TestParse does not apply drop_frames.
    const p = parseProfile(fixture('profile_testdata', name), name, { keepAllFrames: true });
    const want = fixtureText('profile_testdata', name + '.string');
    assert.equal(profileToString(p), want);
    const q = parseProfile(encodeProfile(p), name + ' (re-encoded)', { keepAllFrames: true });
    assert.equal(profileToString(q), want);
  });
}
