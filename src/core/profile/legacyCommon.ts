// Shared machinery of the legacy parsers, after pprof's legacy_profile.go: location interning by
// address, memory-map sections (/proc/self/maps and the "brief" form), the mapping heuristics
// (massageMappings, remapMappingIDs), id renumbering, and the drop_frames set by addLegacyFrameInfo.
//
// Unlike pprof, the Go runtime's "#\t0x<pc>\t<func>+0x<off>\t<file>:<line>" comment lines are used to
// give locations their functions, files and lines, so no binary is needed.
import { Function, Line, Location, Mapping, Profile } from './profile';
import { ProfileError } from './profileError';

/** pprof's errUnrecognized: this parser does not handle the input; try the next. */
export class Unrecognized extends Error {}

export const MAX_U64 = 0xffffffffffffffffn;

export function isSpaceOrComment(line: string): boolean {
  const t = line.trim();
  return t.length === 0 || t[0] === '#';
}

export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  // bufio.Scanner does not return an empty final token after a trailing newline.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const hexNumberRE = /0x[0-9a-f]+/g;

/** pprof's parseHexAddresses: every 0x... in s, which must fit in 64 bits. */
export function parseHexAddresses(s: string): bigint[] {
  const out: bigint[] = [];
  for (const m of s.matchAll(hexNumberRE)) {
    const digits = m[0].slice(2).replace(/^0+/, '');
    if (digits.length > 16) throw new ProfileError(`malformed sample: failed to parse as hex 64-bit number: ${m[0]}`);
    out.push(BigInt(m[0]));
  }
  return out;
}

/** Parses a Go int64 (strconv.ParseInt(s, 10, 64)); throws on overflow. */
export function parseInt64(s: string, what: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new ProfileError(`malformed ${what}: ${s}`);
  const b = BigInt(s);
  if (b > 0x7fffffffffffffffn || b < -0x8000000000000000n) {
    throw new ProfileError(`malformed ${what}: ${s}: value out of range`);
  }
  return Number(b);
}

export interface SymbolFrame {
  pc: bigint;
  name: string;
  file: string;
  line: number;
}

/**
 * Parses a Go runtime symbol comment line, "#\t0x<pc>\t<func>+0x<off>\t<file>:<line>" (tabwriter may
 * pad with several tabs). Split by hand: a regexp with two variable-length parts backtracks badly.
 */
export function parseSymbolLine(line: string): SymbolFrame | undefined {
  if (!line.startsWith('#\t0x')) return undefined;
  const fields = line.split('\t').filter((f) => f !== '');
  if (fields.length < 4) return undefined;
  const pcHex = fields[1].slice(2);
  if (!/^[0-9a-f]{1,16}$/.test(pcHex)) return undefined;
  let name = fields[2];
  const plus = name.lastIndexOf('+0x');
  if (plus > 0 && /^\+0x[0-9a-f]+$/.test(name.slice(plus))) name = name.slice(0, plus);
  const fileLine = fields.slice(3).join('\t');
  const colon = fileLine.lastIndexOf(':');
  if (colon < 0 || !/^\d+$/.test(fileLine.slice(colon + 1))) return undefined;
  const n = Number(fileLine.slice(colon + 1));
  return { pc: BigInt('0x' + pcHex), name, file: fileLine.slice(0, colon), line: Number.isSafeInteger(n) ? n : 0 };
}

/**
 * Builds locations by address, as the legacy parsers do, and keeps the symbol frames seen so far.
 * Inlined calls print several frames with the same pc: they become one location's lines, innermost first.
 */
export class LocationTable {
  readonly byAddr = new Map<bigint, Location>();
  readonly symbols = new Map<bigint, SymbolFrame[]>();

  constructor(readonly p: Profile) {}

  get(addr: bigint): Location {
    let loc = this.byAddr.get(addr);
    if (!loc) {
      loc = { id: 0, address: addr, line: [], isFolded: false };
      this.byAddr.set(addr, loc);
      this.p.location.push(loc);
    }
    return loc;
  }

