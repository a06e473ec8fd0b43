// The function selected in one view of a profile (a top-table row, a flame graph frame), so the other
// views of the same profile select it too. Views ignore their own selections (by owner).
import * as vscode from 'vscode';

export interface FunctionSelected {
  /** Profile key (uri.toString()). */
  key: string;
  name: string;
  /** The view that selected it. */
  owner: object;
}

class FunctionSelection {
  private readonly emitter = new vscode.EventEmitter<FunctionSelected>();
  readonly onDidSelect = this.emitter.event;

  select(key: string, name: string, owner: object): void {
    this.emitter.fire({ key, name, owner });
  }
}

export const functionSelection = new FunctionSelection();
