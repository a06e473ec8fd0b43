// Decoder for profile.proto (uncompressed bytes) into the Profile model.
//
// Semantics follow pprof's proto.go/encode.go (unmarshal + postDecode): unknown fields are skipped,
// integer fields must use the varint wire type ("type mismatch" otherwise), string indexes out of
// range are errors, ids are resolved to objects (dense ids through arrays, sparse ones through Maps),
// a second time_nanos means concatenated profiles, a label with str=0 and num=0 and unit=0 is dropped.
//
// Fields are gathered in one pass (their byte ranges), then decoded in dependency order (strings,
// mappings, functions, locations, samples), so input field order does not matter and every message
// is decoded once, straight into its final object.
import { Function, Line, Location, Mapping, Profile, Sample, ValueType, emptyProfile } from './profile';
import { ProfileError } from './profileError';
import { ProtoReader, malformed } from './protoReader';

/** Thrown for a proto that is not a single profile; parse.ts may then try other formats. */
export class ConcatenatedProfilesError extends ProfileError {}

const utf8 = new TextDecoder('utf-8');

interface Ranges {
  sampleType: number[];
  sample: number[];
  mapping: number[];
  location: number[];
  function: number[];
  periodType: number[];
}

export function decodeProfileProto(buf: Uint8Array): Profile {
  if (buf.length === 0) throw new ProfileError('empty input');
  // A plain Uint8Array view of a subclass (Node's Buffer): its subarray is the engine's own, and
  // the byte loads below see one kind of array only.
  if (buf.constructor !== Uint8Array) buf = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const r = new ProtoReader(buf);
  const p = emptyProfile();
  const { ranges, strings, commentX, dropFramesX, keepFramesX, defaultSampleTypeX, docUrlX } = scanProfile(r, p);

  const str = (x: number): string => {
    if (x >= 0 && x < strings.length) return strings[x];
    throw malformed(`string index ${x} out of range (string table has ${strings.length})`);
  };

  // One function per table: each hot loop gets optimized on its own (an optimized loop in one big
  // function is thrown away when execution reaches code below it that has not run yet).
  const mappings = decodeMappings(r, ranges.mapping, str);
  p.mapping = mappings.list;
  const functions = decodeFunctions(r, ranges.function, str);
  p.function = functions.list;
  const locations = decodeLocations(r, ranges.location, mappings, functions);
  p.location = locations.list;
  for (let i = 0; i < ranges.sampleType.length; i += 2) {
    p.sampleType.push(decodeValueType(r, ranges.sampleType[i], ranges.sampleType[i + 1], str));
  }
  p.sample = decodeSamples(r, ranges.sample, locations, str);

  p.dropFrames = str(dropFramesX);
  p.keepFrames = str(keepFramesX);
  p.periodType =
    ranges.periodType.length > 0
      ? decodeValueType(r, ranges.periodType[0], ranges.periodType[1], str)
      : { type: '', unit: '' };
  for (const c of commentX) p.comments.push(str(c));
  p.defaultSampleType = str(defaultSampleTypeX);
  p.docUrl = str(docUrlX);
  if (r.unsafe > 0) p.unsafeValues = r.unsafe;
  return p;
}

/** The top-level fields and where the ones decoded later are (scalars go straight into p). */
interface TopLevel {
  ranges: Ranges;
  strings: string[];
  commentX: number[];
  dropFramesX: number;
  keepFramesX: number;
  defaultSampleTypeX: number;
  docUrlX: number;
}

