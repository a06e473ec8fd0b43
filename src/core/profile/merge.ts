// Profile-level operations from pprof's merge.go and profile.go: Merge (with its dedup of samples,
// locations, functions and mappings), Compact, Scale/ScaleN, Normalize, and the driver's -base /
// -diff_base / -normalize handling (internal/driver/fetch.go fetchProfiles).
//
// Inputs are never modified: every function returns a new profile (pprof mutates in place; callers of
// ours keep sessions open on the originals).
//
// Samples are read and written as columns (sampleColumns.ts): Merge builds the merged stacks, values
// and label sets straight into typed arrays; Scale and CompatibilizeSampleTypes make new value
// columns that share the stacks. compactOwned still works on Sample objects (no caller on a big path).
import { Function, LabelSet, Line, Location, Mapping, Profile, Sample, ValueType } from './profile';
import { SampleColumns, attachColumns, hasColumns, noLabels, replaceValues, sampleColumnsOf, withColumns } from './sampleColumns';
import { ProfileError } from './profileError';
import { isKnownUnit, scale } from '../measurement/measurement';

export function mergeProfiles(ps: Profile[]): Profile {
  if (ps.length === 0) throw new ProfileError('no profiles to merge');
  const p = combineHeaders(ps);
  const m = new Merger(p);
  for (const src of ps) {
    m.startSource(src);
    // The first mapping is the main binary: take it first so mapping order stays meaningful.
    if (m.mappings.size === 0 && src.mapping.length > 0) m.mapMapping(src.mapping[0]);
    m.mapSamples(sampleColumnsOf(src));
  }
  const cols = m.finish();
  attachColumns(p, cols);
  // Values that summed to zero leave zero samples: merge once more to drop them (as pprof does).
  if (hasZeroSample(cols)) return mergeProfiles([p]);
  countUnsafe(p);
  return p;
}

/**
 * mergeProfiles([p]) for a profile the caller owns (e.g. freshly decoded), which is modified and
 * returned: the same result (ids renumbered in order of first use from the samples, duplicate and
 * unreferenced mappings, locations and functions dropped, equal samples summed, all-zero samples
 * dropped) without copying every sample and stack, so that this costs one pass over the samples.
 * This is what pprof's fetch does to every profile it reads (combineProfiles -> Merge).
 */
export function compactOwned(p: Profile): Profile {
  const out = combineHeaders([p]);
  const m = new OwnedMerger(out, p);
  if (p.mapping.length > 0) m.mapMapping(p.mapping[0]);
  for (const s of p.sample) if (!isZeroSample(s)) m.mapSample(s);
  m.finish();
  if (out.sample.some(isZeroSample)) return compactOwned(out);
  countUnsafe(out);
  return out;
}

/**
 * pprof's locateBinaries fallback (driver/fetch.go): a profile without mappings gets one fake
 * mapping (ID 1, no file) that every location points to. Modifies p (which the caller owns).
 */
export function addFakeMapping(p: Profile): void {
  if (p.mapping.length > 0) return;
  const m: Mapping = {
    id: 1, start: 0n, limit: 0n, offset: 0n, file: '', buildId: '',
    hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false,
  };
  p.mapping = [m];
  for (const l of p.location) l.mapping = m;
}

/** pprof's Compact: a merge of one profile, dropping unreferenced locations, functions and mappings. */
export function compact(p: Profile): Profile {
  return mergeProfiles([p]);
}

/** pprof's Scale: multiplies every value by ratio (rounded half away from zero), drops all-zero samples. */
export function scaleProfile(p: Profile, ratio: number): Profile {
  return scaleProfileN(
    p,
    p.sampleType.map(() => ratio),
  );
}

/** pprof's ScaleN: one ratio per sample type. */
export function scaleProfileN(p: Profile, ratios: number[]): Profile {
  if (ratios.length !== p.sampleType.length) {
    throw new ProfileError(`mismatched scale ratios, got ${ratios.length}, want ${p.sampleType.length}`);
  }
  const cols = sampleColumnsOf(p);
  if (ratios.every((r) => r === 1)) return withColumns(p, cols);
  // The scaled values of the samples kept (some scaled value is not zero), in order.
  const keep = new Int32Array(cols.count);
  const valueStart = new Int32Array(cols.count + 1);
  let values = new Float64Array(cols.values.length);
  let n = 0;
  let v = 0;
  for (let i = 0; i < cols.count; i++) {
    const w = cols.valueCount(i);
    if (v + w > values.length) {
      const nv = new Float64Array(2 * (v + w));
      nv.set(values);
      values = nv;
    }
    let kept = false;
    for (let j = 0; j < w; j++) {
      let x = cols.value(i, j);
      if (j < ratios.length && ratios[j] !== 1) {
        x = goRound(x * ratios[j]);
        kept ||= x !== 0;
      }
      values[v + j] = x;
    }
    if (!kept) continue;
    keep[n] = i;
    valueStart[n++] = v;
    v += w;
  }
  valueStart[n] = v;
  const sel = cols.select(keep.subarray(0, n));
  const out = withColumns(p, replaceValues(sel, valueStart.slice(0, n + 1), values.subarray(0, v)));
  countUnsafe(out);
  return out;
}

