// -tagroot / -tagleaf (driver/tagroot.go): pseudo frames made from label values, added at the
// root or leaf of every sample's stack before filtering.
import type { Function as PFunction, LabelSet, Location } from '../profile/profile';
import { SampleColumns } from '../profile/sampleColumns';
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
  const makeLabelLocs = (s: LabelSet, keys: string[]): { locs: Location[]; match: boolean } => {
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
  // The pseudo frames depend on the labels only: made once per label set, in the order samples use them.
  const rows = p.rows;
  const table = rows.locations.slice();
  const index = new Map<Location, number>();
  const indexOf = (l: Location): number => {
    let i = index.get(l);
    if (i === undefined) {
      i = table.length;
      table.push(l);
      index.set(l, i);
    }
    return i;
  };
  const leafOf: (number[] | undefined)[] = new Array(rows.labelSets.length);
  const rootOf: number[][] = new Array(rows.labelSets.length);
  let entries = 0;
  for (let i = 0; i < rows.count; i++) {
    const ls = rows.labelSet[i];
    if (leafOf[ls] === undefined) {
      const set = rows.labelSets[ls];
      const r = makeLabelLocs(set, rootKeys);
      if (r.match) rootm = true;
      const l = makeLabelLocs(set, leafKeys);
      if (l.match) leafm = true;
      rootOf[ls] = r.locs.map(indexOf);
      leafOf[ls] = l.locs.map(indexOf);
    }
    entries += leafOf[ls]!.length + rows.depth(i) + rootOf[ls].length;
  }
  // New stacks: leaf frames, the sample's own stack, root frames.
  const stack = new Int32Array(entries);
  const start = new Int32Array(rows.count);
  const end = new Int32Array(rows.count);
  let k = 0;
  for (let i = 0; i < rows.count; i++) {
    const ls = rows.labelSet[i];
    start[i] = k;
    for (const li of leafOf[ls]!) stack[k++] = li;
    for (let j = rows.start[i]; j < rows.end[i]; j++) stack[k++] = rows.stack[j];
    for (const li of rootOf[ls]) stack[k++] = li;
    end[i] = k;
  }
  p.rows = new SampleColumns(rows.count, table, stack, start, end, rows.vrow, rows.valueStart, rows.values, rows.labelSet, rows.labelSets);
  return { rootm, leafm };
}

function formatLabelValues(s: LabelSet, k: string, outputUnit: string): string[] {
  const values: string[] = [...(s.label?.[k] ?? [])];
  const numLabels = s.numLabel?.[k] ?? [];
  const numUnits = s.numUnit?.[k] ?? [];
  if (numLabels.length !== numUnits.length && numUnits.length !== 0) return values;
  for (let i = 0; i < numLabels.length; i++) {
    values.push(numUnits.length !== 0 ? scaledLabel(numLabels[i], numUnits[i], outputUnit) : scaledLabel(numLabels[i], '', ''));
  }
  return values;
}
