// Entry point for reading a profile from bytes: sniffs the content (never the file name), gunzips,
// then decodes profile.proto or one of the legacy text/binary formats, validates like pprof's
// CheckValid and applies drop_frames/keep_frames like pprof's fetch does (RemoveUninteresting).
import { ConcatenatedProfilesError, decodeProfileProto } from './protoDecode';
import { NativeGunzip, gunzip, isGzip } from './gunzip';
import { SizeLimit, checkStringLength, sizeLimit } from './limits';
import { Profile } from './profile';
import { ProfileError } from './profileError';
import { checkValid } from './checkValid';
import { removeUninteresting } from './prune';
import { parseLegacyBinary, parseLegacyText, looksLikeText } from './legacyParse';
import { recognizeForeign, reservedIdFault } from './unreadable';

export interface ParseOptions {
  /** Keep frames the profile's drop_frames would remove (pprof's -all_frames). Default false. */
  keepAllFrames?: boolean;
  /**
   * The host's maximum profile size in bytes (default 512 MiB): the cap on the decompressed size of
   * gzip input and on the estimated memory of the decoded profile (see limits.ts).
   */
  maxBytes?: number;
  /** Where the user sets maxBytes ("pprofLens.maxProfileSizeMiB", "-max_size_mib"), named in messages. */
  limitName?: string;
  /** The bytes were already decompressed by the host (with the same cap): no gunzip step. */
  gunzipped?: boolean;
  /** A faster gzip decoder from the host (e.g. Node's zlib); pako decides whenever it declines. */
  nativeGunzip?: NativeGunzip;
}

/**
 * Decodes one profile from bytes (gzipped or not, profile.proto or a legacy format), validates it
 * like pprof's CheckValid and applies drop_frames unless keepAllFrames. Throws ProfileError, and only
 * that, for anything it cannot read, with `source` in front of the message when given.
 */
export function parseProfile(data: Uint8Array, source?: string, options: ParseOptions = {}): Profile {
  try {
    const [p, fromProto] = parseUnchecked(data, options);
    checkValid(p, fromProto);
    if (!options.keepAllFrames) removeUninteresting(p);
    return p;
  } catch (e) {
    if (e instanceof ProfileError) {
      if (source && !e.source) throw new ProfileError(e.message, source);
      throw e;
    }
    // Anything else is our bug or the engine refusing an allocation: still one typed error.
    const msg = e instanceof RangeError ? 'profile too large or malformed' : 'internal error';
    throw new ProfileError(`${msg} (${e instanceof Error ? e.message : String(e)})`, source);
  }
}

/** Returns the profile and whether it came from the proto decoder. */
function parseUnchecked(data: Uint8Array, options: ParseOptions): [Profile, boolean] {
  const limit: SizeLimit = sizeLimit(options.maxBytes, options.limitName);
  // perf.data is recognised before anything else, as pprof's fetch does (it is never gzipped).
  if (!options.gunzipped && recognizePerf(data)) throw new ProfileError(recognizeForeign(data) as string);
  if (!options.gunzipped && isGzip(data)) data = gunzip(data, limit, options.nativeGunzip);
  if (data.length === 0) throw new ProfileError('empty input');
  if (looksLikeText(data)) {
    checkStringLength(data.length, 'text profile');
    const p = parseLegacyText(data, limit);
    if (p) return [p, false];
    // Text we do not recognise; a proto could in theory look like text, so give it a chance.
    try {
      return [decodeProfileProto(data, limit), true];
    } catch {
      throw new ProfileError(recognizeForeign(data) ?? `not a profile: unrecognised content (starts with ${quotePrefix(data)})`);
    }
  }
  try {
    return [decodeProfileProto(data, limit), true];
  } catch (e) {
    if (e instanceof ConcatenatedProfilesError || isTooLarge(e)) throw e;
    // A line without its function: Go names a reserved id 0 first, when there is one.
    const nilFn = e instanceof ProfileError ? /^malformed profile: location id: (\d+) has a line with nil function$/.exec(e.message) : null;
    const reserved = nilFn ? reservedIdFault(data, Number(nilFn[1])) : undefined;
    if (reserved) throw new ProfileError(reserved);
    // pprof falls back to the legacy parsers when the proto does not decode.
    const p = parseLegacyBinary(data);
    if (p) return [p, false];
    // A recognisable non-pprof file (OTLP, perf.data, a trace, a binary) says what it is.
    const foreign = recognizeForeign(data);
    if (foreign) throw new ProfileError(foreign);
    if (!PROFILE_FIRST_TAGS.has(data[0])) {
      throw new ProfileError(`not a profile: unrecognised content (starts with ${quotePrefix(data)})`);
    }
    throw e;
  }
}

function recognizePerf(data: Uint8Array): boolean {
  return data.length >= 8 && String.fromCharCode(...data.subarray(0, 8)) === 'PERFILE2';
}

/** A refusal for size: final, no other format is tried. */
function isTooLarge(e: unknown): boolean {
  return e instanceof ProfileError && e.message.startsWith('profile too large');
}

/** Tags (field << 3 | wire type) a profile.proto can start with: fields 1..15 with their wire types. */
const PROFILE_FIRST_TAGS = new Set([
  0x0a, 0x12, 0x1a, 0x22, 0x2a, 0x32, 0x38, 0x40, 0x48, 0x50, 0x5a, 0x60, 0x68, 0x6a, 0x70, 0x78,
]);

/** The first printable line of data, quoted like Go's %q (at most 32 characters). */
function quotePrefix(data: Uint8Array): string {
  let i = 0;
  while (i < data.length && (data[i] === 0x0a || data[i] === 0x0d || data[i] === 0x20 || data[i] === 0x09)) i++;
  let s = '';
  for (let n = 0; i < data.length && n < 32; i++, n++) {
    const c = data[i];
    if (c === 0x0a || c === 0x0d) break;
    if (c === 0x22 || c === 0x5c) s += '\\' + String.fromCharCode(c);
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += '\\x' + c.toString(16).padStart(2, '0');
  }
  return '"' + s + '"';
}
