// The one way the extension reads a profile or trace file: within pprofLens.maxProfileSizeMiB, which
// bounds the file size (checked before reading), the decompressed size and the decoded memory, with
// one kind of message naming the setting.
import * as vscode from 'vscode';
import { fileTooLarge, type SizeLimit } from '../core/profile/limits';
import { ProfileError } from '../core/profile/profileError';
import type { Profile } from '../core/profile/profile';
import { loadProfileWithin } from '../collect/profileFile';
import { readSettings } from './settings';

/** The setting that sets the limit, as messages name it. */
export const MAX_SIZE_SETTING = 'pprofLens.maxProfileSizeMiB';

/** The size limit of the current settings (pprofLens.maxProfileSizeMiB, in bytes, and its name). */
export function profileSizeLimit(): SizeLimit {
  return { bytes: readSettings().maxProfileSizeMiB * 2 ** 20, name: MAX_SIZE_SETTING };
}

/**
 * The bytes of a file (any URI the workspace can read), or a ProfileError "<name>: profile too large:
 * the file is …, over the … limit (pprofLens.maxProfileSizeMiB)" when it is larger than the limit.
 */
export async function readProfileUri(uri: vscode.Uri, limit: SizeLimit = profileSizeLimit(), name = displayName(uri)): Promise<Uint8Array> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > limit.bytes) throw new ProfileError(fileTooLarge(stat.size, limit).message, name);
  return vscode.workspace.fs.readFile(uri);
}

/** A profile from a file's bytes, as `go tool pprof FILE` reads it, within the limit. */
export function loadProfileBytes(bytes: Uint8Array, name: string, limit: SizeLimit = profileSizeLimit()): Profile {
  return loadProfileWithin(bytes, name, limit);
}

/** How messages name a file: its path for file URIs, else the URI. */
export function displayName(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
}
