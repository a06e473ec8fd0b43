// Text of a capture that may be gzipped (dumps are plain; someone may gzip one). Undefined when the
// bytes are not text (a protobuf profile), judged from the first kilobyte.
import * as zlib from 'zlib';
import { kMaxLength } from 'buffer';
import { MAX_STRING_LENGTH, type SizeLimit, sizeLimit } from '../../core/profile/limits';

/**
 * The text of bytes, gunzipped when they are gzip, or undefined when they are not text, not valid
 * gzip, over the limit (default 512 MiB) decompressed, or longer than a JavaScript string can be:
 * the profile decoder then reads them and says what is wrong.
 */
export function gunzipIfNeeded(bytes: Uint8Array, limit: SizeLimit = sizeLimit()): string | undefined {
  let data = bytes;
  if (data.length > 1 && data[0] === 0x1f && data[1] === 0x8b) {
    const cap = Math.min(limit.bytes, kMaxLength - 1);
    try {
      data = zlib.gunzipSync(data, { maxOutputLength: cap, chunkSize: cap + 1 });
    } catch {
      return undefined;
    }
  }
  if (data.length > MAX_STRING_LENGTH) return undefined;
  const n = Math.min(data.length, 1024);
  for (let i = 0; i < n; i++) {
    const c = data[i];
    if (c < 0x09 || (c > 0x0d && c < 0x20)) return undefined;
  }
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
}
