// Hover on an annotated line (the Markdown is built by ./costHoverText). Names in it come from the
// profile: the MarkdownString renders no HTML and no theme icons, and trusts only costHoverCommands.
import * as vscode from 'vscode';
import type { SourceAnnotations } from './sourceAnnotations';
import { costHoverCommands, costHoverMarkdown } from './costHoverText';

export { openSourceLocationCommand } from './costHoverText';

/** Hover provider of annotated Go lines: the costs of the active profile at the hovered line. */
export class CostHover implements vscode.HoverProvider {
  constructor(private readonly annotations: SourceAnnotations) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const v = this.annotations.view(document);
    if (!v) return undefined;
    // The profile's line whose figures are shown here (they moved with their function, or are stale).
    const profileLine = v.placement.profileLine(position.line);
    if (profileLine === undefined) return undefined;
    const src = document.uri.scheme === 'file' ? this.annotations.profiledSourceOf(document.uri.fsPath) : undefined;
    const text = costHoverMarkdown(v.session.label, v.costs, v.file, profileLine, {
      shownAt: position.line + 1,
      stale: v.placement.staleReason(position.line),
      profiledAt: src ? { path: document.uri.fsPath, commit: src.commit } : undefined,
    });
    if (text === undefined) return undefined;
    const md = untrustedMarkdown(costHoverCommands);
    md.appendMarkdown(text);
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }
}

/**
 * A MarkdownString for text built from untrusted strings: no HTML, no "$(icon)" rendering, and command
 * links run only for `commands` (none when empty).
 */
export function untrustedMarkdown(commands: readonly string[] = []): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.supportHtml = false;
  md.isTrusted = commands.length > 0 ? { enabledCommands: [...commands] } : false;
  return md;
}
