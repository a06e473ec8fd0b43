// Issue 7's goroutine features: "Show Goroutines" (goroutine view of a profile or dump), "Watch
// Goroutines", "Watch Heap" and "Stop Watching"; context keys for the menus.
import * as vscode from 'vscode';
import { CaptureTarget, configuredHeaders } from '../../collect/captureTarget';
import { configuredTargets } from '../capture/captureSettings';
import type { Log } from '../log';
import { activeProfiles } from '../sessions/activeProfiles';
import { openWatchPanel } from '../watch/watchPanel';
import { Watcher } from '../watch/watcher';
import type { WatchKind } from '../watch/watchSnapshot';
import { isGoroutineProfile } from './goroutineModel';
import { GoroutinesPanels } from './goroutinesPanel';

export interface GoroutinesApi {
  storageDir(): string;
  resolveTarget(): Promise<CaptureTarget | undefined>;
}

export function registerGoroutines(context: vscode.ExtensionContext, log: Log, api: GoroutinesApi): void {
  const panels = new GoroutinesPanels(context.extensionUri, log);
  const watchers = new Set<Watcher>();
  const setWatching = () => void vscode.commands.executeCommand('setContext', 'pprofLens.watching', [...watchers].some((w) => w.isRunning));

  const watch = async (kind: WatchKind, arg?: unknown): Promise<void> => {
    const target = targetArg(arg) ?? (await api.resolveTarget());
    if (!target) return;
    const w = new Watcher(kind, target, api.storageDir, log);
    watchers.add(w);
    w.onDidChange(setWatching);
    const panel = openWatchPanel(context.extensionUri, w, log);
    panel.onDidDispose(() => {
      watchers.delete(w);
      setWatching();
    });
    w.start();
    setWatching();
  };

  const updateGoroutineKey = () => {
    const p = activeProfiles.active()?.profile;
    const isGoroutine = !!p && isGoroutineProfile(p);
    void vscode.commands.executeCommand('setContext', 'pprofLens.activeProfileIsGoroutine', isGoroutine);
  };

  context.subscriptions.push(
    panels,
    activeProfiles.onDidChange(updateGoroutineKey),
    vscode.commands.registerCommand('pprofLens.showGoroutines', (arg?: unknown) => panels.show(arg)),
    vscode.commands.registerCommand('pprofLens.watchGoroutines', (arg?: unknown) => watch('goroutines', arg)),
    vscode.commands.registerCommand('pprofLens.watchHeap', (arg?: unknown) => watch('heap', arg)),
    vscode.commands.registerCommand('pprofLens.stopWatching', () => {
      for (const w of watchers) w.stop();
      setWatching();
    }),
    { dispose: () => { for (const w of watchers) w.dispose(); } },
  );
  updateGoroutineKey();
}

/** A Profiles view target node ({type:'target', baseUrl}) or {target: {name, baseUrl}}. */
function targetArg(a: unknown): CaptureTarget | undefined {
  if (typeof a !== 'object' || a === null || a instanceof vscode.Uri) return undefined;
  const o = a as { type?: string; target?: unknown; baseUrl?: unknown };
  if (o.type === 'target' && typeof o.baseUrl === 'string' && typeof o.target === 'string') {
    return { name: o.target, baseUrl: o.baseUrl, headers: configuredHeaders(o.baseUrl, configuredTargets()) };
  }
  return undefined;
}
