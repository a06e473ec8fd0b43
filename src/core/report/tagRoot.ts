// -tagroot / -tagleaf (driver/tagroot.go): pseudo frames made from label values, added at the
// root or leaf of every sample's stack before filtering.
import type { Function as PFunction, Location, Sample } from '../profile/profile';
import type { ProfileState } from './profileState';
import { scaledLabel } from '../measurement/measurement';

export function addLabelNodes(p: ProfileState, rootKeys: string[], leafKeys: string[], outputUnit: string): { rootm: boolean; leafm: boolean } {
  let maxLocID = 0;
  let maxFunctionID = 0;
  for (const l of p.locations) if (l.id > maxLocID) maxLocID = l.id;
  for (const f of p.functions) if (f.id > maxFunctionID) maxFunctionID = f.id;
  // The state's arrays may alias the caller's profile: extend copies.
  p.functions = p.functions.slice();
  p.locations = p.locations.slice();
  let nextLocID = maxLocID + 1;
  let nextFuncID = maxFunctionID + 1;
  const locs = new Map<string, Location>();
  const internLoc = (functionName: string, fileName: string): Location => {
    const key = functionName + '\u0000' + fileName;
    let loc = locs.get(key);
    if (loc) return loc;
    const fn: PFunction = { id: nextFuncID++, name: functionName, systemName: '', filename: fileName, startLine: 0 };
    p.functions.push(fn);
    loc = { id: nextLocID++, address: 0n, line: [{ function: fn, line: 0, column: 0 }], isFolded: false };
    p.locations.push(loc);
    locs.set(key, loc);
    return loc;
  };
  const makeLabelLocs = (s: Sample, keys: string[]): { locs: Location[]; match: boolean } => {
    const out: Location[] = [];
    let match = false;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[keys.length - 1 - i];
      const values = formatLabelValues(s, k, outputUnit);
      if (values.length > 0) match = true;
      out.push(internLoc(values.join(','), k));
    }
    return { locs: out, match };
  };
  let rootm = false;
  let leafm = false;
  p.samples = p.samples.map((s) => {
    const r = makeLabelLocs(s, rootKeys);
    if (r.match) rootm = true;
    const l = makeLabelLocs(s, leafKeys);
    if (l.match) leafm = true;
    return { ...s, location: [...l.locs, ...s.location, ...r.locs] };
  });
  return { rootm, leafm };
}

function formatLabelValues(s: Sample, k: string, outputUnit: string): string[] {
  const values: string[] = [...(s.label?.[k] ?? [])];
  const numLabels = s.numLabel?.[k] ?? [];
  const numUnits = s.numUnit?.[k] ?? [];
  if (numLabels.length !== numUnits.length && numUnits.length !== 0) return values;
  for (let i = 0; i < numLabels.length; i++) {
    values.push(numUnits.length !== 0 ? scaledLabel(numLabels[i], numUnits[i], outputUnit) : scaledLabel(numLabels[i], '', ''));
  }
  return values;
}
