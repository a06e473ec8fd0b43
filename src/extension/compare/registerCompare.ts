// Comparing profiles (issue 7): "Compare With Base…" on the profile shown now, and "Compare" on two
// captures selected in the Profiles view. The comparison (core compareProfiles: pprof's -base or
// -diff_base, optionally -normalize) is saved as a .pb.gz under <storage>/comparisons and opened in
// the profile editor like any other profile: the top table, source annotations and flame graph all
// read it as they read a capture.
import * as path from 'path';
import * as vscode from 'vscode';
import { readCaptureLibrary } from '../../collect/captureLibrary';
import { saveCapture } from '../../collect/saveCapture';
import { CompareMode, compareProfiles, comparisonKind } from '../../core/compare/compareProfiles';
import { encodeProfile } from '../../core/profile/encode';
import { labelText } from '../../core/text/untrustedText';
import type { Log } from '../log';
import { PROFILE_EDITOR_VIEW_TYPE } from '../profileEditor/profileEditorProvider';
import type { ProfilesView } from '../profilesView/profilesView';
import type { CaptureNode, ProfilesNode } from '../profilesView/profilesTree';
import { activeProfiles } from '../sessions/activeProfiles';
import { loadProfile, TRACE_HINT } from './inputProfile';

export interface CompareApi {
  profiles: ProfilesView;
  storageDir(): string;
}

/** Optional argument of both commands (tests, keybindings, other features): skips the pickers. */
export interface CompareArgs {
  target?: string;
  base?: string;
  mode?: CompareMode;
  normalize?: boolean;
}

interface ModeItem extends vscode.QuickPickItem {
  mode: CompareMode;
  normalize: boolean;
}

const MODE_ITEMS: ModeItem[] = [
  { label: 'Subtract base', description: '-base', detail: 'profile − base: what grew is positive, what shrank negative', mode: 'base', normalize: false },
  { label: 'Relative to base', description: '-diff_base', detail: 'as -base, with percentages of the base total', mode: 'diff_base', normalize: false },
  { label: 'Subtract base, normalized', description: '-normalize -base', detail: 'the profile scaled to the base total first', mode: 'base', normalize: true },
  { label: 'Relative to base, normalized', description: '-normalize -diff_base', detail: 'the profile scaled to the base total first', mode: 'diff_base', normalize: true },
];

export function registerCompare(context: vscode.ExtensionContext, log: Log, api: CompareApi): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('pprofLens.compareWithBase', (arg?: unknown) => compareWithBase(arg, log, api)),
    vscode.commands.registerCommand('pprofLens.profiles.compare', (n?: ProfilesNode, all?: ProfilesNode[]) => compareSelected(n, all, log, api)),
  );
}

async function compareWithBase(arg: unknown, log: Log, api: CompareApi): Promise<string | undefined> {
  const args = compareArgs(arg);
  let target = args.target;
  if (!target && arg instanceof vscode.Uri) target = arg.fsPath;
  if (!target) {
    const s = activeProfiles.active();
    if (!s) {
      void vscode.window.showWarningMessage('Pprof Lens: open a profile first, then compare it with a base.');
      return undefined;
    }
    target = s.uri.fsPath;
  }
  let base = args.base;
  if (!base) {
    base = await pickBase(target, api);
    if (!base) return undefined;
  }
  return runComparison(target, base, args, log, api);
}

async function compareSelected(node: ProfilesNode | undefined, all: ProfilesNode[] | undefined, log: Log, api: CompareApi): Promise<string | undefined> {
  const picked = (all && all.length > 0 ? all : api.profiles.selection).filter((n): n is CaptureNode => n?.type === 'capture');
  if (picked.length !== 2) {
    void vscode.window.showWarningMessage(`Pprof Lens: select exactly two profiles to compare (${picked.length} selected).`);
    return undefined;
  }
  const trace = picked.find((n) => n.entry.kind === 'trace');
  if (trace) {
    void vscode.window.showWarningMessage(`Pprof Lens: ${trace.entry.fileName} is an execution trace, not a profile; ${TRACE_HINT}.`);
    return undefined;
  }
  // The older capture is the base: "what changed since then".
  const [older, newer] = [...picked].sort((a, b) => a.entry.time - b.entry.time);
  void node;
  return runComparison(newer.entry.path, older.entry.path, {}, log, api);
}

