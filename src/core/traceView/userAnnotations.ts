// User annotations of a trace (runtime/trace NewTask, StartRegion / WithRegion, Log): tasks and
// regions as Go 1.27's `go tool trace` user task and region pages list them, taken from the trace
// summary (src/core/trace/summary.ts, a port of internal/trace summary.go): a region end closes the
// goroutine's innermost open region (whatever its name); a region that ends without a begin started
// before tracing did (start unknown: the trace start); a goroutine created inside a region gets an
// unnamed region of the same task; regions still open at the end run to the end of the trace (those
// of runtime goroutines are dropped, as Go drops them); task 0 is the background task. A task's
// goroutines are those that began or ended it, ran one of its regions or logged in it. Times are ns
// relative to the first event.
import { Ev } from '../trace/specs';
import type { TraceData } from '../trace/traceData';
import { traceSpan } from './traceSpan';
import { summarize, Summary } from '../trace/summary';

export interface UserTask {
  id: number;
  /** '' when the task began before tracing did and its end did not carry a name. */
  name: string;
  /** Parent task id, or 0 for none. */
  parent: number;
  start: number;
  end: number;
  startKnown: boolean;
  endKnown: boolean;
  /** Ascending goroutine ids. */
  goroutines: number[];
}

export interface UserRegion {
  g: number;
  name: string;
  /** Task id, 0 = none (the background task). */
  task: number;
  start: number;
  end: number;
  startKnown: boolean;
  endKnown: boolean;
  /** Nesting depth in its goroutine: 0 = outermost. */
  depth: number;
}

export interface UserLog {
  time: number;
  g: number;
  task: number;
  category: string;
  message: string;
}

export interface UserAnnotations {
  /** Sorted by start, then id. */
  tasks: UserTask[];
  /** Sorted by start, then goroutine. */
  regions: UserRegion[];
  /** In time order. */
  logs: UserLog[];
}

/** Go's "no task": 0 on the wire (the background task); converted v1 traces may use -1. */
function taskId(v: number): number {
  return v > 0 ? v : 0;
}

/** Nesting depth of each region among its goroutine's regions (0 = outermost), by containment. */
function depths(regions: UserRegion[]): void {
  const byG = new Map<number, UserRegion[]>();
  for (const r of regions) {
    let l = byG.get(r.g);
    if (!l) byG.set(r.g, (l = []));
    l.push(r);
  }
  for (const l of byG.values()) {
    l.sort((a, b) => a.start - b.start || b.end - a.end);
    const open: UserRegion[] = [];
    for (const r of l) {
      while (open.length > 0 && open[open.length - 1].end <= r.start && open[open.length - 1].end < r.end) open.pop();
      r.depth = open.length;
      open.push(r);
    }
  }
}

export function userAnnotations(t: TraceData, summary: Summary = summarize(t)): UserAnnotations {
  const e = t.events;
  const { origin, last } = traceSpan(t);
  if (Number.isNaN(origin)) return { tasks: [], regions: [], logs: [] };
  // Go measures unknown starts and ends from its first and last events (the sync events).
  const first = e.length > 0 ? e.time(0) : origin;
  const lastAll = e.length > 0 ? e.time(e.length - 1) : last;

  const out: UserTask[] = [...summary.tasks.values()].map((k) => ({
    id: k.id, name: k.name, parent: k.parent ? taskId(k.parent.id) : 0,
    start: (k.start ? k.start.time : first) - origin, end: (k.end ? k.end.time : lastAll) - origin,
    startKnown: k.start !== undefined, endKnown: k.end !== undefined,
    goroutines: [...k.goroutines.keys()].filter((g) => g >= 0).sort((a, b) => a - b),
  }));
  out.sort((a, b) => a.start - b.start || a.id - b.id);

  const regions: UserRegion[] = [];
  for (const g of summary.goroutines.values()) {
    for (const r of g.regions) {
      regions.push({
        g: g.id, name: r.name, task: taskId(r.taskId),
        start: (r.start ? r.start.time : first) - origin, end: (r.end ? r.end.time : lastAll) - origin,
        startKnown: r.start !== undefined, endKnown: r.end !== undefined, depth: 0,
      });
    }
  }
  depths(regions);
  regions.sort((a, b) => a.start - b.start || a.g - b.g || a.depth - b.depth);

  const logs: UserLog[] = [];
  for (let i = 0; i < e.length; i++) {
    if (e.kind(i) !== Ev.UserLog) continue;
    logs.push({ time: e.time(i) - origin, g: e.g(i), task: taskId(e.a0(i)), category: t.strings[e.a1(i)] ?? '', message: t.strings[e.a2(i)] ?? '' });
  }
  return { tasks: out, regions, logs };
}
