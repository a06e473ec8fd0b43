// Trace bytes → the trace-derived profile of `go tool trace -pprof=TYPE`, whatever the trace version.
import type { Profile } from '../profile/profile';
import { pprofFromV1, TracePprofKind } from './pprofV1';
import { DelayProfileBuilder } from './pprofV2';
import { readTrace, readTraceV1, traceVersion } from './readTrace';

export const TRACE_PPROF_KINDS = ['net', 'sync', 'syscall', 'sched'] as const;

export function tracePprof(buf: Uint8Array, kind: TracePprofKind): Profile {
  const v = traceVersion(buf);
  // Go 1.11–1.21 traces: Go 1.19's semantics on the v1 events (what Debian's go tool trace computes).
  if (v === 11 || v === 19 || v === 21) return pprofFromV1(readTraceV1(buf), kind);
  // Go 1.22+: streamed generation by generation, so memory does not grow with the trace's length.
  const b = new DelayProfileBuilder(kind);
  readTrace(buf, { onEvents: (d) => b.add(d) });
  return b.profile();
}