async function pickBase(target: string, api: CompareApi): Promise<string | undefined> {
  type BaseItem = vscode.QuickPickItem & { path?: string };
  const items: BaseItem[] = [];
  const seen = new Set<string>([path.resolve(target)]);
  const open = activeProfiles.list().filter((s) => s.uri.scheme === 'file' && !seen.has(path.resolve(s.uri.fsPath)));
  if (open.length > 0) items.push({ label: 'Open profiles', kind: vscode.QuickPickItemKind.Separator });
  for (const s of open) {
    seen.add(path.resolve(s.uri.fsPath));
    items.push({ label: labelText(s.label), description: labelText(comparisonKind(s.profile)), detail: labelText(s.uri.fsPath), path: s.uri.fsPath });
  }
  const library = (await readCaptureLibrary(api.storageDir()).catch(() => [])).filter((e) => !seen.has(path.resolve(e.path)) && e.kind !== 'trace');
  if (library.length > 0) items.push({ label: 'Captures', kind: vscode.QuickPickItemKind.Separator });
  for (const e of library.sort((a, b) => b.time - a.time)) {
    items.push({ label: labelText(e.fileName), description: `${labelText(e.target)} · ${new Date(e.time).toLocaleString()}`, path: e.path });
  }
  items.push({ label: '$(folder-opened) Browse…', alwaysShow: true });
  const choice = await vscode.window.showQuickPick(items, {
    title: `Pprof Lens: Compare ${path.basename(target)} With Base…`,
    placeHolder: 'The base profile (what to subtract)',
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true, // a webview that finishes loading must not cancel the two-step pick
  });
  if (!choice) return undefined;
  if (choice.path) return choice.path;
  const uris = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use as Base', title: 'Pprof Lens: Base Profile' });
  return uris?.[0]?.fsPath;
}

async function runComparison(target: string, base: string, args: CompareArgs, log: Log, api: CompareApi): Promise<string | undefined> {
  let mode = args.mode;
  let normalize = args.normalize ?? false;
  if (!mode) {
    const m = await vscode.window.showQuickPick(MODE_ITEMS, {
      title: `Pprof Lens: Compare ${path.basename(target)} With ${path.basename(base)}`,
      placeHolder: 'How to compare',
      ignoreFocusOut: true,
    });
    if (!m) return undefined;
    mode = m.mode;
    normalize = m.normalize;
  }
  const tName = path.basename(target);
  const bName = path.basename(base);
  try {
    const [tp, bp] = await Promise.all([loadProfile(target), loadProfile(base)]);
    const result = compareProfiles(tp, bp, { mode, normalize }, { target: tName, base: bName });
    const bytes = encodeProfile(result);
    const stem = (n: string) => n.replace(/\.(pb\.gz|pprof|prof|pb|txt|gz)$/, '');
    const name = `${stem(tName)}-vs-${stem(bName)}.${mode === 'base' ? 'base' : 'diff'}${normalize ? '.norm' : ''}.pb.gz`;
    const dir = path.join(api.storageDir(), 'comparisons');
    const saved = await saveCapture(dir, name, bytes, { kind: 'comparison', source: target, base, mode, normalize });
    log.info(`comparison ${tName} ${mode === 'base' ? '-base' : '-diff_base'}${normalize ? ' -normalize' : ''} ${bName}: ${result.sample.length} samples, saved to ${saved.path}`);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(saved.path), PROFILE_EDITOR_VIEW_TYPE);
    return saved.path;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.error(`comparison of ${target} with ${base} failed`, e);
    void vscode.window.showErrorMessage(`Pprof Lens: ${message}`);
    return undefined;
  }
}

function compareArgs(a: unknown): CompareArgs {
  if (typeof a !== 'object' || a === null || a instanceof vscode.Uri) return {};
  const o = a as Record<string, unknown>;
  const out: CompareArgs = {};
  if (typeof o.target === 'string') out.target = o.target;
  if (typeof o.base === 'string') out.base = o.base;
  if (o.mode === 'base' || o.mode === 'diff_base') out.mode = o.mode;
  if (typeof o.normalize === 'boolean') out.normalize = o.normalize;
  return out;
}
