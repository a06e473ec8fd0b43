// A capture target: a running Go program serving net/http/pprof, known by its base URL
// ("http://localhost:6060"). Users type "localhost:6060", ":6060", "http://host:6060/debug/pprof/"
// or a full endpoint URL; all of them name the same program. Only http and https are accepted
// (docs/ARCHITECTURE.md: network access only to URLs the user configured or confirmed).
import { CaptureKind } from './captureKind';

export interface CaptureTarget {
  /** What the user calls it: a configured name, or host:port. */
  name: string;
  /** Base URL without a trailing slash and without /debug/pprof: "http://localhost:6060". */
  baseUrl: string;
  headers?: Record<string, string>;
}

export type ParsedTargetUrl = { ok: true; baseUrl: string } | { ok: false; message: string };

/**
 * Normalises what a user typed or configured into a base URL. Accepts a scheme-less "host:port"
 * (and ":port", meaning localhost), strips a trailing /debug/pprof[/...] path, query and fragment.
 */
export function parseTargetUrl(input: string): ParsedTargetUrl {
  let s = input.trim();
  if (s === '') return { ok: false, message: 'Enter the address of a Go program serving net/http/pprof, e.g. localhost:6060' };
  if (/^:\d+/.test(s)) s = `localhost${s}`;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(s);
  if (scheme) {
    const p = scheme[1].toLowerCase();
    if (p !== 'http' && p !== 'https') return { ok: false, message: `Only http:// and https:// URLs are supported, not ${p}://` };
  } else {
    if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(s)) return { ok: false, message: `Not an http(s) URL: ${s}` };
    s = `http://${s}`;
  }
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return { ok: false, message: `Not a valid URL: ${input.trim()}` };
  }
  if (u.hostname === '') return { ok: false, message: `No host in ${input.trim()}` };
  if (u.username || u.password) return { ok: false, message: 'Put credentials in the target\'s "headers", not in the URL' };
  let p = u.pathname.replace(/\/+$/, '');
  const i = p.indexOf('/debug/pprof');
  if (i >= 0) p = p.slice(0, i);
  return { ok: true, baseUrl: `${u.protocol}//${u.host}${p}` };
}

/**
 * The headers pprofLens.targets gives a base URL (they may hold tokens, so they live in the settings
 * only): for a target known only by its URL, such as a Profiles view group or a remembered target.
 */
export function configuredHeaders(baseUrl: string, configured: readonly (CaptureTarget & { problem?: string })[]): Record<string, string> | undefined {
  return configured.find((c) => !c.problem && c.baseUrl === baseUrl)?.headers;
}

/** host:port of a base URL (with the scheme's default port spelled out), for names and labels. */
export function hostPort(baseUrl: string): string {
  const u = new URL(baseUrl);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return `${u.hostname}:${port}`;
}

/** The URL of a kind's endpoint on a target; `seconds` for timed kinds. */
export function endpointUrl(baseUrl: string, kind: CaptureKind, seconds?: number): string {
  const u = new URL(`${baseUrl.replace(/\/+$/, '')}/debug/pprof/${kind.endpoint}`);
  for (const [k, v] of Object.entries(kind.query ?? {})) u.searchParams.set(k, v);
  if (kind.timed && seconds !== undefined) u.searchParams.set('seconds', String(Math.max(1, Math.trunc(seconds))));
  return u.toString();
}

/** The index page of net/http/pprof, used to check that a port serves it. */
export function indexUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/debug/pprof/`;
}

/** Seconds as a user typed them: a whole number from 1 to max, or an error message. */
export function parseSeconds(input: string, max = 3600): number | string {
  const s = input.trim().replace(/\s*s(ec(onds?)?)?$/i, '');
  if (!/^\d+$/.test(s)) return 'Enter a whole number of seconds, e.g. 30';
  const n = parseInt(s, 10);
  if (n < 1) return 'At least 1 second';
  if (n > max) return `At most ${max} seconds`;
  return n;
}

/** Which target the next capture will use, as far as it can be told without asking (see {@link nextTarget}). */
export type NextTarget =
  | { kind: 'current'; target: CaptureTarget }
  | { kind: 'only'; target: CaptureTarget }
  | { kind: 'choose'; count: number }
  | { kind: 'none' };

/**
 * The target a capture will use when no debug session serves pprof, in the order the capture
 * commands resolve it: the current target (the last one chosen); else the only saved one (configured
 * in pprofLens.targets or recently used); else, with several, the user chooses; with none, types a URL.
 * The status bar shows this, so it never says "no target" while a capture would use a configured one.
 */
export function nextTarget(current: CaptureTarget | undefined, saved: readonly CaptureTarget[]): NextTarget {
  if (current) return { kind: 'current', target: current };
  if (saved.length === 1) return { kind: 'only', target: saved[0] };
  if (saved.length > 1) return { kind: 'choose', count: saved.length };
  return { kind: 'none' };
}

/** What sidecarTarget makes of a URL read from captures' JSON sidecars. */
export type SidecarTarget =
  | { ok: true; baseUrl: string; known: boolean; headers?: Record<string, string> }
  | { ok: false; message: string };

/**
 * A Profiles view group's URL (read from its captures' sidecars) as a capture target. A sidecar is a file
 * anyone who wrote the folder could have written (a cloned repository, for one), so the URL is only
 * `known` (captured from without asking) when it is a configured target or one the user chose before
 * (`chosen`: base URLs); otherwise the caller asks first. Headers (tokens) come from the settings only,
 * for a configured URL. Not an http(s) URL, or with credentials in it: not a target at all.
 */
export function sidecarTarget(url: string, configured: readonly (CaptureTarget & { problem?: string })[], chosen: readonly string[]): SidecarTarget {
  const r = parseTargetUrl(url);
  if (!r.ok) return { ok: false, message: `the captures' sidecar names ${JSON.stringify(url)}: ${r.message}` };
  const isConfigured = configured.some((c) => c.baseUrl === r.baseUrl && !c.problem);
  return { ok: true, baseUrl: r.baseUrl, known: isConfigured || chosen.includes(r.baseUrl), headers: configuredHeaders(r.baseUrl, configured) };
}
