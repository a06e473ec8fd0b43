// Pprof Lens extension entry point: sets up each feature (editors, panels, views, status bar items)
// and hands their command handlers to commands.ts, which registers every command in one place;
// everything that computes lives in src/core, everything that draws in webview-ui.
import * as vscode from 'vscode';
import { registerCapture } from './capture/registerCapture'; // Capture + Profiles view
import { registerAnnotations } from './annotations/registerAnnotations'; // Source annotations
import { compareCommands } from './compare/registerCompare'; // Comparison
import { registerGoroutines } from './goroutines/registerGoroutines'; // Goroutine view, watch
import { registerTestProfiling } from './testProfiling/registerTestProfiling'; // Profile Test: go test → profile editor
import { registerFlameGraph } from './flameGraph/flameGraphPanel'; // Flame graph panel
import { registerCallGraph } from './callGraph/callGraphPanel'; // Call graph panel
import { activeProfiles } from './sessions/activeProfiles';
import { registerCommands } from './commands';
import { registerPgo } from './pgo/registerPgo'; // default.pgo, PGO hot call sites
import { registerAgentTools } from './agentTools/registerAgentTools'; // Tools for coding agents
import { isExecutionTrace, TRACE_EDITOR_VIEW_TYPE, TraceEditorProvider } from './traceEditor/traceEditorProvider'; // Execution traces
import { Log } from './log';
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
  );
  // Execution trace editor (timeline, goroutine analysis, trace-derived profiles).
  context.subscriptions.push(TraceEditorProvider.register(context, log));
  // Capture commands, target status bar item, Profiles view.
  const capture = registerCapture(context, log);
  const captureApi = capture.api;
  // Costs in the editor (decorations, CodeLens, hovers, active profile status bar item).
  const annotations = registerAnnotations(context, log);
  // Flame graph panel (profile editor button, CodeLens, command palette).
  const flameGraph = registerFlameGraph(context, log, viewOptions);
  // Call graph panel: shares the view options and the flame graph's profile loading.
  const showCallGraph = registerCallGraph(context, log, viewOptions, (key, uri) => flameGraph.panels.profile(key, uri), () => activeProfiles.active()?.key);
  // Goroutine view, Watch Goroutines / Watch Heap.
  const goroutines = registerGoroutines(context, log, captureApi);
  // Profile Test: CodeLens above Go tests and benchmarks; their profiles are saved like captures.
  const testProfiling = registerTestProfiling(context, log, captureApi);
  // Create default.pgo…, the PGO view and "PGO hot" lines.
  const pgo = registerPgo(context, log, captureApi);
  registerCommands(context, {
    openProfile: (uri) => openProfile(uri, log),
    showLog: () => log.show(),
    capture: capture.commands,
    annotations: annotations.commands,
    showFlameGraph: flameGraph.showFlameGraph,
    showCallGraph,
    // Compare with base, compare two captures.
    compare: compareCommands(log, captureApi),
    goroutines,
    testProfiling,
    pgo,
  });
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