function scanProfile(r: ProtoReader, p: Profile): TopLevel {
  const buf = r.buf;
  const ranges: Ranges = { sampleType: [], sample: [], mapping: [], location: [], function: [], periodType: [] };
  const strings: string[] = [];
  const commentX: number[] = [];
  let dropFramesX = 0;
  let keepFramesX = 0;
  let defaultSampleTypeX = 0;
  let docUrlX = 0;
  while (r.pos < r.end) {
    r.varint();
    const field = r.hi === 0 ? r.lo >>> 3 : -1;
    const wire = r.lo & 7;
    switch (field) {
      case 1:
        pushRange(r, wire, ranges.sampleType);
        break;
      case 2:
        pushRange(r, wire, ranges.sample);
        break;
      case 3:
        pushRange(r, wire, ranges.mapping);
        break;
      case 4:
        pushRange(r, wire, ranges.location);
        break;
      case 5:
        pushRange(r, wire, ranges.function);
        break;
      case 6: {
        if (wire !== 2) throw malformed('type mismatch');
        const end = r.lengthDelimitedEnd();
        strings.push(decodeString(buf, r.pos, end));
        r.pos = end;
        if (strings[0] !== '') throw malformed("string_table[0] must be ''");
        break;
      }
      case 7:
        dropFramesX = readInt(r, wire);
        break;
      case 8:
        keepFramesX = readInt(r, wire);
        break;
      case 9:
        if (p.timeNanos !== 0) throw new ConcatenatedProfilesError('concatenated profiles detected');
        p.timeNanos = readTime(r, wire, p);
        break;
      case 10:
        p.durationNanos = readInt(r, wire);
        break;
      case 11:
        ranges.periodType.length = 0;
        pushRange(r, wire, ranges.periodType);
        break;
      case 12:
        p.period = readInt(r, wire);
        break;
      case 13:
        readInts(r, wire, commentX);
        break;
      case 14:
        defaultSampleTypeX = readInt(r, wire);
        break;
      case 15:
        docUrlX = readInt(r, wire);
        break;
      default:
        r.skip(wire);
    }
  }
  return { ranges, strings, commentX, dropFramesX, keepFramesX, defaultSampleTypeX, docUrlX };
}

/** Objects of one table by id: an array for dense ids (the usual 1..n), a Map for the others. */
interface ById<T> {
  list: T[];
  dense: (T | undefined)[];
  sparse: Map<number, T>;
}

function byId<T extends { id: number }>(n: number): ById<T> {
  return { list: [], dense: new Array<T | undefined>(n + 1), sparse: new Map<number, T>() };
}

function addById<T extends { id: number }>(t: ById<T>, x: T): void {
  t.list.push(x);
  if (x.id < t.dense.length) t.dense[x.id] = x;
  else t.sparse.set(x.id, x);
}

function getById<T>(t: ById<T>, id: number): T | undefined {
  return id < t.dense.length ? t.dense[id] : t.sparse.get(id);
}

function decodeMappings(r: ProtoReader, ranges: number[], str: (x: number) => string): ById<Mapping> {
  const t = byId<Mapping>(ranges.length / 2);
  for (let i = 0; i < ranges.length; i += 2) addById(t, decodeMapping(r, ranges[i], ranges[i + 1], str));
  return t;
}

function decodeFunctions(r: ProtoReader, ranges: number[], str: (x: number) => string): ById<Function> {
  const t = byId<Function>(ranges.length / 2);
  for (let i = 0; i < ranges.length; i += 2) addById(t, decodeFunction(r, ranges[i], ranges[i + 1], str));
  return t;
}

function decodeLocations(r: ProtoReader, ranges: number[], mappings: ById<Mapping>, functions: ById<Function>): ById<Location> {
  const t = byId<Location>(ranges.length / 2);
  const lineScratch: number[] = [];
  for (let i = 0; i < ranges.length; i += 2) {
    const l = decodeLocation(r, ranges[i], ranges[i + 1], lineScratch);
    const mid = l.mappingX;
    const mapping = mid === 0 ? undefined : getById(mappings, mid);
    const lines: Line[] = new Array(lineScratch.length / 3);
    for (let j = 0, k = 0; j < lineScratch.length; j += 3, k++) {
      const fid = lineScratch[j];
      const fn = fid === 0 ? undefined : getById(functions, fid);
      if (fn === undefined) throw malformed(`location id: ${l.id} has a line with nil function`);
      lines[k] = { function: fn, line: lineScratch[j + 1], column: lineScratch[j + 2] };
    }
    addById(t, { id: l.id, mapping, address: l.address, line: lines, isFolded: l.isFolded });
  }
  return t;
}

