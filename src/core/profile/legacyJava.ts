// Legacy Java profiles, as pprof's legacy_java_profile.go: binary CPU profiles with header word 3 = 1,
// and the text "--- heapz 1 ---" / "--- contentionz 1 ---" forms with "format = java". Locations are
// symbolized from the trailing "0x<addr> function (File.java:line)" lines, then addresses are cleared
// (pprof's Aggregate(..., address=false)) so identical frames merge.
import { emptyProfile, Function, Location, Profile, Sample } from './profile';
import { ProfileError } from './profileError';
import { LocationTable, Unrecognized, applyMemoryMap, parseHexAddresses } from './legacyCommon';
import { WordReader, parseCpuSamples } from './legacyCpuSamples';
import { scaleHeapSample } from './legacyText';
import { GoPattern } from './goRegexp';

function newJavaProfile(): Profile {
  return { ...emptyProfile(), periodType: { type: '', unit: '' } };
}

export function javaCpuProfile(b: Uint8Array, pos: number, periodUs: number, size: number, read: WordReader): Profile {
  const p = newJavaProfile();
  p.period = periodUs * 1000;
  p.periodType = { type: 'cpu', unit: 'nanoseconds' };
  p.sampleType = [
    { type: 'samples', unit: 'count' },
    { type: 'cpu', unit: 'nanoseconds' },
  ];
  const { pos: rest, locs } = parseCpuSamples(b, pos, size, read, false, p);
  parseJavaLocations(new TextDecoder('latin1').decode(b.subarray(rest)), locs, p);
  return p;
}

/** Splits like Go's repeated bytes.IndexByte('\n') loops: only newline-terminated lines. */
function terminatedLines(text: string): { lines: string[]; tail: string } {
  const parts = text.split('\n');
  const tail = parts.pop() ?? '';
  return { lines: parts, tail };
}

const attributeRx = new GoPattern(/^([\w ]+)=([\w ]+)/, '([\\w ]+)=([\\w ]+)');
const javaSampleRx = new GoPattern(/^ *(\d+) +(\d+) +@ +([ x0-9a-f]*)/, ' *(\\d+) +(\\d+) +@ +([ x0-9a-f]*)');
const javaLocationRx = /^\s*0x([0-9A-Fa-f]+)\s+(.*)\s*$/;
const javaLocationFileLineRx = new GoPattern(/^(.*)\s+\((.+):(-?[0-9]+)\)$/, '^(.*)\\s+\\((.+):(-?[[:digit:]]+)\\)$', 2048);
const javaLocationPathRx = new GoPattern(/^(.*)\s+\((.*)\)$/, '^(.*)\\s+\\((.*)\\)$', 2048);

export function parseJavaProfile(text: string): Profile {
  const nl = text.indexOf('\n');
  if (nl < 0) throw new Unrecognized();
  const header = text.slice(0, nl).trim();
  let pType: 'heap' | 'contention';
  if (header === '--- heapz 1 ---') pType = 'heap';
  else if (header === '--- contentionz 1 ---') pType = 'contention';
  else throw new Unrecognized();
  const p = newJavaProfile();
  const { lines, tail } = terminatedLines(text.slice(nl + 1));
  let i = 0;
  // Attributes.
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const h = attributeRx.exec(line);
    if (!h) break;
    const attribute = h[1].trim();
    const value = h[2].trim();
    switch (pType + '/' + attribute) {
      case 'heap/format':
      case 'contention/format':
        if (value !== 'java') throw new Unrecognized();
        break;
      case 'heap/resolution':
        p.sampleType = [
          { type: 'inuse_objects', unit: 'count' },
          { type: 'inuse_space', unit: value },
        ];
        break;
      case 'contention/resolution':
        p.sampleType = [
          { type: 'contentions', unit: 'count' },
          { type: 'delay', unit: value },
        ];
        break;
      case 'contention/sampling period': {
        p.periodType = { type: 'contentions', unit: 'count' };
        const n = Number(value);
        if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new ProfileError(`failed to parse attribute ${line}`);
        p.period = n;
        break;
      }
      case 'contention/ms since reset': {
        const n = Number(value);
        if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new ProfileError(`failed to parse attribute ${line}`);
        p.durationNanos = n * 1000 * 1000;
        break;
      }
      default:
        throw new Unrecognized();
    }
  }
  // Samples.
  const table = new LocationTable(p);
  const locs = table.byAddr;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const m = javaSampleRx.exec(line);
    if (!m) break;
    const location = parseHexAddresses(m[3]).map((addr) => table.get(addr));
    // Java profiles have their two numbers the other way round.
    const v0 = Number(m[2]);
    const v1 = Number(m[1]);
    if (!Number.isSafeInteger(v0) || !Number.isSafeInteger(v1)) throw new ProfileError(`parsing sample ${line}: value out of range`);
    const s: Sample = { location, value: [v0, v1] };
    if (pType === 'heap') {
      if (v0 === 0) throw new ProfileError(`parsing sample ${line}: second value must be non-zero`);
      s.numLabel = Object.create(null) as Record<string, number[]>;
      s.numLabel.bytes = [Math.trunc(v1 / v0)];
      s.value = scaleHeapSample(v0, v1, 524288);
    } else if (p.period !== 0) {
      s.value = [v0 * p.period, v1 * p.period];
    }
    p.sample.push(s);
  }
  const rest = lines.slice(i).join('\n') + (i < lines.length ? '\n' : '') + tail;
  parseJavaLocations(rest, locs, p);
  return p;
}

function parseJavaLocations(text: string, locs: Map<bigint, Location>, p: Profile): void {
  const fns = new Map<string, Function>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const jloc = javaLocationRx.exec(line);
    if (!jloc) continue;
    if (jloc[1].replace(/^0+/, '').length > 16) throw new ProfileError(`parsing sample ${line}: value out of range`);
    const loc = locs.get(BigInt('0x' + jloc[1]));
    if (!loc) continue;
    let lineFunc: string;
    let lineFile = '';
    let lineNo = 0;
    let m: string[] | null;
    if ((m = javaLocationFileLineRx.exec(jloc[2]))) {
      lineFunc = m[1];
      lineFile = m[2];
      const n = Number(m[3]);
      if (Number.isSafeInteger(n) && n > 0) lineNo = n;
    } else if ((m = javaLocationPathRx.exec(jloc[2]))) {
      lineFunc = m[1];
      lineFile = goBase(m[2]);
    } else if (jloc[2].includes('generated stub/JIT')) {
      lineFunc = 'STUB';
    } else {
      lineFunc = jloc[2];
    }
    let fn = fns.get(lineFunc);
    if (!fn) {
      fn = { id: 0, name: lineFunc, systemName: lineFunc, filename: lineFile, startLine: 0 };
      fns.set(lineFunc, fn);
      p.function.push(fn);
    }
    loc.line = [{ function: fn, line: lineNo, column: 0 }];
    loc.address = 0n;
  }
  applyMemoryMap(p, []);
  // pprof's Aggregate(address=false): every address is cleared.
  for (const l of p.location) l.address = 0n;
}

/** Go's filepath.Base. */
function goBase(path: string): string {
  if (path === '') return '.';
  path = path.replace(/\/+$/, '');
  if (path === '') return '/';
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}
