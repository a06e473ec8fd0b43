// A source given as a URL: fetched over HTTP the way `go tool pprof` does and, like pprof, saved under
// $PPROF_TMPDIR or $HOME/pprof. Loaded only when a source is a URL (loadSource.ts), so that reading a
// local file does not pay for Node's http/https/tls/crypto modules at start-up.
import * as os from 'os';
import * as path from 'path';
import type { Profile } from '../core/profile/profile';
import { fetchProfile } from '../collect/fetchProfile';
import { profileUrl } from '../collect/profileUrl';
import { saveCapture } from '../collect/saveCapture';

export interface FetchOptions {
  seconds: number;
  timeout: number;
  /** Largest body accepted (-max_size_mib), as sent and once decoded. */
  maxBytes?: number;
  note: (line: string) => void;
  signal?: AbortSignal;
}

/** The bytes of the profile at source, and the URL to name in messages; throws [url, error]. */
export async function fetchSource(source: string, opts: FetchOptions): Promise<{ bytes: Uint8Array; url: string }> {
  const target = profileUrl(source, opts.seconds > 0 ? opts.seconds : undefined);
  opts.note(`Fetching profile over HTTP from ${target.url}`);
  if (target.seconds > 0) opts.note(`Please wait... (${target.seconds}s)`);
  try {
    const bytes = await fetchProfile(source, {
      seconds: opts.seconds > 0 ? opts.seconds : undefined,
      timeoutMs: opts.timeout > 0 ? opts.timeout * 1000 + 5000 : undefined,
      signal: opts.signal,
      maxBytes: opts.maxBytes,
    });
    return { bytes, url: target.url };
  } catch (e) {
    throw new FetchFailed(target.url, (e as Error).message);
  }
}

/** A failed fetch, with the URL the CLI names in its message. */
export class FetchFailed extends Error {
  constructor(readonly url: string, message: string) {
    super(message);
  }
}

/** pprof keeps what it fetched: "Saved profile in $HOME/pprof/pprof.<binary>.<types>.001.pb.gz". */
export async function saveFetched(p: Profile, bytes: Uint8Array, note: (line: string) => void): Promise<void> {
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
