// Comparing profiles: "Compare With Base…" on the profile shown now, and "Compare" on two
// captures selected in the Profiles view. The comparison (core compareProfiles: pprof's -base or
// -diff_base, optionally -normalize) is saved as a .pb.gz under <storage>/comparisons and opened in
// the profile editor like any other profile: the top table, source annotations and flame graph all
// read it as they read a capture.
import * as path from 'path';
import * as vscode from 'vscode';
import { readCaptureLibrary } from '../../collect/captureLibrary';
import { saveCapture } from '../../collect/saveCapture';
import { checkComparable, CompareMode, compareProfiles, comparisonKind } from '../../core/compare/compareProfiles';
import { encodeProfile } from '../../core/profile/encode';
import { labelText, messageText } from '../../core/text/untrustedText';
import type { Log } from '../log';
import { PROFILE_EDITOR_VIEW_TYPE } from '../profileEditor/profileEditorProvider';
import type { ProfilesView } from '../profilesView/profilesView';
import type { CaptureNode, ProfilesNode } from '../profilesView/profilesTree';
import { activeProfiles } from '../sessions/activeProfiles';
import { readProfileFacts } from '../../collect/profileFacts';
import { BaseCandidate, compatibleBases, CompareTargetTypes, durationsDiffer, modeChoices } from './baseCandidates';
import { sideLabel } from './comparisonInputs';
import { readComparisonInput, TRACE_HINT } from './inputProfile';
import { errorMessage } from '../../core/text/errorMessage';

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

/** The comparison command handlers (src/extension/commands.ts registers them). */
export function compareCommands(log: Log, api: CompareApi) {
  return {
    compareWithBase: (arg?: unknown) => compareWithBase(arg, log, api),
    compareSelected: (n?: ProfilesNode, all?: ProfilesNode[]) => compareSelected(n, all, log, api),
  };
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
    void vscode.window.showWarningMessage(messageText(`Pprof Lens: ${trace.entry.fileName} is an execution trace, not a profile; ${TRACE_HINT}.`));
    return undefined;
  }
  // The older capture is the base: "what changed since then".
  const [older, newer] = [...picked].sort((a, b) => a.entry.time - b.entry.time);
  void node;
  return runComparison(newer.entry.path, older.entry.path, {}, log, api);
}

/** Only the bases the profile can be compared with (same sample types), newest first. */
async function pickBase(target: string, api: CompareApi): Promise<string | undefined> {
  type BaseItem = vscode.QuickPickItem & { path?: string };
  let targetTypes: CompareTargetTypes;
  try {
    const p = await readComparisonInput(target);
    targetTypes = { path: path.resolve(target), sampleTypes: p.sampleType.map((t) => `${t.type}/${t.unit}`), periodType: p.periodType ? `${p.periodType.type}/${p.periodType.unit}` : undefined };
  } catch (e) {
    void vscode.window.showErrorMessage(messageText(`Pprof Lens: ${errorMessage(e)}`, 600));
    return undefined;
  }
  const candidates: BaseCandidate[] = [];
  for (const s of activeProfiles.list().filter((x) => x.uri.scheme === 'file')) {
    const p = s.profile;
    candidates.push({
      path: path.resolve(s.uri.fsPath), name: s.label, open: true,
      time: p.timeNanos > 0 ? Math.floor(p.timeNanos / 1e6) : 0,
      sampleTypes: p.sampleType.map((t) => `${t.type}/${t.unit}`), periodType: p.periodType ? `${p.periodType.type}/${p.periodType.unit}` : undefined,
    });
  }
  const library = (await readCaptureLibrary(api.storageDir()).catch(() => [])).filter((e) => e.kind !== 'trace');
  for (const e of library) {
    const f = await readProfileFacts(e.path);
    if (f) candidates.push({ path: path.resolve(e.path), name: e.fileName, time: e.time, sampleTypes: f.sampleTypes, periodType: f.periodType });
  }
  const { bases, incompatible } = compatibleBases(targetTypes, candidates);
  const byPath = new Map(library.map((e) => [path.resolve(e.path), e]));
  const items: BaseItem[] = bases.map((c) => {
    const e = byPath.get(c.path);
    const what = [c.open ? 'open' : '', e ? labelText(e.target) : '', c.time ? new Date(c.time).toLocaleString() : ''].filter(Boolean).join(' · ');
    return { label: labelText(c.name), description: what, detail: labelText(c.path), path: c.path };
  });
  items.push({ label: '$(folder-opened) Browse…', alwaysShow: true });
  const kind = comparisonKind(await readComparisonInput(target));
  const left = incompatible > 0 ? ` (${incompatible} of other kinds or sample types not listed)` : '';
  const choice = await vscode.window.showQuickPick(items, {
    title: `Pprof Lens: Compare ${labelText(path.basename(target))} With Base…`,
    placeHolder: bases.length > 0 ? `The base: a ${kind} profile to subtract, newest first${left}` : `No other ${kind} profile to compare with${left}: browse for one`,
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
  const tName = path.basename(target);
  const bName = path.basename(base);
  try {
    // The inputs are read and checked before asking how to compare: a mismatched base is
    // refused at once, and the mode pick knows both durations.
    const [tp, bp] = await Promise.all([readComparisonInput(target), readComparisonInput(base)]);
    checkComparable(tp, bp, tName, bName);
    let mode = args.mode;
    let normalize = args.normalize ?? false;
    if (!mode) {
      const { choices, note } = modeChoices(tp.durationNanos, bp.durationNanos);
      const m = await vscode.window.showQuickPick(choices, {
        title: `Pprof Lens: Compare ${labelText(tName)} With ${labelText(bName)}`,
        placeHolder: note ?? 'How to compare',
        ignoreFocusOut: true,
      });
      if (!m) return undefined;
      mode = m.mode;
      normalize = m.normalize;
    } else if (!normalize && durationsDiffer(tp.durationNanos, bp.durationNanos)) {
      log.info(`comparison ${tName} -base ${bName}: durations differ (${tp.durationNanos} ns vs ${bp.durationNanos} ns) and -normalize was not asked for`);
    }
    const result = compareProfiles(tp, bp, { mode, normalize }, { target: tName, base: bName });
    const bytes = encodeProfile(result);
    const stem = (n: string) => n.replace(/\.(pb\.gz|pprof|prof|pb|txt|gz)$/, '');
    const name = `${stem(tName)}-vs-${stem(bName)}.${mode === 'base' ? 'base' : 'diff'}${normalize ? '.norm' : ''}.pb.gz`;
    const dir = path.join(api.storageDir(), 'comparisons');
    // The sidecar names both inputs with their times (the header labels base and new).
    const inputs = { base: sideLabel(base, bp), new: sideLabel(target, tp) };
    const saved = await saveCapture(dir, name, bytes, { kind: 'comparison', source: target, base, mode, normalize, inputs });
    log.info(`comparison ${tName} ${mode === 'base' ? '-base' : '-diff_base'}${normalize ? ' -normalize' : ''} ${bName}: ${result.sample.length} samples, saved to ${saved.path}`);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(saved.path), PROFILE_EDITOR_VIEW_TYPE);
    return saved.path;
  } catch (e) {
    const message = errorMessage(e);
    log.error(`comparison of ${target} with ${base} failed`, e);
    void vscode.window.showErrorMessage(messageText(`Pprof Lens: ${message}`, 600));
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
