// Fetching a profile over HTTP(S) from a net/http/pprof endpoint, as `go tool pprof <url>` does
// (internal/driver/fetch.go: fetchURL, statusCodeError), with the failures a user meets turned into
// one clear sentence each (see CollectError). Bounded in time: a connect timeout, a total timeout of
// the collection time plus a grace period, and cancellation through an AbortSignal.
import * as http from 'http';
import * as https from 'https';
import * as zlib from 'zlib';
import { DEFAULT_MAX_PROFILE_BYTES } from '../core/profile/limits';
import { CollectError } from './collectError';
import { goroutineLeakNotServed } from './goroutineLeak';
import { profileUrl } from './profileUrl';

export interface FetchOptions {
  /** Collection time (-seconds): sets ?seconds=N on the URL. */
  seconds?: number;
  /** Total time allowed for the whole fetch; default: collection time × 1.5 + 10s, or 70s. */
  timeoutMs?: number;
  /** Time allowed to open the connection; default 10s. */
  connectTimeoutMs?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /**
   * Largest body accepted, as sent and (Content-Encoding: gzip) once decoded; default 512 MiB, the
   * default of pprofLens.maxProfileSizeMiB and -max_size_mib.
   */
  maxBytes?: number;
}

const graceMs = 10_000;
const maxRedirects = 10;

/**
 * Fetches the raw bytes of a profile (gzipped proto, or legacy text for debug=1 endpoints). Like Go's
 * http.Transport it asks for `Accept-Encoding: gzip` (unless the caller set that header) and decodes
 * a `Content-Encoding: gzip` answer, streamed, within maxBytes.
 */
export async function fetchProfile(source: string, opts: FetchOptions = {}): Promise<Uint8Array> {
  let target;
  try {
    target = profileUrl(source, opts.seconds);
  } catch (e) {
    throw new CollectError('bad-url', (e as Error).message, source);
  }
  const totalMs = opts.timeoutMs ?? target.timeoutMs + graceMs;
  const deadline = Date.now() + totalMs;
  let url = target.url;
  const origin = new URL(url).origin;
  for (let hop = 0; ; hop++) {
    // The target's headers (Authorization, Cookie, … of pprofLens.targets) go only to the target's own
    // origin: a redirect to another host, port or scheme (https → http) gets none, as Go's net/http
    // drops credentials on a redirect to another domain.
    const sameOrigin = new URL(url).origin === origin;
    const r = await getOnce(url, sameOrigin ? opts : { ...opts, headers: undefined }, deadline, totalMs, target.insecure);
    if (r.redirect === undefined) return r.body!;
    if (hop >= maxRedirects) throw new CollectError('http', `stopped after ${maxRedirects} redirects`, url);
    url = new URL(r.redirect, url).toString();
  }
}

interface OnceResult {
  body?: Uint8Array;
  redirect?: string;
}