/**
 * pprof's Normalize: scales p so that each sample type's total equals base's total for that type
 * (a type whose total in p is zero is scaled by 0).
 */
export function normalizeProfile(p: Profile, base: Profile): Profile {
  checkCompatible(p, base);
  const n = p.sampleType.length;
  const baseVals = new Array<number>(n).fill(0);
  const srcVals = new Array<number>(n).fill(0);
  const sum = (cols: SampleColumns, into: number[]): void => {
    for (let i = 0; i < cols.count; i++) for (let j = 0; j < cols.valueCount(i); j++) into[j] += cols.value(i, j);
  };
  sum(sampleColumnsOf(base), baseVals);
  sum(sampleColumnsOf(p), srcVals);
  return scaleProfileN(
    p,
    baseVals.map((b, i) => (srcVals[i] === 0 ? 0 : b / srcVals[i])),
  );
}

/**
 * The driver's combineProfiles (fetch.go): profiles of the same kind recorded in different units
 * (e.g. delay in microseconds and in nanoseconds) are first converted to the finest common unit
 * (measurement.ScaleProfiles), then merged. pprof uses this for several sources, several bases, and
 * source + base.
 */
export function combineProfiles(ps: Profile[]): Profile {
  return mergeProfiles(scaleProfiles(compatibilizeSampleTypes(ps)));
}

/**
 * pprof's CompatibilizeSampleTypes (Go 1.27's fetch combineProfiles calls it first): keeps only the
 * sample types every profile has, in the first profile's order (the default type if common, else the
 * first common one); none in common is an error.
 */
export function compatibilizeSampleTypes(ps: Profile[]): Profile[] {
  if (ps.length <= 1) return ps;
  const counts = new Map<string, number>();
  for (const p of ps) for (const t of new Set(p.sampleType.map((st) => st.type))) counts.set(t, (counts.get(t) ?? 0) + 1);
  const common = ps[0].sampleType.map((st) => st.type).filter((t) => counts.get(t) === ps.length);
  if (common.length === 0) throw new ProfileError('incompatible profiles: profiles have empty common sample type list');
  return ps.map((p) => {
    const reMap = common.map((t) => p.sampleType.findIndex((st) => st.type === t));
    if (reMap.every((idx, i) => idx === i) && common.length === p.sampleType.length) return p;
    const defaultSampleType = common.includes(p.defaultSampleType) ? p.defaultSampleType : common[0];
    const cols = sampleColumnsOf(p);
    const values = new Float64Array(cols.count * reMap.length);
    const valueStart = new Int32Array(cols.count + 1);
    for (let i = 0; i < cols.count; i++) {
      valueStart[i] = i * reMap.length;
      for (let j = 0; j < reMap.length; j++) values[i * reMap.length + j] = cols.value(i, reMap[j]);
    }
    valueStart[cols.count] = cols.count * reMap.length;
    const out = withColumns(p, replaceValues(cols, valueStart, values));
    out.defaultSampleType = defaultSampleType;
    out.sampleType = reMap.map((idx) => ({ ...p.sampleType[idx] }));
    return out;
  });
}

/** pprof's measurement.ScaleProfiles, returning new profiles instead of changing the inputs. */
export function scaleProfiles(ps: Profile[]): Profile[] {
  if (ps.length === 0) return ps;
  const periodType = commonValueType(ps.map((p) => p.periodType).filter((t): t is ValueType => !!t), 'period type');
  const n = ps[0].sampleType.length;
  for (const p of ps.slice(1)) {
    if (p.sampleType.length !== n) {
      throw new ProfileError(`incompatible profiles: inconsistent samples type count: ${n} != ${p.sampleType.length}`);
    }
  }
  const sampleType: (ValueType | undefined)[] = [];
  for (let i = 0; i < n; i++) sampleType.push(commonValueType(ps.map((p) => p.sampleType[i]), 'sample types'));
  return ps.map((p) => {
    let out: Profile = withColumns(p, sampleColumnsOf(p));
    out.sampleType = p.sampleType.map((t) => ({ ...t }));
    if (p.periodType && periodType) {
      const [period] = scale(p.period, p.periodType.unit, periodType.unit);
      out.period = Math.trunc(period);
      out.periodType = { type: p.periodType.type, unit: periodType.unit };
    }
    const ratios = p.sampleType.map((st, i) => {
      const common = sampleType[i];
      if (!common) return 1;
      out.sampleType[i].unit = common.unit;
      return scale(1, st.unit, common.unit)[0];
    });
    out = scaleProfileN(out, ratios);
    return out;
  });
}

function unitFamily(unit: string): string | undefined {
  if (!isKnownUnit(unit)) return undefined;
  if (scale(1, unit, 'B')[1] === 'B') return 'bytes';
  if (scale(1, unit, 'ns')[1] === 'ns') return 'time';
  return 'gcu';
}

