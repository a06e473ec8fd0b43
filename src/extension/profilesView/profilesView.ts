// The "Profiles" view in the Pprof Lens activity-bar container, and its commands: open, reveal in
// the explorer or the OS, copy path, rename, delete (asks first), refresh. Follows the storage
// folder through a file watcher, so captures made elsewhere (or deleted) show up by themselves.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { captureRenameProblem, isCaptureFile } from '../../collect/captureLibrary';
import { messageText } from '../../core/text/untrustedText';
import type { Log } from '../log';
import { openCapture } from './openCapture';
import { CaptureNode, ProfilesNode, ProfilesTree } from './profilesTree';
import { errorMessage } from '../../core/text/errorMessage';

export const PROFILES_VIEW_ID = 'pprofLens.profiles';

export class ProfilesView implements vscode.Disposable {
  private readonly tree: ProfilesTree;
  private readonly view: vscode.TreeView<ProfilesNode>;
  private watcher: vscode.FileSystemWatcher | undefined;
  private watchedDir = '';
  private debounce: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** onNewCapture: called when a capture file appears in the storage folder (the .gitignore offer). */
  constructor(private readonly storageDir: () => string, private readonly log: Log, private readonly onNewCapture?: () => void) {
    this.tree = new ProfilesTree(storageDir);
    this.view = vscode.window.createTreeView(PROFILES_VIEW_ID, { treeDataProvider: this.tree, canSelectMany: true, showCollapseAll: true });
    this.updateMessage();
    this.disposables.push(
      this.view,
      this.tree,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('pprofLens.storageDir')) this.refresh();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    );
    this.watch();
  }

  /** The Profiles view's command handlers (src/extension/commands.ts registers them as pprofLens.profiles.<name>). */
  commands() {
    const log = this.log;
    return {
      refresh: () => this.refresh(),
      open: (n?: CaptureNode) => this.withCapture(n, (c) => openCapture(c.entry.path, log)),
      openAsText: (n?: CaptureNode) => this.withCapture(n, (c) => vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(c.entry.path), 'default')),
      revealInExplorer: (n?: CaptureNode) => this.withCapture(n, (c) => this.revealInExplorer(c.entry.path)),
      revealInOS: (n?: CaptureNode) => this.withCapture(n, (c) => vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(c.entry.path))),
      copyPath: (n?: CaptureNode) => this.withCapture(n, (c) => vscode.env.clipboard.writeText(c.entry.path)),
      rename: (n?: CaptureNode) => this.withCapture(n, (c) => this.rename(c)),
      delete: (n?: CaptureNode, all?: ProfilesNode[]) => this.delete(n, all),
      openStorageFolder: () => this.openStorageFolder(),
    };
  }

  /** Captures selected in the view (for comparison and other features to build on). */
  get selection(): CaptureNode[] {
    return this.view.selection.filter((n): n is CaptureNode => n.type === 'capture');
  }

  async refresh(): Promise<void> {
    this.watch();
    await this.tree.refresh();
    this.updateMessage();
  }

  /** Refreshes, then selects a capture in the view when the view is visible. */
  async reveal(p: string): Promise<void> {
    await this.refresh();
    this.onNewCapture?.(); // the folder may not have existed when the file watcher started
    const node = await this.tree.nodeFor(p);
    if (node && this.view.visible) await this.view.reveal(node, { select: true, focus: false, expand: true });
  }

  private updateMessage(): void {
    // Empty: the view's welcome content (package.json viewsWelcome) says what to do.
    this.view.description = this.tree.entries().length > 0 ? shortDir(this.storageDir()) : undefined;
  }

  private watch(): void {
    const dir = this.storageDir();
    if (dir === this.watchedDir && this.watcher) return;
    this.watcher?.dispose();
    this.watchedDir = dir;
    // Watches keep their snapshots one folder down, traces their derived profiles too.
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '{*,*/*}'));
    const changed = () => {
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.tree.refresh().then(() => this.updateMessage()), 300);
    };
    this.watcher.onDidCreate((uri) => {
      changed();
      if (isCaptureFile(path.basename(uri.fsPath))) this.onNewCapture?.();
    });
    this.watcher.onDidDelete(changed);
    this.watcher.onDidChange(changed);
  }

  private async withCapture(n: CaptureNode | undefined, fn: (c: CaptureNode) => unknown): Promise<void> {
    const node = n?.type === 'capture' ? n : this.selection[0];
    if (!node) return;
    try {
      await fn(node);
    } catch (e) {
      this.log.error(`Profiles view: ${node.entry.path}`, e);
      void vscode.window.showErrorMessage(messageText(`Pprof Lens: ${errorMessage(e)}`, 600));
    }
  }

  private async revealInExplorer(p: string): Promise<void> {
    const uri = vscode.Uri.file(p);
    if (vscode.workspace.getWorkspaceFolder(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
    else await vscode.commands.executeCommand('revealFileInOS', uri);
  }

  private async rename(c: CaptureNode): Promise<void> {
    const dir = path.dirname(c.entry.path);
    const old = c.entry.fileName;
    const stem = old.replace(/(\.pb\.gz|\.[^.]+)$/, '');
    const name = await vscode.window.showInputBox({
      title: `Rename ${old}`,
      value: old,
      valueSelection: [0, stem.length],
      validateInput: (v) => captureRenameProblem(old, v, (t) => fs.existsSync(path.join(dir, t))),
    });
    if (name === undefined || name.trim() === old) return;
    const to = path.join(dir, name.trim());
    await moveNoClobber(c.entry.path, to);
    if (fs.existsSync(`${c.entry.path}.json`)) {
      await moveNoClobber(`${c.entry.path}.json`, `${to}.json`).catch((e) => this.log.error(`renaming the sidecar of ${old}`, e));
    }
    this.log.info(`renamed ${c.entry.path} to ${to}`);
    await this.reveal(to);
  }

  private async delete(n: ProfilesNode | undefined, all: ProfilesNode[] | undefined): Promise<void> {
    const picked = (all && all.length > 0 ? all : n ? [n] : this.view.selection).filter((x): x is CaptureNode => x.type === 'capture');
    if (picked.length === 0) return;
    const what = picked.length === 1 ? picked[0].entry.fileName : `${picked.length} captures`;
    const ok = await vscode.window.showWarningMessage(`Delete ${what}?`, { modal: true, detail: 'Deleted captures go to the trash where the system has one.' }, 'Delete');
    if (ok !== 'Delete') return;
    for (const c of picked) {
      for (const p of [c.entry.path, `${c.entry.path}.json`]) {
        if (!fs.existsSync(p)) continue;
        const uri = vscode.Uri.file(p);
        try {
          await vscode.workspace.fs.delete(uri, { useTrash: true });
        } catch {
          await vscode.workspace.fs.delete(uri, { useTrash: false });
        }
      }
      this.log.info(`deleted ${c.entry.path}`);
    }
    await this.refresh();
  }

  private async openStorageFolder(): Promise<void> {
    const dir = this.storageDir();
    await fs.promises.mkdir(dir, { recursive: true });
    await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(dir));
  }

  dispose(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function shortDir(dir: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir));
  return folder ? path.relative(folder.uri.fsPath, dir) || '.' : dir;
}

/** Renames without ever replacing an existing file (link + unlink; rename where links fail). */
async function moveNoClobber(from: string, to: string): Promise<void> {
  try {
    await fs.promises.link(from, to);
    await fs.promises.unlink(from);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new Error(`${path.basename(to)} already exists`, { cause: e });
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
    if (fs.existsSync(to)) throw new Error(`${path.basename(to)} already exists`, { cause: e });
    await fs.promises.rename(from, to);
  }
}
