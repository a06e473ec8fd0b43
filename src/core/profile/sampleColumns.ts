// Samples as columns: a profile's samples held in typed arrays instead of one object
// per sample and an array per stack, so a 300,000-sample profile with 10 million stack entries takes
// ~4 bytes per entry instead of ~8 plus ~260 bytes per sample, and the report engine's loops read
// integers. The proto decoder writes these columns directly; filters make new columns that share
// the stack and value arrays (a filtered sample is a new start/end pair, not a new object).
//
// A Profile that carries columns (attachColumns) still answers `profile.sample`: the first read
// materialises Sample objects once, as a compatibility view for cold callers (legacy tools, merge,
// encoding, -raw), and from then on that array is the profile's truth (the columns are dropped, so
// a caller that edits the samples in place, as merge does, is never out of step with them). Hot
// paths call sampleColumnsOf / sampleCount, which never materialise.
import type { LabelSet, Location, Profile, Sample } from './profile';

/** No labels: label set 0 of every column set. */
const NO_LABELS: LabelSet = Object.freeze({}) as LabelSet;

/**
 * Samples as columns. Sample i: its locations are `locations[stack[k]]` for k in
 * [start[i], end[i]) (leaf first, as in profile.proto); its values are
 * `values[valueStart[vrow[i]] .. valueStart[vrow[i] + 1])`; its labels are `labelSets[labelSet[i]]`
 * (0: none). Instances are never modified: filters build new ones that share the arrays they keep.
 */
export class SampleColumns {
  constructor(
    /** Number of samples. */
    readonly count: number,
    /** The locations stack entries refer to (by index). */
    readonly locations: Location[],
    /** Location indices of every stack, leaf first. */
    readonly stack: Int32Array,
    readonly start: Int32Array,
    readonly end: Int32Array,
    /** Per sample, its row of values. */
    readonly vrow: Int32Array,
    /** Per value row r, values[valueStart[r] .. valueStart[r + 1]). */
    readonly valueStart: Int32Array,
    readonly values: Float64Array,
    /** Per sample, the index of its labels in labelSets. */
    readonly labelSet: Int32Array,
    /** Interned label records (shared; never edit one in place). Entry 0 has no labels. */
    readonly labelSets: LabelSet[],
  ) {}

  /** Value j of sample i (0 when the sample has fewer values). */
  value(i: number, j: number): number {
    const r = this.vrow[i];
    const k = this.valueStart[r] + j;
    return j >= 0 && k < this.valueStart[r + 1] ? this.values[k] : 0;
  }

  /** Number of values of sample i. */
  valueCount(i: number): number {
    const r = this.vrow[i];
    return this.valueStart[r + 1] - this.valueStart[r];
  }

  /** Column j of every sample as one array (0 where a sample has fewer values). */
  valueColumn(j: number): Float64Array {
    const out = new Float64Array(this.count);
    const { vrow, valueStart, values } = this;
    for (let i = 0; i < this.count; i++) {
      const r = vrow[i];
      const k = valueStart[r] + j;
      out[i] = j >= 0 && k < valueStart[r + 1] ? values[k] : 0;
    }
    return out;
  }

  /** The label records of sample i. */
  labels(i: number): LabelSet {
    return this.labelSets[this.labelSet[i]];
  }

  /** Stack length of sample i. */
  depth(i: number): number {
    return this.end[i] - this.start[i];
  }