function compatibleValueTypes(a: ValueType, b: ValueType): boolean {
  const trim = (t: string) => (t.endsWith('s') ? t.slice(0, -1) : t);
  if (trim(a.type) !== trim(b.type)) return false;
  if (a.unit === b.unit) return true;
  const f = unitFamily(a.unit);
  return f !== undefined && f === unitFamily(b.unit);
}

/** pprof's measurement.CommonValueType: the finest unit among compatible types (none for one type). */
function commonValueType(ts: ValueType[], what: string): ValueType | undefined {
  if (ts.length <= 1) return undefined;
  let min = ts[0];
  for (const t of ts.slice(1)) {
    if (!compatibleValueTypes(min, t)) {
      throw new ProfileError(`incompatible profiles: ${what}: ${valueTypeString(min)} and ${valueTypeString(t)}`);
    }
    if (scale(1, t.unit, min.unit)[0] < 1) min = t;
  }
  return { ...min };
}

/**
 * The driver's -base / -diff_base (fetch.go): the bases are merged, optionally tagged
 * pprof::base=true (diff_base), the source is normalized to the base's totals if asked, the base is
 * scaled by -1 and merged into the source.
 */
export function applyBase(p: Profile, base: Profile[], mode: 'base' | 'diff_base', normalize: boolean): Profile {
  if (base.length === 0) {
    if (normalize) throw new ProfileError('must have base profile to normalize by');
    return p;
  }
  let pbase = combineProfiles(base);
  if (mode === 'diff_base') pbase = withDiffBaseLabels(pbase);
  let src = p;
  if (normalize) src = normalizeProfile(p, pbase);
  pbase = scaleProfile(pbase, -1);
  return combineProfiles([src, pbase]);
}

/** -diff_base's marking of the base: a copy of pbase whose every sample has the label pprof::base=true. */
export function withDiffBaseLabels(pbase: Profile): Profile {
  // Every sample of the base gets the label pprof::base=true: one new label set per set used.
  const cols = sampleColumnsOf(pbase);
  const mapped = new Int32Array(cols.labelSets.length).fill(-1);
  const sets: LabelSet[] = [noLabels];
  const labelSet = new Int32Array(cols.count);
  for (let i = 0; i < cols.count; i++) {
    const ls = cols.labelSet[i];
    if (mapped[ls] < 0) {
      const set = cols.labelSets[ls];
      const label: Record<string, string[]> = Object.create(null);
      if (set.label) for (const k of Object.keys(set.label)) label[k] = set.label[k];
      label['pprof::base'] = ['true'];
      mapped[ls] = sets.length;
      sets.push({ ...set, label });
    }
    labelSet[i] = mapped[ls];
  }
  return withColumns(pbase, cols.withLabels(labelSet, sets));
}

/** Sums can leave the exact range of a JS number: say so in unsafeValues, as decoders do. */
function countUnsafe(p: Profile): void {
  let n = 0;
  if (hasColumns(p)) {
    const cols = sampleColumnsOf(p);
    for (let i = 0; i < cols.count; i++) for (let j = 0; j < cols.valueCount(i); j++) if (!Number.isSafeInteger(cols.value(i, j))) n++;
  } else for (const s of p.sample) for (const v of s.value) if (!Number.isSafeInteger(v)) n++;
  if (n > (p.unsafeValues ?? 0)) p.unsafeValues = n;
}

/** Go's math.Round: half away from zero. */
function goRound(x: number): number {
  const r = x < 0 ? -Math.round(-x) : Math.round(x);
  return r === 0 ? 0 : r; // no -0
}

/** The Merger of compactOwned: reuses the source's objects; location ids are assigned at the end. */
class OwnedMerger {
  /** Source location (old id) -> its merged location, and that location's new id. */
  private readonly canonByOldId: (Location | undefined)[];
  private readonly newIdByOldId: Int32Array;
  private readonly sparse = new Map<Location, [Location, number]>();
  /** Merged locations (with their new id: index in p.location + 1) by pprof's location key. */
  private readonly locations = new LocationTable<[Location, number]>();
  private readonly mappingsBySrc = new Map<Mapping, MapInfo>();
  private readonly mappings = new Map<string, Mapping>();
  private readonly functionsBySrc = new Map<Function, Function>();
  private readonly functions = new FunctionTable();
  private readonly table: SampleTable;
  private readonly labelKeys = new Map<Record<string, string[]>, { key: string; hash: number }>();

  constructor(readonly p: Profile, src: Profile) {
    this.table = new SampleTable(p.sample, src.sample.length);
    let maxId = 0;
    for (const l of src.location) if (l.id > maxId) maxId = l.id;
    const n = maxId <= 2 * src.location.length + 16 ? maxId + 1 : 0;
    this.canonByOldId = new Array<Location | undefined>(n);
    this.newIdByOldId = new Int32Array(n);
  }

