// Keeping captures out of git: whether the capture folder is inside a git work tree and
// already ignored there, and the two ways to ignore it: a line in the repository's .gitignore, or a
// ".gitignore" containing "*" inside the capture folder itself (which ignores the folder's files,
// that .gitignore included, and touches no file of the project).
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The work tree root holding `dir` (the nearest ancestor with a ".git" entry), or undefined. */
export function gitRootOf(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/**
 * Whether a .gitignore text ignores the folder `rel` (relative to that .gitignore's folder, "/"
 * separated): a line naming it ("rel", "rel/", "/rel", "/rel/", "rel/*", "rel/**", or for a folder at
 * any depth "**\/name"). A simplification of git's rules for the common spellings; negations are not
 * followed (git check-ignore, when there, decides instead).
 */
export function gitignoreCovers(text: string, rel: string): boolean {
  const want = rel.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  const name = want.split('/').pop() ?? want;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const l = line.replace(/\/(\*\*?)?$/, '').replace(/^\//, '');
    if (l === want) return true;
    if (!line.startsWith('/') && !l.includes('/') && l === name) return true; // "name" matches at any depth
    if (l === `**/${name}`) return true;
  }
  return false;
}

/**
 * Whether `dir` is ignored by git: `git check-ignore` when git runs, else the capture folder's own
 * .gitignore ("*") or the root's .gitignore naming it. `root` is the work tree root.
 */
export async function isGitIgnored(dir: string, root: string): Promise<boolean> {
  const probe = path.join(dir, 'pprof-lens-probe.pb.gz');
  const byGit = await new Promise<boolean | undefined>((resolve) => {
    execFile('git', ['check-ignore', '-q', '--', probe], { cwd: root, timeout: 5000 }, (err) => {
      if (!err) return resolve(true);
      const code: unknown = (err as { code?: unknown }).code;
      resolve(code === 1 ? false : undefined); // 1: not ignored; anything else (no git, not a repo): unknown
    });
  });
  if (byGit !== undefined) return byGit;
  try {
    const own = await fs.promises.readFile(path.join(dir, '.gitignore'), 'utf8');
    if (own.split(/\r?\n/).some((l) => l.trim() === '*')) return true;
  } catch {
    // none
  }
  try {
    return gitignoreCovers(await fs.promises.readFile(path.join(root, '.gitignore'), 'utf8'), path.relative(root, dir));
  } catch {
    return false;
  }
}

/** Adds "/<rel>/" to the root's .gitignore (creating it), on a line of its own. */
export async function addToRootGitignore(root: string, dir: string): Promise<string> {
  const file = path.join(root, '.gitignore');
  const rel = path.relative(root, dir).split(path.sep).join('/');
  let text = '';
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch {
    // a new .gitignore
  }
  if (!gitignoreCovers(text, rel)) {
    const sep = text === '' || text.endsWith('\n') ? '' : '\n';
    await fs.promises.writeFile(file, `${text}${sep}# captures of Pprof Lens\n/${rel}/\n`);
  }
  return file;
}

/** Writes "<dir>/.gitignore" containing "*": git ignores everything in the capture folder. */
export async function ignoreInsideFolder(dir: string): Promise<string> {
  await fs.promises.mkdir(dir, { recursive: true });
  const file = path.join(dir, '.gitignore');
  await fs.promises.writeFile(file, '# captures of Pprof Lens: not for git\n*\n');
  return file;
}
