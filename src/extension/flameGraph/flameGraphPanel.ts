// "Pprof Lens: Show Flame Graph": one webview panel per profile. The flame tree is computed here
// (src/core/flame) for the profile's shared view options and posted as columns; the webview only
// draws. Panels come back after a window reload through the WebviewPanelSerializer (the webview's
// saved state names the profile file).
import * as vscode from 'vscode';
import type { Profile } from '../../core/profile/profile';
import { displayName, loadProfileBytes, readProfileUri } from '../profileFile';
import { buildFlameTree } from '../../core/flame/flameTree';
import { flameColumns } from './flameColumns';
import type { FlameGraphState, FlameGraphToHost, HostToFlameGraph } from '../../protocol/messages';
import type { Log } from '../log';
import { activeProfiles } from '../sessions/activeProfiles';
import { ViewOptionsStore, viewReportOptions } from '../sessions/viewOptions';
import { functionSelection } from '../sessions/functionSelection';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import { sideColumn } from '../profileEditor/sideColumn';
import { errorMessage } from '../../core/text/errorMessage';

export const FLAME_GRAPH_VIEW_TYPE = 'pprofLens.flameGraph';
export const showFlameGraphCommand = 'pprofLens.showFlameGraph';
/** Nodes sent to the webview at most (narrower subtrees are merged, totals kept). */
const MAX_NODES = 250_000;

/** Sets up the flame graph panels (and their restoring after a reload); returns the panels and the command's handler. */
export function registerFlameGraph(context: vscode.ExtensionContext, log: Log, options: ViewOptionsStore) {
  const panels = new FlameGraphPanels(context.extensionUri, options, log);
  context.subscriptions.push(
    panels,
    vscode.window.registerWebviewPanelSerializer(FLAME_GRAPH_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: FlameGraphState | undefined) => {
        if (!state?.uri) {
          panel.dispose();
          return;
        }
        panels.attach(panel, vscode.Uri.parse(state.uri));
      },
    }),
  );
  return {
    panels,
    showFlameGraph: (target?: vscode.Uri | string, reveal?: string, sampleIndex?: number) =>
      panels.show(target, typeof reveal === 'string' ? reveal : undefined, typeof sampleIndex === 'number' ? sampleIndex : undefined),
  };
}

