// Legacy text profile formats, following pprof's legacy_profile.go parsers: Go count profiles
// (goroutine/threadcreate ?debug=1), heapz / Go heap ?debug=1 / growthz / fragmentationz,
// contentionz and Go mutex/block ?debug=1, and threadz. Go's "#\t0x.. func+0x.. file:line" lines
// under each stack are used as symbols (see legacyCommon.ts).
import { emptyProfile, Function, Location, Profile, Sample } from './profile';
import { ProfileError } from './profileError';
import {
  LocationTable,
  SymbolFrame,
  Unrecognized,
  finishLegacy,
  isMemoryMapSentinel,
  isSpaceOrComment,
  markSymbolized,
  parseHexAddresses,
  parseInt64,
  parseSymbolLine,
} from './legacyCommon';
import { GoPattern } from './goRegexp';

/** Collects symbol lines and "# labels:" lines following a sample line. */
class SampleTrailer {
  frames: SymbolFrame[] = [];
  sample?: Sample;

  constructor(readonly table: LocationTable) {}

  line(line: string): void {
    const t = line.trim();
    const f = parseSymbolLine(t);
    if (f) {
      this.frames.push(f);
      return;
    }
    if (this.sample && t.startsWith('# labels: ')) {
      const labels = parseGoLabels(t.slice('# labels: '.length));
      if (labels) this.sample.label = labels;
    }
  }

  flush(next?: Sample): void {
    if (this.frames.length > 0) this.table.addSymbols(this.frames);
    this.frames = [];
    this.sample = next;
  }
}