function getOnce(url: string, opts: FetchOptions, deadline: number, totalMs: number, insecure: boolean): Promise<OnceResult> {
  return new Promise<OnceResult>((resolve, reject) => {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PROFILE_BYTES;
    let settled = false;
    let phase: 'connect' | 'response' | 'body' = 'connect';
    const timers: NodeJS.Timeout[] = [];
    const fail = (err: CollectError) => {
      if (settled) return;
      settled = true;
      cleanup();
      req.destroy();
      reject(err);
    };
    const done = (r: OnceResult) => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve(r);
    };
    const onAbort = () => fail(new CollectError('cancelled', 'cancelled', url));
    const cleanup = () => {
      for (const t of timers) clearTimeout(t);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    if (opts.signal?.aborted) {
      reject(new CollectError('cancelled', 'cancelled', url));
      return;
    }

    const req = mod.get(u, { agent: false, ...(insecure ? { rejectUnauthorized: false } : {}), headers: requestHeaders(opts.headers) }, (res) => {
      phase = 'body';
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        done({ redirect: res.headers.location });
        return;
      }
      const chunks: Buffer[] = [];
      let got = 0;
      let decoded = 0;
      const tooLarge = (what: string) => fail(new CollectError('too-large', `response larger than ${maxBytes} bytes${what}`, url));
      // Content-Encoding: gzip is decoded as it arrives (as Go's transport does), the cap applied to
      // the decoded bytes, so a small compressed answer cannot grow past the limit in memory.
      const gunzip = /^\s*gzip\s*$/i.test(String(res.headers['content-encoding'] ?? '')) ? zlib.createGunzip() : undefined;
      let gunzipDone: Promise<void> = Promise.resolve();
      if (gunzip) {
        gunzipDone = new Promise<void>((ok) => {
          gunzip.on('data', (c: Buffer) => {
            decoded += c.length;
            if (decoded > maxBytes) {
              gunzip.destroy();
              tooLarge(' once decompressed (Content-Encoding: gzip)');
              return;
            }
            chunks.push(c);
          });
          gunzip.on('end', ok);
          gunzip.on('error', (e) => fail(new CollectError('io', `bad gzip-encoded response (Content-Encoding: gzip): ${e.message}`, url)));
        });
      }
      res.on('data', (c: Buffer) => {
        got += c.length;
        if (got > maxBytes) {
          tooLarge('');
          return;
        }
        if (gunzip) gunzip.write(c);
        else chunks.push(c);
      });
      res.on('aborted', () => fail(truncated(url, got, res.headers['content-length'])));
      res.on('error', () => fail(truncated(url, got, res.headers['content-length'])));
      res.on('end', async () => {
        if (settled) return;
        const expected = res.headers['content-length'];
        if (!res.complete || (expected !== undefined && Number(expected) !== got)) {
          fail(truncated(url, got, expected));
          return;
        }
        if (gunzip) {
          gunzip.end();
          await gunzipDone;
          if (settled) return;
          got = decoded;
        }
        const body = Buffer.concat(chunks, got);
        if (status !== 200) {
          fail(statusError(url, status, res.statusMessage ?? '', body));
          return;
        }
        const ctype = String(res.headers['content-type'] ?? '');
        if (looksLikeHtml(ctype, body)) {
          fail(new CollectError('html', `not a profile: the server sent an HTML page (${ctype || 'no content type'}); ` +
            'point the URL at a /debug/pprof/<profile> endpoint', url));
          return;
        }
        if (got === 0) {
          fail(new CollectError('empty', 'not a profile: the server sent an empty response', url));
          return;
        }
        done({ body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) });
      });
    });

    req.on('socket', (sock) => {
      const connectMs = Math.min(opts.connectTimeoutMs ?? 10_000, Math.max(0, deadline - Date.now()));
      const t = setTimeout(() => {
        if (phase === 'connect') {
          fail(new CollectError('connect-timeout', `could not connect within ${fmtSec(connectMs)} ` +
            '(is the host reachable and the port open?)', url));
        }
      }, connectMs);
      timers.push(t);
      sock.once(u.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
        if (phase === 'connect') phase = 'response';
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => fail(networkError(url, u, e, phase)));
    timers.push(setTimeout(() => {
      fail(new CollectError('timeout', `timed out after ${fmtSec(totalMs)} ${phase === 'body' ? 'while receiving the profile'
        : phase === 'response' ? 'waiting for the server to respond' : 'connecting'}`, url));
    }, Math.max(0, deadline - Date.now())));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The request headers: ours, the caller's (which win), and Accept-Encoding: gzip as Go's transport sends it. */
function requestHeaders(extra: Record<string, string> | undefined): Record<string, string> {
  const h: Record<string, string> = { 'User-Agent': 'pprof-lens', ...extra };
  if (!Object.keys(h).some((k) => k.toLowerCase() === 'accept-encoding')) h['Accept-Encoding'] = 'gzip';
  return h;
}

function fmtSec(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

function truncated(url: string, got: number, expected: string | undefined): CollectError {
  return new CollectError('truncated', expected !== undefined
    ? `truncated response: the connection closed after ${got} of ${expected} bytes`
    : `truncated response: the connection closed after ${got} bytes, before the end of the profile`, url);
}

function networkError(url: string, u: URL, e: NodeJS.ErrnoException, phase: string): CollectError {
  const where = u.host;
  switch (e.code) {
    case 'ECONNREFUSED':
      return new CollectError('refused', `connection refused at ${where}: is the program running? right port?`, url);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CollectError('dns', `cannot resolve host ${u.hostname}`, url);
    case 'ECONNRESET':
    case 'EPIPE':
      return new CollectError('reset', phase === 'body'
        ? 'connection reset by the server while sending the profile'
        : 'connection reset by the server before it responded', url);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new CollectError('refused', `host ${u.hostname} is unreachable`, url);
    default:
      if (e.message === 'socket hang up') {
        return new CollectError('reset', 'the server closed the connection without responding', url);
      }
      return new CollectError('io', `http fetch: ${e.message}`, url);
  }
}

/**
 * A server's error text as one short line fit for a message: terminal escape sequences and control
 * characters removed, whitespace runs collapsed, at most 300 characters.
 */
export function errorBodyText(body: Buffer): string {
  const text = body.subarray(0, 4096).toString('utf8')
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

function statusError(url: string, status: number, statusText: string, body: Buffer): CollectError {
  const text = errorBodyText(body);
  const head = `server response: ${status} ${errorBodyText(Buffer.from(statusText))}`.trimEnd();
  const notServed = goroutineLeakNotServed(url, status, text);
  if (notServed) return new CollectError('not-served', notServed, url);
  if (status === 404) {
    return new CollectError('not-found', `${head}${text && !looksLikeHtml('', body) ? ` - ${text}` : ''} ` +
      '(no such profile endpoint: does the program import _ "net/http/pprof", and is the path /debug/pprof/<profile>?)', url);
  }
  return new CollectError('http', text ? `${head} - ${text}` : head, url);
}

function looksLikeHtml(contentType: string, body: Buffer): boolean {
  if (/text\/html/i.test(contentType)) return true;
  const head = body.subarray(0, 256).toString('latin1').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body');
}
