// profile.SampleIndexByName (profile/index.go): "" = default sample type (or the last one),
// a number, or a type name ("inuse_" prefix optional).
import type { Profile } from '../profile/profile';
import { ProfileError } from '../profile/profileError';

export function sampleIndexByName(p: Profile, sampleIndex: string): number {
  if (sampleIndex === '') {
    if (p.defaultSampleType !== '') {
      const i = p.sampleType.findIndex((t) => t.type === p.defaultSampleType);
      if (i >= 0) return i;
    }
    return p.sampleType.length - 1;
  }
  if (/^[+-]?[0-9]+$/.test(sampleIndex)) {
    const i = Number.parseInt(sampleIndex, 10);
    if (i < 0 || i >= p.sampleType.length) {
      throw new ProfileError(`sample_index ${sampleIndex} is outside the range [0..${p.sampleType.length - 1}]`);
    }
    return i;
  }
  const noInuse = sampleIndex.startsWith('inuse_') ? sampleIndex.slice('inuse_'.length) : sampleIndex;
  for (let i = 0; i < p.sampleType.length; i++) {
    const t = p.sampleType[i].type;
    if (t === sampleIndex || t === noInuse) return i;
  }
  throw new ProfileError(`sample_index "${sampleIndex}" must be one of: [${p.sampleType.map((t) => t.type).join(' ')}]`);
}
