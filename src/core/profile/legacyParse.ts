// Dispatch over the legacy (pre-profile.proto) formats, in pprof's parseLegacy order, plus goroutine
// dumps (?debug=2), which pprof does not read.
import { Profile } from './profile';
import { ProfileError } from './profileError';
import { Unrecognized, addLegacyFrameInfo, splitLines } from './legacyCommon';
import { parseContention, parseGoCount, parseHeap, parseThread } from './legacyText';
import { parseCpu } from './legacyCpu';
import { parseJavaProfile } from './legacyJava';
import { MAX_LINE } from './goRegexp';
import { SizeLimit, checkLineBytes, checkStringLength, sizeLimit } from './limits';
import { goroutineDumpToProfile, looksLikeGoroutineDump, parseGoroutineDump } from '../goroutine/goroutineDump';

export function looksLikeText(data: Uint8Array): boolean {
  const n = Math.min(data.length, 1024);
  for (let i = 0; i < n; i++) {
    const c = data[i];
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

const textParsers = [parseHeap, parseGoCount, parseThread, parseContention];

/**
 * Returns undefined when no text parser recognises the input; throws ProfileError when one does but
 * fails, or when the text has more lines than fit the size limit (counted before they are split).
 */
export function parseLegacyText(data: Uint8Array, limit: SizeLimit = sizeLimit()): Profile | undefined {
  checkStringLength(data.length, 'text profile');
  checkLineBytes(data, limit);
  const text = new TextDecoder('utf-8').decode(data);
  if (looksLikeGoroutineDump(text)) {
    const p = goroutineDumpToProfile(parseGoroutineDump(text, limit));
    return p;
  }
  const lines = splitLines(text);
  const long = lines.findIndex((l) => l.length > MAX_LINE);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (long >= 0 && long === first) return undefined; // no header: not a profile we know
  if (long >= 0) {
    // pprof (bufio.Scanner) fails on such lines too.
    throw new ProfileError(`malformed profile: line ${long + 1} is longer than 64 KiB`);
  }
  for (const parse of textParsers) {
    try {
      const p = parse(lines);
      return finishLegacyProfile(p);
    } catch (e) {
      if (e instanceof Unrecognized) continue;
      throw e;
    }
  }
  try {
    return finishLegacyProfile(parseJavaProfile(text));
  } catch (e) {
    if (e instanceof Unrecognized) return undefined;
    throw e;
  }
}

export function parseLegacyBinary(data: Uint8Array): Profile | undefined {
  try {
    return finishLegacyProfile(parseCpu(data));
  } catch (e) {
    if (e instanceof Unrecognized) return undefined;
    throw e;
  }
}

function finishLegacyProfile(p: Profile): Profile {
  addLegacyFrameInfo(p);
  let unsafe = 0;
  for (const s of p.sample) for (const v of s.value) if (!Number.isSafeInteger(v)) unsafe++;
  if (unsafe > 0) p.unsafeValues = unsafe;
  if (p.sample.some((s) => s.value.some((v) => !Number.isFinite(v)))) {
    throw new ProfileError('malformed profile: sample value out of range');
  }
  return p;
}