  /** Records the symbol frames printed under one stack; the first stack to describe a pc wins. */
  addSymbols(frames: SymbolFrame[]): void {
    let i = 0;
    while (i < frames.length) {
      const pc = frames[i].pc;
      let j = i;
      while (j < frames.length && frames[j].pc === pc) j++;
      if (!this.symbols.has(pc)) this.symbols.set(pc, frames.slice(i, j));
      i = j;
    }
  }

  /** Gives locations their lines from the recorded symbols; returns whether any location got some. */
  applySymbols(): boolean {
    if (this.symbols.size === 0) return false;
    const functions = new Map<string, Function>();
    let any = false;
    for (const loc of this.p.location) {
      const frames = this.symbols.get(loc.address);
      if (!frames) continue;
      any = true;
      loc.line = frames.map((f): Line => {
        const key = f.name + '\u0000' + f.file;
        let fn = functions.get(key);
        if (!fn) {
          fn = { id: 0, name: f.name, systemName: f.name, filename: f.file, startLine: 0 };
          functions.set(key, fn);
        }
        return { function: fn, line: f.line, column: 0 };
      });
    }
    return any;
  }
}

// --- memory maps -------------------------------------------------------------------------------

const memoryMapSentinels = ['--- Memory map: ---', 'MAPPED_LIBRARIES:'];

export function isMemoryMapSentinel(line: string): boolean {
  return memoryMapSentinels.some((s) => line.includes(s));
}

const cHex = '(?:0x)?([0-9A-Fa-f]+)';
const cHexRange = '\\s*' + cHex + '[\\s-]?' + '\\s*' + cHex + ':?';
const cSpaceString = '(?:\\s+(\\S+))?';
const cSpaceHex = '(?:\\s+([0-9A-Fa-f]+))?';
const cSpaceAtOffset = '(?:\\s+\\(@([0-9A-Fa-f]+)\\))?';
const cPerm = '(?:\\s+([-rwxp]+))?';
const procMapsRE = new RegExp(
  '^' + cHexRange + cPerm + cSpaceHex + '\\s+[0-9A-Fa-f]+:[0-9A-Fa-f]+' + '\\s+[0-9]+' + cSpaceString,
);
const briefMapsRE = new RegExp('^' + cHexRange + cPerm + cSpaceString + cSpaceAtOffset + cSpaceHex);
const logInfoRE = /^[^[\]]+:[0-9]+]\s/;

function parseHex64(s: string): bigint | undefined {
  if (s.replace(/^0+/, '').length > 16) return undefined;
  return BigInt('0x' + s);
}

function parseMappingEntry(l: string): Mapping | null | undefined {
  let start: string, end: string, perm: string | undefined, file: string | undefined;
  let offset: string | undefined, buildId: string | undefined;
  let me = procMapsRE.exec(l);
  if (me) {
    [, start, end, perm, offset, file] = me;
  } else if ((me = briefMapsRE.exec(l))) {
    [, start, end, perm, file, offset, buildId] = me;
  } else return undefined;
  if (perm && !perm.includes('x')) return null; // non-executable: skipped
  const s = parseHex64(start);
  const e = parseHex64(end);
  const o = offset ? parseHex64(offset) : 0n;
  if (s === undefined || e === undefined || o === undefined) return undefined;
  return {
    id: 0,
    start: s,
    limit: e,
    offset: o,
    file: file ?? '',
    buildId: buildId ?? '',
    hasFunctions: false,
    hasFilenames: false,
    hasLineNumbers: false,
    hasInlineFrames: false,
  };
}

