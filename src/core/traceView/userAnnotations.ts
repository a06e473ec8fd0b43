// User annotations of a trace (runtime/trace NewTask, StartRegion / WithRegion, Log), extracted from
// the event model the way Go's internal/trace summary.go does it for `go tool trace`'s user task and
// region pages: a region ends the innermost open region of its goroutine (whatever its name); a region
// that ends without a begin started before tracing did (start unknown: the trace start); tasks and
// regions still open at the end run to the end of the trace. A task's goroutines are those that began
// or ended it, ran one of its regions or logged in it. Times are ns relative to the first event.
import { Ev } from '../trace/specs';
import type { TraceData } from '../trace/traceData';
import { traceSpan } from './traceSpan';

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

export function userAnnotations(t: TraceData): UserAnnotations {
  const e = t.events;
  const { origin, last } = traceSpan(t);
  if (Number.isNaN(origin)) return { tasks: [], regions: [], logs: [] };
  const end = last - origin;

  interface TaskAcc { id: number; name: string; parent: number; start: number; end: number; startKnown: boolean; endKnown: boolean; gs: Set<number> }
  const tasks = new Map<number, TaskAcc>();
  const task = (id: number): TaskAcc | undefined => {
    if (id === 0) return undefined;
    let k = tasks.get(id);
    if (!k) {
      k = { id, name: '', parent: 0, start: 0, end, startKnown: false, endKnown: false, gs: new Set() };
      tasks.set(id, k);
    }
    return k;
  };
  const regions: UserRegion[] = [];
  const open = new Map<number, UserRegion[]>();
  const logs: UserLog[] = [];

  for (let i = 0; i < e.length; i++) {
    const k = e.kind(i);
    if (k < Ev.UserTaskBegin || k > Ev.UserLog) continue;
    const ts = e.time(i) - origin;
    const g = e.g(i);
    switch (k) {
      case Ev.UserTaskBegin: {
        const tk = task(taskId(e.a0(i)));
        if (!tk) break;
        tk.name = t.strings[e.a2(i)] ?? '';
        tk.parent = taskId(e.a1(i));
        tk.start = ts;
        tk.startKnown = true;
        if (g >= 0) tk.gs.add(g);
        break;
      }
      case Ev.UserTaskEnd: {
        const tk = task(taskId(e.a0(i)));
        if (!tk) break;
        tk.end = ts;
        tk.endKnown = true;
        if (!tk.name) tk.name = t.strings[e.a2(i)] ?? '';
        if (!tk.parent) tk.parent = taskId(e.a1(i));
        if (g >= 0) tk.gs.add(g);
        break;
      }
      case Ev.UserRegionBegin: {
        const stack = open.get(g) ?? [];
        const r: UserRegion = { g, name: t.strings[e.a1(i)] ?? '', task: taskId(e.a0(i)), start: ts, end, startKnown: true, endKnown: false, depth: stack.length };
        stack.push(r);
        open.set(g, stack);
        regions.push(r);
        task(r.task)?.gs.add(g);
        break;
      }
      case Ev.UserRegionEnd: {
        const stack = open.get(g);
        const r = stack?.pop();
        if (r) {
          r.end = ts;
          r.endKnown = true;
        } else {
          // Began before tracing did.
          const task0 = taskId(e.a0(i));
          regions.push({ g, name: t.strings[e.a1(i)] ?? '', task: task0, start: 0, end: ts, startKnown: false, endKnown: true, depth: 0 });
          task(task0)?.gs.add(g);
        }
        break;
      }
      case Ev.UserLog: {
        const tid = taskId(e.a0(i));
        logs.push({ time: ts, g, task: tid, category: t.strings[e.a1(i)] ?? '', message: t.strings[e.a2(i)] ?? '' });
        if (g >= 0) task(tid)?.gs.add(g);
        break;
      }
    }
  }

  const out: UserTask[] = [...tasks.values()].map((k) => ({
    id: k.id, name: k.name, parent: k.parent, start: k.start, end: k.end, startKnown: k.startKnown, endKnown: k.endKnown,
    goroutines: [...k.gs].sort((a, b) => a - b),
  }));
  out.sort((a, b) => a.start - b.start || a.id - b.id);
  regions.sort((a, b) => a.start - b.start || a.g - b.g || a.depth - b.depth);
  return { tasks: out, regions, logs };
}