export class FlameGraphPanels implements vscode.Disposable {
  private readonly open = new Map<string, vscode.WebviewPanel>();
  /** Profiles read by restored panels whose profile editor is not open. */
  private readonly loaded = new Map<string, Profile>();
  private readonly reveals = new Map<string, (name: string) => void>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly options: ViewOptionsStore,
    private readonly log: Log,
  ) {}

  async show(target?: vscode.Uri | string, reveal?: string, sampleIndex?: number): Promise<void> {
    const key = target instanceof vscode.Uri ? target.toString() : target ?? activeProfiles.active()?.key;
    if (!key) {
      void vscode.window.showInformationMessage('Pprof Lens: open a profile first (Pprof Lens: Open Profile…).');
      return;
    }
    const uri = vscode.Uri.parse(key);
    if (sampleIndex !== undefined) this.options.update(key, { sampleIndex }, false);
    const existing = this.open.get(key);
    if (existing) {
      existing.reveal(undefined, false);
      if (reveal) this.reveals.get(key)?.(reveal);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      FLAME_GRAPH_VIEW_TYPE,
      `Flame Graph: ${uri.path.split('/').pop()}`,
      // In the profile's side column (next to its profile editor): the views of a profile select together.
      { viewColumn: sideColumn(key), preserveFocus: false },
      { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false },
    );
    this.attach(panel, uri, reveal);
  }

  attach(panel: vscode.WebviewPanel, uri: vscode.Uri, reveal?: string): void {
    const key = uri.toString();
    const fileName = uri.path.split('/').pop() || uri.path;
    this.open.set(key, panel);
    panel.title = `Flame Graph: ${fileName}`;
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, { name: 'flameGraph', title: `Flame Graph: ${fileName}` });
    const post = (m: HostToFlameGraph) => void panel.webview.postMessage(m);
    let callersOf: string | undefined;
    let inverted = false;
    let pendingReveal = reveal;
    let ready = false;
    /** Bumped per render request: only the latest is built (each build blocks the host for seconds on big profiles). */
    let renderSeq = 0;

    const render = async () => {
      if (!ready) return;
      const seq = ++renderSeq;
      let profile: Profile;
      try {
        profile = await this.profile(key, uri);
      } catch (e) {
        if (seq === renderSeq) post({ type: 'error', fileName, message: errorMessage(e) });
        return;
      }
      try {
        const t0 = Date.now();
        // Big profiles take a while (a 360,000-sample profile about 2 s): show it in the status bar.
        const built = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Pprof Lens: flame graph of ${fileName}` }, async () => {
          await new Promise((r) => setTimeout(r, 0));
          if (seq !== renderSeq) return undefined; // a newer request (e.g. the next sample type) supersedes this one
          const options = this.options.get(key, profile);
          return { options, tree: buildFlameTree(profile, viewReportOptions(options), { callersOf, inverted: inverted && !callersOf }, MAX_NODES) };
        });
        if (!built) return;
        const { options, tree } = built;
        this.log.info(`flame graph of ${fileName} (${tree.sampleType}${callersOf ? `, callers of ${callersOf}` : ''}): ` +
          `${tree.fullSize} nodes${tree.size !== tree.fullSize ? `, ${tree.size} after merging small frames` : ''} in ${Date.now() - t0} ms`);
        post({
          type: 'flame',
          fileName,
          uri: key,
          sampleTypes: profile.sampleType.map((t) => ({ type: t.type, unit: t.unit })),
          options,
          data: flameColumns(tree),
          reveal: pendingReveal,
          callersOf,
          inverted: inverted && !callersOf,
        });
        pendingReveal = undefined;
      } catch (e) {
        this.log.error(`cannot build the flame graph of ${fileName}`, e);
        post({ type: 'error', fileName, message: errorMessage(e) });
      }
    };
    this.reveals.set(key, (name) => {
      pendingReveal = name;
      callersOf = undefined;
      inverted = false;
      void render();
    });

    const subs: vscode.Disposable[] = [
      this.options.onDidChange((e) => {
        if (e.key === key) void render();
      }),
      activeProfiles.onDidChange((s) => {
        // The profile was read again (file changed on disk).
        if (s?.key === key && this.loaded.has(key)) this.loaded.delete(key);
      }),
      functionSelection.onDidSelect((e) => {
        if (e.owner !== panel && e.key === key) post({ type: 'select', name: e.name });
      }),
      panel.webview.onDidReceiveMessage((m: FlameGraphToHost) => {
        switch (m.type) {
          case 'selected':
            functionSelection.select(key, m.name, panel);
            break;
          case 'ready':
            ready = true;
            callersOf = m.state?.callersOf;
            inverted = m.state?.mode === 'bottomUp';
            void render();
            break;
          case 'setInverted':
            inverted = m.inverted;
            callersOf = undefined;
            void render();
            break;
          case 'setOptions':
            this.options.update(key, m.options);
            break;
          case 'showCallers':
            callersOf = m.name;
            if (m.name) inverted = false;
            void render();
            break;
          case 'openSource':
            void vscode.commands.executeCommand('pprofLens.openSourceLocation', m.file, m.line);
            break;
          case 'showList':
            void this.profile(key, uri).then((p) =>
              vscode.commands.executeCommand('pprofLens.showFunctionList', key, m.name, this.options.get(key, p).sampleIndex),
            );
            break;
          case 'copy':
            void vscode.env.clipboard.writeText(m.text);
            break;
          case 'showCallGraph':
            void vscode.commands.executeCommand('pprofLens.showCallGraph', key);
            break;
        }
      }),
    ];
    panel.onDidDispose(() => {
      if (this.open.get(key) === panel) {
        this.open.delete(key);
        this.reveals.delete(key);
        this.loaded.delete(key);
      }
      for (const s of subs) s.dispose();
    });
  }

  /** The profile: the open session's (already parsed), else read from its file. */
  async profile(key: string, uri: vscode.Uri): Promise<Profile> {
    const session = activeProfiles.list().find((s) => s.key === key);
    if (session) return session.profile;
    let p = this.loaded.get(key);
    if (!p) {
      const name = displayName(uri);
      p = loadProfileBytes(await readProfileUri(uri, undefined, name), name); // as the profile editor loads it
      this.loaded.set(key, p);
    }
    return p;
  }

  dispose(): void {
    for (const p of Array.from(this.open.values())) p.dispose();
  }
}

