// What `go tool pprof` does between reading bytes and reporting (driver/fetch.go): decode without
// drop_frames, add a fake mapping when there is none, Merge the fetched profiles (since Go 1.21's
// pprof a single one is used as read: no dedup of samples, no renumbering, zero samples kept), apply
// the bases, then drop_frames/keep_frames (RemoveUninteresting) and CheckValid. The CLI and the extension both load
// through here so every view shows the numbers the CLI prints.
import { checkValid } from './checkValid';
import { addFakeMapping, combineProfiles } from './merge';
import { ParseOptions, parseProfile } from './parse';
import type { Profile } from './profile';
import { removeUninteresting } from './prune';
import { symbolizeNames } from './symbolize';

/**
 * What a host may add to the decoding: a faster gunzip, its size limit (and its name), bytes it
 * gunzipped itself; and for loadProfile, the `-symbolize` value (default '', pprof's).
 */
export type LoadOptions = Pick<ParseOptions, 'nativeGunzip' | 'maxBytes' | 'limitName' | 'gunzipped'> & { symbolize?: string };

/** Decodes one source for merging: drop_frames is applied later, after the merge, as pprof does. */
export function decodeForMerge(bytes: Uint8Array, source?: string, options: LoadOptions = {}): Profile {
  const p = parseProfile(bytes, source, { ...options, keepAllFrames: true });
  addFakeMapping(p);
  return p;
}

/**
 * fetch.go combineProfiles: CompatibilizeSampleTypes + ScaleProfiles + Merge, except that one profile
 * alone is returned as it is. The profiles are the caller's own (modified).
 */
export function mergeFetched(ps: Profile[]): Profile {
  return ps.length === 1 ? ps[0] : combineProfiles(ps);
}

/** How the end of fetchProfiles runs: the `-symbolize` value ('' = pprof's default) and where its warnings go. */
export interface FinishOptions {
  symbolize?: string;
  warn?: (line: string) => void;
}

/**
 * The end of fetchProfiles: the symbolizer's name simplification (demangling; off with symbolize
 * 'none'), drop_frames/keep_frames, then validation. Modifies and returns p.
 */
export function finishFetched(p: Profile, options: FinishOptions = {}): Profile {
  symbolizeNames(p, options.symbolize ?? '', options.warn);
  removeUninteresting(p);
  checkValid(p, true);
  return p;
}

/** One file, as `go tool pprof FILE` sees it. */
export function loadProfile(bytes: Uint8Array, source?: string, options: LoadOptions = {}): Profile {
  return finishFetched(mergeFetched([decodeForMerge(bytes, source, options)]), { symbolize: options.symbolize });
}
