// Trace bytes → the trace-derived profile of `go tool trace -pprof=TYPE` (Go 1.27's semantics), whatever
// the trace version: Go 1.22+ traces are streamed generation by generation, so memory does not grow
// with the trace's length beyond the candidate intervals; Go 1.11–1.21 traces are converted to the
// same event model first, as Go's reader does.
import type { Profile } from '../profile/profile';
import { DelayProfileBuilder, TracePprofKind } from './pprofV2';
import { readTrace } from './readTrace';

export type { TracePprofKind } from './pprofV2';
export const TRACE_PPROF_KINDS = ['net', 'sync', 'syscall', 'sched'] as const;

export function tracePprof(buf: Uint8Array, kind: TracePprofKind): Profile {
  const b = new DelayProfileBuilder(kind);
  readTrace(buf, { onEvents: (d) => b.add(d) });
  return b.profile();
}