/** Go's labelMap.String(): {"key":"value", "k2":"v2"} (keys and values %q-quoted). */
function parseGoLabels(s: string): Record<string, string[]> | undefined {
  if (!s.startsWith('{') || !s.endsWith('}')) return undefined;
  const out: Record<string, string[]> = Object.create(null);
  const re = /"((?:[^"\\]|\\.)*)":"((?:[^"\\]|\\.)*)"/g;
  let any = false;
  for (const m of s.matchAll(re)) {
    try {
      const k = JSON.parse('"' + m[1] + '"') as string;
      const v = JSON.parse('"' + m[2] + '"') as string;
      (out[k] ??= []).push(v);
      any = true;
    } catch {
      // Go %q escapes JSON cannot read (\x, \a): keep the raw text.
      (out[m[1]] ??= []).push(m[2]);
      any = true;
    }
  }
  return any ? out : undefined;
}

function finish(p: Profile, table: LocationTable, lines: string[], i: number): Profile {
  const symbolized = table.applySymbols();
  if (symbolized) nameHiddenFrames(p);
  finishLegacy(p, lines, i);
  if (symbolized) markSymbolized(p);
  return p;
}

/**
 * Go's printStackRecord prints no symbol line for runtime.goexit nor for the runtime.* frames at the
 * leaf end of a stack (runtime.mallocgc, runtime.gopark, ...). In a stack that has symbol lines, an
 * unsymbolized pc rootward of them is therefore runtime.goexit, and one leafward of them a hidden
 * runtime frame. Naming them so keeps drop_frames (runtime\..* for heap) working as with a binary.
 */
function nameHiddenFrames(p: Profile): void {
  let goexit: Function | undefined;
  let hidden: Function | undefined;
  const fn = (name: string): Function => ({ id: 0, name, systemName: name, filename: '', startLine: 0 });
  for (const s of p.sample) {
    const locs = s.location;
    let first = -1;
    let last = -1;
    for (let k = 0; k < locs.length; k++) {
      if (locs[k].line.length > 0 && locs[k].line[0].function.filename !== '') {
        if (first < 0) first = k;
        last = k;
      }
    }
    if (first < 0) continue;
    for (let k = 0; k < locs.length; k++) {
      const loc = locs[k];
      if (loc.line.length > 0) continue;
      if (k > last) loc.line = [{ function: (goexit ??= fn('runtime.goexit')), line: 0, column: 0 }];
      else if (k < first) loc.line = [{ function: (hidden ??= fn('runtime.?')), line: 0, column: 0 }];
    }
  }
}

const countStartRE = /^(\S+) profile: total \d+$/;
// pprof requires at least one address; Go 1.19 writes threadcreate stacks empty ("4 @"), so we accept that.
const countRE = /^(\d+) @((?: 0x[0-9a-f]+)*)$/;

/** pprof's parseGoCount: goroutine / threadcreate profiles at ?debug=1. */
export function parseGoCount(lines: string[]): Profile {
  let i = 0;
  while (i < lines.length && isSpaceOrComment(lines[i])) i++;
  const m = countStartRE.exec(lines[i] ?? '');
  if (!m) throw new Unrecognized();
  const type = m[1];
  const p = emptyProfile();
  p.periodType = { type, unit: 'count' };
  p.period = 1;
  p.sampleType = [{ type, unit: 'count' }];
  const table = new LocationTable(p);
  const trailer = new SampleTrailer(table);
  for (i++; i < lines.length; i++) {
    const line = lines[i];
    if (isSpaceOrComment(line)) {
      trailer.line(line);
      continue;
    }
    if (line.startsWith('---')) break;
    const sm = countRE.exec(line);
    if (!sm) throw new ProfileError(`malformed ${type} profile: unexpected line ${JSON.stringify(line.slice(0, 80))}`);
    const n = parseInt64(sm[1], `${type} profile count`);
    // Adjust all frames by -1 to land on the call instruction.
    const location = parseHexAddresses(sm[2]).map((a) => table.get(BigInt.asUintN(64, a - 1n)));
    const s: Sample = { location, value: [n] };
    p.sample.push(s);
    trailer.flush(s);
  }
  trailer.flush();
  return finish(p, table, lines, i);
}

const heapHeaderRE = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)\/?(\d*)/;
const heapSampleRE = new GoPattern(
  /^(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *\] @([ x0-9a-f]*)/,
  '(-?\\d+): *(-?\\d+) *\\[ *(\\d+): *(\\d+) *] @([ x0-9a-f]*)',
);
const growthHeaderRE = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ growthz?/;
const fragmentationHeaderRE = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ fragmentationz?/;

/** pprof's parseHeap: heapz (v1/v2), Go heap ?debug=1 ("@ heap/<2*MemProfileRate>"), growthz, fragmentationz. */
export function parseHeap(lines: string[]): Profile {
  if (lines.length === 0) throw new Unrecognized();
  const p = emptyProfile();
  p.periodType = { type: 'space', unit: 'bytes' };
  let sampling = '';
  let hasAlloc = false;
  const header = heapHeaderRE.exec(lines[0]);
  if (header) {
    let period = 0;
    if (header[6].length > 0) period = parseInt64(header[6], 'heap profile header');
    if ((header[3] !== header[1] && header[3] !== '0') || (header[4] !== header[2] && header[4] !== '0')) {
      hasAlloc = true;
    }
    switch (header[5]) {
      case 'heapz_v2':
      case 'heap_v2':
        sampling = 'v2';
        p.period = period;
        break;
      case 'heapprofile':
        p.period = 1;
        break;
      case 'heap':
        // Go writes 2*MemProfileRate here.
        sampling = 'v2';
        p.period = Math.trunc(period / 2);
        break;
      default:
        throw new Unrecognized();
    }
  } else if (growthHeaderRE.test(lines[0]) || fragmentationHeaderRE.test(lines[0])) {
    p.period = 1;
  } else throw new Unrecognized();

  p.sampleType = hasAlloc
    ? [
        { type: 'alloc_objects', unit: 'count' },
        { type: 'alloc_space', unit: 'bytes' },
        { type: 'inuse_objects', unit: 'count' },
        { type: 'inuse_space', unit: 'bytes' },
      ]
    : [
        { type: 'objects', unit: 'count' },
        { type: 'space', unit: 'bytes' },
      ];
  const table = new LocationTable(p);
  const trailer = new SampleTrailer(table);
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (isSpaceOrComment(line)) {
      trailer.line(lines[i]);
      continue;
    }
    if (isMemoryMapSentinel(line)) break;
    const sm = heapSampleRE.exec(line);
    if (!sm) throw new ProfileError(`malformed heap profile: unexpected line ${JSON.stringify(line.slice(0, 80))}`);
    const value: number[] = [];
    let blocksize = 0;
    const addValues = (countStr: string, sizeStr: string, label: string) => {
      let count = parseInt64(countStr, 'sample');
      let size = parseInt64(sizeStr, 'sample');
      if (count === 0 && size !== 0) {
        throw new ProfileError(`malformed heap profile: ${label} count was 0 but ${label} bytes was ${size}`);
      }
      if (count !== 0) {
        blocksize = Math.trunc(size / count);
        if (sampling === 'v2') [count, size] = scaleHeapSample(count, size, p.period);
      }
      value.push(count, size);
    };
    if (hasAlloc) addValues(sm[3], sm[4], 'allocation');
    addValues(sm[1], sm[2], 'inuse');
    const location = parseHexAddresses(sm[5]).map((a) => table.get(BigInt.asUintN(64, a - 1n)));
    const numLabel: Record<string, number[]> = Object.create(null);
    numLabel.bytes = [blocksize];
    const s: Sample = { location, value, numLabel };
    p.sample.push(s);
    trailer.flush(s);
  }
  trailer.flush();
  return finish(p, table, lines, i);
}

