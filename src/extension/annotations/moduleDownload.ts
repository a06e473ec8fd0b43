// `go mod download` of the modules a profile's build used, at their versions, so their sources (named
// by another machine's module cache path) resolve in this one. Plain Node (no vscode), so it is tested
// live; only in a trusted workspace (the caller passes the trust: go reads the workspace's settings).
import { execFile } from 'child_process';
import * as os from 'os';
import type { ModuleVersion } from './sourceInference';

/** A module that could not be downloaded, with go's message. */
export interface ModuleDownloadFailure {
  module: string;
  error: string;
}

/**
 * Downloads `mods` with `<go> mod download -json` (the user's GOPROXY, GOMODCACHE and GOFLAGS from
 * `env`) and returns those that failed; every module fails with one reason when the workspace is not
 * trusted or go does not run.
 */
export function goModDownload(
  go: string,
  mods: readonly ModuleVersion[],
  isTrusted: () => boolean,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ModuleDownloadFailure[]> {
  const names = mods.map((m) => `${m.path}@${m.version}`);
  if (names.length === 0) return Promise.resolve([]);
  if (!isTrusted()) return Promise.resolve(names.map((module) => ({ module, error: 'the workspace is not trusted' })));
  return new Promise((resolve) => {
    execFile(go, ['mod', 'download', '-json', ...names], { cwd: os.tmpdir(), timeout: 5 * 60_000, maxBuffer: 16 << 20, env: { ...env, GO111MODULE: 'on' } }, (err, stdout) => {
      const out = stdout ?? '';
      if (err && out.trim() === '') return resolve(names.map((module) => ({ module, error: err.message.split('\n')[0] })));
      const failed: ModuleDownloadFailure[] = [];
      // -json prints one flat object per module; those with "Error" failed.
      for (const m of out.matchAll(/\{[^{}]*\}/g)) {
        try {
          const j = JSON.parse(m[0]) as { Path?: string; Version?: string; Error?: string };
          if (j.Error) failed.push({ module: `${j.Path}@${j.Version}`, error: j.Error });
        } catch {
          // not one of go's objects
        }
      }
      resolve(failed);
    });
  });
}
