// drop_frames / keep_frames handling, as pprof's Profile.RemoveUninteresting and Profile.Prune
// (prune.go). The profile's regexps are Go RE2 syntax, anchored as "^(" + re + ")$".
import { RE2JS } from 're2js';
import { Profile } from './profile';
import { ProfileError } from './profileError';
import { attachColumns, hasColumns, sampleColumnsOf } from './sampleColumns';
import { errorMessage } from '../text/errorMessage';

const reservedNames = ['(anonymous namespace)', 'operator()'];

/** pprof's simplifyFunc: drop a leading '.', cut the argument list at the first '(' that is not part of a reserved name. */
export function simplifyFunc(f: string): string {
  let name = f.startsWith('.') ? f.slice(1) : f;
  let i = 0;
  while (i < name.length) {
    let reserved = '';
    for (const r of reservedNames) {
      if (name.startsWith(r, i)) {
        reserved = r;
        break;
      }
    }
    if (reserved) {
      i += reserved.length;
      continue;
    }
    if (name.charCodeAt(i) === 40 /* ( */) {
      name = name.slice(0, i);
      break;
    }
    i++;
  }
  return name;
}

/** drop_frames / keep_frames as an anchored Go regexp, refused with pprof's words. */
function compileFrameRegexp(re: string, what: string): RE2JS {
  try {
    return RE2JS.compile(re);
  } catch (e) {
    throw new ProfileError(`failed to compile regexp ${what}: ${errorMessage(e)}`);
  }
}

/** Applies the profile's own drop_frames/keep_frames (pprof does this when a profile is fetched). */
export function removeUninteresting(p: Profile): void {
  if (p.dropFrames === '') return;
  const drop = compileFrameRegexp('^(' + p.dropFrames + ')$', p.dropFrames);
  const keep = p.keepFrames !== '' ? compileFrameRegexp('^(' + p.keepFrames + ')$', p.keepFrames) : undefined;
  pruneProfile(p, drop, keep);
}

/**
 * pprof's Prune: removes all frames beneath (callee side of) a frame whose function matches drop and
 * not keep. Frames before the first "user" frame, scanning from the root, are never pruned.
 */
export function pruneProfile(p: Profile, drop: RE2JS, keep?: RE2JS): void {
  const prune = new Set<number>();
  const pruneBeneath = new Set<number>();
  const cache = new Map<string, boolean>();
  const matches = (name: string): boolean => {
    let v = cache.get(name);
    if (v === undefined) {
      const f = simplifyFunc(name);
      v = drop.testExact(f) && !(keep && keep.testExact(f));
      cache.set(name, v);
    }
    return v;
  };
  for (const loc of p.location) {
    let i: number;
    for (i = loc.line.length - 1; i >= 0; i--) {
      const fn = loc.line[i].function;
      if (fn && fn.name !== '' && matches(fn.name)) break;
    }
    if (i >= 0) {
      pruneBeneath.add(loc.id);
      if (i === loc.line.length - 1) prune.add(loc.id);
      else loc.line = loc.line.slice(i + 1);
    }
  }
  if (prune.size === 0 && pruneBeneath.size === 0) return;
  if (hasColumns(p)) {
    pruneColumns(p, prune, pruneBeneath);
    return;
  }
  for (const s of p.sample) {
    let foundUser = false;
    for (let i = s.location.length - 1; i >= 0; i--) {
      const id = s.location[i].id;
      const pr = prune.has(id);
      const pb = pruneBeneath.has(id);
      if (!pr && !pb) {
        foundUser = true;
        continue;
      }
      if (!foundUser) continue;
      if (pr) {
        s.location = s.location.slice(i + 1);
        break;
      }
      if (pb) {
        s.location = s.location.slice(i);
        break;
      }
    }
  }
}

/** The loop of pruneProfile on columns: a pruned stack is the same entries from a later start. */
function pruneColumns(p: Profile, prune: Set<number>, pruneBeneath: Set<number>): void {
  const cols = sampleColumnsOf(p);
  // Per location index: 1 = prune, 2 = prune beneath, 0 = a user frame.
  const flag = new Uint8Array(cols.locations.length);
  for (let i = 0; i < cols.locations.length; i++) {
    const id = cols.locations[i].id;
    flag[i] = prune.has(id) ? 1 : pruneBeneath.has(id) ? 2 : 0;
  }
  const { stack, end } = cols;
  const start = cols.start.slice();
  for (let s = 0; s < cols.count; s++) {
    let foundUser = false;
    const first = start[s];
    for (let k = end[s] - 1; k >= first; k--) {
      const f = flag[stack[k]];
      if (f === 0) {
        foundUser = true;
        continue;
      }
      if (!foundUser) continue;
      start[s] = f === 1 ? k + 1 : k;
      break;
    }
  }
  attachColumns(p, cols.withStacks(stack, start, end));
}
