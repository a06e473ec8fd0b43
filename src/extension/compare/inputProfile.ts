// Reading an input of a comparison: the profile already open in a session when there is
// one (no second parse), else the file, within the size limit of pprofLens.maxProfileSizeMiB.
import * as path from 'path';
import { loadProfileWithin, readProfileFile } from '../../collect/profileFile';
import type { Profile } from '../../core/profile/profile';
import { traceVersion } from '../../core/trace/readTrace';
import { activeProfiles } from '../sessions/activeProfiles';
import { profileSizeLimit } from '../profileFile';

/** What to compare instead of two traces. */
export const TRACE_HINT = 'open it and compare its Network, Sync, Syscall or Scheduler profile instead';

/** The parsed profile of a file: the open session's when there is one, else read and parsed now. */
export async function readComparisonInput(file: string): Promise<Profile> {
  const open = activeProfiles.list().find((s) => s.uri.scheme === 'file' && path.resolve(s.uri.fsPath) === path.resolve(file));
  if (open) return open.profile;
  const limit = profileSizeLimit();
  const bytes = await readProfileFile(file, limit);
  // Not "unrecognised content (starts with "go 1.19 trace\x00…")": say what it is and what to do.
  if (traceVersion(bytes) !== undefined) throw new Error(`${path.basename(file)} is an execution trace, not a profile; ${TRACE_HINT}`);
  return loadProfileWithin(bytes, file, limit);
}
