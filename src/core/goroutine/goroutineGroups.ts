// Goroutines grouped by identical stacks (issue 7): from a debug=2 dump (per goroutine: state, wait
// minutes, creation site, ids) or from a goroutine profile (protobuf or debug=1: a count per distinct
// stack and label set, no state). Counts are exact: the groups' counts sum to the total.
import type { Profile } from '../profile/profile';
import type { GoroutineDump } from './goroutineDump';

export interface GroupFrame {
  func: string;
  file: string;
  line: number;
}

export interface GoroutineGroup {
  /** Identity of the group, stable across snapshots of the same program (stack, state, creator, labels). */
  key: string;
  count: number;
  /** Wait reason or status ("chan receive", "select", "running"); "" when the source has none (profiles). */
  state: string;
  /** Longest and shortest wait ("N minutes" of debug=2); 0 when absent. */
  maxWaitMinutes: number;
  minWaitMinutes: number;
  /** Innermost call first. */
  frames: GroupFrame[];
  createdBy?: GroupFrame;
  labels?: Record<string, string>;
  /** Goroutine ids (dumps only), ascending. */
  ids: number[];
  lockedToThread: number;
  /** The group holds the goroutine a crash's output printed first (the crashing one). */
  crashed?: boolean;
}

export interface GoroutineGroups {
  total: number;
  /** 'dump': debug=2 (states, waits, creators); 'profile': protobuf or debug=1 (counts per stack). */
  source: 'dump' | 'profile';
  /**
   * Largest first; ties by state, then the innermost function, then key (deterministic). A crash's
   * group (the crashing goroutine's) comes first whatever its size.
   */
  groups: GoroutineGroup[];
  /** Set for a crash's output: its message lines and the crashing goroutine (see CrashInfo). */
  crash?: { message: string[]; goroutineId?: number };
}

const frameKey = (f: GroupFrame) => `${f.func}\u0001${f.file}\u0001${f.line}`;

function labelsKey(l: Record<string, string> | undefined): string {
  if (!l) return '';
  return JSON.stringify(Object.keys(l).sort().map((k) => [k, l[k]]));
}

export function groupKey(frames: GroupFrame[], state: string, createdBy: GroupFrame | undefined, labels: Record<string, string> | undefined): string {
  return [state, frames.map(frameKey).join('\u0002'), createdBy ? frameKey(createdBy) : '', labelsKey(labels)].join('\u0003');
}

/**
 * Groups of a debug=2 dump or a crash: same stack (function, file, line per frame), state, creator
 * and labels; a crash's group first, marked `crashed`, and its message kept.
 */
export function groupDump(d: GoroutineDump): GoroutineGroups {
  const byKey = new Map<string, GoroutineGroup>();
  for (const g of d.goroutines) {
    const frames = g.frames.map((f) => ({ func: f.func, file: f.file, line: f.line }));
    const createdBy = g.createdBy ? { func: g.createdBy.func, file: g.createdBy.file, line: g.createdBy.line } : undefined;
    const key = groupKey(frames, g.state, createdBy, g.labels);
    let grp = byKey.get(key);
    if (!grp) {
      grp = { key, count: 0, state: g.state, maxWaitMinutes: g.waitMinutes, minWaitMinutes: g.waitMinutes, frames, ids: [], lockedToThread: 0 };
      if (createdBy) grp.createdBy = createdBy;
      if (g.labels) grp.labels = { ...g.labels };
      byKey.set(key, grp);
    }
    grp.count++;
    grp.ids.push(g.id);
    if (g.lockedToThread) grp.lockedToThread++;
    grp.maxWaitMinutes = Math.max(grp.maxWaitMinutes, g.waitMinutes);
    grp.minWaitMinutes = Math.min(grp.minWaitMinutes, g.waitMinutes);
  }
  const groups = [...byKey.values()];
  for (const g of groups) g.ids.sort((a, b) => a - b);
  const sortedGroups = sortGroups(groups);
  if (!d.crash) return { total: d.goroutines.length, source: 'dump', groups: sortedGroups };
  const crash: NonNullable<GoroutineGroups['crash']> = { message: d.crash.message };
  const id = d.crash.goroutineId;
  if (id !== undefined) {
    crash.goroutineId = id;
    const i = sortedGroups.findIndex((g) => g.ids.includes(id));
    if (i >= 0) {
      const [crashed] = sortedGroups.splice(i, 1);
      crashed.crashed = true;
      sortedGroups.unshift(crashed);
    }
  }
  return { total: d.goroutines.length, source: 'dump', groups: sortedGroups, crash };
}

/**
 * Groups of a goroutine profile: one per distinct stack (inlined frames expanded, innermost first)
 * and label set, counted with the sample values (sample type `goroutine`, or the first one).
 */
export function groupProfile(p: Profile): GoroutineGroups {
  let vi = p.sampleType.findIndex((t) => t.type === 'goroutine');
  if (vi < 0) vi = 0;
  const byKey = new Map<string, GoroutineGroup>();
  let total = 0;
  for (const s of p.sample) {
    const n = s.value[vi] ?? 0;
    if (n === 0) continue;
    total += n;
    const frames: GroupFrame[] = [];
    for (const loc of s.location) {
      if (loc.line.length === 0) frames.push({ func: `0x${loc.address.toString(16)}`, file: '', line: 0 });
      for (const l of loc.line) frames.push({ func: l.function.name, file: l.function.filename, line: l.line });
    }
    let labels: Record<string, string> | undefined;
    if (s.label) {
      for (const [k, vs] of Object.entries(s.label)) {
        if (k === 'pprof::base') continue;
        (labels ??= Object.create(null) as Record<string, string>)[k] = vs.join(',');
      }
    }
    const key = groupKey(frames, '', undefined, labels);
    let grp = byKey.get(key);
    if (!grp) {
      grp = { key, count: 0, state: '', maxWaitMinutes: 0, minWaitMinutes: 0, frames, ids: [], lockedToThread: 0 };
      if (labels) grp.labels = labels;
      byKey.set(key, grp);
    }
    grp.count += n;
  }
  return { total, source: 'profile', groups: sortGroups([...byKey.values()]) };
}

function sortGroups(groups: GoroutineGroup[]): GoroutineGroup[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return groups.sort((a, b) => b.count - a.count || cmp(a.state, b.state) || cmp(a.frames[0]?.func ?? '', b.frames[0]?.func ?? '') || cmp(a.key, b.key));
}

/** The frame users recognise as "where it waits": the innermost frame outside the runtime and sync internals. */
export function userFrame(g: GoroutineGroup): GroupFrame | undefined {
  return g.frames.find((f) => !isRuntimeFrame(f.func)) ?? g.frames[0];
}

export function isRuntimeFrame(func: string): boolean {
  return /^(runtime|sync|internal\/[^.]+|time|runtime\/internal\/[^.]+)\./.test(func) || func.startsWith('runtime/pprof.');
}

/** A one-line title for a group: its user frame, e.g. "main.recvForever". */
export function groupTitle(g: GoroutineGroup): string {
  return userFrame(g)?.func ?? '(no frames)';
}
