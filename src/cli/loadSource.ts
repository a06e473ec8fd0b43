// Reading one source given on the command line: a local file, or a URL fetched over HTTP the way
// `go tool pprof` does (and, like pprof, saved under $PPROF_TMPDIR or $HOME/pprof).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decodeForMerge } from '../core/profile/loadProfile';
import type { Profile } from '../core/profile/profile';
import { fetchProfile } from '../collect/fetchProfile';
import { isUrlSource, profileUrl } from '../collect/profileUrl';
import { saveCapture } from '../collect/saveCapture';

/** An error about one source: the CLI prints "pprof-lens: <source>: <message>". */
export class SourceError extends Error {
  constructor(readonly source: string, message: string) {
    super(message);
  }
}

export interface LoadOptions {
  seconds: number;
  timeout: number;
  note: (line: string) => void;
  signal?: AbortSignal;
}

/**
 * One source as pprof's grabProfile has it: decoded and validated, with a fake mapping when it has
 * none (locateBinaries). Not yet merged and without drop_frames applied: the caller does that on the
 * combined profile, as fetchProfiles does (see main.ts).
 */
export async function loadSource(source: string, opts: LoadOptions): Promise<Profile> {
  let bytes: Uint8Array;
  let shownAs = source;
  let fetched = false;
  if (isUrlSource(source) && !fs.existsSync(source)) {
    const target = profileUrl(source, opts.seconds > 0 ? opts.seconds : undefined);
    shownAs = target.url;
    fetched = true;
    opts.note(`Fetching profile over HTTP from ${target.url}`);
    if (target.seconds > 0) opts.note(`Please wait... (${target.seconds}s)`);
    try {
      bytes = await fetchProfile(source, {
        seconds: opts.seconds > 0 ? opts.seconds : undefined,
        timeoutMs: opts.timeout > 0 ? opts.timeout * 1000 + 5000 : undefined,
        signal: opts.signal,
      });
    } catch (e) {
      throw new SourceError(target.url, (e as Error).message);
    }
  } else {
    try {
      bytes = fs.readFileSync(source);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'ENOENT' ? 'no such file or directory'
        : err.code === 'EISDIR' ? 'is a directory'
          : err.code === 'EACCES' ? 'permission denied' : err.message;
      throw new SourceError(source, why);
    }
  }
  let p: Profile;
  try {
    p = decodeForMerge(bytes);
  } catch (e) {
    throw new SourceError(shownAs, (e as Error).message);
  }
  if (fetched) await saveFetched(p, bytes, opts.note);
  return p;
}

/** pprof keeps what it fetched: "Saved profile in $HOME/pprof/pprof.<binary>.<types>.001.pb.gz". */
async function saveFetched(p: Profile, bytes: Uint8Array, note: (line: string) => void): Promise<void> {
  const dir = process.env.PPROF_TMPDIR || path.join(process.env.HOME || os.homedir(), 'pprof');
  const main = p.mapping[0]?.file ? path.basename(p.mapping[0].file) : '';
  const types = p.sampleType.map((t) => t.type).join('.');
  const name = `pprof.${main ? `${main}.` : ''}${types || 'profile'}.pb.gz`.replace(/[^A-Za-z0-9._-]/g, '_');
  const isGzip = bytes.length > 1 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  try {
    const saved = await saveCapture(dir, isGzip ? name : name.replace(/\.pb\.gz$/, '.txt'), bytes, null);
    note(`Saved profile in ${saved.path}`);
  } catch (e) {
    note(`Could not save profile in ${dir}: ${(e as Error).message}`);
  }
}
