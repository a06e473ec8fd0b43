// A 200 answer is not always the profile asked for: a program whose mux has a catch-all "/" handler
// answers any path, so a target address with a wrong path prefix ("http://host:6060/api") returns that
// handler's page for /api/debug/pprof/heap. Saved as a capture, it would sit in the Profiles view as a
// ".pb.gz" that no tool can open. So the body is checked against what the endpoint serves before it
// is saved; anything that could be a profile (gzip, binary data, a legacy text profile) passes,
// and damaged profiles are still saved (and their parse error shown) rather than thrown away. Text is
// refused unless it is a legacy text profile: net/http/pprof always gzips its protobufs.
import { looksLikeGoroutineDump } from '../core/goroutine/goroutineDump';
import { isGzip } from '../core/profile/gunzip';
import { looksLikeText, parseLegacyText } from '../core/profile/legacyParse';
import { traceVersion } from '../core/trace/readTrace';
import type { CaptureKind } from './captureKind';
import { CollectError } from './collectError';

/** Throws a CollectError ('not-profile') when `body` is plainly not what `kind`'s endpoint serves. */
export function checkCaptureBody(kind: CaptureKind, body: Uint8Array, url?: string): void {
  if (kind.id === 'trace') {
    if (traceVersion(body) === undefined) throw notIt(kind, body, url);
    return;
  }
  if (kind.id === 'goroutine-dump' || kind.id === 'goroutine-leak') {
    if (!looksLikeGoroutineDump(new TextDecoder().decode(body.subarray(0, 4096)))) throw notIt(kind, body, url);
    return;
  }
  if (isGzip(body) || !looksLikeText(body)) return; // a (maybe damaged) profile: saved, its parse error shown
  // net/http/pprof gzips its protobufs: text here is a legacy text profile or not a profile at all.
  try {
    if (parseLegacyText(body) !== undefined) return;
  } catch {
    return; // a legacy text profile that does not parse: kept, like a damaged protobuf
  }
  throw notIt(kind, body, url);
}

function notIt(kind: CaptureKind, body: Uint8Array, url?: string): CollectError {
  return new CollectError('not-profile', `not a ${kind.label}: the server answered with ${describe(body)}; ` +
    'is the path of the target\'s address right (it should lead to /debug/pprof/)?', url);
}

/** `text starting with "…"` (the first non-blank line, at most 60 characters), or the size of binary data. */
function describe(body: Uint8Array): string {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, 512));
  const printable = head.length > 0 && [...head].every((c) => {
    const code = c.charCodeAt(0);
    return (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) && code !== 0xfffd;
  });
  if (!printable) return `${body.length} bytes of something else`;
  const line = head.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  return `text starting with ${JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line)}`;
}
