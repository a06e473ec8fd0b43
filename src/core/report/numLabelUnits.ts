// Profile.NumLabelUnits: the unit of each numeric label key (first unit seen; inferred from the
// key when none is given), plus the conflicting units pprof warns about.
import type { Sample } from '../profile/profile';

export function numLabelUnits(samples: Sample[]): { units: Map<string, string>; ignored: Map<string, string[]> } {
  const units = new Map<string, string>();
  const ignoredSets = new Map<string, Set<string>>();
  const keys = new Set<string>();
  for (const s of samples) {
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
