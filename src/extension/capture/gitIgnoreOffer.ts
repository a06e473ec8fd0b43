// Captures clutter a repository: the first time a capture lands in a capture folder inside
// a git work tree that git does not ignore, Pprof Lens asks once whether to keep them out of git: a
// line in the repository's .gitignore, a ".gitignore" with "*" inside the capture folder, or keep them.
// The answer is remembered per workspace; dismissing the message asks again in the next session.
import * as path from 'path';
import * as vscode from 'vscode';
import { addToRootGitignore, gitRootOf, ignoreInsideFolder, isGitIgnored } from '../../collect/gitIgnore';
import type { Log } from '../log';
import { errorMessage } from '../../core/text/errorMessage';

const CHOICE_KEY = 'pprofLens.gitignoreChoice';

/** The three answers, as the buttons say them for a capture folder `rel` (".pprof"). */
export function gitignoreButtons(rel: string): { root: string; inside: string; keep: string } {
  return { root: 'Add to .gitignore', inside: `Ignore Inside ${rel}/`, keep: 'Keep in Git' };
}

export class GitIgnoreOffer {
  private asking = false;
  private dismissed = false;

  constructor(private readonly state: vscode.Memento, private readonly log: Log) {}

  /** Asks about `dir` when it is in a git work tree, not ignored, and the user has not answered yet. */
  async maybeOffer(dir: string): Promise<void> {
    if (this.asking || this.dismissed || this.state.get<string>(CHOICE_KEY)) return;
    this.asking = true;
    try {
      const root = gitRootOf(dir);
      if (!root) return;
      const rel = path.relative(root, dir).split(path.sep).join('/');
      if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return;
      if (await isGitIgnored(dir, root)) return;
      const b = gitignoreButtons(rel);
      const choice = await vscode.window.showInformationMessage(
        `Pprof Lens saves captures in ${rel}/, inside your git repository. Keep them out of git?`, b.root, b.inside, b.keep);
      if (!choice) {
        this.dismissed = true;
        return;
      }
      await this.state.update(CHOICE_KEY, choice === b.root ? 'root' : choice === b.inside ? 'inside' : 'keep');
      if (choice === b.root) this.log.info(`added /${rel}/ to ${await addToRootGitignore(root, dir)}`);
      else if (choice === b.inside) this.log.info(`wrote ${await ignoreInsideFolder(dir)} ("*": git ignores the captures)`);
      else this.log.info(`captures in ${rel}/ stay visible to git (the user's choice)`);
    } catch (e) {
      this.log.error(`keeping ${dir} out of git failed`, e);
      void vscode.window.showErrorMessage(`Pprof Lens: could not update .gitignore: ${errorMessage(e)}`);
    } finally {
      this.asking = false;
    }
  }
}
