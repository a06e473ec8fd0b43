// The things a user can capture from a net/http/pprof server, one entry per endpoint we offer:
// where it lives under /debug/pprof/, how its file is named, and whether it runs for some seconds.
// Paths and query parameters are net/http/pprof's (src/net/http/pprof/pprof.go): /profile and /trace
// read ?seconds=N; ?debug=2 on /goroutine prints every goroutine's stack as text (a "goroutine dump").
// /goroutineleak (Go 1.27, or Go 1.26 with GOEXPERIMENT=goroutineleakprofile; runtime/pprof's
// writeGoroutineLeak) first runs a GC that finds goroutines blocked forever; with ?debug=2 it prints
// every goroutine as /goroutine?debug=2 does, the leaked ones with "(leaked)" after their wait reason
// and, like every goroutine there, their creation site. We capture that form for the creation sites.

export type CaptureKindId =
  | 'cpu'
  | 'heap'
  | 'allocs'
  | 'goroutine'
  | 'goroutine-dump'
  | 'goroutine-leak'
  | 'block'
  | 'mutex'
  | 'threadcreate'
  | 'trace';

export interface CaptureKind {
  id: CaptureKindId;
  /** Words for titles and messages: "CPU profile", "goroutine dump". */
  label: string;
  /** Endpoint below /debug/pprof/. */
  endpoint: string;
  /** Extra query parameters (besides seconds). */
  query?: Record<string, string>;
  /** File extension, without the leading dot. */
  ext: 'pb.gz' | 'txt' | 'trace';
  /** True when the capture lasts a number of seconds (CPU profile, execution trace). */
  timed: boolean;
}

export const CAPTURE_KINDS: readonly CaptureKind[] = [
  { id: 'cpu', label: 'CPU profile', endpoint: 'profile', ext: 'pb.gz', timed: true },
  { id: 'heap', label: 'heap profile', endpoint: 'heap', ext: 'pb.gz', timed: false },
  { id: 'allocs', label: 'allocs profile', endpoint: 'allocs', ext: 'pb.gz', timed: false },
  { id: 'goroutine', label: 'goroutine profile', endpoint: 'goroutine', ext: 'pb.gz', timed: false },
  { id: 'goroutine-dump', label: 'goroutine dump', endpoint: 'goroutine', query: { debug: '2' }, ext: 'txt', timed: false },
  { id: 'goroutine-leak', label: 'goroutine leak profile', endpoint: 'goroutineleak', query: { debug: '2' }, ext: 'txt', timed: false },
  { id: 'block', label: 'block profile', endpoint: 'block', ext: 'pb.gz', timed: false },
  { id: 'mutex', label: 'mutex profile', endpoint: 'mutex', ext: 'pb.gz', timed: false },
  { id: 'threadcreate', label: 'threadcreate profile', endpoint: 'threadcreate', ext: 'pb.gz', timed: false },
  { id: 'trace', label: 'execution trace', endpoint: 'trace', ext: 'trace', timed: true },
];

export function captureKind(id: CaptureKindId): CaptureKind {
  const k = CAPTURE_KINDS.find((c) => c.id === id);
  if (!k) throw new Error(`unknown capture kind ${id}`);
  return k;
}

/** The kind ids, longest first, so that "goroutine-dump" is tried before "goroutine" when matching names. */
export const KIND_IDS_LONGEST_FIRST: readonly CaptureKindId[] = CAPTURE_KINDS.map((k) => k.id).sort((a, b) => b.length - a.length);

export function isCaptureKindId(s: string): s is CaptureKindId {
  return CAPTURE_KINDS.some((k) => k.id === s);
}
