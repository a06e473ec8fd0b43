// gzip decompression for profile input, with an output cap so a "zip bomb" cannot exhaust memory.
// Go's gzip.Reader (used by pprof's ParseData) reads concatenated gzip members as one stream; we do too.
// The cap is applied as bytes arrive, and the output is written into one buffer sized from the gzip
// trailer's length (grown when that lies), so the peak is the output itself, not chunks plus a copy.
import { Inflate } from 'pako';
import { ProfileError } from './profileError';
import { DEFAULT_MAX_PROFILE_BYTES, SizeLimit, formatBytes } from './limits';
import { errorMessage } from '../text/errorMessage';

/** Whether data starts with the gzip magic bytes (1f 8b), as pprof's ParseData tests. */
export function isGzip(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

/**
 * A faster gzip decoder a host may supply (the CLI passes Node's zlib; core itself stays free of Node
 * APIs). It returns the whole output, 'too large' when the output passed maxBytes (pako would stop
 * there too), or undefined whenever it is not sure to agree with Go: an error, bytes left over that
 * are not zero padding. pako then decodes the input again and decides, so results and error
 * messages never depend on the host.
 */
export type NativeGunzip = (data: Uint8Array, maxBytes: number) => Uint8Array | 'too large' | undefined;

/**
 * The uncompressed size the gzip trailer announces (ISIZE, the last member's size mod 2^32), clamped
 * to [64 KiB, maxBytes + 1]: a first guess for the output buffer, never trusted beyond that.
 */
export function gzipSizeHint(data: Uint8Array, maxBytes: number): number {
  const n = data.length;
  const isize = n >= 18 ? (data[n - 4] | (data[n - 3] << 8) | (data[n - 2] << 16) | (data[n - 1] << 24)) >>> 0 : 0;
  return Math.min(Math.max(isize, 1 << 16), maxBytes + 1);
}

/** The error for gzip output over the cap: one message for every host. */
export function gunzipTooLarge(limit: SizeLimit): ProfileError {
  return new ProfileError(`profile too large: decompressed data exceeds the ${formatBytes(limit.bytes)} limit` +
    (limit.name ? ` (${limit.name})` : ''));
}

class OutputTooLarge extends Error {}

/**
 * Decompresses gzip data (one or more members) as Go's gzip.Reader does; throws ProfileError for
 * corrupt or truncated data, trailing garbage, or output over `limit` (bytes, or a SizeLimit that
 * names its setting; default 512 MiB). `native` is tried first when given.
 */
export function gunzip(data: Uint8Array, limit: number | SizeLimit = DEFAULT_MAX_PROFILE_BYTES, native?: NativeGunzip): Uint8Array {
  const lim: SizeLimit = typeof limit === 'number' ? { bytes: limit } : limit;
  const maxBytes = lim.bytes;
  if (native) {
    const out = native(data, maxBytes);
    if (out === 'too large') throw gunzipTooLarge(lim);
    if (out !== undefined && out.length <= maxBytes) return out;
  }
  let out = new Uint8Array(gzipSizeHint(data, maxBytes));
  let total = 0;
  let rest = data;
  for (let member = 0; ; member++) {
    const inflate = new Inflate();
    inflate.onData = (chunk: Uint8Array) => {
      const need = total + chunk.length;
      if (need > maxBytes) throw new OutputTooLarge();
      if (need > out.length) {
        const grown = new Uint8Array(Math.min(Math.max(need, out.length * 2), maxBytes));
        grown.set(out.subarray(0, total));
        out = grown;
      }
      out.set(chunk, total);
      total = need;
    };
    inflate.onEnd = (status: number) => {
      inflate.err = status as never;
    };
    try {
      inflate.push(rest, true);
    } catch (e) {
      if (e instanceof OutputTooLarge) throw gunzipTooLarge(lim);
      throw new ProfileError(`corrupt gzip data: ${errorMessage(e)}`);
    }
    const err = inflate.err as number;
    if (!inflate.ended) {
      throw new ProfileError('truncated gzip data');
    }
    if (err !== 0) {
      // pako reports a stream cut short as Z_BUF_ERROR (-5).
      if (err === -5) throw new ProfileError('truncated gzip data');
      throw new ProfileError(`corrupt gzip data: ${inflate.msg || 'error ' + err}`);
    }
    // Bytes left after this member: another member (Go reads it) or trailing garbage.
    const strm = (inflate as unknown as { strm: { avail_in: number } }).strm;
    const left = strm ? strm.avail_in : 0;
    if (left <= 0) break;
    rest = rest.subarray(rest.length - left);
    if (!isGzip(rest)) {
      // Go's gzip.Reader fails on a non-gzip trailer ("invalid header") unless it is all zero padding.
      if (rest.every((b) => b === 0)) break;
      throw new ProfileError('corrupt gzip data: trailing garbage after gzip stream');
    }
    if (member > 10000) throw new ProfileError('corrupt gzip data: too many gzip members');
  }
  if (total === out.length) return out;
  // A trailer that announced far more than came (a lie, or several members): do not keep the rest.
  return out.length > 2 * total + (1 << 20) ? out.slice(0, total) : out.subarray(0, total);
}
