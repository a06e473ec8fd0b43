// Which program to capture from. In order: the pprof servers of active Go debug sessions,
// then the current target (the last one chosen), then pprofLens.targets and recently used URLs,
// else a URL typed by the user. A quick pick when there is more than one; the choice is shown in
// the status bar, and clicking it changes it.
import * as vscode from 'vscode';
import { CaptureTarget, nextTarget, NextTarget, parseTargetUrl } from '../../collect/captureTarget';
import { labelText, oneLine } from '../../core/text/untrustedText';
import type { Log } from '../log';
import { configuredTargets } from './captureSettings';
import { DebugTarget, DebugTargets } from './debugTargets';

const CURRENT_KEY = 'pprofLens.currentTarget';
const RECENT_KEY = 'pprofLens.recentTargets';
const MAX_RECENT = 10;

type Pick = vscode.QuickPickItem & { target?: CaptureTarget; debug?: DebugTarget; enter?: true };

export class TargetPicker implements vscode.Disposable {
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly debug: DebugTargets,
    private readonly log: Log,
  ) {
    this.status = vscode.window.createStatusBarItem('pprofLens.target', vscode.StatusBarAlignment.Left, 10);
    this.status.name = 'Pprof Lens Capture Target';
    this.status.command = 'pprofLens.selectTarget';
    this.updateStatus();
    this.status.show();
    this.disposables.push(this.status, vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('pprofLens.targets')) this.updateStatus();
    }));
  }

  get current(): CaptureTarget | undefined {
    const t = this.context.workspaceState.get<CaptureTarget>(CURRENT_KEY);
    if (!t || typeof t.baseUrl !== 'string') return undefined;
    // Headers live in settings only (they may hold tokens): look them up again each time.
    const configured = configuredTargets().find((c) => c.baseUrl === t.baseUrl && !c.problem);
    return { name: t.name, baseUrl: t.baseUrl, headers: configured?.headers };
  }

  private async setCurrent(t: CaptureTarget): Promise<void> {
    await this.context.workspaceState.update(CURRENT_KEY, { name: t.name, baseUrl: t.baseUrl });
    const configured = configuredTargets().some((c) => c.baseUrl === t.baseUrl);
    if (!configured) {
      const recent = [t.baseUrl, ...this.recent().filter((u) => u !== t.baseUrl)].slice(0, MAX_RECENT);
      await this.context.globalState.update(RECENT_KEY, recent);
    }
    this.updateStatus();
    this.log.info(`capture target: ${t.name} (${t.baseUrl})`);
  }

  /** Base URLs the user chose (the current target, recently used ones): captured from without asking. */
  chosenUrls(): string[] {
    const current = this.context.workspaceState.get<CaptureTarget>(CURRENT_KEY);
    return [...(current && typeof current.baseUrl === 'string' ? [current.baseUrl] : []), ...this.recent()];
  }

  /** Records a base URL the user confirmed (as recently used), so it is not asked about again. */
  async rememberChosen(baseUrl: string): Promise<void> {
    if (configuredTargets().some((c) => c.baseUrl === baseUrl)) return;
    await this.context.globalState.update(RECENT_KEY, [baseUrl, ...this.recent().filter((u) => u !== baseUrl)].slice(0, MAX_RECENT));
  }

  private recent(): string[] {
    const r = this.context.globalState.get<unknown>(RECENT_KEY, []);
    return Array.isArray(r) ? r.filter((u): u is string => typeof u === 'string') : [];
  }

  /** The target the next capture uses when no debug session serves pprof (what the status bar shows). */
  next(): NextTarget {
    return nextTarget(this.current, this.savedTargets(false));
  }

  private updateStatus(): void {
    const n = this.next();
    const debugNote = '\nA Go debug session serving pprof is used first.';
    switch (n.kind) {
      case 'current':
      case 'only':
        // A target's name may come from a Profiles view group (its sidecars): text, not $(icons).
        this.status.text = `$(flame) ${labelText(n.target.name)}`;
        this.status.tooltip = `Pprof Lens capture target: ${oneLine(n.target.name)} (${n.target.baseUrl})` +
          `${n.kind === 'only' ? '\nFrom pprofLens.targets' : ''}${debugNote}\nClick to change`;
        break;
      case 'choose':
        this.status.text = `$(flame) pprof: ${n.count} targets`;
        this.status.tooltip = `Pprof Lens: ${n.count} capture targets (pprofLens.targets and recently used); the next capture asks which.${debugNote}\nClick to choose one`;
        break;
      default:
        this.status.text = '$(flame) pprof: no target';
        this.status.tooltip = 'Pprof Lens: no capture target yet. Click to choose one';
    }
    const label = n.kind === 'current' || n.kind === 'only' ? n.target.name : n.kind === 'choose' ? `${n.count} targets, none chosen` : 'none';
    this.status.accessibilityInformation = { label: `Pprof Lens capture target: ${label}`, role: 'button' };
  }

  /** The target for a capture now; undefined when the user backed out. */
  async resolve(): Promise<CaptureTarget | undefined> {
    const sessions = this.debug.activeSessions();
    if (sessions.length > 0) {
      if (sessions.length === 1) {
        const chosen = this.debug.chosenFor(sessions[0]);
        if (chosen) return chosen;
      }
      const found = await this.discoverWithProgress();
      if (found.length === 1) {
        this.debug.remember(found[0].session, found[0]);
        await this.setCurrent(found[0]);
        return found[0];
      }
      if (found.length > 1) return this.pick(found, 'Capture from which debugged program?');
      this.log.info('no pprof server found in the debugged Go program(s); using the configured targets');
    }
    const current = this.current;
    if (current) return current;
    const saved = this.savedTargets();
    if (saved.length === 1) {
      await this.setCurrent(saved[0]);
      return saved[0];
    }
    if (saved.length > 1) return this.pick([], 'Capture from which program?');
    return this.askUrl();
  }

  /** "Select Capture Target…" (the status bar item): every known target, plus typing a URL. */
  async select(): Promise<CaptureTarget | undefined> {
    const found = this.debug.activeSessions().length > 0 ? await this.discoverWithProgress() : [];
    return this.pick(found, 'Pprof Lens: capture from which program?');
  }

  private savedTargets(logProblems = true): CaptureTarget[] {
    const configured = configuredTargets();
    if (logProblems) for (const c of configured) if (c.problem) this.log.error(`pprofLens.targets: skipping "${c.name}": ${c.problem}`);
    const out: CaptureTarget[] = configured.filter((c) => !c.problem);
    for (const u of this.recent()) {
      if (!out.some((t) => t.baseUrl === u)) out.push({ name: new URL(u).host, baseUrl: u });
    }
    return out;
  }

  private discoverWithProgress(): Thenable<DebugTarget[]> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Pprof Lens: looking for pprof in the debugged program' },
      () => this.debug.discover(),
    );
  }

  private async pick(found: DebugTarget[], title: string): Promise<CaptureTarget | undefined> {
    const current = this.current;
    const items: Pick[] = [];
    if (found.length > 0) items.push({ label: 'Debug sessions', kind: vscode.QuickPickItemKind.Separator });
    for (const d of found) {
      items.push({ label: `$(debug) ${labelText(d.name)}`, description: d.baseUrl, detail: `${labelText(d.session.name)} · pid ${d.pid}`, target: d, debug: d });
    }
    const configured = new Set(configuredTargets().map((c) => c.baseUrl));
    const saved = this.savedTargets().filter((t) => !found.some((d) => d.baseUrl === t.baseUrl));
    if (saved.length > 0) items.push({ label: 'Targets', kind: vscode.QuickPickItemKind.Separator });
    for (const t of saved) {
      items.push({
        label: `${configured.has(t.baseUrl) ? '$(server-process)' : '$(history)'} ${labelText(t.name)}`,
        description: t.baseUrl + (current?.baseUrl === t.baseUrl ? ' · current' : ''),
        detail: configured.has(t.baseUrl) ? undefined : 'recently used',
        target: t,
      });
    }
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: '$(edit) Enter URL…', description: 'e.g. localhost:6060', enter: true });
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'A Go program serving net/http/pprof', ignoreFocusOut: true });
    if (!picked) return undefined;
    const target = picked.enter ? await this.askUrl() : picked.target!;
    if (!target) return undefined;
    // Remember the choice for the debug session it was made in (or the only one running).
    const sessions = this.debug.activeSessions();
    if (picked.debug) this.debug.remember(picked.debug.session, picked.debug);
    else if (sessions.length === 1) this.debug.remember(sessions[0], target);
    if (!picked.enter) await this.setCurrent(target);
    return target;
  }

  private async askUrl(): Promise<CaptureTarget | undefined> {
    const value = await vscode.window.showInputBox({
      title: 'Pprof Lens: capture from which program?',
      prompt: 'Address of a Go program serving net/http/pprof (http or https)',
      placeHolder: 'localhost:6060',
      value: this.current ? new URL(this.current.baseUrl).host : undefined,
      ignoreFocusOut: true,
      validateInput: (v) => {
        const r = parseTargetUrl(v);
        return r.ok ? undefined : r.message;
      },
    });
    if (value === undefined) return undefined;
    const r = parseTargetUrl(value);
    if (!r.ok) return undefined;
    const configured = configuredTargets().find((c) => c.baseUrl === r.baseUrl && !c.problem);
    const t: CaptureTarget = configured ?? { name: new URL(r.baseUrl).host, baseUrl: r.baseUrl };
    await this.setCurrent(t);
    return t;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
