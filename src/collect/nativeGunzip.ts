// Node's zlib for the gunzip step of profile decoding: several times faster than pako, which core
// keeps for hosts without Node (webviews). Core's gunzip falls back to pako whenever this declines,
// so what is accepted, and every error message, stays as pako and Go's gzip.Reader have it.
//
// Memory: zlib applies the cap as output arrives (maxOutputLength) and writes into chunks of
// `chunkSize`. One chunk of the cap's size (address space only: pages count once written) holds the
// whole output, returned without the concatenating copy that used to double the peak (a 0.9 MB
// bomb reached 1.87 GB with the old 1 GiB cap).
import * as zlib from 'zlib';
import { kMaxLength } from 'buffer';
import type { NativeGunzip } from '../core/profile/gunzip';
import { loadProfile as loadProfileWith, type LoadOptions } from '../core/profile/loadProfile';
import type { Profile } from '../core/profile/profile';

/** Gunzip through Node's zlib, within maxBytes of output ('too large' past it); undefined whenever pako should decide. */
export const nodeGunzip: NativeGunzip = (data, maxBytes) => {
  let result: { buffer: Buffer; engine: zlib.Gunzip };
  const cap = Math.min(maxBytes, kMaxLength - 1);
  try {
    // Reads concatenated members as one stream, like Go; stops at a zero byte after a member.
    result = zlib.gunzipSync(data, { info: true, maxOutputLength: cap, chunkSize: cap + 1 }) as unknown as {
      buffer: Buffer;
      engine: zlib.Gunzip;
    };
  } catch (e) {
    // Over the cap: pako would stop at the same byte count, so it need not inflate it all again.
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'too large';
    return undefined; // corrupt, truncated: pako says which, in its words
  }
  // Go accepts trailing bytes only when they are all zero padding.
  const consumed = result.engine.bytesWritten;
  if (!(consumed > 0)) return undefined;
  for (let i = consumed; i < data.length; i++) if (data[i] !== 0) return undefined;
  return result.buffer;
};

/**
 * core's loadProfile (as `go tool pprof FILE` reads it) with Node's zlib for the gunzip step; options
 * carry the host's size limit (default 512 MiB) and its name for messages.
 */
export function loadProfileWithZlib(bytes: Uint8Array, source?: string, options: Omit<LoadOptions, 'nativeGunzip'> = {}): Profile {
  return loadProfileWith(bytes, source, { ...options, nativeGunzip: nodeGunzip });
}
