// Structural validation, as pprof's Profile.CheckValid: consistent value counts, non-zero unique ids,
// and every referenced mapping/function present in the profile's tables.
import { Profile } from './profile';
import { ProfileError } from './profileError';
import { hasColumns, sampleColumnsOf, sampleCount } from './sampleColumns';

function bad(msg: string): never {
  throw new ProfileError(`malformed profile: ${msg}`);
}

/** id -> object, through an array when ids are dense (the usual 1..n), a Map otherwise. */
class IdIndex<T> {
  private dense: (T | undefined)[];
  private sparse = new Map<number, T>();

  constructor(n: number) {
    this.dense = new Array<T | undefined>(n + 1);
  }

  get(id: number): T | undefined {
    return id < this.dense.length ? this.dense[id] : this.sparse.get(id);
  }

  set(id: number, v: T): void {
    if (id < this.dense.length) this.dense[id] = v;
    else this.sparse.set(id, v);
  }
}

/**
 * @param trustSampleLocations skip the per-sample nil-location scan (the proto decoder already
 *   resolved every location id or failed).
 */
export function checkValid(p: Profile, trustSampleLocations = false): void {
  const sampleLen = p.sampleType.length;
  if (sampleLen === 0 && sampleCount(p) !== 0) bad('missing sample type information');
  if (hasColumns(p)) {
    // Columns hold only resolved locations (the decoder refuses an unknown id).
    const cols = sampleColumnsOf(p);
    for (let i = 0; i < cols.count; i++) {
      const n = cols.valueCount(i);
      if (n !== sampleLen) bad(`mismatch: sample has ${n} values vs. ${sampleLen} types`);
    }
  } else for (const s of p.sample) {
    if (!s) bad('profile has nil sample');
    if (s.value.length !== sampleLen) {
      bad(`mismatch: sample has ${s.value.length} values vs. ${sampleLen} types`);
    }
    if (trustSampleLocations) continue;
    const locs = s.location;
    for (let i = 0; i < locs.length; i++) if (!locs[i]) bad('sample has nil location');
  }
  const mappings = new IdIndex<object>(p.mapping.length);
  for (const m of p.mapping) {
    if (!m) bad('profile has nil mapping');
    if (m.id === 0) bad('found mapping with reserved ID=0');
    if (mappings.get(m.id)) bad(`multiple mappings with same id: ${m.id}`);
    mappings.set(m.id, m);
  }
  const functions = new IdIndex<object>(p.function.length);
  for (const f of p.function) {
    if (!f) bad('profile has nil function');
    if (f.id === 0) bad('found function with reserved ID=0');
    if (functions.get(f.id)) bad(`multiple functions with same id: ${f.id}`);
    functions.set(f.id, f);
  }
  const locations = new IdIndex<object>(p.location.length);
  for (const l of p.location) {
    if (!l) bad('profile has nil location');
    if (l.id === 0) bad('found location with reserved id=0');
    if (locations.get(l.id)) bad(`multiple locations with same id: ${l.id}`);
    locations.set(l.id, l);
    const m = l.mapping;
    if (m && (m.id === 0 || mappings.get(m.id) !== m)) bad(`inconsistent mapping: ${m.id}`);
    for (const ln of l.line) {
      const f = ln.function;
      if (!f) bad(`location id: ${l.id} has a line with nil function`);
      if (f.id === 0 || functions.get(f.id) !== f) bad(`inconsistent function: ${f.id}`);
    }
  }
}
