// encodeProfile / parseProfile round trips, exactness of 64-bit values, and readability of our
// encoding by `go tool pprof` (when go is installed).
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { parseProfile } from '../../../src/core/profile/parse';
import { encodeProfile } from '../../../src/core/profile/encode';
import { profileToString } from '../../../src/core/profile/profileString';
import { Profile, emptyProfile } from '../../../src/core/profile/profile';
import { fixture } from './fixturePath';

const files = [
  ['synthetic', 'sample.cpu'],
  ['synthetic', 'cpu.pb.gz'],
  ['synthetic', 'heap.pb.gz'],
  ['synthetic', 'heap_tags.pb.gz'],
  ['synthetic', 'contention.pb.gz'],
  ['driver', 'go.nomappings.crash'],
  ['driver', 'cppbench.cpu_no_samples_type'],
  ['go', 'heap.pb.gz'],
  ['go', 'goroutine.pb.gz'],
  ['go', 'heap.debug1.txt'],
  ['go', 'goroutine.debug2.txt'],
];

for (const f of files) {
  test(`round trip ${f.join('/')}`, () => {
    const p = parseProfile(fixture(...f), f[1], { keepAllFrames: true });
    const q = parseProfile(encodeProfile(p), 'again', { keepAllFrames: true });
    // profile.proto cannot carry a numeric label whose value is 0 without a unit (pprof drops it on
    // decode too); legacy heap profiles make such "bytes:[0]" labels.
    const expected = profileToString(p).replace(/\n {16}bytes:\[0\]/g, '');
    assert.equal(profileToString(q), expected);
    assert.deepEqual(q.comments, p.comments);
    assert.equal(q.dropFrames, p.dropFrames);
    assert.equal(q.keepFrames, p.keepFrames);
    assert.equal(q.defaultSampleType, p.defaultSampleType);
  });
}

function tinyProfile(values: number[], address: bigint): Profile {
  const p = emptyProfile();
  p.sampleType = [{ type: 'v', unit: 'count' }];
  p.periodType = { type: 'v', unit: 'count' };
  const fn = { id: 1, name: 'f', systemName: 'f', filename: 'f.go', startLine: 3 };
  const m = {
    id: 1, start: 0n, limit: 0xffffffffffffffffn, offset: 0n, file: 'bin', buildId: 'b',
    hasFunctions: true, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false,
  };
  p.mapping = [m];
  p.function = [fn];
  p.location = [{ id: 1, mapping: m, address, line: [{ function: fn, line: 7, column: 5 }], isFolded: true }];
  p.sample = values.map((v) => ({ location: p.location, value: [v] }));
  p.docUrl = 'https://example.com/doc';
  return p;
}

test('64-bit values: exact to 2^53, negative values, uint64 addresses', () => {
  const vals = [0, 1, -1, 2 ** 53, -(2 ** 53), 2 ** 40 + 3, -(2 ** 31)];
  const p = tinyProfile(vals, 0xfffffffffffffff0n);
  const q = parseProfile(encodeProfile(p), 't', { keepAllFrames: true });
  assert.deepEqual(q.sample.map((s) => s.value[0]), vals);
  assert.equal(q.location[0].address, 0xfffffffffffffff0n);
  assert.equal(q.location[0].line[0].column, 5);
  assert.equal(q.location[0].isFolded, true);
  assert.equal(q.docUrl, 'https://example.com/doc');
  assert.equal(q.unsafeValues, undefined);
  const big = parseProfile(encodeProfile(tinyProfile([2 ** 60], 1n)), 't');
  assert.equal(big.unsafeValues, 1);
});

function haveGo(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('go tool pprof reads our encoding with the same numbers', { skip: !haveGo() && 'go not installed' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-'));
  try {
    const orig = path.join(dir, 'orig.pb.gz');
    const ours = path.join(dir, 'ours.pb.gz');
    fs.writeFileSync(orig, fixture('synthetic', 'sample.cpu'));
    fs.writeFileSync(ours, encodeProfile(parseProfile(fixture('synthetic', 'sample.cpu'), 'sample.cpu')));
    const top = (f: string) =>
      execFileSync('go', ['tool', 'pprof', '-top', '-symbolize=none', f], { env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .split('\n')
        .filter((l) => !l.startsWith('File:') && !l.startsWith('Time:'))
        .join('\n');
    assert.equal(top(ours), top(orig));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