/** pprof's parseProcMapsFromScanner, including its "attr=value" / $attr substitution. */
export function parseProcMaps(lines: string[]): Mapping[] {
  const out: Mapping[] = [];
  const attrs: [string, string][] = [];
  for (const raw of lines) {
    // Real map lines are short; the hex-range patterns backtrack on absurd ones, so skip those.
    if (raw.length > 4096) continue;
    let line = raw;
    const lm = logInfoRE.exec(line);
    if (lm) line = line.slice(lm[0].length);
    for (const [k, v] of attrs) line = line.split(k).join(v);
    const m = parseMappingEntry(line);
    if (m === undefined) {
      const eq = line.indexOf('=');
      if (eq >= 0) attrs.push(['$' + line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
      continue;
    }
    if (m) out.push(m);
  }
  return out;
}

/** pprof's parseAdditionalSections + ParseMemoryMapFromScanner, from line index i on. */
export function finishLegacy(p: Profile, lines: string[], i: number): void {
  while (i < lines.length && !isMemoryMapSentinel(lines[i])) i++;
  const mappings = parseProcMaps(lines.slice(i + 1));
  applyMemoryMap(p, mappings);
}

export function applyMemoryMap(p: Profile, mappings: Mapping[]): void {
  p.mapping.push(...mappings);
  massageMappings(p);
  remapLocationIds(p);
  remapFunctionIds(p);
  remapMappingIds(p);
}

const libRx = /([.]so$|[.]so[._][0-9]+)/;

function massageMappings(p: Profile): void {
  if (p.mapping.length > 1) {
    const merged = [p.mapping[0]];
    for (const m of p.mapping.slice(1)) {
      const lm = merged[merged.length - 1];
      if (adjacent(lm, m)) {
        lm.limit = m.limit;
        if (m.file !== '') lm.file = m.file;
        if (m.buildId !== '') lm.buildId = m.buildId;
        for (const l of p.location) if (l.mapping === m) l.mapping = lm;
        continue;
      }
      merged.push(m);
    }
    p.mapping = merged;
  }
  for (let i = 0; i < p.mapping.length; i++) {
    const file = p.mapping[i].file.split('(deleted)').join('').trim();
    if (file.length === 0 || libRx.test(file) || file[0] === '[') continue;
    [p.mapping[0], p.mapping[i]] = [p.mapping[i], p.mapping[0]];
    break;
  }
  p.mapping.forEach((m, i) => (m.id = i + 1));
}

function adjacent(m1: Mapping, m2: Mapping): boolean {
  if (m1.file !== '' && m2.file !== '' && m1.file !== m2.file) return false;
  if (m1.buildId !== '' && m2.buildId !== '' && m1.buildId !== m2.buildId) return false;
  if (m1.limit !== m2.start) return false;
  if (m1.offset !== 0n && m2.offset !== 0n) {
    const offset = BigInt.asUintN(64, m1.offset + (m1.limit - m1.start));
    if (offset !== m2.offset) return false;
  }
  return true;
}

function remapLocationIds(p: Profile): void {
  const seen = new Set<Location>();
  const locs: Location[] = [];
  for (const s of p.sample) {
    for (const l of s.location) {
      if (seen.has(l)) continue;
      l.id = locs.length + 1;
      locs.push(l);
      seen.add(l);
    }
  }
  p.location = locs;
}

function remapFunctionIds(p: Profile): void {
  const seen = new Set<Function>();
  const fns: Function[] = [];
  for (const l of p.location) {
    for (const ln of l.line) {
      if (seen.has(ln.function)) continue;
      ln.function.id = fns.length + 1;
      fns.push(ln.function);
      seen.add(ln.function);
    }
  }
  p.function = fns;
}

function remapMappingIds(p: Profile): void {
  if (p.mapping.length > 0) {
    const m = p.mapping[0];
    if (m.file.startsWith('/anon_hugepage') && p.mapping.length > 1 && m.limit === p.mapping[1].start) {
      p.mapping = p.mapping.slice(1);
    }
  }
  if (p.mapping.length > 0) {
    const m = p.mapping[0];
    if (BigInt.asUintN(64, m.start - m.offset) === 0x400000n) {
      m.start = 0x400000n;
      m.offset = 0n;
    }
  }
  let fake: Mapping | undefined;
  next: for (const l of p.location) {
    const a = l.address;
    if (l.mapping || a === 0n) continue;
    for (const m of p.mapping) {
      if (m.start <= a && a < m.limit) {
        l.mapping = m;
        continue next;
      }
    }
    for (const m of p.mapping) {
      if (m.offset !== 0n && BigInt.asUintN(64, m.start - m.offset) <= a && a < m.start) {
        m.start = BigInt.asUintN(64, m.start - m.offset);
        m.offset = 0n;
        l.mapping = m;
        continue next;
      }
    }
    if (!fake) {
      fake = {
        id: 1,
        start: 0n,
        limit: MAX_U64,
        offset: 0n,
        file: '',
        buildId: '',
        hasFunctions: false,
        hasFilenames: false,
        hasLineNumbers: false,
        hasInlineFrames: false,
      };
      p.mapping.push(fake);
    }
    l.mapping = fake;
  }
  p.mapping.forEach((m, i) => (m.id = i + 1));
}

/** Marks the mappings of symbolized locations as having functions, files, lines and inlining. */
export function markSymbolized(p: Profile): void {
  for (const l of p.location) {
    if (l.line.length > 0 && l.mapping) {
      l.mapping.hasFunctions = l.mapping.hasFilenames = l.mapping.hasLineNumbers = l.mapping.hasInlineFrames = true;
    }
  }
}

// --- addLegacyFrameInfo ------------------------------------------------------------------------

const heapzSampleTypes = [
  ['allocations', 'size'],
  ['objects', 'space'],
  ['inuse_objects', 'inuse_space'],
  ['alloc_objects', 'alloc_space'],
  ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'],
];
const contentionzSampleTypes = [['contentions', 'delay']];

function isProfileType(p: Profile, types: string[][]): boolean {
  return types.some((t) => t.length === p.sampleType.length && t.every((x, i) => p.sampleType[i].type === x));
}

const allocRxStr = [
  'calloc', 'cfree', 'malloc', 'free', 'memalign', 'do_memalign', '(__)?posix_memalign', 'pvalloc', 'valloc',
  'realloc', 'tcmalloc::.*', 'tc_calloc', 'tc_cfree', 'tc_malloc', 'tc_free', 'tc_memalign', 'tc_posix_memalign',
  'tc_pvalloc', 'tc_valloc', 'tc_realloc', 'tc_new', 'tc_delete', 'tc_newarray', 'tc_deletearray',
  'tc_new_nothrow', 'tc_newarray_nothrow', 'malloc_zone_malloc', 'malloc_zone_calloc', 'malloc_zone_valloc',
  'malloc_zone_realloc', 'malloc_zone_memalign', 'malloc_zone_free', 'runtime\\..*', 'BaseArena::.*',
  '(::)?do_malloc_no_errno', '(::)?do_malloc_pages', '(::)?do_malloc', 'DoSampledAllocation',
  'MallocedMemBlock::MallocedMemBlock', '_M_allocate', '__builtin_(vec_)?delete', '__builtin_(vec_)?new',
  '__gnu_cxx::new_allocator::allocate', '__libc_malloc', '__malloc_alloc_template::allocate', 'allocate',
  'cpp_alloc', 'operator new(\\[\\])?', 'simple_alloc::allocate',
].join('|');

const allocSkipRxStr = ['runtime\\.panic', 'runtime\\.reflectcall', 'runtime\\.call[0-9]*'].join('|');

const cpuProfilerRxStr = [
  'ProfileData::Add', 'ProfileData::prof_handler', 'CpuProfiler::prof_handler', '__pthread_sighandler', '__restore',
].join('|');

const lockRxStr = [
  'RecordLockProfileData', '(base::)?RecordLockProfileData.*', '(base::)?SubmitMutexProfileData.*',
  '(base::)?SubmitSpinLockProfileData.*', '(base::Mutex::)?AwaitCommon.*', '(base::Mutex::)?Unlock.*',
  '(base::Mutex::)?UnlockSlow.*', '(base::Mutex::)?ReaderUnlock.*', '(base::MutexLock::)?~MutexLock.*',
  '(Mutex::)?AwaitCommon.*', '(Mutex::)?Unlock.*', '(Mutex::)?UnlockSlow.*', '(Mutex::)?ReaderUnlock.*',
  '(MutexLock::)?~MutexLock.*', '(SpinLock::)?Unlock.*', '(SpinLock::)?SlowUnlock.*',
  '(SpinLockHolder::)?~SpinLockHolder.*',
].join('|');

export function addLegacyFrameInfo(p: Profile): void {
  if (isProfileType(p, heapzSampleTypes)) {
    p.dropFrames = allocRxStr;
    p.keepFrames = allocSkipRxStr;
  } else if (isProfileType(p, contentionzSampleTypes)) {
    p.dropFrames = lockRxStr;
    p.keepFrames = '';
  } else {
    p.dropFrames = cpuProfilerRxStr;
    p.keepFrames = '';
  }
}
