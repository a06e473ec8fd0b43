// Pprof Lens extension entry point: wires the profile editor and the commands; everything that
// computes lives in src/core, everything that draws in webview-ui.
import * as vscode from 'vscode';
import { registerCapture } from './capture/registerCapture'; // Capture + Profiles view
import { registerAnnotations } from './annotations/registerAnnotations'; // Source annotations
import { registerCompare } from './compare/registerCompare'; // Comparison
import { registerGoroutines } from './goroutines/registerGoroutines'; // Goroutine view, watch
import { registerTestProfiling } from './testProfiling/registerTestProfiling'; // Profile Test: go test → profile editor
import { registerFlameGraph } from './flameGraph/flameGraphPanel'; // Flame graph panel
import { registerPgo } from './pgo/registerPgo'; // default.pgo, PGO hot call sites
import { registerAgentTools } from './agentTools/registerAgentTools'; // Tools for coding agents
import { isExecutionTrace, TRACE_EDITOR_VIEW_TYPE, TraceEditorProvider } from './traceEditor/traceEditorProvider'; // Execution traces
import { Log } from './log';
import { openHottestSource, openHottestSourceCommand } from './annotations/hottestSource';
import { openOnStartup } from './profileEditor/openOnStartup';
import { PROFILE_EDITOR_VIEW_TYPE, ProfileEditorProvider } from './profileEditor/profileEditorProvider';
import { ViewOptionsStore } from './sessions/viewOptions';

export function activate(context: vscode.ExtensionContext): void {
  const log = new Log();
  context.subscriptions.push(log);
  log.info(`Pprof Lens ${context.extension.packageJSON.version ?? ''} activated (VS Code ${vscode.version})`);

  // One set of view options per profile, shared by the profile editor, flame and call graphs.
  const viewOptions = new ViewOptionsStore(context.workspaceState);
  context.subscriptions.push(
    viewOptions,
    ProfileEditorProvider.register(context, log, viewOptions),
    vscode.commands.registerCommand('pprofLens.openProfile', (uri?: vscode.Uri) => openProfile(uri, log)),
    vscode.commands.registerCommand('pprofLens.showLog', () => log.show()),
  );
  // Execution trace editor (timeline, goroutine analysis, trace-derived profiles).
  context.subscriptions.push(TraceEditorProvider.register(context, log));
  // Capture commands, target status bar item, Profiles view.
  const captureApi = registerCapture(context, log);
  // Costs in the editor (decorations, CodeLens, hovers, active profile status bar item).
  const annotations = registerAnnotations(context, log);
  context.subscriptions.push(vscode.commands.registerCommand(openHottestSourceCommand, () => openHottestSource(annotations, log)));
  // Flame graph panel (profile editor button, CodeLens, command palette).
  registerFlameGraph(context, log, viewOptions);
  // Compare with base, compare two captures.
  registerCompare(context, log, captureApi);
  // Goroutine view, Watch Goroutines / Watch Heap.
  registerGoroutines(context, log, captureApi);
  // Profile Test: CodeLens above Go tests and benchmarks; their profiles are saved like captures.
  registerTestProfiling(context, log, captureApi);
  // Create default.pgo…, the PGO view and "PGO hot" lines.
  registerPgo(context, log, captureApi);
  // Language-model tools for agents (#pprofTop …), where this VS Code has vscode.lm.registerTool.
  registerAgentTools(context, log, captureApi);
  // $PPROF_LENS_OPEN (npm run demo): the profile and its hottest source, on the first screen.
  void openOnStartup(log);
}

export function deactivate(): void {
  // Disposables are released through context.subscriptions.
}

/** "Pprof Lens: Open Profile…": any file; the format is sniffed from the content, not the name. */
async function openProfile(uri: vscode.Uri | undefined, log: Log): Promise<void> {
  if (!(uri instanceof vscode.Uri)) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Open Profile',
      title: 'Pprof Lens: Open Profile',
      filters: { 'pprof profiles': ['pprof', 'pb.gz', 'prof', 'gz', 'pb', 'txt'], 'All files': ['*'] },
    });
    if (!picked || picked.length === 0) return;
    uri = picked[0];
  }
  // An execution trace ("go 1.N trace" header) opens in the trace editor.
  if (await isExecutionTrace(uri)) {
    log.info(`open execution trace ${uri.toString(true)}`);
    await vscode.commands.executeCommand('vscode.openWith', uri, TRACE_EDITOR_VIEW_TYPE);
    return;
  }
  log.info(`open profile ${uri.toString(true)}`);
  await vscode.commands.executeCommand('vscode.openWith', uri, PROFILE_EDITOR_VIEW_TYPE);
}