/**
 * pprof's scaleHeapSample: heap v2 samples are taken by a Poisson process of mean rate; a sample of
 * average size S appears with probability 1-exp(-S/rate), so values are divided by that.
 */
export function scaleHeapSample(count: number, size: number, rate: number): [number, number] {
  if (count === 0 || size === 0) return [0, 0];
  if (rate <= 1) return [count, size];
  const avgSize = size / count;
  const scale = 1 / (1 - Math.exp(-avgSize / rate));
  return [Math.trunc(count * scale), Math.trunc(size * scale)];
}

const contentionSampleRE = new GoPattern(/^(\d+) +(\d+) @([ x0-9a-f]*)/, '(\\d+) *(\\d+) @([ x0-9a-f]*)');

/** Go's strconv.ParseInt(s, 0, 64) for the forms these headers use. */
function parseIntBase0(s: string): number | undefined {
  // Go's strconv.ParseInt(s, 0, 64): sign, 0x/0o/0b prefix or a leading 0 for octal, underscores
  // only between digits (or after a prefix); out of int64 range is an error (ErrRange), so pprof's
  // parseContention answers errUnrecognized for a "sampling period" beyond 2^63 - 1.
  const m = /^([+-]?)(?:(0[xX])(_?[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)|(0[bB])(_?[01]+(?:_[01]+)*)|(0[oO])(_?[0-7]+(?:_[0-7]+)*)|(0(?:_?[0-7]+)*(?:_[0-7]+)*)|([1-9](?:_?[0-9])*))$/.exec(s);
  if (!m) return undefined;
  let v: bigint;
  if (m[2]) v = BigInt('0x' + m[3].replace(/_/g, ''));
  else if (m[4]) v = BigInt('0b' + m[5].replace(/_/g, ''));
  else if (m[6]) v = BigInt('0o' + m[7].replace(/_/g, ''));
  else if (m[8]) v = BigInt('0o' + (m[8].replace(/_/g, '').slice(1) || '0'));
  else v = BigInt(m[9].replace(/_/g, ''));
  if (m[1] === '-') v = -v;
  if (v > INT64_MAX || v < -INT64_MAX - 1n) return undefined;
  return Number(v);
}

const INT64_MAX = 2n ** 63n - 1n;

/** pprof's parseContention: "--- contentionz", Go "--- mutex:" and "--- contention:" (block) profiles. */
export function parseContention(lines: string[]): Profile {
  if (lines.length === 0) throw new Unrecognized();
  const first = lines[0];
  if (!first.startsWith('--- contentionz ') && !first.startsWith('--- mutex:') && !first.startsWith('--- contention:')) {
    throw new Unrecognized();
  }
  const p = emptyProfile();
  p.periodType = { type: 'contentions', unit: 'count' };
  p.period = 1;
  p.sampleType = [
    { type: 'contentions', unit: 'count' },
    { type: 'delay', unit: 'nanoseconds' },
  ];
  let cpuHz = 0;
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (isSpaceOrComment(line)) continue;
    if (line.startsWith('---')) break;
    const eq = line.indexOf('=');
    if (eq < 0) break;
    const key = line.slice(0, eq).trim();
    const val = line.slice(eq + 1).trim();
    const num = parseIntBase0(val);
    switch (key) {
      case 'cycles/second':
        if (num === undefined) throw new Unrecognized();
        cpuHz = num;
        break;
      case 'sampling period':
        if (num === undefined) throw new Unrecognized();
        p.period = num;
        break;
      case 'ms since reset':
        if (num === undefined) throw new Unrecognized();
        p.durationNanos = num * 1000 * 1000;
        break;
      case 'discarded samples':
        break;
      default:
        // Includes "format" and "resolution", which only Java profiles have.
        throw new Unrecognized();
    }
  }
  const table = new LocationTable(p);
  const trailer = new SampleTrailer(table);
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.startsWith('---')) break;
    if (isSpaceOrComment(line)) {
      trailer.line(lines[i]);
      continue;
    }
    const sm = contentionSampleRE.exec(line);
    if (!sm) throw new ProfileError(`malformed contention profile: unexpected line ${JSON.stringify(line.slice(0, 80))}`);
    let v1 = parseInt64(sm[1], 'sample');
    let v2 = parseInt64(sm[2], 'sample');
    // Unsample: delays from cycles to nanoseconds, contentions times the sampling period.
    if (p.period > 0) {
      if (cpuHz > 0) {
        const cpuGHz = cpuHz / 1e9;
        v1 = Math.trunc((v1 * p.period) / cpuGHz);
      }
      v2 = v2 * p.period;
    }
    const location = parseHexAddresses(sm[3]).map((a) => table.get(BigInt.asUintN(64, a - 1n)));
    const s: Sample = { location, value: [v2, v1] };
    p.sample.push(s);
    trailer.flush(s);
  }
  trailer.flush();
  return finish(p, table, lines, i);
}