  /**
   * The samples at `keep` (indices, in the order given), with new stack bounds when given
   * (`start`/`end` parallel to keep), other label sets when given. Shares stack and values.
   */
  select(keep: Int32Array, start?: Int32Array, end?: Int32Array, labelSet?: Int32Array, labelSets?: LabelSet[]): SampleColumns {
    const n = keep.length;
    const s = start ?? new Int32Array(n);
    const e = end ?? new Int32Array(n);
    const v = new Int32Array(n);
    const l = labelSet ?? new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const i = keep[k];
      if (!start) s[k] = this.start[i];
      if (!end) e[k] = this.end[i];
      v[k] = this.vrow[i];
      if (!labelSet) l[k] = this.labelSet[i];
    }
    return new SampleColumns(n, this.locations, this.stack, s, e, v, this.valueStart, this.values, l, labelSets ?? this.labelSets);
  }

  /** The same samples with other stacks (location indices in `stack`, bounds per sample). */
  withStacks(stack: Int32Array, start: Int32Array, end: Int32Array): SampleColumns {
    return new SampleColumns(this.count, this.locations, stack, start, end, this.vrow, this.valueStart, this.values, this.labelSet, this.labelSets);
  }

  /** The same samples with other labels. */
  withLabels(labelSet: Int32Array, labelSets: LabelSet[]): SampleColumns {
    return new SampleColumns(this.count, this.locations, this.stack, this.start, this.end, this.vrow, this.valueStart, this.values, labelSet, labelSets);
  }

  /** Sample objects (the compatibility view): label records shared as the decoder shares them. */
  toSamples(): Sample[] {
    const out: Sample[] = new Array(this.count);
    const { stack, start, end, locations } = this;
    for (let i = 0; i < this.count; i++) {
      const location: Location[] = new Array(end[i] - start[i]);
      for (let k = start[i], j = 0; k < end[i]; k++, j++) location[j] = locations[stack[k]];
      const r = this.vrow[i];
      const value = Array.from(this.values.subarray(this.valueStart[r], this.valueStart[r + 1]));
      const s: Sample = { location, value };
      const ls = this.labelSets[this.labelSet[i]];
      if (ls.label) s.label = ls.label;
      if (ls.numLabel) s.numLabel = ls.numLabel;
      if (ls.numUnit) s.numUnit = ls.numUnit;
      out[i] = s;
    }
    return out;
  }

  /**
   * Columns of Sample objects (legacy decoders, merged profiles). Locations are indexed in
   * `locations` when given (others found in samples are appended to a copy of it).
   */
  static fromSamples(samples: readonly Sample[], locations: Location[] = []): SampleColumns {
    const index = new Map<Location, number>();
    let table = locations;
    for (let i = 0; i < locations.length; i++) index.set(locations[i], i);
    let entries = 0;
    let nvalues = 0;
    for (const s of samples) {
      entries += s.location.length;
      nvalues += s.value.length;
    }
    const n = samples.length;
    const stack = new Int32Array(entries);
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    const vrow = new Int32Array(n);
    const valueStart = new Int32Array(n + 1);
    const values = new Float64Array(nvalues);
    const labelSet = new Int32Array(n);
    const labelSets: LabelSet[] = [NO_LABELS];
    const setIndex = new Map<object, number>();
    let k = 0;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const s = samples[i];
      start[i] = k;
      for (const l of s.location) {
        let li = index.get(l);
        if (li === undefined) {
          if (table === locations) table = locations.slice();
          li = table.length;
          table.push(l);
          index.set(l, li);
        }
        stack[k++] = li;
      }
      end[i] = k;
      vrow[i] = i;
      valueStart[i] = v;
      for (const x of s.value) values[v++] = x;
      if (s.label || s.numLabel || s.numUnit) {
        // Samples sharing their label record share a set; others get one each.
        const key = (s.label ?? s.numLabel ?? s.numUnit) as object;
        let li = setIndex.get(key);
        const cur = li === undefined ? undefined : labelSets[li];
        if (li === undefined || cur!.label !== s.label || cur!.numLabel !== s.numLabel || cur!.numUnit !== s.numUnit) {
          li = labelSets.length;
          const set: LabelSet = {};
          if (s.label) set.label = s.label;
          if (s.numLabel) set.numLabel = s.numLabel;
          if (s.numUnit) set.numUnit = s.numUnit;
          labelSets.push(set);
          setIndex.set(key, li);
        }
        labelSet[i] = li;
      }
    }
    valueStart[n] = v;
    return new SampleColumns(n, table, stack, start, end, vrow, valueStart, values, labelSet, labelSets);
  }
}

/** The empty label set (index 0 of every SampleColumns' labelSets). */
export const noLabels = NO_LABELS;

const columnsOf = new WeakMap<Profile, SampleColumns>();

/**
 * Makes `cols` the samples of `p`: `p.sample` becomes a lazily materialised view (see the file
 * comment); assigning `p.sample` replaces the columns.
 */
export function attachColumns(p: Profile, cols: SampleColumns): void {
  const settle = (samples: Sample[]): Sample[] => {
    Object.defineProperty(p, 'sample', { value: samples, writable: true, enumerable: true, configurable: true });
    columnsOf.delete(p);
    return samples;
  };
  Object.defineProperty(p, 'sample', {
    enumerable: true,
    configurable: true,
    get: () => settle(cols.toSamples()),
    set: (v: Sample[]) => void settle(v),
  });
  columnsOf.set(p, cols);
}

/** True when p's samples are still held as columns only (no Sample objects made). */
export function hasColumns(p: Profile): boolean {
  return columnsOf.has(p);
}

/** The samples of p as columns: its own when it has them, else built from p.sample (not kept). */
export function sampleColumnsOf(p: Profile): SampleColumns {
  return columnsOf.get(p) ?? SampleColumns.fromSamples(p.sample, p.location);
}

/** Number of samples of p, without materialising them. */
export function sampleCount(p: Profile): number {
  return columnsOf.get(p)?.count ?? p.sample.length;
}

/** A shallow copy of p with `samples` as its samples, made without reading (materialising) p's own. */
export function withSamples(p: Profile, samples: Sample[]): Profile {
  const out = {} as Record<string, unknown>;
  for (const k of Object.keys(p)) {
    if (k !== 'sample') out[k] = (p as unknown as Record<string, unknown>)[k];
  }
  out.sample = samples;
  return out as unknown as Profile;
}

/** A shallow copy of p whose samples are `cols` (p's own samples are not read). */
export function withColumns(p: Profile, cols: SampleColumns): Profile {
  const out = withSamples(p, []);
  attachColumns(out, cols);
  return out;
}

/** Columns with the same stacks and labels and these values (`valueStart` per sample, in order). */
export function replaceValues(cols: SampleColumns, valueStart: Int32Array, values: Float64Array): SampleColumns {
  const vrow = new Int32Array(cols.count);
  for (let i = 0; i < cols.count; i++) vrow[i] = i;
  return new SampleColumns(cols.count, cols.locations, cols.stack, cols.start, cols.end, vrow, valueStart, values, cols.labelSet, cols.labelSets);
}
