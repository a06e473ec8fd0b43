// CodeLens above each test and benchmark of a _test.go file: "$(flame) Profile" (CPU, at once) and
// a sibling "…" that asks which profile (CPU, memory, block, mutex). Off with
// pprofLens.testProfiling.codeLens.
import * as vscode from 'vscode';
import { findTestFunctions } from '../../core/goTest/testFunctions';
import { testProfilingSettings } from './testProfilingSettings';

export const PROFILE_TEST_CPU_COMMAND = 'pprofLens.profileTestCpu';
export const PROFILE_TEST_COMMAND = 'pprofLens.profileTest';

/** The argument of both commands (also usable from keybindings). */
export interface TestProfileArgs {
  uri: string;
  name: string;
  kind: 'test' | 'benchmark';
}

export const testFiles: vscode.DocumentSelector = [{ language: 'go', scheme: 'file', pattern: '**/*_test.go' }];

export class TestProfileLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly config: vscode.Disposable;

  constructor() {
    this.config = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('pprofLens.testProfiling')) this.changed.fire();
    });
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!document.fileName.endsWith('_test.go') || !testProfilingSettings(document.uri).codeLens) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const fn of findTestFunctions(document.getText())) {
      const range = new vscode.Range(fn.line, fn.nameStart, fn.line, fn.nameEnd);
      const args: TestProfileArgs = { uri: document.uri.toString(), name: fn.name, kind: fn.kind };
      const what = fn.kind === 'benchmark' ? 'benchmark' : 'test';
      lenses.push(
        new vscode.CodeLens(range, {
          title: fn.kind === 'benchmark' ? '$(flame) Profile Benchmark' : '$(flame) Profile',
          tooltip: `Run this ${what} with go test -cpuprofile and open its CPU profile`,
          command: PROFILE_TEST_CPU_COMMAND,
          arguments: [args],
        }),
        new vscode.CodeLens(range, {
          title: '…',
          tooltip: `Profile this ${what}: choose CPU, memory, block or mutex`,
          command: PROFILE_TEST_COMMAND,
          arguments: [args],
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.config.dispose();
    this.changed.dispose();
  }
}