/** The hot loop for big profiles. */
function decodeSamples(r: ProtoReader, sampleList: number[], locations: ById<Location>, str: (x: number) => string): Sample[] {
  const buf = r.buf;
  const locationById = locations.dense;
  const locationSparse = locations.sparse;
  const samples: Sample[] = new Array(sampleList.length / 2);
  const labelScratch: number[] = [];
  const labelSets = new Map<string, LabelSet>();
  for (let i = 0, n = 0; i < sampleList.length; i += 2, n++) {
    r.pos = sampleList[i];
    r.end = sampleList[i + 1];
    let location: Location[] = EMPTY_LOCATIONS;
    let value: number[] = EMPTY_VALUES;
    labelScratch.length = 0;
    while (r.pos < r.end) {
      r.varint();
      const field = r.hi === 0 ? r.lo >>> 3 : -1;
      const wire = r.lo & 7;
      if (field === 1) {
        if (wire === 2) {
          const end = r.lengthDelimitedEnd();
          const outer = r.end;
          r.end = end;
          if (location.length === 0) {
            // Pre-size: one element per varint terminator byte, so the array is allocated once.
            location = new Array<Location>(countVarints(buf, r.pos, end));
            let k = 0;
            while (r.pos < end) {
              r.varint();
              location[k++] = lookupLocation(r.uint64Number(), locationById, locationSparse);
            }
          } else {
            while (r.pos < end) {
              r.varint();
              location.push(lookupLocation(r.uint64Number(), locationById, locationSparse));
            }
          }
          r.end = outer;
        } else if (wire === 0) {
          r.varint();
          if (location === EMPTY_LOCATIONS) location = [];
          location.push(lookupLocation(r.uint64Number(), locationById, locationSparse));
        } else throw malformed('type mismatch');
      } else if (field === 2) {
        if (wire === 2) {
          const end = r.lengthDelimitedEnd();
          const outer = r.end;
          r.end = end;
          if (value.length === 0) {
            value = new Array<number>(countVarints(buf, r.pos, end));
            let k = 0;
            while (r.pos < end) value[k++] = r.int64();
          } else {
            while (r.pos < end) value.push(r.int64());
          }
          r.end = outer;
        } else if (wire === 0) {
          if (value === EMPTY_VALUES) value = [];
          value.push(r.int64());
        } else throw malformed('type mismatch');
      } else if (field === 3) {
        if (wire !== 2) throw malformed('type mismatch');
        const end = r.lengthDelimitedEnd();
        decodeLabel(r, end, labelScratch);
      } else r.skip(wire);
    }
    r.end = buf.length;
    if (location === EMPTY_LOCATIONS) location = [];
    if (value === EMPTY_VALUES) value = [];
    const s: Sample = { location, value };
    if (labelScratch.length > 0) {
      // Profiles repeat a few label sets over many samples: those samples share one set of records.
      const key = labelScratch.join(',');
      let set = labelSets.get(key);
      if (set === undefined) {
        set = resolveLabels(labelScratch, str);
        if (labelSets.size < MAX_SHARED_LABEL_SETS) labelSets.set(key, set);
      }
      if (set.label) s.label = set.label;
      if (set.numLabel) {
        s.numLabel = set.numLabel;
        s.numUnit = set.numUnit;
      }
    }
    samples[n] = s;
  }
  return samples;
}

const EMPTY_LOCATIONS: Location[] = [];
const EMPTY_VALUES: number[] = [];

/** Number of varints in buf[start, end): the count of bytes without the continuation bit. */
function countVarints(buf: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (buf[i] < 0x80) n++;
  return n;
}

function pushRange(r: ProtoReader, wire: number, out: number[]): void {
  if (wire !== 2) throw malformed('type mismatch');
  const end = r.lengthDelimitedEnd();
  out.push(r.pos, end);
  r.pos = end;
}

function readInt(r: ProtoReader, wire: number): number {
  if (wire !== 0) throw malformed('type mismatch');
  return r.int64();
}

/** time_nanos is routinely above 2^53: keep it exact on the side instead of flagging it unsafe. */
function readTime(r: ProtoReader, wire: number, p: Profile): number {
  if (wire !== 0) throw malformed('type mismatch');
  r.varint();
  if (r.hi !== 0) p.timeNanosExact = BigInt.asIntN(64, r.uint64Big());
  const unsafe = r.unsafe;
  const v = r.int64Value();
  r.unsafe = unsafe;
  return v;
}

function readInts(r: ProtoReader, wire: number, out: number[]): void {
  if (wire === 2) {
    const end = r.lengthDelimitedEnd();
    const outer = r.end;
    r.end = end;
    while (r.pos < end) out.push(r.int64());
    r.end = outer;
  } else out.push(readInt(r, wire));
}

