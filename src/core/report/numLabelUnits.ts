// Profile.NumLabelUnits: the unit of each numeric label key (first unit seen; inferred from the
// key when none is given), plus the conflicting units pprof warns about.
import type { SampleColumns } from '../profile/sampleColumns';

/** Over the samples' label sets, each read once in the order samples first use it. */
export function numLabelUnits(rows: SampleColumns): { units: Map<string, string>; ignored: Map<string, string[]> } {
  const units = new Map<string, string>();
  const ignoredSets = new Map<string, Set<string>>();
  const keys = new Set<string>();
  const seen = new Uint8Array(rows.labelSets.length);
  for (let i = 0; i < rows.count; i++) {
    const ls = rows.labelSet[i];
    if (seen[ls] === 1) continue;
    seen[ls] = 1;
    const s = rows.labelSets[ls];
    if (!s.numLabel) continue;
    for (const k of Object.keys(s.numLabel)) {
      keys.add(k);
      for (const unit of s.numUnit?.[k] ?? []) {
        if (unit === '') continue;
        const want = units.get(k);
        if (want === undefined) units.set(k, unit);
        else if (want !== unit) {
          let set = ignoredSets.get(k);
          if (!set) ignoredSets.set(k, (set = new Set()));
          set.add(unit);
        }
      }
    }
  }
  for (const key of keys) {
    if ((units.get(key) ?? '') === '') {
      units.set(key, key === 'alignment' || key === 'request' ? 'bytes' : key);
    }
  }
  const ignored = new Map<string, string[]>();
  for (const [k, set] of ignoredSets) ignored.set(k, Array.from(set).sort());
  return { units, ignored };
}
