// What the goroutine view shows, from a file's bytes: a debug=2 dump is grouped per goroutine
// (states, waits, creators), a goroutine profile (protobuf or debug=1) per stack. No vscode here.
import { looksLikeGoroutineDump, parseGoroutineDump } from '../../core/goroutine/goroutineDump';
import { GoroutineGroups, groupDump, groupProfile, userFrame } from '../../core/goroutine/goroutineGroups';
import { gunzipIfNeeded } from './gunzipText';
import { loadProfile } from '../../collect/nativeGunzip';
import { ProfileError } from '../../core/profile/profileError';
import type { Profile } from '../../core/profile/profile';
import type { GoroutinesModel } from '../../protocol/messages';

/** Whether the goroutine view can show this profile (a goroutine profile, protobuf or debug=1). */
export function isGoroutineProfile(p: Pick<Profile, 'periodType' | 'sampleType'>): boolean {
  return p.periodType?.type === 'goroutine' || p.sampleType.some((t) => t.type === 'goroutine');
}

/** Groups of a goroutine dump or profile; a ProfileError for anything else. */
export function goroutineGroupsOf(bytes: Uint8Array, name: string): GoroutineGroups {
  const text = gunzipIfNeeded(bytes);
  if (text !== undefined && looksLikeGoroutineDump(text)) return groupDump(parseGoroutineDump(text));
  const p = loadProfile(bytes, name);
  if (!isGoroutineProfile(p)) {
    const types = p.sampleType.map((t) => t.type).join(', ');
    throw new ProfileError(`${name} is not a goroutine profile (sample types: ${types}); the goroutine view reads goroutine profiles and ?debug=2 dumps`);
  }
  return groupProfile(p);
}

export function goroutinesModel(g: GoroutineGroups, fileName: string, source: string): GoroutinesModel {
  return {
    fileName,
    source,
    total: g.total,
    from: g.source,
    groups: g.groups.map((x) => {
      const u = userFrame(x);
      return {
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
