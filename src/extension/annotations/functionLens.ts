// CodeLens above each function with samples: "flat 190ms (27.54%) · cum 190ms (27.54%)", the
// ROUTINE header figures of `-list` for it. Clicking opens the flame graph zoomed to the function
// (its `-list` report stays available as pprofLens.showFunctionList).
import * as vscode from 'vscode';
import type { FunctionCost } from '../../core/report/sourceCosts';
import { labelText, oneLine } from '../../core/text/untrustedText';
import { functionSummary } from './costHoverText';
import type { SourceAnnotations } from './sourceAnnotations';
import { declarationLine as declarationLineIn } from './declarationLine';

export const showFunctionListCommand = 'pprofLens.showFunctionList';
const showFlameGraphCommand = 'pprofLens.showFlameGraph'; // the flame graph panel (src/extension/flameGraph)

/** CodeLens provider: the -list figures above each function with samples; click = its flame graph. */
export class FunctionLens implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly annotations: SourceAnnotations) {
    this.onDidChangeCodeLenses = annotations.onDidChange;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('pprofLens').get<boolean>('sourceAnnotations.codeLens', true)) return [];
    const v = this.annotations.view(document);
    if (!v) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const fn of v.file.functions) {
      if (fn.flat === 0 && fn.cum === 0) continue;
      // On the function's `func` as the document is now (found by name when the code moved).
      const place = v.placement.functions.get(fn);
      const line = place?.declLine ?? declarationLine(document, fn);
      const stale = place?.stale !== undefined ? ' · stale: changed since the profile' : '';
      lenses.push(
        new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: labelText(functionSummary(v.costs, fn) + stale),
          // The title renders "$(icon)" syntax (units come from the profile); the tooltip is plain text.
          tooltip: `${place?.stale ? `Stale: ${oneLine(place.stale)}. ` : ''}${oneLine(fn.name)}: pprof -list figures (${oneLine(v.costs.sampleType.type)}) of ${oneLine(v.session.label)}. Click for the flame graph, zoomed to the function (the -list report: "Show -list Report of Function").`,
          // The flame graph focused on the function; showFunctionListCommand stays registered.
          command: showFlameGraphCommand,
          arguments: [v.session.key, fn.name, v.session.sampleIndex],
        }),
      );
    }
    return lenses;
  }
}

/** 0-based line of the function's `func` in the document (see ./declarationLine). */
export function declarationLine(document: vscode.TextDocument, fn: FunctionCost): number {
  return declarationLineIn(fn, document.lineCount, (i) => document.lineAt(i).text);
}
