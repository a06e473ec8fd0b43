// Saving a capture to disk before it is shown (DESIGN.md: nothing the user collected is lost).
// Written to a temp file in the same folder and renamed into place, so a reader never sees half a
// file; an existing file is never overwritten: "name.pb.gz" becomes "name.1.pb.gz", "name.2.pb.gz"...
// A small JSON sidecar ("<file>.json") records where and when it came from.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export interface CaptureMeta {
  source?: string;
  seconds?: number;
  /** ISO time; filled in when absent. */
  capturedAt?: string;
  [key: string]: unknown;
}

export interface SavedCapture {
  path: string;
  /** The JSON sidecar, or undefined when meta was null. */
  metaPath?: string;
}

/**
 * Writes bytes as dir/name (or a numbered variant when taken); returns the path used.
 * meta null: no sidecar.
 */
export async function saveCapture(dir: string, name: string, bytes: Uint8Array, meta: CaptureMeta | null = {}): Promise<SavedCapture> {
  if (name !== path.basename(name) || name === '' || name === '.' || name === '..') {
    throw new Error(`invalid capture name ${JSON.stringify(name)}`);
  }
  await fs.promises.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${name}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  await fs.promises.writeFile(tmp, bytes, { flag: 'wx' });
  try {
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
          return { path: target, metaPath: await writeMeta(target, bytes, meta) };
        }
        throw e;
      }
      await fs.promises.unlink(tmp);
      return { path: target, metaPath: await writeMeta(target, bytes, meta) };
    }
    throw new Error(`too many captures named ${name} in ${dir}`);
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
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
  await fs.promises.writeFile(tmp, JSON.stringify(full, null, 2) + '\n');
  await fs.promises.rename(tmp, metaPath);
  return metaPath;
}