const threadzStartRE = /--- threadz \d+ ---/;
const threadStartRE = /--- Thread ([0-9A-Fa-f]+) \(name: (.*)\/(\d+)\) stack: ---/;

/** pprof's parseThread: threadz profiles. */
export function parseThread(lines: string[]): Profile {
  let i = 0;
  while (i < lines.length && isSpaceOrComment(lines[i])) i++;
  let line = lines[i] ?? '';
  if (threadzStartRE.test(line)) {
    for (i++; i < lines.length; i++) {
      line = lines[i];
      if (isMemoryMapSentinel(line) || line.startsWith('-')) break;
    }
    if (i >= lines.length) line = '';
  } else if (!threadStartRE.test(line)) {
    throw new Unrecognized();
  }
  const p = emptyProfile();
  p.sampleType = [{ type: 'thread', unit: 'count' }];
  p.periodType = { type: 'thread', unit: 'count' };
  p.period = 1;
  const table = new LocationTable(p);
  while (!isMemoryMapSentinel(line)) {
    if (line.startsWith('---- no stack trace for')) break;
    if (!threadStartRE.test(line)) throw new Unrecognized();
    // parseThreadSample: addresses until the next "---" line.
    const addrs: bigint[] = [];
    let same = false;
    line = '';
    for (i++; i < lines.length; i++) {
      line = lines[i].trim();
      if (line === '') continue;
      if (line.startsWith('---')) break;
      if (line.includes('same as previous thread')) {
        same = true;
        continue;
      }
      addrs.push(...parseHexAddresses(line));
    }
    const atEof = i >= lines.length;
    if (same || addrs.length === 0) {
      // "same as previous thread" (or an empty stack) counts towards the previous sample.
      const last = p.sample[p.sample.length - 1];
      if (last) last.value[0]++;
    } else {
      // Call addresses are adjusted by -1 to land on the call; the leaf is not a call.
      const location: Location[] = addrs.map((a, k) => table.get(k > 0 ? BigInt.asUintN(64, a - 1n) : a));
      p.sample.push({ location, value: [1] });
    }
    if (atEof) {
      if (isMemoryMapSentinel(line) || line.startsWith('---- no stack trace for')) break;
      throw new Unrecognized();
    }
  }
  finishLegacy(p, lines, i);
  cleanupDuplicateLocations(p);
  return p;
}

/** The leaf may be duplicated (from the signal context and from unwinding, adjusted by -1): drop the copy. */
export function cleanupDuplicateLocations(p: Profile): void {
  for (const s of p.sample) {
    if (s.location.length > 1 && s.location[0].address === s.location[1].address + 1n) {
      s.location.splice(1, 1);
    }
  }
}
