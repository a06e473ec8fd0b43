// CodeLens above each function with samples: "flat 190ms (27.54%) · cum 190ms (27.54%)", the
// ROUTINE header figures of `-list` for it. Clicking opens the flame graph zoomed to the function
// (its `-list` report stays available as pprofLens.showFunctionList).
import * as vscode from 'vscode';
import type { FunctionCost, SourceCosts } from '../../core/report/sourceCosts';
import type { SourceAnnotations } from './sourceAnnotations';
import { declarationLine as declarationLineIn } from './declarationLine';

export const showFunctionListCommand = 'pprofLens.showFunctionList';
const showFlameGraphCommand = 'pprofLens.showFlameGraph'; // issue 6 (src/extension/flameGraph)

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
      const line = declarationLine(document, fn);
      lenses.push(
        new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: functionSummary(v.costs, fn),
          tooltip: `${fn.name}: pprof -list figures (${v.costs.sampleType.type}) of ${v.session.label}. Click for the flame graph, zoomed to the function (the -list report: "Show -list Report of Function").`,
          // issue 6: the flame graph focused on the function; showFunctionListCommand stays registered.
          command: showFlameGraphCommand,
          arguments: [v.session.key, fn.name, v.session.sampleIndex],
        }),
      );
    }
    return lenses;
  }
}

export function functionSummary(costs: SourceCosts, fn: FunctionCost): string {
  return `flat ${costs.format(fn.flat)} (${costs.percent(fn.flat)}) · cum ${costs.format(fn.cum)} (${costs.percent(fn.cum)})`;
}

/** 0-based line of the function's `func` in the document (see ./declarationLine). */
export function declarationLine(document: vscode.TextDocument, fn: FunctionCost): number {
  return declarationLineIn(fn, document.lineCount, (i) => document.lineAt(i).text);
}
