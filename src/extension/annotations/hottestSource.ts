// "Pprof Lens: Open Hottest Source": the source line where the active profile spends the most (flat),
// opened beside the profile with its figures. Also the demo's second editor (see openOnStartup.ts).
import * as vscode from 'vscode';
import type { Log } from '../log';
import type { SourceAnnotations } from './sourceAnnotations';

export const openHottestSourceCommand = 'pprofLens.openHottestSource';

/** A local source line of the active profile, with the function whose -list figures it shows. */
export interface HottestLine {
  /** Local file system path. */
  path: string;
  /** 1-based line number. */
  line: number;
  /** The function at that line, as pprof names it. */
  name: string;
}

/**
 * The line with the largest flat value of the active profile (its sample type and filters) among the
 * files found here; the workspace's own files win over read-only GOROOT and module-cache files, and
 * cum breaks ties (a profile with no flat on any found line gives its largest cum). Undefined when no
 * profile is active or none of its files is found.
 */
export function hottestSourceLine(annotations: SourceAnnotations): HottestLine | undefined {
  const ix = annotations.current();
  if (!ix) return undefined;
  const resolved = annotations.resolutions();
  let best: (HottestLine & { rank: [number, number, number] }) | undefined;
  for (const f of ix.costs.files()) {
    const r = resolved.get(f);
    if (!r) continue;
    const own = r.readOnly ? 0 : 1;
    for (const l of ix.costs.file(f)!.lines) {
      const rank: [number, number, number] = [own, l.flat, l.cum];
      if (!best || compareRank(rank, best.rank) > 0) best = { path: r.path, line: l.line, name: l.fn.name, rank };
    }
  }
  return best && (best.rank[1] > 0 || best.rank[2] > 0) ? { path: best.path, line: best.line, name: best.name } : undefined;
}

function compareRank(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Opens the hottest line beside the active editor (focus stays where it was); says so when there is none. */
export async function openHottestSource(annotations: SourceAnnotations, log: Log): Promise<void> {
  let hot = hottestSourceLine(annotations);
  if (!hot) {
    // Its files may be found by the mappings being inferred for it: ask again once that is done.
    await annotations.inferenceSettled();
    hot = hottestSourceLine(annotations);
  }
  if (!hot) {
    void vscode.window.showInformationMessage(
      'Pprof Lens: no open profile has costs on a source file found here (see "Pprof Lens: Unresolved Source Files").',
    );
    return;
  }
  // The profile's line where it is now (its function may have moved since the profile was taken).
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(hot.path));
  const placement = annotations.view(doc)?.placement;
  const now = placement?.annotations.lines.find((l) => placement.profileLine(l.line - 1) === hot!.line)?.line ?? hot.line;
  const pos = new vscode.Position(Math.min(now, doc.lineCount) - 1, 0);
  await vscode.window.showTextDocument(doc, {
    viewColumn: vscode.ViewColumn.Beside,
    preserveFocus: true,
    preview: true,
    selection: new vscode.Range(pos, pos),
  });
  const ed = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === hot.path);
  ed?.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  log.info(`hottest source: ${hot.name} at ${hot.path}:${now}${now !== hot.line ? ` (line ${hot.line} in the profile)` : ''}`);
}
