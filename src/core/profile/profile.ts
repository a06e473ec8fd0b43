// The in-memory profile model: the contract between the decoders (src/core/profile/*)
// and everything that reads profiles (graph, reports, extension, webviews).
//
// It mirrors the semantics of google/pprof's profile.Profile (profile/profile.go) so that
// report code can reproduce pprof's numbers exactly; ids, ordering and field meanings follow it.
// Objects are shared by reference: a Sample points at its Locations, a Line at its Function.
//
// 64-bit integers: sample values and label numbers are JS numbers. Decoders keep them exact up to
// Number.MAX_SAFE_INTEGER; a value beyond that is recorded in Profile.unsafeValues (never silently).
// Addresses and mapping bounds are bigint (exact uint64).

export interface ValueType {
  type: string; // e.g. "cpu", "alloc_space"
  unit: string; // e.g. "nanoseconds", "bytes", "count"
}

export interface Sample {
  /** Leaf first, as in profile.proto. */
  location: Location[];
  /** One value per Profile.sampleType. */
  value: number[];
  /** String labels (key -> values); undefined when the sample has none. */
  label?: Record<string, string[]>;
  /** Numeric labels (key -> values); undefined when the sample has none. */
  numLabel?: Record<string, number[]>;
  /** Units of numeric labels, parallel to numLabel (key -> units, "" when unspecified). */
  numUnit?: Record<string, string[]>;
}

/** The label records of a sample, as samples with the same labels share them (SampleColumns.labelSets). */
export type LabelSet = Pick<Sample, 'label' | 'numLabel' | 'numUnit'>;

export interface Mapping {
  id: number;
  start: bigint;
  limit: bigint;
  offset: bigint;
  file: string;
  buildId: string;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}

export interface Line {
  function: Function;
  line: number;
  column: number;
}

export interface Location {
  id: number;
  mapping?: Mapping;
  address: bigint;
  /** Innermost (inlined) first, the caller last, as in profile.proto. */
  line: Line[];
  isFolded: boolean;
}

export interface Function {
  id: number;
  name: string;
  systemName: string;
  filename: string;
  startLine: number;
}

export interface Profile {
  sampleType: ValueType[];
  /** Type name of the default sample type, "" when unset (pprof then uses the last one). */
  defaultSampleType: string;
  sample: Sample[];
  mapping: Mapping[];
  location: Location[];
  function: Function[];
  comments: string[];
  dropFrames: string;
  keepFrames: string;
  timeNanos: number;
  /** Exact time_nanos when it is beyond 2^53 (set by decoders; timeNanos then holds the nearest number). */
  timeNanosExact?: bigint;
  durationNanos: number;
  periodType?: ValueType;
  period: number;
  docUrl: string;
  /** Set by decoders when some int64 did not fit a JS number exactly (count of such values). */
  unsafeValues?: number;
}

export function emptyProfile(): Profile {
  return {
    sampleType: [],
    defaultSampleType: '',
    sample: [],
    mapping: [],
    location: [],
    function: [],
    comments: [],
    dropFrames: '',
    keepFrames: '',
    timeNanos: 0,
    durationNanos: 0,
    period: 0,
    docUrl: '',
  };
}
