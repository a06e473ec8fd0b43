// Saving a capture to disk before it is shown (docs/ARCHITECTURE.md: nothing collected is lost).
// Written to a temp file in the same folder and renamed into place, so a reader never sees half a
// file; an existing file is never overwritten: "name.pb.gz" becomes "name.1.pb.gz", "name.2.pb.gz"...
// A small JSON sidecar ("<file>.json") records where and when it came from.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** What the JSON sidecar records about a capture; any other keys are written as they are. */
export interface CaptureMeta {
  source?: string;
  seconds?: number;
  /** ISO time; filled in when absent. */
  capturedAt?: string;
  [key: string]: unknown;
}

/** Where saveCapture put a capture. */
export interface SavedCapture {
  path: string;
  /** The JSON sidecar, or undefined when meta was null. */
  metaPath?: string;
}

/**
 * Writes bytes as dir/name (or a numbered variant when taken); returns the path used.
 * meta null: no sidecar.
 *
 * All or nothing: when any step fails (the temp write on a full disk, the link, the sidecar), what this
 * call wrote is removed (temp file, profile, sidecar temp) before the error is thrown, so a failed
 * capture leaves no file behind, hidden or not, and a caller that retries elsewhere makes no second copy.
 */
export async function saveCapture(dir: string, name: string, bytes: Uint8Array, meta: CaptureMeta | null = {}): Promise<SavedCapture> {
  if (name !== path.basename(name) || name === '' || name === '.' || name === '..') {
    throw new Error(`invalid capture name ${JSON.stringify(name)}`);
  }
  await fs.promises.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${name}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  try {
    // Inside the try: a write that fails half way (ENOSPC, EFBIG) leaves a partial temp file to remove.
    await fs.promises.writeFile(tmp, bytes, { flag: 'wx' });
    const target = await linkIntoPlace(dir, name, tmp);
    try {
      return { path: target, metaPath: await writeMeta(target, bytes, meta) };
    } catch (e) {
      // The profile without its sidecar is not kept: the caller gets the error, and may save elsewhere.
      await fs.promises.rm(target, { force: true });
      throw e;
    }
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}

/** Links (or renames) tmp to the first free dir/name, dir/stem.1.ext, …; returns that path. */
async function linkIntoPlace(dir: string, name: string, tmp: string): Promise<string> {
  const { stem, ext } = splitName(name);
  for (let i = 0; i < 10_000; i++) {
    const target = path.join(dir, i === 0 ? name : `${stem}.${i}${ext}`);
    // link() fails when the target exists, unlike rename(): that is what makes "never overwrite" atomic.
    try {
      await fs.promises.link(tmp, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      if ((e as NodeJS.ErrnoException).code === 'EPERM' || (e as NodeJS.ErrnoException).code === 'ENOTSUP') {
        // File systems without hard links: check-then-rename (a tiny race, acceptable there).
        if (fs.existsSync(target)) continue;
        await fs.promises.rename(tmp, target);
        return target;
      }
      throw e;
    }
    return target;
  }
  throw new Error(`too many captures named ${name} in ${dir}`);
}

function splitName(name: string): { stem: string; ext: string } {
  const m = /^(.+?)((?:\.pb)?\.gz|\.[^.]+)?$/.exec(name)!;
  return { stem: m[1], ext: m[2] ?? '' };
}

async function writeMeta(target: string, bytes: Uint8Array, meta: CaptureMeta | null): Promise<string | undefined> {
  if (meta === null) return undefined;
  const metaPath = `${target}.json`;
  const tmp = `${metaPath}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  const full = { ...meta, capturedAt: meta.capturedAt ?? new Date().toISOString(), bytes: bytes.length, file: path.basename(target) };
  try {
    await fs.promises.writeFile(tmp, JSON.stringify(full, null, 2) + '\n', { flag: 'wx' });
    await fs.promises.rename(tmp, metaPath);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  return metaPath;
}

/** What saveCaptureWithFallback saved, and why the first folder was not used (when it was not). */
export interface FallbackSave {
  saved: SavedCapture;
  /** The error that made it save in fallbackDir; undefined when it saved in dir. */
  primaryError?: unknown;
}

/**
 * saveCapture into `dir`; when that fails and `fallbackDir` is another folder, into `fallbackDir`: the
 * bytes are in hand, keep them rather than lose them. Since a failed saveCapture leaves nothing behind,
 * the capture ends up in exactly one folder (or none, when both fail: then the fallback's error is thrown).
 */
export async function saveCaptureWithFallback(dir: string, fallbackDir: string | undefined, name: string, bytes: Uint8Array,
  meta: CaptureMeta | null): Promise<FallbackSave> {
  try {
    return { saved: await saveCapture(dir, name, bytes, meta) };
  } catch (e) {
    if (!fallbackDir || path.resolve(fallbackDir) === path.resolve(dir)) throw e;
    return { saved: await saveCapture(fallbackDir, name, bytes, meta), primaryError: e };
  }
}
