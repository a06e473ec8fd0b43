// A source file's text as it was when a profile was taken, from git: the commit that was checked out
// at the profile's time (`git rev-list -1 --before=<time> HEAD`) and the file at that commit. The
// placement (./sourcePlacement) compares function bodies with it, so an edited body is told from a
// moved one; "Open Source at the Profile's Commit" shows it. Asynchronously, once per file and time,
// and only in a trusted workspace (git runs the repository's configuration; the caller passes the trust).
import { execFile } from 'child_process';
import * as path from 'path';

/** A file at the commit checked out when the profile was taken. */
export interface ProfiledSource {
  /** Full commit id. */
  commit: string;
  /** Its committer date (ISO 8601). */
  date: string;
  /** Path inside the repository (forward slashes). */
  relPath: string;
  /** The file's text at that commit. */
  text: string;
}

const cache = new Map<string, Promise<ProfiledSource | undefined>>();

/**
 * The text of `localPath` at the commit checked out when the profile was taken (`profileTimeMs`),
 * or undefined when the time is unknown, the file is not in a git work tree, git is missing, the
 * repository has no commit that old, no commit after it changed the file (the build may have been of
 * uncommitted edits), or the file did not exist then.
 */
export function profiledSource(
  localPath: string,
  profileTimeMs: number,
  /** The workspace's trust (vscode.workspace.isTrusted): git runs the repository's configuration. */
  isTrusted: () => boolean,
): Promise<ProfiledSource | undefined> {
  if (!(profileTimeMs > 0) || !isTrusted()) return Promise.resolve(undefined);
  const key = `${localPath}\u0000${profileTimeMs}`;
  let p = cache.get(key);
  if (!p) {
    p = lookUp(localPath, profileTimeMs).catch(() => undefined);
    cache.set(key, p);
  }
  return p;
}

async function lookUp(localPath: string, profileTimeMs: number): Promise<ProfiledSource | undefined> {
  const dir = path.dirname(localPath);
  const root = (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
  if (!root) return undefined;
  const before = new Date(profileTimeMs).toISOString();
  const [commit = '', date = ''] = (await git(root, ['log', '-1', '--format=%H %cI', `--before=${before}`, 'HEAD'])).trim().split(' ');
  if (!/^[0-9a-f]{40,64}$/.test(commit)) return undefined;
  const relPath = path.relative(root, localPath).split(path.sep).join('/');
  if (relPath.startsWith('../')) return undefined;
  // Only when a commit after the profile's time changed the file: otherwise the profiled program may
  // have been built from uncommitted edits, which git does not have.
  const later = (await git(root, ['log', '-1', '--format=%H', `--since=${before}`, 'HEAD', '--', relPath])).trim();
  if (later === '') return undefined;
  const text = await git(root, ['show', `${commit}:${relPath}`]);
  return { commit, date, relPath, text };
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'core.fsmonitor=false', ...args], { cwd, timeout: 10_000, maxBuffer: 64 << 20, encoding: 'utf8' }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
  });
}

/** Drops what was read (a commit or checkout may have changed the history). */
export function forgetProfiledSources(): void {
  cache.clear();
}
