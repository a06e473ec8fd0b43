// The goroutine features: "Show Goroutines" (goroutine view of a profile or dump), "Watch
// Goroutines", "Watch Heap" and "Stop Watching"; context keys for the menus.
import * as vscode from 'vscode';
import { readCaptureLibrary } from '../../collect/captureLibrary';
import { CaptureTarget, NextTarget } from '../../collect/captureTarget';
import { formatTime } from '../profilesView/profilesTree';
import type { Log } from '../log';
import { requireTrust } from '../workspaceTrust';
import { groupNode } from '../capture/registerCapture';
import { activeProfiles } from '../sessions/activeProfiles';
import { openWatchPanel } from '../watch/watchPanel';
import { Watcher } from '../watch/watcher';
import type { WatchKind } from '../watch/watchSnapshot';
import { isGoroutineProfile } from './goroutineModel';
import { GoroutinesPanels } from './goroutinesPanel';
import { goroutineSources, GoroutineSource } from './goroutineSources';

export interface GoroutinesApi {
  storageDir(): string;
  resolveTarget(): Promise<CaptureTarget | undefined>;
  nextTarget(): NextTarget;
  /** A Profiles view group's target, confirmed by the user unless its URL is configured or chosen before. */
  groupTarget(name: string, url: string): Promise<CaptureTarget | undefined>;
}

/** Sets up the goroutine view and the watches; returns their command handlers (src/extension/commands.ts registers them). */
export function registerGoroutines(context: vscode.ExtensionContext, log: Log, api: GoroutinesApi) {
  const panels = new GoroutinesPanels(context.extensionUri, log, () => pickGoroutineFile(api));
  const watchers = new Set<Watcher>();
  const setWatching = () => void vscode.commands.executeCommand('setContext', 'pprofLens.watching', [...watchers].some((w) => w.isRunning));

  const watch = async (kind: WatchKind, arg?: unknown): Promise<void> => {
    if (!requireTrust(kind === 'heap' ? 'Watch Heap' : 'Watch Goroutines')) return;
    const group = groupNode(arg);
    const target = group ? await api.groupTarget(group.target, group.baseUrl) : await api.resolveTarget();
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
    { dispose: () => { for (const w of watchers) w.dispose(); } },
  );
  updateGoroutineKey();
  return {
    showGoroutines: (arg?: unknown) => panels.show(arg),
    watchGoroutines: (arg?: unknown) => watch('goroutines', arg),
    watchHeap: (arg?: unknown) => watch('heap', arg),
    stopWatching: () => {
      for (const w of watchers) w.stop();
      setWatching();
    },
  };
}

/** Show Goroutines from the palette: capture from the target first, else a recent capture, else a file. */
async function pickGoroutineFile(api: GoroutinesApi): Promise<string | undefined> {
  const library = await readCaptureLibrary(api.storageDir()).catch(() => []);
  const sources = goroutineSources(api.nextTarget(), library, formatTime);
  type Item = vscode.QuickPickItem & { source?: GoroutineSource };
  const items: Item[] = [];
  for (const s of sources) {
    if (s.action === 'open' && !items.some((i) => i.source?.action === 'open')) items.push({ label: 'Recent goroutine captures', kind: vscode.QuickPickItemKind.Separator });
    if (s.action === 'browse') items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: s.label, description: s.action === 'browse' ? undefined : s.description, detail: s.action === 'capture' ? s.detail : undefined, source: s });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Pprof Lens: Show Goroutines', placeHolder: 'Goroutines of which program or file?', ignoreFocusOut: true });
  const s = picked?.source;
  if (!s) return undefined;
  if (s.action === 'open') return s.path;
  if (s.action === 'capture') {
    const p = await vscode.commands.executeCommand<string | undefined>('pprofLens.captureGoroutineDump', { open: false });
    return typeof p === 'string' ? p : undefined;
  }
  const uris = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Show Goroutines', title: 'Pprof Lens: goroutine profile or dump' });
  return uris?.[0]?.fsPath;
}