  mapSample(s: Sample): void {
    const locs = s.location;
    const n = locs.length;
    const canon = this.canonByOldId;
    let h = Math.imul(n + 1, 0x9e3779b1);
    for (let i = 0; i < n; i++) {
      const l = locs[i];
      const id = l.id;
      let c: Location | undefined;
      let nid: number;
      if (id < canon.length && (c = canon[id]) !== undefined) {
        nid = this.newIdByOldId[id];
      } else {
        const r = this.mapLocation(l);
        c = r[0];
        nid = r[1];
      }
      if (c !== l) locs[i] = c;
      h = Math.imul(h ^ nid, 0x85ebca6b);
      h ^= h >>> 13;
    }
    let labels = '';
    if (s.label !== undefined || s.numLabel !== undefined) {
      const k = this.labelKeyOf(s);
      labels = k.key;
      if (labels !== '') h = Math.imul(h ^ k.hash, 0xc2b2ae35);
    }
    const hit = this.table.find(h, locs, labels);
    if (hit >= 0) {
      const existing = this.p.sample[hit];
      for (let i = 0; i < s.value.length; i++) existing.value[i] += s.value[i];
      return;
    }
    if (s.label && Object.keys(s.label).length === 0) delete s.label;
    if (s.numLabel) {
      if (Object.keys(s.numLabel).length === 0) {
        delete s.numLabel;
        delete s.numUnit;
      } else {
        const numUnit = Object.create(null) as Record<string, string[]>;
        for (const k of Object.keys(s.numLabel)) numUnit[k] = s.numUnit?.[k] ?? [];
        s.numUnit = numUnit;
      }
    } else if (s.numUnit) {
      delete s.numUnit;
    }
    this.table.add(h, s, labels);
  }

  /** labelKey and its hash; remembered per label record when samples share records (decoders do). */
  private labelKeyOf(s: Sample): { key: string; hash: number } {
    const label = s.label;
    const cacheable = label !== undefined && s.numLabel === undefined;
    if (cacheable) {
      const known = this.labelKeys.get(label);
      if (known) return known;
    }
    const key = labelKey(s);
    const k = { key, hash: key === '' ? 0 : stringHash(key) };
    if (cacheable && this.labelKeys.size < 4096) this.labelKeys.set(label, k);
    return k;
  }

  private mapLocation(l: Location): [Location, number] {
    const known = this.sparse.get(l);
    if (known) return known;
    const oldId = l.id;
    const mi = this.mapMapping(l.mapping);
    l.mapping = mi.m;
    if (mi.offset !== 0n) l.address = BigInt.asUintN(64, l.address + mi.offset);
    // The lines are ours: copied only where a function merged into another.
    const lines = l.line;
    let mapped: Line[] | undefined;
    for (let i = 0; i < lines.length; i++) {
      const ln = lines[i];
      const f = this.mapFunction(ln.function);
      if (f !== ln.function) {
        mapped ??= lines.slice();
        mapped[i] = { function: f, line: ln.line, column: ln.column };
      }
    }
    if (mapped) l.line = mapped;
    let r = this.locations.find(l);
    if (!r) {
      r = [l, this.p.location.length + 1];
      this.locations.add(l, r);
      this.p.location.push(l);
    }
    if (oldId < this.canonByOldId.length) {
      this.canonByOldId[oldId] = r[0];
      this.newIdByOldId[oldId] = r[1];
    } else {
      this.sparse.set(l, r);
    }
    return r;
  }

  mapMapping(src: Mapping | undefined): MapInfo {
    if (!src) return { offset: 0n };
    const known = this.mappingsBySrc.get(src);
    if (known) return known;
    const key = mappingKey(src);
    const existing = this.mappings.get(key);
    let mi: MapInfo;
    if (existing) {
      mi = { m: existing, offset: existing.start - src.start };
    } else {
      src.id = this.p.mapping.length + 1;
      this.p.mapping.push(src);
      this.mappings.set(key, src);
      mi = { m: src, offset: 0n };
    }
    this.mappingsBySrc.set(src, mi);
    return mi;
  }

  private mapFunction(src: Function): Function {
    const known = this.functionsBySrc.get(src);
    if (known) return known;
    let f = this.functions.find(src);
    if (!f) {
      f = src;
      f.id = this.p.function.length + 1;
      this.functions.add(f);
      this.p.function.push(f);
    }
    this.functionsBySrc.set(src, f);
    return f;
  }

  /** Location ids were left alone during the pass (the lookups use them): renumber now. */
  finish(): void {
    const locs = this.p.location;
    for (let i = 0; i < locs.length; i++) locs[i].id = i + 1;
  }
}

function hasZeroSample(cols: SampleColumns): boolean {
  for (let i = 0; i < cols.count; i++) {
    let zero = true;
    for (let j = 0; j < cols.valueCount(i); j++) {
      if (cols.value(i, j) !== 0) {
        zero = false;
        break;
      }
    }
    if (zero) return true;
  }
  return false;
}

function isZeroSample(s: Sample): boolean {
  for (const v of s.value) if (v !== 0) return false;
  return true;
}

function valueTypeString(v: ValueType | undefined): string {
  return v ? `${v.type}/${v.unit}` : '(none)';
}

function equalValueType(a: ValueType | undefined, b: ValueType | undefined): boolean {
  return (a?.type ?? '') === (b?.type ?? '') && (a?.unit ?? '') === (b?.unit ?? '');
}

