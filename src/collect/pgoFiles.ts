// The file side of "Create default.pgo…": reading the chosen CPU profiles, finding the workspace's
// `package main` folders with `go list`, and writing default.pgo with its `.json` sidecar without ever
// losing the previous one (it becomes default.pgo.bak). No VS Code here: the extension asks the
// questions, this does the I/O, and tests run it on real folders.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { decodeForMerge } from '../core/profile/loadProfile';
import type { Profile } from '../core/profile/profile';
import { ProfileError } from '../core/profile/profileError';
import { nodeGunzip } from './nativeGunzip';
import { readProfileFileSync } from './profileFile';

/** The file name the go command reads in a main package's folder (-pgo=auto). */
export const DEFAULT_PGO = 'default.pgo';

/** Reads and decodes each file for merging (decodeForMerge); a ProfileError names the file that fails. */
export function loadPgoInputs(files: readonly string[], maxBytes: number, limitName = 'pprofLens.maxProfileSizeMiB'): Profile[] {
  return files.map((f) => {
    try {
      const bytes = readProfileFileSync(f, { bytes: maxBytes, name: limitName }, f);
      return decodeForMerge(bytes, f, { nativeGunzip: nodeGunzip, maxBytes, limitName });
    } catch (e) {
      if (e instanceof ProfileError) throw e;
      throw new ProfileError((e as Error).message, f);
    }
  });
}

/** A `package main` of the workspace. */
export interface MainPackage {
  dir: string;
  importPath: string;
}

/**
 * `go list -f … ./...` in dir (goBinary: the go command): the folders of its main packages. Rejects with go's message when it
 * fails (no go.mod, go missing); never runs longer than timeoutMs.
 */
export function findMainPackages(dir: string, goBinary = 'go', env: NodeJS.ProcessEnv = process.env, timeoutMs = 60_000): Promise<MainPackage[]> {
  return new Promise((resolve, reject) => {
    execFile(goBinary, ['list', '-e', '-f', '{{.Name}}\t{{.ImportPath}}\t{{.Dir}}', './...'], { cwd: dir, env, timeout: timeoutMs, maxBuffer: 16 * 2 ** 20 }, (err, stdout, stderr) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        reject(new Error(code === 'ENOENT' ? 'the go command was not found on PATH' : `go list in ${dir}: ${String(stderr).trim().split('\n')[0] || err.message}`));
        return;
      }
      const out: MainPackage[] = [];
      for (const line of String(stdout).split('\n')) {
        const [name, importPath, pkgDir] = line.split('\t');
        if (name === 'main' && importPath && pkgDir) out.push({ dir: pkgDir, importPath });
      }
      resolve(out);
    });
  });
}

/** What the sidecar (default.pgo.json) records. */
export interface PgoSidecar {
  /** The merged profiles, in order. */
  inputs: { path: string; bytes: number; timeNanos?: number; durationNanos?: number }[];
  package: string;
  createdAt: string;
  /** How the inputs were merged. */
  mergedAs: string;
  warnings?: string[];
}

/** The previous default.pgo is there and the caller did not say to replace it. */
export class PgoExists extends Error {
  constructor(readonly file: string) {
    super(`${file} exists`);
  }
}

/** Where writeDefaultPgo wrote. */
export interface WrittenPgo {
  file: string;
  sidecar: string;
  /** The previous default.pgo, kept (absent when there was none). */
  backup?: string;
}

/**
 * Writes dir/default.pgo and dir/default.pgo.json (each through a temp file and a rename). An existing
 * default.pgo is replaced only with replace: true, and then kept as default.pgo.bak (its sidecar as
 * default.pgo.bak.json); otherwise PgoExists is thrown and nothing changes.
 */
export async function writeDefaultPgo(dir: string, bytes: Uint8Array, sidecar: PgoSidecar, replace: boolean): Promise<WrittenPgo> {
  const file = path.join(dir, DEFAULT_PGO);
  const meta = `${file}.json`;
  const exists = fs.existsSync(file);
  if (exists && !replace) throw new PgoExists(file);
  const tmp = path.join(dir, `.${DEFAULT_PGO}.${process.pid}.${Date.now()}.tmp`);
  const tmpMeta = `${tmp}.json`;
  try {
    await fs.promises.writeFile(tmp, bytes, { flag: 'wx' });
    await fs.promises.writeFile(tmpMeta, JSON.stringify(sidecar, null, 2) + '\n', { flag: 'wx' });
    let backup: string | undefined;
    if (exists) {
      backup = path.join(dir, `${DEFAULT_PGO}.bak`);
      await fs.promises.rename(file, backup);
      if (fs.existsSync(meta)) await fs.promises.rename(meta, `${backup}.json`);
      else await fs.promises.rm(`${backup}.json`, { force: true });
    }
    await fs.promises.rename(tmp, file);
    await fs.promises.rename(tmpMeta, meta);
    return { file, sidecar: meta, ...(backup ? { backup } : {}) };
  } finally {
    await fs.promises.rm(tmp, { force: true });
    await fs.promises.rm(tmpMeta, { force: true });
  }
}
