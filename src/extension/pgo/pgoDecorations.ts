// "PGO hot" on the source lines of the call sites Go's compiler treats as hot in the PGO profile shown
// (pgoState.ts): a note at the end of the call's line in Go editors, with the callee and share, and a
// hover saying what it means. Kept apart from the cost annotations (src/extension/annotations): its own
// decoration type, drawn whether or not a profile's costs are shown.
import * as vscode from 'vscode';
import { markdownCode, markdownText } from '../../core/text/untrustedText';
import type { HotCallSite } from '../../core/pgo/pgoProfile';
import type { PgoState } from './pgoState';

/** The text drawn after a hot call site's line. */
export function pgoHotText(sites: readonly HotCallSite[]): string {
  const callees = sites.map((s) => `${shortName(s.calleeName)} ${s.percent.toFixed(1)}%`);
  return `PGO hot → ${callees.join(', ')}`;
}

/** "crypto/internal/fips140/sha256.block" → "sha256.block": the package's last element, as pprof shortens. */
function shortName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

export class PgoDecorations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('pprofLens.hotAnnotationForeground'), fontStyle: 'italic' },
    overviewRulerColor: new vscode.ThemeColor('pprofLens.hotAnnotationForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly state: PgoState) {
    this.disposables.push(
      this.type,
      state.onDidChange(() => this.refresh()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        for (const ed of vscode.window.visibleTextEditors) if (ed.document === e.document) this.draw(ed);
      }),
    );
  }

  refresh(): void {
    for (const ed of vscode.window.visibleTextEditors) this.draw(ed);
  }

  private draw(editor: vscode.TextEditor): void {
    const shown = this.state.shown;
    const doc = editor.document;
    if (!shown || doc.uri.scheme !== 'file' || !(doc.languageId === 'go' || doc.fileName.endsWith('.go'))) {
      editor.setDecorations(this.type, []);
      return;
    }
    const byLine = new Map<number, HotCallSite[]>();
    for (const s of shown.hot.sites) {
      if (s.line === undefined || s.line < 1 || s.line > doc.lineCount) continue;
      if (this.state.localPath(s) !== doc.uri.fsPath) continue;
      const list = byLine.get(s.line) ?? [];
      list.push(s);
      byLine.set(s.line, list);
    }
    const options: vscode.DecorationOptions[] = [];
    for (const [line, sites] of byLine) {
      const end = doc.lineAt(line - 1).range.end;
      const hover = new vscode.MarkdownString(
        `**PGO hot** call site (${markdownText(shown.file.split(/[\\/]/).pop() ?? '')}): Go's compiler inlines hot calls with a larger budget ` +
        `(the hottest call edges that make up ${shown.hot.cdfPercent}% of the profile's call-edge weight)\n\n` +
        sites.map((s) => `- ${markdownCode(s.callerName)} → ${markdownCode(s.calleeName)}: weight ${s.weight}, ${s.percent.toFixed(2)}%`).join('\n'),
      );
      options.push({ range: new vscode.Range(end, end), hoverMessage: hover, renderOptions: { after: { contentText: pgoHotText(sites) } } });
    }
    editor.setDecorations(this.type, options);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
