// gzip decompression for profile input, with an output cap so a "zip bomb" cannot exhaust memory.
// Go's gzip.Reader (used by pprof's ParseData) reads concatenated gzip members as one stream; we do too.
import { Inflate } from 'pako';
import { ProfileError } from './profileError';

/** Default cap on decompressed size: far above any real profile, well below what would crash the host. */
export const DEFAULT_MAX_GUNZIP_BYTES = 1 << 30;

export function isGzip(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

/**
 * A faster gzip decoder a host may supply (the CLI passes Node's zlib; core itself stays free of Node
 * APIs). It returns the whole output, or undefined whenever it is not sure to agree with Go: an error,
 * the output cap, bytes left over that are not zero padding. pako then decodes the input again and
 * decides, so results and error messages never depend on the host.
 */
export type NativeGunzip = (data: Uint8Array, maxBytes: number) => Uint8Array | undefined;

class OutputTooLarge extends Error {}

export function gunzip(data: Uint8Array, maxBytes = DEFAULT_MAX_GUNZIP_BYTES, native?: NativeGunzip): Uint8Array {
  if (native) {
    const out = native(data, maxBytes);
    if (out !== undefined && out.length <= maxBytes) return out;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  let rest = data;
  for (let member = 0; ; member++) {
    const inflate = new Inflate();
    const memberChunks: Uint8Array[] = chunks;
    inflate.onData = (chunk: Uint8Array) => {
      total += chunk.length;
      if (total > maxBytes) throw new OutputTooLarge();
      memberChunks.push(chunk);
    };
    inflate.onEnd = (status: number) => {
      inflate.err = status as never;
    };
    try {
      inflate.push(rest, true);
    } catch (e) {
      if (e instanceof OutputTooLarge) {
        throw new ProfileError(`decompressed profile exceeds the ${formatBytes(maxBytes)} limit`);
      }
      throw new ProfileError(`corrupt gzip data: ${e instanceof Error ? e.message : String(e)}`);
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
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

function formatBytes(n: number): string {
  if (n >= 1 << 30 && n % (1 << 30) === 0) return `${n / (1 << 30)} GiB`;
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  return `${n} bytes`;
}
