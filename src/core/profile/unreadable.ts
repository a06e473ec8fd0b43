// What to say about input we cannot read. Files that are not profiles pprof reads but are
// recognisable: the message says what the file is and how to get a profile from it, instead of
// "unrecognised content" or a protobuf decoder's "type mismatch". `go tool pprof` says "parsing
// profile: unrecognized profile format" for all of them except perf.data, which it converts by
// running perf_to_profile (its message when that tool is missing names
// github.com/google/perf_data_converter; ours does too). And profiles Go refuses for a fault it
// names: a reserved id 0 is reported in Go's words and order (CheckValid), not as the missing
// function our decoder meets first. Consulted by parse.ts only after the decoders have failed, so
// nothing readable is ever refused here.

/** Google's perf.data converter, which go tool pprof runs on perf.data files (driver/fetch.go). */
const PERF_CONVERTER = 'github.com/google/perf_data_converter';

/**
 * A one-line message for data in a recognisable non-pprof format (perf.data, OTLP profiles in
 * protobuf or JSON, jemalloc heap dumps, Go execution traces, executables), undefined otherwise.
 */
export function recognizeForeign(data: Uint8Array): string | undefined {
  if (startsWith(data, 'PERFILE2') || startsWith(data, 'PERFFILE')) {
    return 'not a profile: this is a perf.data file (Linux perf record); go tool pprof converts it with perf_to_profile ' +
      `(${PERF_CONVERTER}), Pprof Lens does not run it: convert it with perf_to_profile -i perf.data -o perf.pb.gz and open perf.pb.gz`;
  }
  if (startsWith(data, '\x7fELF')) return executable('an ELF executable or library');
  const magic = data.length >= 4 ? (data[0] | (data[1] << 8) | (data[2] << 16) | (data[3] << 24)) >>> 0 : 0;
  if (magic === 0xfeedfacf || magic === 0xfeedface || magic === 0xcafebabe) return executable('a Mach-O executable');
  if (startsWith(data, 'MZ')) return executable('a Windows executable');
  if (/^go 1\.\d+ trace\0/.test(latin1(data, 16))) {
    return 'not a profile: this is a Go execution trace (runtime/trace, go test -trace); open it in the trace editor, ' +
      'or derive profiles from it with pprof-lens trace -pprof=net|sync|syscall|sched FILE (go tool trace -pprof=TYPE)';
  }
  const head = latin1(data, 4096);
  if (/^heap_v2\/\d+\s*\n\s*t\*:/.test(head)) {
    return 'not a profile: this is a jemalloc heap profile (heap_v2, written by jemalloc\'s prof.dump), which pprof does not read: ' +
      'read it with jeprof (jeprof --text BINARY FILE), or have the program write pprof profiles (in Rust, the jemalloc_pprof crate)';
  }
  if (/^\s*\{/.test(head) && /"(?:resourceProfiles|resource_profiles)"\s*:/.test(head)) return otlp('JSON');
  if (looksLikeOtlpProto(data)) return otlp('protobuf');
  return undefined;
}

function executable(what: string): string {
  return `not a profile: this is ${what}; give the profile file (go tool pprof takes a binary only before the profile, for symbols)`;
}

function otlp(encoding: string): string {
  return `not a profile: this is an OpenTelemetry (OTLP) profiles message in ${encoding}, not pprof's profile.proto ` +
    '(go tool pprof cannot read it either): get the profile in pprof format from where it was collected ' +
    '(profilers and profiling backends export pprof)';
}

function startsWith(data: Uint8Array, s: string): boolean {
  if (data.length < s.length) return false;
  for (let i = 0; i < s.length; i++) if (data[i] !== s.charCodeAt(i)) return false;
  return true;
}

function latin1(data: Uint8Array, n: number): string {
  let s = '';
  const end = Math.min(n, data.length);
  for (let i = 0; i < end; i++) s += String.fromCharCode(data[i]);
  return s;
}

/**
 * OTLP's ProfilesData and ExportProfilesServiceRequest: top-level fields 1 (ResourceProfiles) and 2
 * (the dictionary), length-delimited; a ResourceProfiles holds only length-delimited fields 1
 * (Resource), 2 (ScopeProfiles) and 3 (schema URL), and its ScopeProfiles the same shape (scope,
 * profiles, schema URL). pprof's profile.proto starts with field 1 too, but its ValueType holds varints.
 */
function looksLikeOtlpProto(data: Uint8Array): boolean {
  const top = fields(data, 0, data.length);
  if (!top || top.length === 0 || top[0].field !== 1) return false;
  if (!top.every((f) => f.wire === 2 && (f.field === 1 || f.field === 2))) return false;
  const rp = top[0];
  const inner = fields(data, rp.start, rp.end);
  if (!inner || !inner.every((f) => f.wire === 2 && f.field >= 1 && f.field <= 3)) return false;
  const scope = inner.find((f) => f.field === 2);
  if (!scope) return inner.some((f) => f.field === 1);
  const sp = fields(data, scope.start, scope.end);
  return !!sp && sp.every((f) => f.wire === 2 && f.field >= 1 && f.field <= 3);
}

interface Field {
  field: number;
  wire: number;
  start: number;
  end: number;
}

/** The fields of the protobuf message in data[start, end), or undefined when it does not parse. */
function fields(data: Uint8Array, start: number, end: number): Field[] | undefined {
  const out: Field[] = [];
  let i = start;
  const varint = (): number | undefined => {
    let v = 0;
    for (let shift = 0; shift < 49; shift += 7) {
      if (i >= end) return undefined;
      const b = data[i++];
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
    return undefined;
  };
  while (i < end) {
    const tag = varint();
    if (tag === undefined) return undefined;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) return undefined;
    const from = i;
    if (wire === 0) {
      if (varint() === undefined) return undefined;
    } else if (wire === 1) {
      i += 8;
    } else if (wire === 5) {
      i += 4;
    } else if (wire === 2) {
      const n = varint();
      if (n === undefined || i + n > end) return undefined;
      out.push({ field, wire, start: i, end: i + n });
      i += n;
      continue;
    } else {
      return undefined;
    }
    if (i > end) return undefined;
    out.push({ field, wire, start: from, end: i });
    if (out.length > 100_000) return undefined;
  }
  return out;
}

/**
 * Go's CheckValid verdict on a profile.proto whose location `locationId` has a line without a
 * function (the fault our decoder meets first): Go decodes everything, then checks mappings,
 * functions and locations in that order, so a reserved id 0 there is what it names ("found
 * function with reserved ID=0": a function with id 0, which no line can refer to). Undefined when
 * Go too would name the line.
 */
export function reservedIdFault(data: Uint8Array, locationId: number): string | undefined {
  const top = fields(data, 0, data.length);
  if (!top) return undefined;
  const idOf = (f: Field): number | undefined => {
    const sub = fields(data, f.start, f.end);
    if (!sub) return undefined;
    let id = 0; // proto3: an absent id is 0
    for (const x of sub) if (x.field === 1 && x.wire === 0) id = varintAt(data, x.start + 1);
    return id;
  };
  const zero = (field: number) => top.some((f) => f.field === field && f.wire === 2 && idOf(f) === 0);
  if (zero(3)) return 'malformed profile: found mapping with reserved ID=0';
  if (zero(5)) return 'malformed profile: found function with reserved ID=0';
  for (const f of top) {
    if (f.field !== 4 || f.wire !== 2) continue;
    const id = idOf(f);
    if (id === 0) return 'malformed profile: found location with reserved id=0';
    if (id === locationId) break;
  }
  return undefined;
}

/** The varint at data[i] (a field's value after its one-byte tag). */
function varintAt(data: Uint8Array, i: number): number {
  let v = 0;
  for (let shift = 0; shift < 49 && i < data.length; shift += 7) {
    const b = data[i++];
    v += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  return v;
}