function decodeString(buf: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n === 0) return '';
  if (n <= 48) {
    // ASCII fast path: TextDecoder has a fixed per-call cost that dominates for short names.
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (buf[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  }
  return utf8.decode(buf.subarray(start, end));
}

function decodeValueType(r: ProtoReader, start: number, end: number, str: (x: number) => string): ValueType {
  r.pos = start;
  r.end = end;
  let typeX = 0;
  let unitX = 0;
  while (r.pos < end) {
    r.varint();
    const field = r.hi === 0 ? r.lo >>> 3 : -1;
    const wire = r.lo & 7;
    if (field === 1) typeX = readInt(r, wire);
    else if (field === 2) unitX = readInt(r, wire);
    else r.skip(wire);
  }
  r.end = r.buf.length;
  return { type: str(typeX), unit: str(unitX) };
}

function decodeMapping(r: ProtoReader, start: number, end: number, str: (x: number) => string): Mapping {
  r.pos = start;
  r.end = end;
  const m: Mapping = {
    id: 0,
    start: 0n,
    limit: 0n,
    offset: 0n,
    file: '',
    buildId: '',
    hasFunctions: false,
    hasFilenames: false,
    hasLineNumbers: false,
    hasInlineFrames: false,
  };
  let fileX = 0;
  let buildIdX = 0;
  while (r.pos < end) {
    r.varint();
    const field = r.hi === 0 ? r.lo >>> 3 : -1;
    const wire = r.lo & 7;
    if (field >= 1 && field <= 10) {
      if (wire !== 0) throw malformed('type mismatch');
      r.varint();
      switch (field) {
        case 1:
          m.id = r.uint64Number();
          break;
        case 2:
          m.start = r.uint64Big();
          break;
        case 3:
          m.limit = r.uint64Big();
          break;
        case 4:
          m.offset = r.uint64Big();
          break;
        case 5:
          fileX = r.int64Value();
          break;
        case 6:
          buildIdX = r.int64Value();
          break;
        case 7:
          m.hasFunctions = r.lo !== 0 || r.hi !== 0;
          break;
        case 8:
          m.hasFilenames = r.lo !== 0 || r.hi !== 0;
          break;
        case 9:
          m.hasLineNumbers = r.lo !== 0 || r.hi !== 0;
          break;
        case 10:
          m.hasInlineFrames = r.lo !== 0 || r.hi !== 0;
          break;
      }
    } else r.skip(wire);
  }
  r.end = r.buf.length;
  m.file = str(fileX);
  m.buildId = str(buildIdX);
  return m;
}

function decodeFunction(r: ProtoReader, start: number, end: number, str: (x: number) => string): Function {
  r.pos = start;
  r.end = end;
  let id = 0;
  let nameX = 0;
  let systemNameX = 0;
  let filenameX = 0;
  let startLine = 0;
  while (r.pos < end) {
    r.varint();
    const field = r.hi === 0 ? r.lo >>> 3 : -1;
    const wire = r.lo & 7;
    if (field >= 1 && field <= 5) {
      if (wire !== 0) throw malformed('type mismatch');
      r.varint();
      switch (field) {
        case 1:
          id = r.uint64Number();
          break;
        case 2:
          nameX = r.int64Value();
          break;
        case 3:
          systemNameX = r.int64Value();
          break;
        case 4:
          filenameX = r.int64Value();
          break;
        case 5:
          startLine = r.int64Value();
          break;
      }
    } else r.skip(wire);
  }
  r.end = r.buf.length;
  return { id, name: str(nameX), systemName: str(systemNameX), filename: str(filenameX), startLine };
}

interface RawLocation {
  id: number;
  mappingX: number;
  address: bigint;
  isFolded: boolean;
}

/** Decodes a Location; its lines go to `lines` as (functionId, line, column) triples. */
function decodeLocation(r: ProtoReader, start: number, end: number, lines: number[]): RawLocation {
  r.pos = start;
  r.end = end;
  lines.length = 0;
  const l: RawLocation = { id: 0, mappingX: 0, address: 0n, isFolded: false };
  while (r.pos < end) {
    r.varint();
    const field = r.hi === 0 ? r.lo >>> 3 : -1;
    const wire = r.lo & 7;
    switch (field) {
      case 1:
        if (wire !== 0) throw malformed('type mismatch');
        r.varint();
        l.id = r.uint64Number();
        break;
      case 2:
        if (wire !== 0) throw malformed('type mismatch');
        r.varint();
        l.mappingX = r.uint64Number();
        break;
      case 3:
        if (wire !== 0) throw malformed('type mismatch');
        r.varint();
        l.address = r.uint64Big();
        break;
      case 4: {
        if (wire !== 2) throw malformed('type mismatch');
        const lineEnd = r.lengthDelimitedEnd();
        let fid = 0;
        let line = 0;
        let column = 0;
        while (r.pos < lineEnd) {
          r.varint();
          const f = r.hi === 0 ? r.lo >>> 3 : -1;
          const w = r.lo & 7;
          if (f >= 1 && f <= 3) {
            if (w !== 0) throw malformed('type mismatch');
            r.varint();
            if (f === 1) fid = r.uint64Number();
            else if (f === 2) line = r.int64Value();
            else column = r.int64Value();
          } else {
            const outer = r.end;
            r.end = lineEnd;
            r.skip(w);
            r.end = outer;
          }
        }
        if (r.pos !== lineEnd) throw malformed('truncated or corrupt data (bad varint)');
        lines.push(fid, line, column);
        break;
      }
      case 5:
        if (wire !== 0) throw malformed('type mismatch');
        r.varint();
        l.isFolded = r.lo !== 0 || r.hi !== 0;
        break;
      default:
        r.skip(wire);
    }
  }
  r.end = r.buf.length;
  return l;
}

/** Decodes a Label message into (keyX, strX, numX, unitX) quadruples. */
function decodeLabel(r: ProtoReader, end: number, out: number[]): void {
  const outer = r.end;
  r.end = end;
  let keyX = 0;
  let strX = 0;
  let numX = 0;
  let unitX = 0;
  while (r.pos < end) {
    r.varint();
    const field = r.hi === 0 ? r.lo >>> 3 : -1;
    const wire = r.lo & 7;
    if (field >= 1 && field <= 4) {
      if (wire !== 0) throw malformed('type mismatch');
      const v = r.int64();
      if (field === 1) keyX = v;
      else if (field === 2) strX = v;
      else if (field === 3) numX = v;
      else unitX = v;
    } else r.skip(wire);
  }
  r.end = outer;
  out.push(keyX, strX, numX, unitX);
}

/** The label records of a sample (shared by the samples with the same raw labels). */
type LabelSet = Pick<Sample, 'label' | 'numLabel' | 'numUnit'>;

/** Beyond this many distinct label sets (say, a byte count per sample), new ones are not kept. */
const MAX_SHARED_LABEL_SETS = 4096;

function resolveLabels(raw: number[], str: (x: number) => string): LabelSet {
  const s: LabelSet = {};
  let label: Record<string, string[]> | undefined;
  let numLabel: Record<string, number[]> | undefined;
  let numUnit: Record<string, string[]> | undefined;
  for (let i = 0; i < raw.length; i += 4) {
    const key = str(raw[i]);
    const strX = raw[i + 1];
    const numX = raw[i + 2];
    const unitX = raw[i + 3];
    if (strX !== 0) {
      label ??= Object.create(null) as Record<string, string[]>;
      (label[key] ??= []).push(str(strX));
    } else if (numX !== 0 || unitX !== 0) {
      // pprof (postDecode): units are padded with "" to stay parallel to values once any unit is seen.
      numLabel ??= Object.create(null) as Record<string, number[]>;
      numUnit ??= Object.create(null) as Record<string, string[]>;
      const values = (numLabel[key] ??= []);
      if (unitX !== 0) {
        const units = (numUnit[key] ??= []);
        while (units.length < values.length) units.push('');
        units.push(str(unitX));
      }
      values.push(numX);
    }
  }
  if (label) s.label = label;
  if (numLabel && numUnit) {
    for (const key in numUnit) {
      const units = numUnit[key];
      const n = numLabel[key].length;
      while (units.length < n) units.push('');
    }
    s.numLabel = numLabel;
    s.numUnit = numUnit;
  }
  return s;
}

function lookupLocation(id: number, dense: (Location | undefined)[], sparse: Map<number, Location>): Location {
  const l = id < dense.length ? dense[id] : sparse.get(id);
  if (l === undefined) throw malformed(`sample refers to unknown location id ${id}`);
  return l;
}
