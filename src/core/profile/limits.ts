// Size limits of profile reading, so that no input (a 136 KB gzip that holds 70 million empty samples,
// 200 KB of gzipped newlines, a gzip bomb) can make the engine abort the process: V8 kills the process
// without a catchable error when an array grows past ~120 million elements or a string past 2^29
// characters. Each limit is checked by counting before anything is allocated, and a refused input
// gets one ProfileError that names what is too large and which limit it is over.
//
// One number, the host's maximum profile size (pprofLens.maxProfileSizeMiB, the CLI's -max_size_mib,
// 512 MiB by default), bounds the file, its decompressed bytes and the estimated memory of what is
// decoded from it. Go's pprof has no such limits; these refuse only inputs that would not fit in
// memory anyway.
import { ProfileError } from './profileError';

/** Default maximum profile size in bytes (512 MiB), as pprofLens.maxProfileSizeMiB and -max_size_mib. */
export const DEFAULT_MAX_PROFILE_BYTES = 512 * 2 ** 20;

/**
 * Longest string V8 can make (String::kMaxLength on 64-bit, 2^29 - 24 characters): a string table
 * entry or a text profile longer than this cannot be decoded at all, whatever the limit.
 */
export const MAX_STRING_LENGTH = 2 ** 29 - 24;

/**
 * Most entries of one table (samples, locations, functions, mappings, strings, lines) read, whatever
 * the limit: arrays stay well below V8's largest (2^27 elements on 64-bit).
 */
export const MAX_TABLE_ENTRIES = 2 ** 26;

/** Estimated memory of one line of text held as a string in an array (the array slot and the string). */
const LINE_COST = 40;

/** How a size limit is named in messages: its value, and where the user sets it (appended when given). */
export interface SizeLimit {
  /** The limit, in bytes. */
  bytes: number;
  /** The setting or flag that sets it, e.g. "pprofLens.maxProfileSizeMiB" (optional). */
  name?: string;
}

/** "512 MiB" (binary units, whole when exact, else one decimal). */
export function formatBytes(n: number): string {
  const units: [number, string][] = [[2 ** 30, 'GiB'], [2 ** 20, 'MiB'], [2 ** 10, 'KiB']];
  for (const [size, unit] of units) {
    if (n >= size) return n % size === 0 ? `${n / size} ${unit}` : `${(n / size).toFixed(1)} ${unit}`;
  }
  return `${n} bytes`;
}

/** " (pprofLens.maxProfileSizeMiB)" or "" when the limit has no name. */
function limitName(limit: SizeLimit): string {
  return limit.name ? ` (${limit.name})` : '';
}

/**
 * The one error for an input over a limit: "profile too large: <what>, over the <limit> limit".
 * `what` names the thing that is too large, e.g. "70000000 samples would take about 9.8 GiB of memory".
 */
export function tooLarge(what: string, limit: SizeLimit): ProfileError {
  return new ProfileError(`profile too large: ${what}, over the ${formatBytes(limit.bytes)} limit${limitName(limit)}`);
}

/** Throws when a table would have more than MAX_TABLE_ENTRIES entries. `what`: "samples", "lines", … */
export function checkTableSize(count: number, what: string): void {
  if (count > MAX_TABLE_ENTRIES) {
    throw new ProfileError(`profile too large: ${count} ${what}, more than the ${MAX_TABLE_ENTRIES} Pprof Lens reads`);
  }
}

/** Throws when bytes of text are more than one JavaScript string can hold. `what`: "text profile", … */
export function checkStringLength(bytes: number, what: string): void {
  if (bytes > MAX_STRING_LENGTH) {
    throw new ProfileError(`profile too large: ${what} of ${bytes} bytes is longer than the longest ` +
      `JavaScript string (${MAX_STRING_LENGTH} characters)`);
  }
}

/**
 * Number of lines of text (newlines, plus one for a last line without one), counted without
 * allocating; throws the limit's error when holding them as an array of strings would take more
 * than the limit, or more than MAX_TABLE_ENTRIES lines.
 */
export function checkLineCount(text: string, limit: SizeLimit): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  if (text.length > 0 && text[text.length - 1] !== '\n') n++;
  const cost = n * LINE_COST + text.length;
  if (cost > limit.bytes) tooLargeThrow(`${n} lines of text would take about ${formatBytes(cost)} of memory`, limit);
  checkTableSize(n, 'lines');
  return n;
}

/** checkLineCount on UTF-8 bytes, before they are decoded into a string. */
export function checkLineBytes(data: Uint8Array, limit: SizeLimit): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 0x0a) n++;
  if (data.length > 0 && data[data.length - 1] !== 0x0a) n++;
  const cost = n * LINE_COST + data.length;
  if (cost > limit.bytes) tooLargeThrow(`${n} lines of text would take about ${formatBytes(cost)} of memory`, limit);
  checkTableSize(n, 'lines');
  return n;
}

function tooLargeThrow(what: string, limit: SizeLimit): never {
  throw tooLarge(what, limit);
}

/** The limit as given, or the default. */
export function sizeLimit(bytes?: number, name?: string): SizeLimit {
  return { bytes: bytes ?? DEFAULT_MAX_PROFILE_BYTES, ...(name ? { name } : {}) };
}

/** The error for a file over the limit, before it is read: "profile too large: the file is 600.0 MiB, …". */
export function fileTooLarge(size: number, limit: SizeLimit): ProfileError {
  return tooLarge(`the file is ${formatBytes(size)}`, limit);
}
