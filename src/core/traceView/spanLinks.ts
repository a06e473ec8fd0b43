// The links of a running span (start/end relative to origin, ns): the goroutine whose unblock made it
// runnable, and the goroutines it unblocked or created while it ran (go tool trace's flow arrows).
import { Ev } from '../trace/specs';
import type { TraceData } from '../trace/traceData';

export interface SpanLinks {
  wokenBy?: { g: number; time: number };
  wakes: { g: number; time: number; kind: 'unblock' | 'create' }[];
}

/** First event index at or after absolute time `time` (event times never decrease). */
function eventAt(t: TraceData, time: number): number {
  let lo = 0;
  let hi = t.events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.events.time(mid) < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const MAX_WAKES = 50;
/** How far back (events) to look for the unblock that made the goroutine runnable. */
const MAX_LOOKBACK = 200_000;

/** Links of a running span: who unblocked its goroutine before it, whom it unblocked or created. */
export function spanLinks(t: TraceData, origin: number, g: number, start: number, end: number): SpanLinks {
  const e = t.events;
  const from = eventAt(t, origin + start);
  const wakes: SpanLinks['wakes'] = [];
  for (let i = from; i < e.length && wakes.length < MAX_WAKES; i++) {
    const k = e.kind(i);
    if (k === Ev.SyncMarker) continue;
    if (e.time(i) > origin + end) break;
    if (e.g(i) !== g) continue;
    if (k === Ev.GoUnblock) wakes.push({ g: e.a0(i), time: e.time(i) - origin, kind: 'unblock' });
    else if (k === Ev.GoCreate || k === Ev.GoCreateBlocked) wakes.push({ g: e.a0(i), time: e.time(i) - origin, kind: 'create' });
  }
  // Back from the span's start: the unblock of this goroutine, unless one of its own events comes
  // first (then it was preempted, yielded or back from a syscall: nobody woke it).
  let wokenBy: SpanLinks['wokenBy'];
  for (let i = from - 1; i >= 0 && i >= from - MAX_LOOKBACK; i--) {
    const k = e.kind(i);
    if (k === Ev.GoUnblock && e.a0(i) === g) {
      if (e.g(i) >= 0) wokenBy = { g: e.g(i), time: e.time(i) - origin };
      break;
    }
    if (e.g(i) === g && k !== Ev.SyncMarker) break;
  }
  return { wokenBy, wakes };
}
