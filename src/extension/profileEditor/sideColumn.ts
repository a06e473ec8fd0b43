// Where the views of a profile open: one side column next to its profile editor, shared by
// the flame graph, the call graph and the -list reports, instead of one more column per view.
import * as vscode from 'vscode';
import { PROFILE_EDITOR_VIEW_TYPE } from './profileEditorProvider';

/**
 * The column right of the profile editor showing `key` (a profile's URI string), where its other
 * views go; ViewColumn.Beside (of the active editor) when no profile editor shows it.
 */
export function sideColumn(key: string | undefined): vscode.ViewColumn {
  if (key !== undefined) {
    for (const g of vscode.window.tabGroups.all) {
      for (const t of g.tabs) {
        const input = t.input;
        if (input instanceof vscode.TabInputCustom && input.viewType === PROFILE_EDITOR_VIEW_TYPE && input.uri.toString() === key) {
          return g.viewColumn + 1;
        }
      }
    }
  }
  return vscode.ViewColumn.Beside;
}
