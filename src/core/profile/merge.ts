// Profile-level operations from pprof's merge.go and profile.go: Merge (with its dedup of samples,
// locations, functions and mappings), Compact, Scale/ScaleN, Normalize, and the driver's -base /
// -diff_base / -normalize handling (internal/driver/fetch.go fetchProfiles).
//
// Inputs are never modified: every function returns a new profile (pprof mutates in place; callers of
// ours keep sessions open on the originals).
import { Function, Line, Location, Mapping, Profile, Sample, ValueType } from './profile';
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
    for (const s of src.sample) if (!isZeroSample(s)) m.mapSample(s);
  }
  // Values that summed to zero leave zero samples: merge once more to drop them (as pprof does).
  if (p.sample.some(isZeroSample)) return mergeProfiles([p]);
  countUnsafe(p);
  return p;
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
  const out: Profile = { ...p, sample: [] };
  if (ratios.every((r) => r === 1)) {
    out.sample = p.sample.slice();
    return out;
  }
  for (const s of p.sample) {
    let keep = false;
    const value = s.value.slice();
    for (let i = 0; i < value.length; i++) {
      if (ratios[i] !== 1) {
        value[i] = goRound(value[i] * ratios[i]);
        keep ||= value[i] !== 0;
      }
    }
    if (keep) out.sample.push({ ...s, value });
  }
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
  for (const s of base.sample) s.value.forEach((v, i) => (baseVals[i] += v));
  for (const s of p.sample) s.value.forEach((v, i) => (srcVals[i] += v));
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
 * Newer pprof's CompatibilizeSampleTypes (fetch's combineProfiles calls it first): keeps only the
 * sample types every profile has, in the first profile's order. Go 1.19's pprof refuses such inputs
 * instead; where it does produce numbers, this changes nothing.
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
    return {
      ...p,
      defaultSampleType,
      sampleType: reMap.map((idx) => ({ ...p.sampleType[idx] })),
      sample: p.sample.map((s) => ({ ...s, value: reMap.map((idx) => s.value[idx]) })),
    };
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
    let out: Profile = { ...p, sampleType: p.sampleType.map((t) => ({ ...t })) };
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
  if (mode === 'diff_base') {
    for (const s of pbase.sample) {
      const label: Record<string, string[]> = Object.create(null);
      if (s.label) for (const k of Object.keys(s.label)) label[k] = s.label[k];
      label['pprof::base'] = ['true'];
      s.label = label;
    }
  }
  let src = p;
  if (normalize) src = normalizeProfile(p, pbase);
  pbase = scaleProfile(pbase, -1);
  return combineProfiles([src, pbase]);
}

/** pprof's Sample.DiffBaseSample. */
export function isDiffBaseSample(s: Sample): boolean {
  return s.label?.['pprof::base']?.includes('true') ?? false;
}

/** Sums can leave the exact range of a JS number: say so in unsafeValues, as decoders do. */
function countUnsafe(p: Profile): void {
  let n = 0;
  for (const s of p.sample) for (const v of s.value) if (!Number.isSafeInteger(v)) n++;
  if (n > (p.unsafeValues ?? 0)) p.unsafeValues = n;
}

/** Go's math.Round: half away from zero. */
function goRound(x: number): number {
  const r = x < 0 ? -Math.round(-x) : Math.round(x);
  return r === 0 ? 0 : r; // no -0
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
  samples = new Map<string, Sample>();
  locations = new Map<string, Location>();
  functions = new Map<string, Function>();
  mappings = new Map<string, Mapping>();

  constructor(readonly p: Profile) {}

  startSource(src: Profile): void {
    this.locationsById = new Map();
    this.functionsById = new Map();
    this.mappingsById = new Map();
    let maxId = 0;
    for (const l of src.location) if (l.id > maxId) maxId = l.id;
    this.locationsByDenseId = maxId <= 2 * src.location.length + 16 ? new Array<Location | undefined>(maxId + 1) : [];
  }

  mapSample(src: Sample): void {
    const n = src.location.length;
    const location: Location[] = new Array<Location>(n);
    const dense = this.locationsByDenseId;
    for (let i = 0; i < n; i++) {
      const l = src.location[i];
      const id = l.id;
      let mapped = id < dense.length ? dense[id] : undefined;
      if (mapped === undefined) {
        mapped = this.mapLocation(l);
        if (id < dense.length) dense[id] = mapped;
      }
      location[i] = mapped;
    }
    const key = sampleKey(location, src);
    const existing = this.samples.get(key);
    if (existing) {
      for (let i = 0; i < src.value.length; i++) existing.value[i] += src.value[i];
      return;
    }
    const s: Sample = { location, value: src.value.slice() };
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
    this.samples.set(key, s);
    this.p.sample.push(s);
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
    const key = JSON.stringify([src.startLine, src.name, src.systemName, src.filename]);
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

function sampleKey(location: Location[], s: Sample): string {
  // The stack length, then two UTF-16 units per (merged, < 2^32) location id: unambiguous.
  let key = String.fromCharCode(location.length & 0xffff, (location.length >>> 16) & 0xffff);
  for (let i = 0; i < location.length; i++) {
    const id = location[i].id;
    key += String.fromCharCode(id & 0xffff, (id >>> 16) & 0xffff);
  }
  // Empty and absent label maps give the same key (pprof's keys are built from maps either way).
  key += '#';
  if (s.label) {
    key += Object.keys(s.label)
      .map((k) => JSON.stringify(k) + JSON.stringify(s.label![k]))
      .sort()
      .join('');
  }
  key += '#';
  if (s.numLabel) {
    key += Object.keys(s.numLabel)
      .map((k) => JSON.stringify(k) + JSON.stringify(s.numLabel![k]) + JSON.stringify(s.numUnit?.[k] ?? []))
      .sort()
      .join('');
  }
  return key;
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
