// Legacy binary CPU profiles (gperftools "profilez" / old Go runtime), as pprof's parseCPU:
// a header of 5 words (0, 3, 0, period in µs, 0) in 32/64-bit, little/big endian; then samples
// (count, depth, pcs...), an end marker (0, 1, 0), and a text memory map.
import { emptyProfile, Profile } from './profile';
import { Unrecognized, applyMemoryMap, parseProcMaps, splitLines } from './legacyCommon';
import { cleanupDuplicateLocations } from './legacyText';
import { javaCpuProfile } from './legacyJava';
import { WordReader, parseCpuSamples } from './legacyCpuSamples';

const readers: [number, WordReader][] = [
  [4, (b, p) => BigInt((b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0)],
  [4, (b, p) => BigInt((b[p + 3] | (b[p + 2] << 8) | (b[p + 1] << 16) | (b[p] << 24)) >>> 0)],
  [8, (b, p) => new DataView(b.buffer, b.byteOffset).getBigUint64(p, true)],
  [8, (b, p) => new DataView(b.buffer, b.byteOffset).getBigUint64(p, false)],
];

export function parseCpu(b: Uint8Array): Profile {
  for (const [size, read] of readers) {
    if (b.length < size * 5) continue;
    const h = [0, 1, 2, 3, 4].map((k) => read(b, k * size));
    if (h[0] === 0n && h[1] === 3n && h[2] === 0n && h[3] > 0n && h[4] === 0n) {
      return cpuProfile(b, 5 * size, Number(h[3]), size, read);
    }
    if (h[0] === 0n && h[1] === 3n && h[2] === 1n && h[3] > 0n && h[4] === 0n) {
      return javaCpuProfile(b, 5 * size, Number(h[3]), size, read);
    }
  }
  throw new Unrecognized();
}

function cpuProfile(b: Uint8Array, pos: number, periodUs: number, size: number, read: WordReader): Profile {
  const p: Profile = {
    ...emptyProfile(),
    sampleType: [
      { type: 'samples', unit: 'count' },
      { type: 'cpu', unit: 'nanoseconds' },
    ],
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period: periodUs * 1000,
  };
  pos = parseCpuSamples(b, pos, size, read, true, p).pos;

  // A second-from-the-bottom frame shared by (almost) all samples is the signal handler's: strip it,
  // up to twice, tolerating one different sample per 32.
  const margin = Math.floor(p.sample.length / 32);
  for (let iter = 0; iter < 2; iter++) {
    const addr1 = new Map<bigint, number>();
    for (const s of p.sample) {
      if (s.location.length > 1) {
        const a = s.location[1].address;
        addr1.set(a, (addr1.get(a) ?? 0) + 1);
      }
    }
    // Go iterates a map here; at most one address can reach the threshold unless samples are few.
    for (const [id1, count] of addr1) {
      if (count >= p.sample.length - margin) {
        for (const s of p.sample) {
          if (s.location.length > 1 && s.location[1].address === id1) s.location.splice(1, 1);
        }
        break;
      }
    }
  }
  const text = new TextDecoder('latin1').decode(b.subarray(pos));
  applyMemoryMap(p, parseProcMaps(splitLines(text)));
  cleanupDuplicateLocations(p);
  return p;
}
