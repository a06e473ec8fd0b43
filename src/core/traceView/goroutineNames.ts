// Goroutine names as Go 1.27's trace viewer labels their spans ("G18 main.cpuLoop"): cmd/trace/gstate.go
// augmentName takes the outermost frame of the first non-empty stack among the goroutine's state
// transitions (for a creation, the new goroutine's own stack: its start function; for a goroutine
// already there when tracing began, the stack of its first status event or of where it first blocked
// or stopped), and setLabel appends the goroutine's label at the time of the span in parentheses
// ("G5 runtime.gcBgMarkWorker (GC (dedicated))"; timelineModel.ts keeps each span's label).
import type { TraceData } from '../trace/traceData';
import { goTransition } from '../trace/pprofV2';
import { transitionStack } from '../trace/summary';

/**
 * Each goroutine's start function as Go's trace viewer names it; goroutines without any stack on
 * their transitions are absent (Go calls them just "G<id>").
 */
export function goroutineNames(t: TraceData): Map<number, string> {
  const e = t.events;
  const out = new Map<number, string>();
  for (let i = 0; i < e.length; i++) {
    const tr = goTransition(t, i);
    if (!tr || out.has(tr.g)) continue;
    const frames = t.stacks[transitionStack(t, i)];
    if (!frames || frames.length === 0) continue;
    out.set(tr.g, t.strings[t.frames[frames[frames.length - 1]].func] ?? '');
  }
  return out;
}

/**
 * A goroutine span's label as Go's trace viewer writes it: "G<id>", then " <start function>" when
 * known, then " (<label>)" for the goroutine's label at the end of the span (GC workers' "GC (idle)").
 */
export function goroutineSpanName(g: number, startFunction: string | undefined, label = ''): string {
  return `G${g}${startFunction ? ` ${startFunction}` : ''}${label ? ` (${label})` : ''}`;
}
