// The sample records of legacy binary CPU profiles, shared by Go's / gperftools' (legacyCpu.ts) and
// Java's (legacyJava.ts): both read (count, depth, pcs...) records the same way (pprof's
// parseCPUSamples). A module of its own so that neither format's parser imports the other's.
import type { Location, Profile } from './profile';
import { LocationTable, Unrecognized } from './legacyCommon';

/** Reads one word (4 or 8 bytes, little or big endian, as the header told) at pos. */
export type WordReader = (b: Uint8Array, pos: number) => bigint;

/**
 * pprof's parseCPUSamples: (count, depth, pcs...) records until the (0, 1, 0) end marker. Call
 * addresses (all but the leaf) are adjusted by -1 when `adjust`. Returns the offset after the marker.
 */
export function parseCpuSamples(
  b: Uint8Array,
  pos: number,
  size: number,
  read: WordReader,
  adjust: boolean,
  p: Profile,
): { pos: number; locs: Map<bigint, Location> } {
  const locs = new LocationTable(p);
  while (pos < b.length) {
    if (b.length - pos < 2 * size) throw new Unrecognized();
    const count = read(b, pos);
    const nstk = read(b, pos + size);
    pos += 2 * size;
    // pprof: nstk > len(b)/4 is unrecognized (guards absurd depths).
    if (nstk > BigInt(Math.floor((b.length - pos) / 4))) throw new Unrecognized();
    const n = Number(nstk);
    if (b.length - pos < n * size) throw new Unrecognized();
    const addrs: bigint[] = new Array(n);
    for (let i = 0; i < n; i++) addrs[i] = read(b, pos + i * size);
    pos += n * size;
    if (count === 0n && n === 1 && addrs[0] === 0n) break; // end of data marker
    const location = addrs.map((a, i) => {
      if (adjust && i > 0) a = BigInt.asUintN(64, a - 1n);
      return locs.get(a);
    });
    const c = Number(BigInt.asIntN(64, count));
    p.sample.push({ location, value: [c, c * p.period] });
  }

  return { pos, locs: locs.byAddr };
}