/** pprof's compatible(): same period type and same sample types in the same order. */
export function checkCompatible(a: Profile, b: Profile): void {
  if (!equalValueType(a.periodType, b.periodType)) {
    throw new ProfileError(
      `incompatible profiles: period types ${valueTypeString(a.periodType)} and ${valueTypeString(b.periodType)}`,
    );
  }
  const same =
    a.sampleType.length === b.sampleType.length && a.sampleType.every((t, i) => equalValueType(t, b.sampleType[i]));
  if (!same) {
    const list = (p: Profile) => '[' + p.sampleType.map(valueTypeString).join(' ') + ']';
    throw new ProfileError(`incompatible profiles: sample types ${list(a)} and ${list(b)}`);
  }
}

function combineHeaders(srcs: Profile[]): Profile {
  for (const s of srcs.slice(1)) checkCompatible(srcs[0], s);
  let timeNanos = 0;
  let timeNanosExact: bigint | undefined;
  let durationNanos = 0;
  let period = 0;
  const comments: string[] = [];
  const seen = new Set<string>();
  let defaultSampleType = '';
  let docUrl = '';
  for (const s of srcs) {
    if (timeNanos === 0 || s.timeNanos < timeNanos) {
      timeNanos = s.timeNanos;
      timeNanosExact = s.timeNanosExact;
    }
    durationNanos += s.durationNanos;
    if (period === 0 || period < s.period) period = s.period;
    for (const c of s.comments) {
      if (!seen.has(c)) {
        comments.push(c);
        seen.add(c);
      }
    }
    if (defaultSampleType === '') defaultSampleType = s.defaultSampleType;
    if (docUrl === '') docUrl = s.docUrl;
  }
  const first = srcs[0];
  const p: Profile = {
    sampleType: first.sampleType.map((t) => ({ ...t })),
    defaultSampleType,
    sample: [],
    mapping: [],
    location: [],
    function: [],
    comments,
    dropFrames: first.dropFrames,
    keepFrames: first.keepFrames,
    timeNanos,
    durationNanos,
    periodType: first.periodType ? { ...first.periodType } : undefined,
    period,
    docUrl,
  };
  if (timeNanosExact !== undefined) p.timeNanosExact = timeNanosExact;
  const unsafe = srcs.reduce((n, s) => n + (s.unsafeValues ?? 0), 0);
  if (unsafe > 0) p.unsafeValues = unsafe;
  return p;
}

interface MapInfo {
  m?: Mapping;
  offset: bigint;
}

const MAPSIZE_ROUNDING = 0x1000n;

class Merger {
  /** Per source profile: its location id -> merged location (array when ids are dense). */
  locationsByDenseId: (Location | undefined)[] = [];
  locationsById = new Map<Location, Location>();
  functionsById = new Map<Function, Function>();
  mappingsById = new Map<Mapping, MapInfo>();
  locations = new Map<string, Location>();
  functions = new Map<string, Function>();
  mappings = new Map<string, Mapping>();
  /** The merged samples as growing columns: stacks as indices into p.location (id - 1). */
  private stack = new Int32Array(1024);
  private entries = 0;
  private rowStart = new Int32Array(256);
  private rowEnd = new Int32Array(256);
  private valueStart = new Int32Array(257);
  private values = new Float64Array(512);
  private nvalues = 0;
  private rowLabelSet = new Int32Array(256);
  private rows = 0;
  private readonly labelSets: LabelSet[] = [noLabels];
  /** Stack+labels hash -> row + 1 (open addressing, linear probing); the hash and label key of each row. */
  private slots = new Int32Array(1024);
  private slotHashes = new Int32Array(1024);
  private shift = 22;
  private rowHash = new Int32Array(256);
  private readonly rowLabels: string[] = [];

  constructor(readonly p: Profile) {}

  startSource(src: Profile): void {
    this.locationsById = new Map();
    this.functionsById = new Map();
    this.mappingsById = new Map();
    let maxId = 0;
    for (const l of src.location) if (l.id > maxId) maxId = l.id;
    this.locationsByDenseId = maxId <= 2 * src.location.length + 16 ? new Array<Location | undefined>(maxId + 1) : [];
  }

