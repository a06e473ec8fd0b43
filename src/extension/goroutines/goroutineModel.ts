// What the goroutine view shows, from a file's bytes: a debug=2 dump is grouped per goroutine
// (states, waits, creators), a goroutine profile (protobuf or debug=1) per stack. No vscode here.
import { looksLikeGoroutineDump, parseGoroutineDump } from '../../core/goroutine/goroutineDump';
import { GoroutineGroups, groupDump, groupProfile, userFrame } from '../../core/goroutine/goroutineGroups';
import { gunzipIfNeeded } from './gunzipText';
import { loadProfileWithin } from '../../collect/profileFile';
import { SizeLimit, sizeLimit } from '../../core/profile/limits';
import { ProfileError } from '../../core/profile/profileError';
import type { Profile } from '../../core/profile/profile';
import type { GoroutinesModel } from '../../protocol/messages';
import { dumpHasLeaks, isGoroutineLeakProfile, leakSummary } from '../../core/goroutine/goroutineLeaks';

/**
 * Whether the goroutine view can show this profile: a goroutine profile (protobuf or debug=1), or
 * a goroutine leak profile (Go 1.27's goroutineleak, same format under its own name).
 */
export function isGoroutineProfile(p: Pick<Profile, 'periodType' | 'sampleType'>): boolean {
  return p.periodType?.type === 'goroutine' || p.sampleType.some((t) => t.type === 'goroutine') || isGoroutineLeakProfile(p);
}

/** Groups of a goroutine dump or profile, and whether it is a goroutine leak profile. */
export interface GoroutineView {
  groups: GoroutineGroups;
  /** A goroutine leak profile: its leaked goroutines are marked (dump) or are all of it (profile). */
  leak: boolean;
}

/**
 * Groups of a goroutine dump or profile; a ProfileError for anything else, or for a file over the
 * size limit (default 512 MiB; decompressed size, lines, decoded memory). `leakHint`: the file is
 * known to be a leak profile capture (its kind), so a dump without leaked goroutines is one too.
 */
export function goroutineViewOf(bytes: Uint8Array, name: string, leakHint = false, limit: SizeLimit = sizeLimit()): GoroutineView {
  const text = gunzipIfNeeded(bytes, limit);
  if (text !== undefined && looksLikeGoroutineDump(text)) {
    let dump;
    try {
      dump = parseGoroutineDump(text, limit);
    } catch (e) {
      if (e instanceof ProfileError) throw new ProfileError(e.message, name);
      throw e;
    }
    const groups = groupDump(dump);
    return { groups, leak: leakHint || dumpHasLeaks(groups) };
  }
  const p = loadProfileWithin(bytes, name, limit);
  if (!isGoroutineProfile(p)) {
    const types = p.sampleType.map((t) => t.type).join(', ');
    throw new ProfileError(`${name} is not a goroutine profile (sample types: ${types}); the goroutine view reads goroutine profiles and ?debug=2 dumps`);
  }
  return { groups: groupProfile(p), leak: isGoroutineLeakProfile(p) };
}

/** Groups of a goroutine dump or profile; a ProfileError for anything else. */
export function goroutineGroupsOf(bytes: Uint8Array, name: string): GoroutineGroups {
  return goroutineViewOf(bytes, name).groups;
}

export function goroutinesModel(g: GoroutineGroups, fileName: string, source: string, leak = false): GoroutinesModel {
  const leaks = leak ? leakSummary(g) : undefined;
  return {
    fileName,
    source,
    total: g.total,
    from: g.source,
    ...(leaks ? { leak: { leaked: leaks.leaked, groups: leaks.groups } } : {}),
    ...(g.crash ? { crash: g.crash } : {}),
    groups: g.groups.map((x) => {
      const u = userFrame(x);
      return {
        ...(leaks?.keys.has(x.key) ? { leaked: true } : {}),
        ...(x.crashed ? { crashed: true } : {}),
        key: x.key,
        count: x.count,
        state: x.state,
        maxWaitMinutes: x.maxWaitMinutes,
        minWaitMinutes: x.minWaitMinutes,
        frames: x.frames,
        ...(x.createdBy ? { createdBy: x.createdBy } : {}),
        ...(x.labels ? { labels: x.labels } : {}),
        userFrame: u ? Math.max(0, x.frames.indexOf(u)) : 0,
        ids: x.ids.slice(0, 20),
      };
    }),
  };
}
