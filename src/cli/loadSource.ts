// Reading one source given on the command line: a local file, or a URL fetched over HTTP the way
// `go tool pprof` does (fetchSource.ts, loaded only for URLs).
import * as fs from 'fs';
import { decodeForMerge } from '../core/profile/loadProfile';
import type { Profile } from '../core/profile/profile';
import { ProfileError } from '../core/profile/profileError';
import { isUrlSource } from '../collect/profileUrl';
import { nodeGunzip } from '../collect/nativeGunzip';
import { readProfileFileSync } from '../collect/profileFile';
import type { SizeLimit } from '../core/profile/limits';

/** How the CLI names its size limit in messages. */
const LIMIT_NAME = '-max_size_mib';

/** An error about one source: the CLI prints "pprof-lens: <source>: <message>". */
export class SourceError extends Error {
  constructor(readonly source: string, message: string) {
    super(message);
  }
}

export interface LoadOptions {
  seconds: number;
  timeout: number;
  /** -max_size_mib in bytes: the file, HTTP body, decompressed and decoded size limit. */
  maxBytes: number;
  note: (line: string) => void;
  signal?: AbortSignal;
}

/**
 * One source as pprof's grabProfile has it: decoded and validated, with a fake mapping when it has
 * none (locateBinaries). Not yet merged and without drop_frames applied: the caller does that on the
 * combined profile, as fetchProfiles does (see main.ts).
 */
export async function loadSource(source: string, opts: LoadOptions): Promise<Profile> {
  const limit: SizeLimit = { bytes: opts.maxBytes, name: LIMIT_NAME };
  if (isUrlSource(source) && !fs.existsSync(source)) {
    const { fetchSource, saveFetched, FetchFailed } = await import('./fetchSource');
    let fetched: { bytes: Uint8Array; url: string };
    try {
      fetched = await fetchSource(source, opts);
    } catch (e) {
      if (e instanceof FetchFailed) throw new SourceError(e.url, e.message);
      throw e;
    }
    const p = decode(fetched.bytes, fetched.url, limit);
    await saveFetched(p, fetched.bytes, opts.note);
    return p;
  }
  let bytes: Uint8Array;
  try {
    bytes = readProfileFileSync(source, limit, '');
  } catch (e) {
    if (e instanceof ProfileError) throw new SourceError(source, e.message);
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file or directory'
      : err.code === 'EISDIR' ? 'is a directory'
        : err.code === 'EACCES' ? 'permission denied' : err.message;
    throw new SourceError(source, why);
  }
  return decode(bytes, source, limit);
}

function decode(bytes: Uint8Array, shownAs: string, limit: SizeLimit): Profile {
  try {
    return decodeForMerge(bytes, undefined, { nativeGunzip: nodeGunzip, maxBytes: limit.bytes, limitName: limit.name });
  } catch (e) {
    throw new SourceError(shownAs, (e as Error).message);
  }
}