  /** Adds the samples of one source (all-zero samples skipped), summing those with the same stack and labels. */
  mapSamples(cols: SampleColumns): void {
    // Per location of the source's table: its merged index, -1 until mapped.
    const merged = new Int32Array(cols.locations.length).fill(-1);
    // Per label set of the source: its merged set and label key.
    const setOut = new Int32Array(cols.labelSets.length).fill(-1);
    const setKey: string[] = new Array(cols.labelSets.length);
    const setHash = new Int32Array(cols.labelSets.length);
    const dense = this.locationsByDenseId;
    let scratch = new Int32Array(64);
    for (let i = 0; i < cols.count; i++) {
      const w = cols.valueCount(i);
      let zero = true;
      for (let j = 0; j < w; j++) {
        if (cols.value(i, j) !== 0) {
          zero = false;
          break;
        }
      }
      if (zero) continue;
      const a = cols.start[i];
      const n = cols.end[i] - a;
      if (n > scratch.length) scratch = new Int32Array(2 * n);
      // A 32-bit hash of the stack (merged locations) and labels; rows are compared exactly.
      let h = Math.imul(n + 1, 0x9e3779b1);
      for (let k = 0; k < n; k++) {
        const li = cols.stack[a + k];
        let m = merged[li];
        if (m < 0) {
          const l = cols.locations[li];
          const id = l.id;
          let mapped = id < dense.length ? dense[id] : undefined;
          if (mapped === undefined) {
            mapped = this.mapLocation(l);
            if (id < dense.length) dense[id] = mapped;
          }
          m = merged[li] = mapped.id - 1;
        }
        scratch[k] = m;
        h = Math.imul(h ^ (m + 1), 0x85ebca6b);
        h ^= h >>> 13;
      }
      const ls = cols.labelSet[i];
      if (setOut[ls] < 0) {
        const set = cols.labelSets[ls];
        setKey[ls] = labelKey(set);
        setHash[ls] = setKey[ls] === '' ? 0 : stringHash(setKey[ls]);
        setOut[ls] = this.copyLabels(set);
      }
      const labels = setKey[ls];
      if (labels !== '') h = Math.imul(h ^ setHash[ls], 0xc2b2ae35);
      const hit = this.find(h, scratch, n, labels);
      if (hit >= 0) {
        const vs = this.valueStart[hit];
        const have = this.valueStart[hit + 1] - vs;
        for (let j = 0; j < w && j < have; j++) this.values[vs + j] += cols.value(i, j);
        continue;
      }
      this.addRow(h, scratch, n, labels, setOut[ls], cols, i);
    }
  }

  /** The label records of a merged sample: copies (empty maps dropped, numeric units parallel to values). */
  private copyLabels(src: LabelSet): number {
    const s: LabelSet = {};
    if (src.label && Object.keys(src.label).length > 0) {
      s.label = Object.create(null) as Record<string, string[]>;
      for (const k of Object.keys(src.label)) s.label[k] = src.label[k].slice();
    }
    if (src.numLabel && Object.keys(src.numLabel).length > 0) {
      s.numLabel = Object.create(null) as Record<string, number[]>;
      s.numUnit = Object.create(null) as Record<string, string[]>;
      for (const k of Object.keys(src.numLabel)) {
        s.numLabel[k] = src.numLabel[k].slice();
        s.numUnit[k] = (src.numUnit?.[k] ?? []).slice();
      }
    }
    if (!s.label && !s.numLabel) return 0;
    this.labelSets.push(s);
    return this.labelSets.length - 1;
  }

  private find(hash: number, stack: Int32Array, n: number, labels: string): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = Math.imul(hash, 0x9e3779b1) >>> this.shift; ; i = (i + 1) & mask) {
      const v = slots[i];
      if (v === 0) return -1;
      if (this.slotHashes[i] === hash && this.same(v - 1, stack, n, labels)) return v - 1;
    }
  }

  private same(row: number, stack: Int32Array, n: number, labels: string): boolean {
    const a = this.rowStart[row];
    if (this.rowEnd[row] - a !== n || this.rowLabels[row] !== labels) return false;
    for (let k = 0; k < n; k++) if (this.stack[a + k] !== stack[k]) return false;
    return true;
  }

  private addRow(hash: number, stack: Int32Array, n: number, labels: string, labelSet: number, cols: SampleColumns, i: number): void {
    const row = this.rows++;
    if (row + 1 >= this.rowStart.length) {
      const grow32 = (a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(size);
        b.set(a);
        return b;
      };
      const size = this.rowStart.length * 2;
      this.rowStart = grow32(this.rowStart, size);
      this.rowEnd = grow32(this.rowEnd, size);
      this.rowLabelSet = grow32(this.rowLabelSet, size);
      this.rowHash = grow32(this.rowHash, size);
      this.valueStart = grow32(this.valueStart, size + 1);
    }
    if (this.entries + n > this.stack.length) {
      const b = new Int32Array(Math.max(2 * this.stack.length, this.entries + n));
      b.set(this.stack.subarray(0, this.entries));
      this.stack = b;
    }
    this.stack.set(stack.subarray(0, n), this.entries);
    this.rowStart[row] = this.entries;
    this.entries += n;
    this.rowEnd[row] = this.entries;
    const w = cols.valueCount(i);
    if (this.nvalues + w > this.values.length) {
      const b = new Float64Array(Math.max(2 * this.values.length, this.nvalues + w));
      b.set(this.values.subarray(0, this.nvalues));
      this.values = b;
    }
    this.valueStart[row] = this.nvalues;
    for (let j = 0; j < w; j++) this.values[this.nvalues++] = cols.value(i, j);
    this.valueStart[row + 1] = this.nvalues;
    this.rowLabelSet[row] = labelSet;
    this.rowLabels.push(labels);
    this.rowHash[row] = hash;
    if (2 * (row + 1) > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      this.slotHashes = new Int32Array(this.slots.length);
      this.shift--;
      for (let r = 0; r <= row; r++) this.insert(this.rowHash[r], r);
    } else this.insert(hash, row);
  }

  private insert(hash: number, row: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = row + 1;
    this.slotHashes[i] = hash;
  }

  /** The merged samples, as columns over p.location. */
  finish(): SampleColumns {
    const n = this.rows;
    const vrow = new Int32Array(n);
    for (let i = 0; i < n; i++) vrow[i] = i;
    return new SampleColumns(
      n, this.p.location, this.stack.slice(0, this.entries), this.rowStart.slice(0, n), this.rowEnd.slice(0, n), vrow,
      this.valueStart.slice(0, n + 1), this.values.slice(0, this.nvalues), this.rowLabelSet.slice(0, n), this.labelSets,
    );
  }

  mapLocation(src: Location): Location {
    const known = this.locationsById.get(src);
    if (known) return known;
    const mi = this.mapMapping(src.mapping);
    const l: Location = {
      id: this.p.location.length + 1,
      mapping: mi.m,
      address: BigInt.asUintN(64, src.address + mi.offset),
      line: src.line.map((ln) => this.mapLine(ln)),
      isFolded: src.isFolded,
    };
    const key = locationKey(l);
    const existing = this.locations.get(key);
    if (existing) {
      this.locationsById.set(src, existing);
      return existing;
    }
    this.locationsById.set(src, l);
    this.locations.set(key, l);
    this.p.location.push(l);
    return l;
  }

  mapMapping(src: Mapping | undefined): MapInfo {
    if (!src) return { offset: 0n };
    const known = this.mappingsById.get(src);
    if (known) return known;
    const key = mappingKey(src);
    const existing = this.mappings.get(key);
    if (existing) {
      const mi = { m: existing, offset: existing.start - src.start };
      this.mappingsById.set(src, mi);
      return mi;
    }
    const m: Mapping = { ...src, id: this.p.mapping.length + 1 };
    this.p.mapping.push(m);
    this.mappings.set(key, m);
    const mi = { m, offset: 0n };
    this.mappingsById.set(src, mi);
    return mi;
  }

  mapLine(src: Line): Line {
    return { function: this.mapFunction(src.function), line: src.line, column: src.column };
  }

  mapFunction(src: Function): Function {
    const known = this.functionsById.get(src);
    if (known) return known;
    const key = functionKey(src);
    const existing = this.functions.get(key);
    if (existing) {
      this.functionsById.set(src, existing);
      return existing;
    }
    const f: Function = { ...src, id: this.p.function.length + 1 };
    this.functions.set(key, f);
    this.functionsById.set(src, f);
    this.p.function.push(f);
    return f;
  }
}

