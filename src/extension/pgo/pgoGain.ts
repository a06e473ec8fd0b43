// "Measure PGO gain": a CodeLens beside Profile Benchmark on each BenchmarkXxx, and the
// command. It runs the benchmark with -pgo=off and with the PGO profile (the one the PGO view shows,
// else the workspace's default.pgo, else a file chosen), -count 6 each at Profile Benchmark's
// benchtime, then benchstat (golang.org/x/perf, pinned), and shows benchstat's table and a chart of
// every run in a panel. go test's output goes to the "Pprof Lens: PGO gain" output channel.
import * as path from 'path';
import * as vscode from 'vscode';
import { gainRows, parseBenchOutput } from '../../core/pgo/benchOutput';
import { findTestFunctions, testFunctionAt } from '../../core/goTest/testFunctions';
import { messageText } from '../../core/text/untrustedText';
import { measurePgoGain, MIN_COUNT, PgoBenchError, pgoBenchArgs } from '../../collect/pgoBench';
import type { HostToPgoGain, PgoGainModel, PgoGainToHost } from '../../protocol/pgoGain';
import type { Log } from '../log';
import { goBinary, testProfilingSettings } from '../testProfiling/testProfilingSettings';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import { requireTrust } from '../workspaceTrust';
import type { PgoState } from './pgoState';
import { errorMessage } from '../../core/text/errorMessage';

export const measurePgoGainCommand = 'pprofLens.measurePgoGain';

/** The command's argument (CodeLens, tests, keybindings). */
export interface MeasurePgoGainArgs {
  /** The _test.go file (URI string). */
  uri: string;
  /** BenchmarkXxx. */
  name: string;
  /** The PGO profile; default: the one shown, else the workspace's default.pgo. */
  profile?: string;
  /** Runs per side (at least 6). */
  count?: number;
  benchtime?: string;
}

export class PgoGainLens implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!document.fileName.endsWith('_test.go') || !testProfilingSettings(document.uri).codeLens) return [];
    return findTestFunctions(document.getText()).filter((f) => f.kind === 'benchmark').map((f) => new vscode.CodeLens(
      new vscode.Range(f.line, f.nameStart, f.line, f.nameEnd),
      {
        title: 'Measure PGO gain',
        tooltip: `Run ${f.name} with -pgo=off and with the PGO profile (-count ${MIN_COUNT} each) and compare with benchstat`,
        command: measurePgoGainCommand,
        arguments: [{ uri: document.uri.toString(), name: f.name } satisfies MeasurePgoGainArgs],
      },
    ));
  }
}

/** The benchmark at the cursor of the active _test.go editor. */
function benchmarkAtCursor(): MeasurePgoGainArgs | undefined {
  const ed = vscode.window.activeTextEditor;
  if (!ed || !ed.document.fileName.endsWith('_test.go')) return undefined;
  const fn = testFunctionAt(findTestFunctions(ed.document.getText()), ed.selection.active.line);
  return fn?.kind === 'benchmark' ? { uri: ed.document.uri.toString(), name: fn.name } : undefined;
}

async function chooseProfile(state: PgoState): Promise<string | undefined> {
  if (state.shown) return state.shown.file;
  const found = (await vscode.workspace.findFiles('**/default.pgo', '**/node_modules/**', 20)).filter((u) => u.scheme === 'file');
  if (found.length === 1) return found[0].fsPath;
  if (found.length > 1) {
    const pick = await vscode.window.showQuickPick(found.map((u) => ({ label: vscode.workspace.asRelativePath(u), file: u.fsPath })), { title: 'Pprof Lens: the PGO profile to measure' });
    return pick?.file;
  }
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Measure With This Profile', title: 'Pprof Lens: a PGO profile (default.pgo or a CPU profile)' });
  return picked?.[0]?.fsPath;
}

/** Sets up the Measure PGO gain CodeLens and output channel; returns the command's handler. */
export function registerPgoGain(context: vscode.ExtensionContext, log: Log, state: PgoState) {
  const channel = vscode.window.createOutputChannel('Pprof Lens: PGO gain');
  context.subscriptions.push(
    channel,
    vscode.languages.registerCodeLensProvider([{ language: 'go', scheme: 'file', pattern: '**/*_test.go' }], new PgoGainLens()),
  );
  return async (arg?: MeasurePgoGainArgs) => {
    try {
      await measure(arg, context, log, state, channel);
    } catch (e) {
      log.error('Measure PGO gain failed', e);
      void vscode.window.showErrorMessage(messageText(`Pprof Lens: ${errorMessage(e)}`));
    }
  };
}

async function measure(arg: MeasurePgoGainArgs | undefined, context: vscode.ExtensionContext, log: Log, state: PgoState, channel: vscode.OutputChannel): Promise<void> {
  if (!requireTrust('Measure PGO gain')) return;
  const target = arg?.uri && arg.name ? arg : benchmarkAtCursor();
  if (!target) {
    void vscode.window.showInformationMessage('Pprof Lens: put the cursor in a BenchmarkXxx function of a _test.go file (or use its "Measure PGO gain" CodeLens).');
    return;
  }
  const uri = vscode.Uri.parse(target.uri);
  const profile = target.profile ?? (await chooseProfile(state));
  if (!profile) return;
  const settings = testProfilingSettings(uri);
  const count = Math.max(MIN_COUNT, target.count ?? MIN_COUNT);
  const benchtime = target.benchtime ?? settings.benchtime;
  const dir = path.dirname(uri.fsPath);
  const opts = { dir, bench: target.name, profile, count, benchtime, flags: settings.flags, goBinary: goBinary(uri) };
  channel.clear();
  channel.show(true);
  log.info(`PGO gain: ${target.name} in ${dir} with ${profile}`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Pprof Lens: ${target.name}: -pgo=off vs ${path.basename(profile)}, -count ${count} each`, cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      try {
        return await measurePgoGain({ ...opts, signal: abort.signal, onOutput: (t) => channel.append(t) });
      } catch (e) {
        if (e instanceof PgoBenchError && e.cancelled) return undefined;
        throw e;
      }
    },
  );
  if (!result) return;
  const model: PgoGainModel = {
    title: `PGO gain of ${target.name}`,
    command: `go ${pgoBenchArgs(opts, 'off').join(' ')}  vs  -pgo=${profile}`,
    labels: result.labels,
    table: result.table,
    rows: gainRows(parseBenchOutput(result.offOutput), parseBenchOutput(result.pgoOutput)),
  };
  showGainPanel(context.extensionUri, model);
}

function showGainPanel(extensionUri: vscode.Uri, model: PgoGainModel): void {
  const panel = vscode.window.createWebviewPanel('pprofLens.pgoGain', model.title, vscode.ViewColumn.Active, webviewOptions(extensionUri));
  panel.webview.html = webviewHtml(panel.webview, extensionUri, { name: 'pgoGain', title: model.title });
  panel.webview.onDidReceiveMessage((m: PgoGainToHost) => {
    if (m.type === 'ready') void panel.webview.postMessage({ type: 'gain', model } satisfies HostToPgoGain);
  });
}
