// Reading a profile file from disk within the host's size limit (the CLI's -max_size_mib, the
// extension's pprofLens.maxProfileSizeMiB): the file size is checked before it is read, and the
// decompressed size and decoded memory while it is decoded, each with the same kind of message.
import * as fs from 'fs';
import { fileTooLarge, type SizeLimit } from '../core/profile/limits';
import { ProfileError } from '../core/profile/profileError';
import type { Profile } from '../core/profile/profile';
import { loadProfileWithZlib } from './nativeGunzip';

/**
 * The bytes of a file, or a ProfileError "profile too large: the file is …" (with `shownAs` in
 * front) when it is larger than the limit; fs errors are passed on as they are.
 */
export async function readProfileFile(file: string, limit: SizeLimit, shownAs = file): Promise<Uint8Array> {
  const st = await fs.promises.stat(file);
  if (st.isFile() && st.size > limit.bytes) throw new ProfileError(fileTooLarge(st.size, limit).message, shownAs);
  return new Uint8Array(await fs.promises.readFile(file));
}

/** readProfileFile, synchronously. */
export function readProfileFileSync(file: string, limit: SizeLimit, shownAs = file): Uint8Array {
  const st = fs.statSync(file);
  if (st.isFile() && st.size > limit.bytes) throw new ProfileError(fileTooLarge(st.size, limit).message, shownAs);
  return new Uint8Array(fs.readFileSync(file));
}

/** loadProfileWithZlib (as `go tool pprof FILE`, Node's zlib for gunzip) within the limit. */
export function loadProfileWithin(bytes: Uint8Array, source: string | undefined, limit: SizeLimit): Profile {
  return loadProfileWithZlib(bytes, source, { maxBytes: limit.bytes, limitName: limit.name });
}
