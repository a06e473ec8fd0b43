// Merge's sample table (open addressing over typed arrays, grown as samples come): equal stacks and
// labels are summed, everything else kept, in order of first appearance, for tables far past their
// initial size and with many equal hashes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { compactOwned, mergeProfiles } from '../../../src/core/profile/merge';
import { emptyProfile, Location, Mapping, Profile } from '../../../src/core/profile/profile';

function profile(nSamples: number, nLocations: number): Profile {
  const p = emptyProfile();
  p.sampleType = [{ type: 'samples', unit: 'count' }];
  const m: Mapping = {
    id: 1, start: 0x1000n, limit: 0x9000n, offset: 0n, file: 'a.out', buildId: '',
    hasFunctions: true, hasFilenames: true, hasLineNumbers: true, hasInlineFrames: true,
  };
  p.mapping = [m];
  for (let i = 1; i <= nLocations; i++) {
    const f = { id: i, name: `f${i % 50}`, systemName: `f${i % 50}`, filename: `f${i % 7}.go`, startLine: i % 3 };
    p.function.push(f);
    const l: Location = { id: i, mapping: m, address: 0x1000n + BigInt(i % 400), line: [{ function: f, line: i % 11, column: 0 }], isFolded: false };
    p.location.push(l);
  }
  for (let i = 0; i < nSamples; i++) {
    const a = p.location[(i * 7) % nLocations];
    const b = p.location[(i * 13) % nLocations];
    const s = { location: i % 5 === 0 ? [a] : [a, b], value: [i % 4 === 0 ? 0 : 1 + (i % 3)] } as Profile['sample'][number];
    if (i % 3 === 0) s.label = Object.assign(Object.create(null), { worker: [`w${i % 4}`] });
    p.sample.push(s);
  }
  return p;
}

/** The merged samples by a naive key, for comparison. */
function naive(p: Profile): Map<string, number> {
  const sums = new Map<string, number>();
  const locKey = (l: Location) => `${l.address}/${l.line.map((ln) => `${ln.function.name}|${ln.function.filename}|${ln.function.startLine}|${ln.line}`).join(',')}`;
  for (const s of p.sample) {
    const k = s.location.map(locKey).join(';') + '#' + JSON.stringify(s.label ?? {});
    sums.set(k, (sums.get(k) ?? 0) + s.value[0]);
  }
  for (const [k, v] of sums) if (v === 0) sums.delete(k);
  return sums;
}

test('merge sums equal samples and keeps the others, past many table growths', () => {
  for (const [n, locs] of [[10, 5], [3000, 1000], [20000, 5000]]) {
    const want = naive(profile(n, locs));
    for (const merged of [mergeProfiles([profile(n, locs)]), compactOwned(profile(n, locs))]) {
      assert.deepEqual(naive(merged), want, `${n} samples`);
      assert.equal(merged.sample.length, want.size, `${n} samples: no duplicates left`);
    }
  }
});
