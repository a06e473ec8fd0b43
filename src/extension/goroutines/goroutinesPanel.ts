// "Pprof Lens: Show Goroutines": a panel per file with the goroutine groups of a goroutine profile
// or debug=2 dump (webview-ui/goroutines). The host reads and groups; the webview sorts, filters
// and asks to open frames' sources (through the annotations' source locator command).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GoroutinesModel, GoroutinesToHost, HostToGoroutines } from '../../protocol/messages';
import type { Log } from '../log';
import type { ProfilesNode } from '../profilesView/profilesTree';
import { activeProfiles } from '../sessions/activeProfiles';
import { profileSizeLimit } from '../profileFile';
import { readProfileFile } from '../../collect/profileFile';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import { parseCaptureFileName } from '../../collect/captureName';
import { goroutinesModel, goroutineViewOf, isGoroutineProfile } from './goroutineModel';
import { errorMessage } from '../../core/text/errorMessage';

export const GOROUTINES_VIEW_TYPE = 'pprofLens.goroutines';

export class GoroutinesPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  /** pickFile: what to show when the command names no file and no goroutine profile is shown (undefined: nothing). */
  constructor(private readonly extensionUri: vscode.Uri, private readonly log: Log, private readonly pickFile: () => Promise<string | undefined>) {}

  /** The command: a file URI, a Profiles view capture, or the profile shown now. */
  async show(arg?: unknown): Promise<void> {
    let file: string | undefined;
    if (arg instanceof vscode.Uri) file = arg.fsPath;
    else if (typeof arg === 'string') file = arg;
    else if (typeof arg === 'object' && arg !== null && (arg as ProfilesNode).type === 'capture') file = (arg as Extract<ProfilesNode, { type: 'capture' }>).entry.path;
    else {
      // From the command palette: the profile shown, when it is one the goroutine view reads (else
      // the last active profile, e.g. a CPU profile, would open a panel that only says it cannot).
      const active = activeProfiles.active();
      if (active && isGoroutineProfile(active.profile)) file = active.uri.fsPath;
    }
    file ??= await this.pickFile();
    if (!file) return;
    await this.open(file);
  }

  async open(file: string): Promise<void> {
    const key = path.resolve(file);
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return;
    }
    const fileName = path.basename(file);
    const panel = vscode.window.createWebviewPanel(GOROUTINES_VIEW_TYPE, `Goroutines: ${fileName}`, vscode.ViewColumn.Active, {
      ...webviewOptions(this.extensionUri),
      retainContextWhenHidden: false,
    });
    this.panels.set(key, panel);
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, { name: 'goroutines', title: `Goroutines: ${fileName}` });
    const post = (m: HostToGoroutines) => void panel.webview.postMessage(m);
    let model: GoroutinesModel | undefined;
    const load = async (): Promise<HostToGoroutines> => {
      try {
        const limit = profileSizeLimit();
        const bytes = await readProfileFile(file, limit);
        const t0 = Date.now();
        const view = goroutineViewOf(bytes, fileName, isLeakCapture(file), limit);
        const groups = view.groups;
        model = goroutinesModel(groups, fileName, file, view.leak);
        if (model.leak) panel.title = `Goroutine Leaks: ${fileName}`;
        this.log.info(`goroutines of ${file}: ${groups.total} in ${groups.groups.length} groups (${groups.source}) in ${Date.now() - t0} ms` +
          (model.leak ? `; leak profile: ${model.leak.leaked} leaked in ${model.leak.groups} groups` : ''));
        return { type: 'goroutines', model };
      } catch (e) {
        this.log.error(`cannot show goroutines of ${file}`, e);
        return { type: 'error', message: errorMessage(e) };
      }
    };
    const loaded = load();
    panel.webview.onDidReceiveMessage(async (m: GoroutinesToHost) => {
      if (m.type === 'ready') post(await loaded);
      else if (m.type === 'openSource' && m.file) await vscode.commands.executeCommand('pprofLens.openSourceLocation', m.file, m.line);
    });
    panel.onDidDispose(() => this.panels.delete(key));
  }

  dispose(): void {
    for (const p of this.panels.values()) p.dispose();
    this.panels.clear();
  }
}

/** A capture of the goroutine leak profile, by its sidecar's kind or, failing that, its name. */
export function isLeakCapture(file: string): boolean {
  try {
    const meta = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as { kind?: unknown };
    if (typeof meta.kind === 'string') return meta.kind === 'goroutine-leak';
  } catch {
    // no sidecar: the name tells
  }
  return parseCaptureFileName(path.basename(file))?.kind === 'goroutine-leak';
}
