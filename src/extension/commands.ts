// Every command of Pprof Lens and its handler, registered in one place, as golang/vscode-go registers
// each of its commands in goMain.ts through createRegisterCommand. The features set up their state
// (panels, runners, views, status bar items) in their register* functions and return their handlers;
// this table says which command runs which. package.json declares the same ids
// (test/unit/extension/commands.test.ts checks both ways).
import * as vscode from 'vscode';
import type { registerAnnotations } from './annotations/registerAnnotations';
import { openHottestSourceCommand } from './annotations/hottestSource';
import { showFunctionListCommand } from './annotations/functionLens';
import { openProfiledSourceCommand, openSourceLocationCommand } from './annotations/costHoverText';
import { showCallGraphCommand, type registerCallGraph } from './callGraph/callGraphPanel';
import { CAPTURE_COMMANDS, type registerCapture } from './capture/registerCapture';
import type { compareCommands } from './compare/registerCompare';
import { showFlameGraphCommand, type registerFlameGraph } from './flameGraph/flameGraphPanel';
import type { registerGoroutines } from './goroutines/registerGoroutines';
import { measurePgoGainCommand } from './pgo/pgoGain';
import { createDefaultPgoCommand, showPgoHotCallSitesCommand, type registerPgo } from './pgo/registerPgo';
import { selectSampleTypeCommand } from './sessions/sessionStatusBar';
import { PROFILE_TEST_COMMAND, PROFILE_TEST_CPU_COMMAND } from './testProfiling/testProfileLens';
import type { registerTestProfiling } from './testProfiling/registerTestProfiling';

/** The handlers of every feature, as their register* functions return them. */
export interface CommandHandlers {
  openProfile(uri?: vscode.Uri): Promise<void>;
  showLog(): void;
  capture: ReturnType<typeof registerCapture>['commands'];
  annotations: ReturnType<typeof registerAnnotations>['commands'];
  showFlameGraph: ReturnType<typeof registerFlameGraph>['showFlameGraph'];
  showCallGraph: ReturnType<typeof registerCallGraph>;
  compare: ReturnType<typeof compareCommands>;
  goroutines: ReturnType<typeof registerGoroutines>;
  testProfiling: ReturnType<typeof registerTestProfiling>;
  pgo: ReturnType<typeof registerPgo>;
}

/** Registers every command of the extension; each registration is disposed with the extension. */
export function registerCommands(context: vscode.ExtensionContext, h: CommandHandlers): void {
  const registerCommand = createRegisterCommand(context);

  // Profiles: open, the log.
  registerCommand('pprofLens.openProfile', (uri?: vscode.Uri) => h.openProfile(uri));
  registerCommand('pprofLens.showLog', () => h.showLog());

  // Capture from a running Go program, and the Profiles view.
  for (const cmd of CAPTURE_COMMANDS) registerCommand(cmd.id, h.capture.captureCommand(cmd));
  registerCommand('pprofLens.selectTarget', h.capture.selectTarget);
  registerCommand('pprofLens.cancelCaptures', h.capture.cancelCaptures);
  const profiles = h.capture.profiles;
  registerCommand('pprofLens.profiles.refresh', profiles.refresh);
  registerCommand('pprofLens.profiles.open', profiles.open);
  registerCommand('pprofLens.profiles.openAsText', profiles.openAsText);
  registerCommand('pprofLens.profiles.revealInExplorer', profiles.revealInExplorer);
  registerCommand('pprofLens.profiles.revealInOS', profiles.revealInOS);
  registerCommand('pprofLens.profiles.copyPath', profiles.copyPath);
  registerCommand('pprofLens.profiles.rename', profiles.rename);
  registerCommand('pprofLens.profiles.delete', profiles.delete);
  registerCommand('pprofLens.profiles.openStorageFolder', profiles.openStorageFolder);

  // Costs on the source lines.
  const a = h.annotations;
  registerCommand('pprofLens.toggleSourceAnnotations', a.toggleSourceAnnotations);
  registerCommand('pprofLens.annotateSourceWith', a.annotateSourceWith);
  registerCommand(selectSampleTypeCommand, a.selectSampleType);
  registerCommand('pprofLens.unresolvedSourceFiles', a.unresolvedSourceFiles);
  registerCommand(showFunctionListCommand, a.showFunctionList);
  registerCommand(openSourceLocationCommand, a.openSourceLocation);
  registerCommand(openProfiledSourceCommand, a.openProfiledSource);
  registerCommand(openHottestSourceCommand, a.openHottestSource);

  // Flame graph and call graph panels.
  registerCommand(showFlameGraphCommand, h.showFlameGraph);
  registerCommand(showCallGraphCommand, h.showCallGraph);

  // Compare profiles; goroutines and watches.
  registerCommand('pprofLens.compareWithBase', h.compare.compareWithBase);
  registerCommand('pprofLens.profiles.compare', h.compare.compareSelected);
  registerCommand('pprofLens.showGoroutines', h.goroutines.showGoroutines);
  registerCommand('pprofLens.watchGoroutines', h.goroutines.watchGoroutines);
  registerCommand('pprofLens.watchHeap', h.goroutines.watchHeap);
  registerCommand('pprofLens.stopWatching', h.goroutines.stopWatching);

  // Profile a test or benchmark.
  registerCommand(PROFILE_TEST_CPU_COMMAND, h.testProfiling.profileTestCpu);
  registerCommand(PROFILE_TEST_COMMAND, h.testProfiling.profileTest);

  // Profile-guided optimization.
  registerCommand(createDefaultPgoCommand, h.pgo.createDefaultPgo);
  registerCommand(showPgoHotCallSitesCommand, h.pgo.showPgoHotCallSites);
  registerCommand(measurePgoGainCommand, h.pgo.measurePgoGain);
}

/** A registerCommand whose registration lives as long as the extension (vscode-go's createRegisterCommand). */
function createRegisterCommand(context: vscode.ExtensionContext) {
  return (id: string, handler: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  };
}
