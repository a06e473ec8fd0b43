// The PGO view: the hot call sites of the PGO profile shown (pgoState.ts) as Go 1.27's
// compiler computes them, heaviest first: caller → callee, weight and share of all call-edge weight,
// and a click opens the call's line. Its description names the file, the count and the threshold.
import * as vscode from 'vscode';
import { goFloatV, type HotCallSite } from '../../core/pgo/pgoProfile';
import { labelText } from '../../core/text/untrustedText';
import { openSourceLocationCommand } from '../annotations/costHoverText';
import type { PgoState } from './pgoState';

export const PGO_VIEW_ID = 'pprofLens.pgo';

export class PgoView implements vscode.TreeDataProvider<HotCallSite>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<HotCallSite>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly state: PgoState) {
    this.view = vscode.window.createTreeView(PGO_VIEW_ID, { treeDataProvider: this });
    this.disposables.push(this.view, this.changed, state.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const s = this.state.shown;
    if (!s) {
      this.view.description = undefined;
      this.view.message = undefined;
    } else {
      const name = s.file.split(/[\\/]/).pop() ?? s.file;
      this.view.description = labelText(name);
      this.view.message = s.hot.totalWeight === 0
        ? `${name}: no call edges with weight; the compiler ignores this profile.`
        : `${name}: ${s.hot.sites.length} hot call site${s.hot.sites.length === 1 ? '' : 's'} of ${s.edgeCount} call edges ` +
          `(${s.hot.cdfPercent}% of the weight ${s.hot.totalWeight}; hot-callsite-thres-from-CDF=${goFloatV(s.hot.thresholdPercent)})`;
    }
    this.changed.fire();
  }

  /** Shows the view (focus) after a profile was loaded. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${PGO_VIEW_ID}.focus`);
  }

  getChildren(element?: HotCallSite): HotCallSite[] {
    if (element) return [];
    return this.state.shown?.hot.sites ?? [];
  }

  getTreeItem(s: HotCallSite): vscode.TreeItem {
    const item = new vscode.TreeItem(labelText(`${s.callerName} → ${s.calleeName}`), vscode.TreeItemCollapsibleState.None);
    const where = s.callerFile && s.line !== undefined ? `${s.callerFile.split(/[\\/]/).pop()}:${s.line}` : `+${s.callSiteOffset} lines into ${s.callerName}`;
    item.description = labelText(`${s.weight} · ${s.percent.toFixed(2)}% · ${where}`);
    item.tooltip = `${s.callerName} → ${s.calleeName}\nweight ${s.weight} (${s.percent.toFixed(2)}% of all call-edge weight)\n` +
      (s.callerFile && s.line !== undefined ? `${s.callerFile}:${s.line}` : 'no source line: a preprocessed profile');
    item.iconPath = new vscode.ThemeIcon('flame');
    item.contextValue = 'pprofLens.pgoHotSite';
    if (s.callerFile && s.line !== undefined) {
      item.command = { command: openSourceLocationCommand, title: 'Open Call Site', arguments: [s.callerFile, s.line] };
    }
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
