// Profile Test: CodeLens above Go tests and benchmarks, "Pprof Lens: Profile Test…" (the lens's
// "…", or the palette with the cursor in a test function), the run, and the profile shown like a
// capture. One call from extension.ts wires it all.
import * as path from 'path';
import * as vscode from 'vscode';
import { TEST_PROFILE_KINDS, TestProfileKindId } from '../../core/goTest/goTestCommand';
import { findTestFunctions, TestFunction, testFunctionAt } from '../../core/goTest/testFunctions';
import type { CaptureApi } from '../capture/registerCapture';
import { messageText } from '../../core/text/untrustedText';
import type { Log } from '../log';
import { openCapture } from '../profilesView/openCapture';
import { TestProfileArgs, TestProfileLens, testFiles } from './testProfileLens';
import { TestProfileRunner } from './testProfileRunner';

/** Sets up the Profile Test CodeLens and runner; returns the command handlers (src/extension/commands.ts registers them). */
export function registerTestProfiling(context: vscode.ExtensionContext, log: Log, captures: CaptureApi) {
  const lens = new TestProfileLens();
  const runner = new TestProfileRunner(log, {
    storageDir: () => captures.storageDir(),
    fallbackDir: path.join(context.globalStorageUri.fsPath, 'captures'),
    show: async (p) => {
      await captures.profiles.reveal(p);
      await openCapture(p, log);
    },
  });
  context.subscriptions.push(
    lens,
    runner,
    vscode.languages.registerCodeLensProvider(testFiles, lens),
  );
  return {
    profileTestCpu: async (arg?: unknown) => {
      const target = await testFromArg(arg);
      return target ? runner.run({ ...target, profile: 'cpu' }) : undefined;
    },
    profileTest: async (arg?: unknown) => {
      const target = await testFromArg(arg);
      if (!target) return undefined;
      const profile = await pickProfileKind(target.name);
      return profile ? runner.run({ ...target, profile }) : undefined;
    },
  };
}

interface TestTarget {
  file: vscode.Uri;
  name: string;
  kind: TestFunction['kind'];
}

/** The lens's argument, else the test function around the cursor, else one picked from the file. */
async function testFromArg(arg: unknown): Promise<TestTarget | undefined> {
  if (isTestProfileArgs(arg)) return { file: vscode.Uri.parse(arg.uri), name: arg.name, kind: arg.kind };
  const editor = vscode.window.activeTextEditor;
  const doc = editor?.document;
  if (!editor || !doc || doc.uri.scheme !== 'file' || !doc.fileName.endsWith('_test.go')) {
    void vscode.window.showInformationMessage('Pprof Lens: open a Go _test.go file and put the cursor in a Test or Benchmark function to profile it.');
    return undefined;
  }
  const functions = findTestFunctions(doc.getText());
  if (functions.length === 0) {
    void vscode.window.showInformationMessage(messageText(`Pprof Lens: ${path.basename(doc.fileName)} has no Test or Benchmark function.`));
    return undefined;
  }
  const at = testFunctionAt(functions, editor.selection.active.line);
  if (at) return { file: doc.uri, name: at.name, kind: at.kind };
  const pick = await vscode.window.showQuickPick(
    functions.map((f) => ({ label: f.name, description: f.kind === 'benchmark' ? 'benchmark' : 'test', fn: f })),
    { title: 'Pprof Lens: Profile Test…', placeHolder: 'Which test or benchmark?' },
  );
  return pick ? { file: doc.uri, name: pick.fn.name, kind: pick.fn.kind } : undefined;
}

function isTestProfileArgs(a: unknown): a is TestProfileArgs {
  if (typeof a !== 'object' || a === null) return false;
  const x = a as Partial<TestProfileArgs>;
  return typeof x.uri === 'string' && typeof x.name === 'string' && /^(Test|Benchmark)[\p{L}\p{N}_]*$/u.test(x.name) &&
    (x.kind === 'test' || x.kind === 'benchmark');
}

async function pickProfileKind(name: string): Promise<TestProfileKindId | undefined> {
  const pick = await vscode.window.showQuickPick(
    TEST_PROFILE_KINDS.map((k) => ({ label: k.label, description: k.flag, detail: k.detail, id: k.id })),
    { title: `Pprof Lens: Profile ${name}`, placeHolder: 'Which profile?' },
  );
  return pick?.id;
}
