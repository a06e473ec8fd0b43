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
import { Function, LabelSet, Line, Location, Mapping, Profile, ValueType, emptyProfile } from './profile';
import { SampleColumns, attachColumns, noLabels } from './sampleColumns';
import { ProfileError } from './profileError';
import { ProtoReader, malformed } from './protoReader';
import { MAX_STRING_LENGTH, MAX_TABLE_ENTRIES, SizeLimit, checkStringLength, checkTableSize, formatBytes, sizeLimit, tooLarge } from './limits';

/** Thrown for a proto that is not a single profile; parse.ts may then try other formats. */
export class ConcatenatedProfilesError extends ProfileError {}

const utf8 = new TextDecoder('utf-8');

/**
 * (start, end) byte ranges of the messages of one table, in a growable Int32Array (offsets of a
 * buffer below 2 GiB stay small integers on the hot paths): a plain array of two numbers per sample
 * is what made V8 abort on tens of millions of samples.
 */
class RangeList {
  a: Int32Array;
  /** Number of values (twice the number of ranges). */
  length = 0;

  /** `expected`: the number of ranges the counting pass found (the list still grows past it). */
  constructor(expected = 8) {
    this.a = new Int32Array(2 * Math.max(1, expected));
  }

  push(start: number, end: number): void {
    if (this.length + 2 > this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = start;
    this.a[this.length++] = end;
  }
}

interface Ranges {
  sampleType: RangeList;
  sample: RangeList;
  mapping: RangeList;
  location: RangeList;
  function: RangeList;
  periodType: RangeList;
}

/**
 * Estimated memory of the decoded model, per entry and per byte of its message (measured on Node 20,
 * 64-bit: an empty sample takes ~260 bytes, a location with one line ~180, a function ~75, each
 * reference to a location 8): what the scan adds up and compares with the size limit.
 */
/** Largest profile.proto decoded: offsets stay within an Int32Array. */
const MAX_PROTO_BYTES = 2 ** 31 - 1;

const COST = {
  sample: 120,
  sampleByte: 8,
  location: 120,
  locationByte: 8,
  function: 64,
  functionByte: 2,
  mapping: 200,
  string: 32,
  comment: 8,
};

/**
 * Decodes profile.proto bytes (not gzipped). Throws ProfileError for malformed input, and before
 * allocating for an input whose decoded form would take more memory than `limit` (default 512 MiB),
 * or that has an id above 2^53 - 1 or a string longer than a JavaScript string can be.
 */
export function decodeProfileProto(buf: Uint8Array, limit: SizeLimit = sizeLimit()): Profile {
  if (buf.length === 0) throw new ProfileError('empty input');
  if (buf.length > MAX_PROTO_BYTES) {
    throw new ProfileError(`profile too large: ${buf.length} bytes of profile.proto, more than the ${formatBytes(MAX_PROTO_BYTES + 1)} Pprof Lens decodes`);
  }
  // A plain Uint8Array view of a subclass (Node's Buffer): its subarray is the engine's own, and
  // the byte loads below see one kind of array only.
  if (buf.constructor !== Uint8Array) buf = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const r = new ProtoReader(buf);
  const p = emptyProfile();
  const { ranges, strings, commentX, dropFramesX, keepFramesX, defaultSampleTypeX, docUrlX } = scanProfile(r, p, limit);

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
    p.sampleType.push(decodeValueType(r, ranges.sampleType.a[i], ranges.sampleType.a[i + 1], str));
  }
  attachColumns(p, decodeSamples(r, ranges.sample, locations, str));

  p.dropFrames = str(dropFramesX);
  p.keepFrames = str(keepFramesX);
  p.periodType =
    ranges.periodType.length > 0
      ? decodeValueType(r, ranges.periodType.a[0], ranges.periodType.a[1], str)
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

/** Entries of each table and their estimated memory, counted before anything is kept. */
class Budget {
  samples = 0;
  locations = 0;
  functions = 0;
  mappings = 0;
  strings = 0;
  comments = 0;
  bytes = 0;

  constructor(readonly limit: SizeLimit) {}

