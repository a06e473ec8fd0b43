// The time span of a trace's events (sync markers excluded): the origin every view measures from.
import { Ev } from '../trace/specs';
import type { TraceData } from '../trace/traceData';

/** First and last event times; origin is NaN when the trace has no timed events. */
export function traceSpan(t: TraceData): { origin: number; last: number } {
  const e = t.events;
  let origin = NaN;
  let last = 0;
  for (let i = 0; i < e.length; i++) {
    if (e.kind(i) === Ev.SyncMarker) continue;
    if (Number.isNaN(origin)) origin = e.time(i);
    last = e.time(i);
  }
  return { origin, last };
}
