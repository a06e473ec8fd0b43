// Turning a user-given source into the URL to fetch, as `go tool pprof` does (adjustURL in Go's
// cmd/pprof/pprof.go): "host:port/path" gets "http://"; an empty path means the CPU profile
// (/debug/pprof/profile); "https+insecure://" skips certificate checks; -seconds sets ?seconds=N on the URL
// (net/http/pprof reads it on /profile and /trace, and on heap/allocs/block/mutex/goroutine it
// asks for a delta profile); a ?seconds= already in the URL sets the collection time; the timeout
// is the collection time plus half of it (pprof's rule), or 60s when there is no collection time.
// One addition of ours: ".../debug/pprof/" (the index page) also means the CPU profile.

export interface ProfileUrl {
  url: string;
  /** Collection time in seconds (0 = instant profile). */
  seconds: number;
  /** pprof's timeout for this fetch, in milliseconds (excluding our connect/grace margins). */
  timeoutMs: number;
  /** https+insecure://: do not verify the server certificate. */
  insecure: boolean;
}

const defaultPath = '/debug/pprof/profile';

/** True when the source names an http(s) URL (or host:port[/path]) rather than a file. */
export function isUrlSource(source: string): boolean {
  if (/^(https?|https\+insecure):\/\//i.test(source)) return true;
  // "host:port" or "host:port/path", as pprof accepts (it tries "http://" + source).
  return /^[A-Za-z0-9.-]+:\d+(\/.*)?$/.test(source) || /^\[[0-9a-fA-F:]+\]:\d+(\/.*)?$/.test(source);
}

export function profileUrl(source: string, seconds?: number): ProfileUrl {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? source : `http://${source}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw new Error(`not a valid URL: ${JSON.stringify(source)}`);
  }
  let insecure = false;
  if (u.protocol === 'https+insecure:') {
    insecure = true;
    u = new URL(`https:${u.href.slice('https+insecure:'.length)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new Error(`unsupported URL scheme ${u.protocol.replace(/:$/, '')} (only http and https)`);
  }
  if (u.pathname === '' || u.pathname === '/' || /^\/debug\/pprof\/?$/.test(u.pathname)) {
    u.pathname = defaultPath;
  }
  let secs = 0;
  if (seconds !== undefined && seconds > 0) {
    secs = Math.trunc(seconds);
    u.searchParams.set('seconds', String(secs));
  } else {
    const q = u.searchParams.get('seconds');
    if (q !== null && /^[+-]?\d+$/.test(q)) secs = Math.max(0, parseInt(q, 10));
  }
  const timeoutMs = secs > 0 ? Math.round(secs * 1500) : 60_000;
  return { url: u.toString(), seconds: secs, timeoutMs, insecure };
}