  /** The error naming every table and the memory they would take, or undefined within the limit. */
  error(): Error | undefined {
    const counts: [number, string][] = [
      [this.samples, 'samples'],
      [this.locations, 'locations'],
      [this.functions, 'functions'],
      [this.mappings, 'mappings'],
      [this.strings, 'strings'],
      [this.comments, 'comments'],
    ];
    if (this.bytes > this.limit.bytes) {
      const named = counts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
      return tooLarge(`${named.join(', ')} would take about ${formatBytes(this.bytes)} of memory`, this.limit);
    }
    for (const [n, what] of counts) checkTableSize(n, what);
    return undefined;
  }
}

/**
 * The counting pass: entries of each table and their estimated memory, without keeping anything, so
 * that an input over the limit is refused with no more memory than its bytes. It stops quietly at
 * the first malformed field: the decoding pass then reports it, in pprof's order.
 */
function countProfile(buf: Uint8Array, limit: SizeLimit): Budget {
  const b = new Budget(limit);
  const r = new ProtoReader(buf);
  try {
    while (r.pos < r.end) {
      r.varint();
      const field = r.hi === 0 ? r.lo >>> 3 : -1;
      const wire = r.lo & 7;
      if (wire !== 2 || field < 2 || (field > 6 && field !== 13)) {
        if (field === 13 && wire === 0) {
          b.comments++;
          b.bytes += COST.comment;
        }
        r.skip(wire);
        continue;
      }
      const end = r.lengthDelimitedEnd();
      const n = end - r.pos;
      switch (field) {
        case 2:
          b.samples++;
          b.bytes += COST.sample + COST.sampleByte * n;
          break;
        case 3:
          b.mappings++;
          b.bytes += COST.mapping;
          break;
        case 4:
          b.locations++;
          b.bytes += COST.location + COST.locationByte * n;
          break;
        case 5:
          b.functions++;
          b.bytes += COST.function + COST.functionByte * n;
          break;
        case 6:
          if (n > MAX_STRING_LENGTH) checkStringLength(n, `string ${b.strings} of the string table`);
          b.strings++;
          b.bytes += COST.string + n;
          break;
        case 13: {
          const c = countVarints(buf, r.pos, end);
          b.comments += c;
          b.bytes += COST.comment * c;
          break;
        }
      }
      r.pos = end;
    }
  } catch (e) {
    if (!(e instanceof ProfileError) || e.message.startsWith('profile too large')) throw e;
  }
  return b;
}

function scanProfile(r: ProtoReader, p: Profile, limit: SizeLimit): TopLevel {
  const buf = r.buf;
  const budget = countProfile(buf, limit);
  const err = budget.error();
  if (err) throw err;
  const ranges: Ranges = {
    sampleType: new RangeList(),
    sample: new RangeList(budget.samples),
    mapping: new RangeList(budget.mappings),
    location: new RangeList(budget.locations),
    function: new RangeList(budget.functions),
    periodType: new RangeList(),
  };
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
        if (strings.length === 0 && end !== r.pos) throw malformed("string_table[0] must be ''");
        strings.push(decodeString(buf, r.pos, end));
        r.pos = end;
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
        if (commentX.length > MAX_TABLE_ENTRIES) checkTableSize(commentX.length, 'comments');
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

function decodeMappings(r: ProtoReader, list: RangeList, str: (x: number) => string): ById<Mapping> {
  const ranges = list.a;
  const t = byId<Mapping>(list.length / 2);
  for (let i = 0; i < list.length; i += 2) addById(t, decodeMapping(r, ranges[i], ranges[i + 1], str));
  return t;
}

function decodeFunctions(r: ProtoReader, list: RangeList, str: (x: number) => string): ById<Function> {
  const ranges = list.a;
  const t = byId<Function>(list.length / 2);
  for (let i = 0; i < list.length; i += 2) addById(t, decodeFunction(r, ranges[i], ranges[i + 1], str));
  return t;
}

function decodeLocations(r: ProtoReader, list: RangeList, mappings: ById<Mapping>, functions: ById<Function>): ById<Location> {
  const ranges = list.a;
  const t = byId<Location>(list.length / 2);
  const lineScratch: number[] = [];
  for (let i = 0; i < list.length; i += 2) {
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

/**
 * The hot loop for big profiles: samples straight into columns (no object per sample or per stack
 * entry). A first pass counts stack entries and values, so each column is allocated once.
 */
function decodeSamples(r: ProtoReader, list: RangeList, locations: ById<Location>, str: (x: number) => string): SampleColumns {
  const buf = r.buf;
  const sampleList = list.a;
  const n = list.length / 2;
  // Location id -> index in the location table (the last location of an id wins, as in getById).
  const table = locations.list;
  const indexDense = new Int32Array(locations.dense.length).fill(-1);
  const indexSparse = new Map<number, number>();
  for (let i = 0; i < table.length; i++) {
    const id = table[i].id;
    if (id < indexDense.length) indexDense[id] = i;
    else indexSparse.set(id, i);
  }
  let entries = 0;
  let nvalues = 0;
  for (let i = 0; i < list.length; i += 2) {
    r.pos = sampleList[i];
    r.end = sampleList[i + 1];
    while (r.pos < r.end) {
      r.varint();
      const field = r.hi === 0 ? r.lo >>> 3 : -1;
      const wire = r.lo & 7;
      if ((field === 1 || field === 2) && wire === 2) {
        const end = r.lengthDelimitedEnd();
        const c = countVarints(buf, r.pos, end);
        if (field === 1) entries += c;
        else nvalues += c;
        r.pos = end;
      } else if ((field === 1 || field === 2) && wire === 0) {
        r.varint();
        if (field === 1) entries++;
        else nvalues++;
      } else if (field === 1 || field === 2) throw malformed('type mismatch');
      else r.skip(wire);
    }
  }
  r.end = buf.length;
  checkTableSize(entries, 'stack entries');
  const stack = new Int32Array(entries);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const vrow = new Int32Array(n);
  const valueStart = new Int32Array(n + 1);
  const values = new Float64Array(nvalues);
  const labelSet = new Int32Array(n);
  const labelSets: LabelSet[] = [noLabels];
  const labelScratch: number[] = [];
  const labelSetIds = new Map<string, number>();
  let k = 0;
  let v = 0;
  for (let i = 0, s = 0; i < list.length; i += 2, s++) {
    r.pos = sampleList[i];
    r.end = sampleList[i + 1];
    labelScratch.length = 0;
    const first = k;
    const firstValue = v;
    let locationCount = 0;
    let valueCount = 0;
    while (r.pos < r.end) {
      r.varint();
      const field = r.hi === 0 ? r.lo >>> 3 : -1;
      const wire = r.lo & 7;
      if (field === 1) {
        if (wire === 2) {
          const e = r.lengthDelimitedEnd();
          const outer = r.end;
          r.end = e;
          checkTableSize(locationCount + countVarints(buf, r.pos, e), 'locations in one sample');
          while (r.pos < e) {
            r.varint();
            stack[k++] = lookupLocation(r.uint64Number(), indexDense, indexSparse);
            locationCount++;
          }
          r.end = outer;
        } else {
          r.varint();
          checkTableSize(locationCount + 1, 'locations in one sample');
          stack[k++] = lookupLocation(r.uint64Number(), indexDense, indexSparse);
          locationCount++;
        }
      } else if (field === 2) {
        if (wire === 2) {
          const e = r.lengthDelimitedEnd();
          const outer = r.end;
          r.end = e;
          checkTableSize(valueCount + countVarints(buf, r.pos, e), 'values in one sample');
          while (r.pos < e) {
            values[v++] = r.int64();
            valueCount++;
          }
          r.end = outer;
        } else {
          checkTableSize(valueCount + 1, 'values in one sample');
          values[v++] = r.int64();
          valueCount++;
        }
      } else if (field === 3) {
        if (wire !== 2) throw malformed('type mismatch');
        const e = r.lengthDelimitedEnd();
        decodeLabel(r, e, labelScratch);
      } else r.skip(wire);
    }
    r.end = buf.length;
    start[s] = first;
    end[s] = k;
    vrow[s] = s;
    valueStart[s] = firstValue;
    if (labelScratch.length > 0) {
      // Profiles repeat a few label sets over many samples: those samples share one set of records.
      const key = labelScratch.join(',');
      let id = labelSetIds.get(key);
      if (id === undefined) {
        id = labelSets.length;
        const set = resolveLabels(labelScratch, str);
        labelSets.push(set.label || set.numLabel ? set : noLabels);
        if (labelSetIds.size < MAX_SHARED_LABEL_SETS) labelSetIds.set(key, id);
      }
      labelSet[s] = id;
    }
  }
  valueStart[n] = v;
  return new SampleColumns(n, table, stack, start, end, vrow, valueStart, values, labelSet, labelSets);
}


/** Number of varints in buf[start, end): the count of bytes without the continuation bit. */
function countVarints(buf: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (buf[i] < 0x80) n++;
  return n;
}

/** Keeps the range of a message and moves past it. */
function pushRange(r: ProtoReader, wire: number, out: RangeList): void {
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
          m.id = readId(r, 'mapping');
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
          id = readId(r, 'function');
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
        l.id = readId(r, 'location');
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
  if (out.length >= 4 * MAX_TABLE_ENTRIES) checkTableSize(out.length / 4 + 1, 'labels in one sample');
  out.push(keyX, strX, numX, unitX);
}


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

/**
 * The id just read, as a number. Go's ids are uint64; ours are JavaScript numbers, exact only up to
 * 2^53 - 1: beyond that two ids could become one ("multiple locations with same id") or a reference
 * could find the wrong object, so such ids are refused with a message that says why.
 */
function readId(r: ProtoReader, what: string): number {
  if (r.hi >>> 0 < 0x200000) return r.uint64Number();
  throw new ProfileError(`unsupported profile: ${what} id ${r.uint64Big()} is above 2^53 - 1; ` +
    'Pprof Lens keeps ids as JavaScript numbers, exact only up to 2^53 - 1 (Go reads them as uint64)');
}

function lookupLocation(id: number, dense: Int32Array, sparse: Map<number, number>): number {
  const l = id < dense.length ? dense[id] : sparse.get(id) ?? -1;
  if (l < 0) throw malformed(`sample refers to unknown location id ${id}`);
  return l;
}
