// Which goroutines a goroutine leak profile (Go 1.27's /debug/pprof/goroutineleak) says leaked.
// Its ?debug=2 form is a full goroutine dump, taken just after a leak-detecting GC, where every
// leaked goroutine's header carries " (leaked)" after its wait reason (runtime's goroutineheader:
// "goroutine 9 [chan receive (leaked)]:"); its protobuf / debug=1 forms hold only the leaked
// goroutines, under the profile name (period and sample type) "goroutineleak". No vscode here.
import type { Profile } from '../profile/profile';
import type { GoroutineGroups } from './goroutineGroups';

/** A dump state of a goroutine the GC found leaked: "chan receive (leaked)", "select (leaked), 3 minutes". */
export function isLeakedState(state: string): boolean {
  return /(^|\s)\(leaked\)/.test(state);
}

/** Protobuf or debug=1 goroutine leak profile. */
export function isGoroutineLeakProfile(p: Pick<Profile, 'periodType' | 'sampleType'>): boolean {
  return p.periodType?.type === 'goroutineleak' || p.sampleType.some((t) => t.type === 'goroutineleak');
}

/** True when a dump shows goroutines marked leaked (so it came from the leak profile). */
export function dumpHasLeaks(g: GoroutineGroups): boolean {
  return g.source === 'dump' && g.groups.some((x) => isLeakedState(x.state));
}

export interface LeakSummary {
  /** Leaked goroutines and the groups they are in. */
  leaked: number;
  groups: number;
  /** Keys of the leaked groups. */
  keys: Set<string>;
}

/** The leaked part of a leak profile's groups: the groups marked leaked (dump), or all (profile). */
export function leakSummary(g: GoroutineGroups): LeakSummary {
  const leakedGroups = g.source === 'profile' ? g.groups : g.groups.filter((x) => isLeakedState(x.state));
  return {
    leaked: leakedGroups.reduce((a, x) => a + x.count, 0),
    groups: leakedGroups.length,
    keys: new Set(leakedGroups.map((x) => x.key)),
  };
}

/** Counts the leaked goroutines of a leak dump's text (headers marked "(leaked)"), for sidecars. */
export function countLeakedInDump(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/^goroutine \d+[^\n[]*\[([^\]\n]*)\]:\r?$/gm)) if (isLeakedState(m[1])) n++;
  return n;
}