/**
 * Labels and numeric labels as pprof's sample key compares them ("" when there are none): keys
 * sorted, every string length-prefixed (unambiguous for any content).
 */
function labelKey(s: LabelSet): string {
  // Empty and absent label maps give the same key (pprof's keys are built from maps either way).
  let key = '';
  const label = s.label;
  if (label) {
    const keys = Object.keys(label);
    if (keys.length > 1) keys.sort();
    for (const k of keys) {
      const vs = label[k];
      key += `${k.length}:${k}${vs.length}[`;
      for (const v of vs) key += `${v.length}:${v}`;
    }
  }
  const numLabel = s.numLabel;
  if (numLabel) {
    const keys = Object.keys(numLabel);
    if (keys.length > 0) {
      if (keys.length > 1) keys.sort();
      key += '#';
      for (const k of keys) {
        const vs = numLabel[k];
        const us = s.numUnit?.[k] ?? [];
        key += `${k.length}:${k}${vs.length}[${vs.join(',')}]${us.length}[`;
        for (const u of us) key += `${u.length}:${u}`;
      }
    }
  }
  return key;
}

function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function locationKey(l: Location): string {
  let addr = l.address;
  let mappingId = 0;
  if (l.mapping) {
    addr = BigInt.asUintN(64, addr - l.mapping.start);
    mappingId = l.mapping.id;
  }
  let key = `${addr.toString(16)}/${mappingId}/${l.isFolded ? 1 : 0}/`;
  for (const ln of l.line) key += `${ln.function.id.toString(16)}|${ln.line}|${ln.column}|`;
  return key;
}

function mappingKey(m: Mapping): string {
  // Sizes are rounded up to 4 KiB and addresses left out, to tolerate address space randomization.
  let size = BigInt.asUintN(64, m.limit - m.start);
  size = BigInt.asUintN(64, size + MAPSIZE_ROUNDING - 1n);
  size = size - (size % MAPSIZE_ROUNDING);
  // A mapping with neither build id nor file is a fake one; all fake mappings merge together.
  const id = m.buildId !== '' ? m.buildId : m.file;
  return `${size.toString(16)}/${m.offset.toString(16)}/${id}`;
}

/**
 * Merged functions by pprof's function key (start line, name, system name, file name). Most names
 * are unique: a map by name finds them without building a key string; a name shared by several
 * functions gets a map of its own by the full key (so no input makes a lookup slower than that).
 */
class FunctionTable {
  private readonly byName = new Map<string, Function | Map<string, Function>>();

