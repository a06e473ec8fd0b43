// Profile-guided optimization from the editor. "Create default.pgo…" (command palette,
// Profiles view on selected captures, profile editor title of a CPU profile): CPU profiles merged as
// `go tool pprof -proto A B …` merges them, written as default.pgo with a .json sidecar into a
// `package main` folder found with `go list` (never overwriting without asking: the previous one is
// kept as default.pgo.bak), with a warning when an input was taken of another program. "Show PGO Hot
// Call Sites" lists the call sites Go 1.27's compiler treats as hot in a default.pgo or CPU profile
// (the PGO view) and marks their lines "PGO hot" in Go editors. A workspace's default.pgo is shown
// on its own when nothing else is. "Measure PGO gain" is in pgoGain.ts.
import * as path from 'path';
import * as vscode from 'vscode';
import { encodeProfile } from '../../core/profile/encode';
import { ProfileError } from '../../core/profile/profileError';
import { isCpuProfile } from '../../core/pgo/pgoProfile';
import { mergeForPgo, otherProgramWarning } from '../../core/pgo/pgoMerge';
import { labelText, messageText } from '../../core/text/untrustedText';
import { readCaptureLibrary } from '../../collect/captureLibrary';
import { DEFAULT_PGO, findMainPackages, loadPgoInputs, PgoExists, writeDefaultPgo, type MainPackage, type PgoSidecar } from '../../collect/pgoFiles';
import { SourceLocator } from '../annotations/sourceLocator';
import type { Log } from '../log';
import type { ProfilesView } from '../profilesView/profilesView';
import type { ProfilesNode } from '../profilesView/profilesTree';
import { activeProfiles } from '../sessions/activeProfiles';
import { readSettings } from '../settings';
import { goBinary } from '../testProfiling/testProfilingSettings';
import { requireTrust } from '../workspaceTrust';
import { PgoDecorations } from './pgoDecorations';
import { registerPgoGain } from './pgoGain';
import { PgoState } from './pgoState';
import { PgoView } from './pgoView';
import { errorMessage } from '../../core/text/errorMessage';

export const createDefaultPgoCommand = 'pprofLens.createDefaultPgo';
export const showPgoHotCallSitesCommand = 'pprofLens.showPgoHotCallSites';

export interface PgoApi {
  profiles: ProfilesView;
  storageDir(): string;
}

/** Optional argument of Create default.pgo… (tests, keybindings): skips the pickers it answers. */
export interface CreatePgoArgs {
  inputs?: string[];
  /** The main package's folder. */
  packageDir?: string;
  /** Replace an existing default.pgo without asking (it is still kept as default.pgo.bak). */
  replace?: boolean;
  /** Create even when an input looks like another program's profile, without asking. */
  ignoreOtherProgram?: boolean;
}

