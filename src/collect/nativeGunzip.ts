// Node's zlib for the gunzip step of profile decoding: several times faster than pako, which core
// keeps for hosts without Node (webviews). Core's gunzip falls back to pako whenever this declines,
// so what is accepted, and every error message, stays as pako and Go's gzip.Reader have it.
import * as zlib from 'zlib';
import { kMaxLength } from 'buffer';
import type { NativeGunzip } from '../core/profile/gunzip';
import { loadProfile as loadProfileWith } from '../core/profile/loadProfile';
import type { Profile } from '../core/profile/profile';

export const nodeGunzip: NativeGunzip = (data, maxBytes) => {
  let result: { buffer: Buffer; engine: zlib.Gunzip };
  try {
    // Reads concatenated members as one stream, like Go; stops at a zero byte after a member.
    result = zlib.gunzipSync(data, { info: true, maxOutputLength: Math.min(maxBytes, kMaxLength) }) as unknown as {
      buffer: Buffer;
      engine: zlib.Gunzip;
    };
  } catch {
    return undefined; // corrupt, truncated, over the cap: pako says which, in its words
  }
  // Go accepts trailing bytes only when they are all zero padding.
  const consumed = result.engine.bytesWritten;
  if (!(consumed > 0)) return undefined;
  for (let i = consumed; i < data.length; i++) if (data[i] !== 0) return undefined;
  return result.buffer;
};

/** core's loadProfile (as `go tool pprof FILE` reads it) with Node's zlib for the gunzip step. */
export function loadProfile(bytes: Uint8Array, source?: string): Profile {
  return loadProfileWith(bytes, source, { nativeGunzip: nodeGunzip });
}
