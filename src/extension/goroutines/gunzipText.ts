// Text of a capture that may be gzipped (dumps are plain; someone may gzip one). Undefined when the
// bytes are not text (a protobuf profile), judged from the first kilobyte.
import * as zlib from 'zlib';

export function gunzipIfNeeded(bytes: Uint8Array): string | undefined {
  let data = bytes;
  if (data.length > 1 && data[0] === 0x1f && data[1] === 0x8b) {
    try {
      data = zlib.gunzipSync(data, { maxOutputLength: 1 << 30 });
    } catch {
      return undefined;
    }
  }
  const n = Math.min(data.length, 1024);
  for (let i = 0; i < n; i++) {
    const c = data[i];
    if (c < 0x09 || (c > 0x0d && c < 0x20)) return undefined;
  }
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
}
