// The goroutine leak profile (/debug/pprof/goroutineleak): generally available in Go 1.27, an
// experiment in Go 1.26 (GOEXPERIMENT=goroutineleakprofile). A program that does not have it (older
// Go, or Go 1.26 built without the experiment) still routes the path to net/http/pprof's handler,
// which finds no such runtime/pprof profile and answers `404 Not Found` with the text
// "Unknown profile" (net/http/pprof's handler.ServeHTTP: pprof.Lookup returns nil). That answer is
// turned into one sentence saying what to do, for the extension and the CLI alike.

/** The endpoint below /debug/pprof/. */
export const GOROUTINE_LEAK_ENDPOINT = 'goroutineleak';

/** What to do when a target does not serve the leak profile. */
export const GOROUTINE_LEAK_HOW_TO_ENABLE = 'build the program with Go 1.27 or later (the leak profile is on by default there), ' +
  'or with Go 1.26 and GOEXPERIMENT=goroutineleakprofile (e.g. GOEXPERIMENT=goroutineleakprofile go build)';

/** True for a URL of the goroutine leak profile (any query). */
export function isGoroutineLeakUrl(url: string): boolean {
  try {
    return new URL(url).pathname.replace(/\/+$/, '').endsWith(`/${GOROUTINE_LEAK_ENDPOINT}`);
  } catch {
    return false;
  }
}

/**
 * The message for a 404 of the leak endpoint; undefined when the 404 is not net/http/pprof's
 * "Unknown profile" (then the program serves no pprof at all, or under another path).
 */
export function goroutineLeakNotServed(url: string, status: number, body: string): string | undefined {
  if (status !== 404 || !isGoroutineLeakUrl(url) || body.trim() !== 'Unknown profile') return undefined;
  return 'the program does not serve the goroutine leak profile (server response: 404 Not Found - Unknown profile): ' +
    `it is not in this program's Go runtime. To enable it, ${GOROUTINE_LEAK_HOW_TO_ENABLE}.`;
}
