// What a trace-derived profile is, for the profile editor's kind badge. The four `go tool trace
// -pprof=KIND` profiles have the same sample types as a block or mutex profile ("contentions" count,
// "delay" nanoseconds) and no comment: their bytes, which must stay identical to Go's, do not say
// which one they are. The trace editor writes them as "<trace>.<kind>.pb.gz" in a folder of their own
// (traceProfilePath.ts: "<16 hex digits>/" under the extension's "trace-profiles" storage, or
// "<trace>.profiles/" beside a captured trace); a file named and placed so is that kind of profile.
import * as path from 'path';
import type { TraceProfileKind } from '../../protocol/messages';

/** The badge of each trace-derived profile kind (what go tool trace's index page calls them). */
export const TRACE_PROFILE_BADGES: Record<TraceProfileKind, string> = {
  net: 'network blocking (from a trace)',
  sync: 'synchronization blocking (from a trace)',
  syscall: 'syscall blocking (from a trace)',
  sched: 'scheduler latency (from a trace)',
};

/** The trace profile kind of the file at fsPath when the trace editor wrote it there, else undefined. */
export function traceProfileKindOf(fsPath: string): TraceProfileKind | undefined {
  const m = /^(.+)\.(net|sync|syscall|sched)\.pb\.gz$/.exec(path.basename(fsPath));
  if (!m) return undefined;
  const dir = path.dirname(fsPath);
  const folder = path.basename(dir);
  const inStorage = /^[0-9a-f]{16}$/.test(folder) && path.basename(path.dirname(dir)) === 'trace-profiles';
  const besideTrace = folder === `${m[1]}.profiles`;
  return inStorage || besideTrace ? (m[2] as TraceProfileKind) : undefined;
}

/**
 * The kind badge for the profile at `source` (a path or URI as the profile editor shows it) whose
 * content reads as `contentKind`: the trace profile's own badge when the trace editor wrote it and
 * its content is a delay profile, else `contentKind` unchanged.
 */
export function traceProfileBadge(source: string, contentKind: string): string {
  if (contentKind !== 'contention (block or mutex)') return contentKind;
  const kind = traceProfileKindOf(source);
  return kind ? TRACE_PROFILE_BADGES[kind] : contentKind;
}