/** Sets up the PGO view, its state and "PGO hot" lines; returns the command handlers (src/extension/commands.ts registers them). */
export function registerPgo(context: vscode.ExtensionContext, log: Log, api: PgoApi) {
  const locator = new SourceLocator(log);
  const state = new PgoState(locator, log);
  const view = new PgoView(state);
  const decorations = new PgoDecorations(state);
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${DEFAULT_PGO}`);
  const reread = (uri: vscode.Uri) => state.reload(uri.fsPath);
  const updateCpuKey = () => {
    const p = activeProfiles.active()?.profile;
    void vscode.commands.executeCommand('setContext', 'pprofLens.activeProfileIsCpu', !!p && isCpuProfile(p));
  };
  context.subscriptions.push(
    locator, state, view, decorations, watcher,
    watcher.onDidChange(reread), watcher.onDidCreate(reread), watcher.onDidDelete(reread),
    activeProfiles.onDidChange(updateCpuKey),
  );
  updateCpuKey();
  const measurePgoGain = registerPgoGain(context, log, state);
  void locator.whenReady().then(() => showWorkspacePgo(state, log));
  return {
    createDefaultPgo: (arg?: unknown, all?: unknown) =>
      createDefaultPgo(arg, all, state, view, log, api).catch((e) => {
        log.error('Create default.pgo failed', e);
        void vscode.window.showErrorMessage(messageText(`Pprof Lens: ${errorMessage(e)}`));
      }),
    showPgoHotCallSites: (arg?: unknown) =>
      showHotCallSites(arg, state, view, log).catch((e) => {
        log.error('Show PGO hot call sites failed', e);
        void vscode.window.showErrorMessage(messageText(`Pprof Lens: ${errorMessage(e)}`));
      }),
    measurePgoGain,
  };
}

/** The first default.pgo of the workspace, when no PGO profile is shown yet (its lines get "PGO hot"). */
async function showWorkspacePgo(state: PgoState, log: Log): Promise<void> {
  if (state.shown) return;
  const found = await vscode.workspace.findFiles(`**/${DEFAULT_PGO}`, '**/node_modules/**', 5);
  const first = found.filter((u) => u.scheme === 'file').sort((a, b) => a.fsPath.localeCompare(b.fsPath))[0];
  if (!first || state.shown) return;
  try {
    state.load(first.fsPath);
  } catch (e) {
    log.error(`PGO: ${first.fsPath} is not readable as a PGO profile`, e);
  }
}

function fileOf(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.scheme === 'file' ? arg.fsPath : undefined;
  if (typeof arg === 'string') return arg;
  return undefined;
}

function captureNodes(arg: unknown, all: unknown): string[] {
  const list = Array.isArray(all) && all.length > 0 ? all : arg ? [arg] : [];
  return (list as ProfilesNode[]).flatMap((n) => (n && typeof n === 'object' && n.type === 'capture' ? [n.entry.path] : []));
}

async function showHotCallSites(arg: unknown, state: PgoState, view: PgoView, log: Log): Promise<void> {
  let file = fileOf(arg);
  if (!file) {
    const active = activeProfiles.active();
    if (active && active.uri.scheme === 'file' && isCpuProfile(active.profile)) file = active.uri.fsPath;
  }
  if (!file) {
    const found = (await vscode.workspace.findFiles(`**/${DEFAULT_PGO}`, '**/node_modules/**', 50)).filter((u) => u.scheme === 'file');
    if (found.length === 0) {
      void vscode.window.showInformationMessage('Pprof Lens: no default.pgo in the workspace and no CPU profile open. Create one with "Pprof Lens: Create default.pgo…".');
      return;
    }
    if (found.length === 1) file = found[0].fsPath;
    else {
      const pick = await vscode.window.showQuickPick(found.map((u) => ({ label: labelText(vscode.workspace.asRelativePath(u)), file: u.fsPath })), { title: 'Pprof Lens: Show PGO Hot Call Sites of…' });
      if (!pick) return;
      file = pick.file;
    }
  }
  try {
    state.load(file);
  } catch (e) {
    if (e instanceof ProfileError) {
      void vscode.window.showErrorMessage(messageText(`Pprof Lens: ${e.message}`));
      return;
    }
    throw e;
  }
  log.info(`PGO view: ${file}`);
  await view.reveal();
}

interface InputItem extends vscode.QuickPickItem {
  file?: string;
  browse?: boolean;
}

/** The CPU profiles to merge: the Profiles view's selection, else a picker (captures, open profiles, a file). */
async function chooseInputs(preselected: string[], api: PgoApi): Promise<string[] | undefined> {
  const items: InputItem[] = [];
  const seen = new Set<string>();
  const add = (file: string, label: string, description: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    items.push({ label: labelText(label), description: labelText(description), file, picked: preselected.includes(file) });
  };
  for (const f of preselected) add(f, path.basename(f), path.dirname(f));
  for (const s of activeProfiles.list()) {
    if (s.uri.scheme === 'file' && isCpuProfile(s.profile)) add(s.uri.fsPath, s.label, 'open');
  }
  try {
    const lib = await readCaptureLibrary(api.storageDir());
    for (const e of lib.filter((x) => x.kind === 'cpu').sort((a, b) => b.time - a.time)) {
      add(e.path, e.fileName, e.test ? `go test ${e.test.name}` : `${e.target} · ${new Date(e.time).toLocaleString()}`);
    }
  } catch {
    // no storage folder yet
  }
  items.push({ label: '$(folder-opened) Other CPU profile file…', browse: true, alwaysShow: true });
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'Pprof Lens: CPU profiles to merge into default.pgo',
    placeHolder: 'Representative CPU profiles of the program (merged as go tool pprof -proto merges them)',
  });
  if (!picked) return undefined;
  const files = picked.flatMap((i) => (i.file ? [i.file] : []));
  if (picked.some((i) => i.browse)) {
    const more = await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: 'Merge into default.pgo', title: 'Pprof Lens: CPU profiles for default.pgo' });
    for (const u of more ?? []) if (!files.includes(u.fsPath)) files.push(u.fsPath);
  }
  return files;
}

/** The main package to write into: the only one, or the user's choice among the workspace's. */
async function choosePackage(log: Log): Promise<MainPackage | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('Pprof Lens: open the folder of a Go program first: default.pgo goes into its package main folder.');
    return undefined;
  }
  const found = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Pprof Lens: go list' }, async () => {
    const out: MainPackage[] = [];
    const errors: string[] = [];
    for (const f of folders) {
      try {
        out.push(...(await findMainPackages(f.uri.fsPath, goBinary(f.uri))));
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    for (const e of errors) log.info(`PGO: ${e}`);
    return { out: [...new Map(out.map((p) => [p.dir, p])).values()], errors };
  });
  if (found.out.length === 0) {
    void vscode.window.showWarningMessage(messageText(`Pprof Lens: no package main found in the workspace (go list ./...)${found.errors.length ? `: ${found.errors[0]}` : ''}.`));
    return undefined;
  }
  if (found.out.length === 1) return found.out[0];
  const pick = await vscode.window.showQuickPick(
    found.out.map((p) => ({ label: labelText(p.importPath), description: labelText(vscode.workspace.asRelativePath(p.dir)), pkg: p })),
    { title: 'Pprof Lens: the main package default.pgo is for' },
  );
  return pick?.pkg;
}

async function createDefaultPgo(arg: unknown, all: unknown, state: PgoState, view: PgoView, log: Log, api: PgoApi): Promise<void> {
  // go list runs a program the workspace chooses (its go.mod toolchain line, its GOFLAGS).
  if (!requireTrust('Create default.pgo')) return;
  const args: CreatePgoArgs = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) && !('type' in arg) ? (arg as CreatePgoArgs) : {};
  let inputs = args.inputs;
  if (!inputs) {
    const selected = captureNodes(arg, all);
    if (selected.length >= 2) inputs = selected;
    else {
      const one = fileOf(arg) ?? selected[0];
      inputs = await chooseInputs(one ? [one] : [], api);
    }
  }
  if (!inputs || inputs.length === 0) return;

  let pkg: MainPackage | undefined;
  if (args.packageDir) {
    pkg = (await findMainPackages(args.packageDir, goBinary(vscode.Uri.file(args.packageDir))).catch(() => [])).find((p) => path.resolve(p.dir) === path.resolve(args.packageDir!))
      ?? { dir: args.packageDir, importPath: path.basename(args.packageDir) };
  } else {
    pkg = await choosePackage(log);
  }
  if (!pkg) return;

  const names = inputs.map((f) => path.basename(f));
  let bytes: Uint8Array;
  const warnings: string[] = [];
  const profiles = loadPgoInputs(inputs, readSettings().maxProfileSizeMiB * 2 ** 20);
  const facts = profiles.map((p) => ({ timeNanos: p.timeNanos || undefined, durationNanos: p.durationNanos || undefined }));
  for (let i = 0; i < profiles.length; i++) {
    const w = otherProgramWarning(profiles[i], names[i], pkg);
    if (w) warnings.push(w);
  }
  if (warnings.length > 0 && !args.ignoreOtherProgram) {
    const go = 'Create Anyway';
    const choice = await vscode.window.showWarningMessage(
      messageText(`Pprof Lens: ${warnings.join('; ')}. The compiler only uses call sites it finds in this program.`), { modal: true }, go);
    if (choice !== go) return;
  }
  try {
    bytes = encodeProfile(mergeForPgo(profiles, names, (line) => log.info(`PGO merge: ${line}`)));
  } catch (e) {
    if (e instanceof ProfileError) {
      void vscode.window.showErrorMessage(messageText(`Pprof Lens: ${e.message}`));
      return;
    }
    throw e;
  }
  const sidecar: PgoSidecar = {
    inputs: inputs.map((f, i) => ({ path: f, bytes: 0, ...facts[i] })),
    package: pkg.importPath,
    createdAt: new Date().toISOString(),
    mergedAs: `go tool pprof -proto ${names.join(' ')}`,
    ...(warnings.length ? { warnings } : {}),
  };
  for (const [i, f] of inputs.entries()) {
    try {
      sidecar.inputs[i].bytes = (await vscode.workspace.fs.stat(vscode.Uri.file(f))).size;
    } catch {
      // gone since it was read: the size stays 0
    }
  }
  let written;
  try {
    written = await writeDefaultPgo(pkg.dir, bytes, sidecar, args.replace === true);
  } catch (e) {
    if (!(e instanceof PgoExists)) throw e;
    const replace = 'Replace';
    const choice = await vscode.window.showWarningMessage(
      messageText(`Pprof Lens: ${vscode.workspace.asRelativePath(e.file)} exists. Replace it? The current one is kept as ${DEFAULT_PGO}.bak.`), { modal: true }, replace);
    if (choice !== replace) return;
    written = await writeDefaultPgo(pkg.dir, bytes, sidecar, true);
  }
  log.info(`PGO: wrote ${written.file} from ${inputs.join(', ')}${written.backup ? ` (previous kept as ${written.backup})` : ''}`);
  state.load(written.file);
  await view.reveal();
  const hot = state.shown?.hot.sites.length ?? 0;
  void vscode.window.showInformationMessage(messageText(
    `Pprof Lens: wrote ${vscode.workspace.asRelativePath(written.file)} from ${inputs.length} CPU profile${inputs.length === 1 ? '' : 's'}` +
    `${written.backup ? ` (the previous one is ${DEFAULT_PGO}.bak)` : ''}: go build uses it (-pgo=auto); ${hot} hot call site${hot === 1 ? '' : 's'}.`));
}