  find(f: Function): Function | undefined {
    const e = this.byName.get(f.name);
    if (e === undefined) return undefined;
    if (e instanceof Map) return e.get(functionKey(f));
    return sameFunctionKey(e, f) ? e : undefined;
  }

  /** Adds f, which find(f) did not find. */
  add(f: Function): void {
    const e = this.byName.get(f.name);
    if (e === undefined) this.byName.set(f.name, f);
    else if (e instanceof Map) e.set(functionKey(f), f);
    else this.byName.set(f.name, new Map([[functionKey(e), e], [functionKey(f), f]]));
  }
}

function functionKey(f: Function): string {
  return JSON.stringify([f.startLine, f.name, f.systemName, f.filename]);
}

function sameFunctionKey(a: Function, b: Function): boolean {
  return a.startLine === b.startLine && a.name === b.name && a.systemName === b.systemName && a.filename === b.filename;
}

/**
 * Merged locations by pprof's location key (address relative to the mapping start, mapping id,
 * is_folded, and the lines as function id, line, column). Most addresses are unique: a map by
 * relative address finds them without building a key string; an address shared by several locations
 * (say, profiles without addresses) gets a map of its own by the full key. Functions must already be
 * the merged ones.
 */
class LocationTable<T extends [Location, number]> {
  private readonly byAddress = new Map<bigint, T | Map<string, T>>();

  find(l: Location): T | undefined {
    const e = this.byAddress.get(relativeAddress(l));
    if (e === undefined) return undefined;
    if (e instanceof Map) return e.get(locationKey(l));
    return sameLocationKey(e[0], l) ? e : undefined;
  }

  /** Adds v for l, which find(l) did not find. */
  add(l: Location, v: T): void {
    const a = relativeAddress(l);
    const e = this.byAddress.get(a);
    if (e === undefined) this.byAddress.set(a, v);
    else if (e instanceof Map) e.set(locationKey(l), v);
    else this.byAddress.set(a, new Map([[locationKey(e[0]), e], [locationKey(l), v]]));
  }
}

function relativeAddress(l: Location): bigint {
  const m = l.mapping;
  return m ? BigInt.asUintN(64, l.address - m.start) : l.address;
}

/** locationKey(a) === locationKey(b), without building the strings. */
function sameLocationKey(a: Location, b: Location): boolean {
  if ((a.mapping?.id ?? 0) !== (b.mapping?.id ?? 0) || a.isFolded !== b.isFolded) return false;
  const al = a.line;
  const bl = b.line;
  if (al.length !== bl.length) return false;
  for (let i = 0; i < al.length; i++) {
    const x = al[i];
    const y = bl[i];
    if (x.function.id !== y.function.id || x.line !== y.line || x.column !== y.column) return false;
  }
  return relativeAddress(a) === relativeAddress(b);
}

/**
 * The merged samples, found by a 32-bit hash of their stack and labels; equal hashes are compared
 * exactly (same locations, same label key). Shared by Merge and compactOwned. An open-addressing
 * table over typed arrays (linear probing): for hundreds of thousands of samples it stays a few
 * cache lines per lookup, where a Map of that size costs a cache miss or more on every access.
 */
class SampleTable {
  /** Sample index + 1 per slot, 0 for an empty slot; the slot count is a power of two. */
  private slots: Int32Array;
  /** The hash of each slot's sample (compared before the stacks). */
  private slotHashes: Int32Array;
  private shift: number;
  private readonly labels: string[] = [];
  private readonly hashes: number[] = [];

  constructor(private readonly samples: Sample[], expected = 0) {
    let bits = 10;
    while (1 << bits < 2 * expected && bits < 30) bits++;
    this.slots = new Int32Array(1 << bits);
    this.slotHashes = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }

  /** Index of the sample with this stack and labels, or -1. */
  find(hash: number, location: Location[], labels: string): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = Math.imul(hash, 0x9e3779b1) >>> this.shift; ; i = (i + 1) & mask) {
      const v = slots[i];
      if (v === 0) return -1;
      if (this.slotHashes[i] === hash && this.same(v - 1, location, labels)) return v - 1;
    }
  }

  /** Adds s, which find() did not find. */
  add(hash: number, s: Sample, labels: string): void {
    const idx = this.samples.length;
    this.samples.push(s);
    this.labels.push(labels);
    this.hashes.push(hash);
    if (2 * (idx + 1) > this.slots.length) this.grow();
    else this.insert(hash, idx);
  }

  private insert(hash: number, idx: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = idx + 1;
    this.slotHashes[i] = hash;
  }

  /** Doubles the slots and puts every sample back (the new one included). */
  private grow(): void {
    const n = this.slots.length * 2;
    this.slots = new Int32Array(n);
    this.slotHashes = new Int32Array(n);
    this.shift--;
    for (let i = 0; i < this.hashes.length; i++) this.insert(this.hashes[i] | 0, i);
  }

  private same(i: number, location: Location[], labels: string): boolean {
    const s = this.samples[i];
    if (s.location.length !== location.length || this.labels[i] !== labels) return false;
    for (let j = 0; j < location.length; j++) if (s.location[j] !== location[j]) return false;
    return true;
  }
}
