// "Pprof Lens: Show Call Graph" (pprof's `web`): the `-dot` report of the profile for its shared view
// options, laid out to SVG inside the webview by Graphviz compiled to WebAssembly (no system `dot`).
// The host sends the DOT text and, per graph node id, the function and its source for click-to-source.
import * as vscode from 'vscode';
import type { Profile } from '../../core/profile/profile';
import { generateReport } from '../../core/report/generateReport';
import { defaultReportOptions } from '../../core/report/reportOptions';
import type { CallGraphNode, CallGraphToHost, HostToCallGraph, ProfileViewOptions } from '../../protocol/messages';
import type { Log } from '../log';
import { type ViewOptionsStore, viewReportOptions } from '../sessions/viewOptions';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import { sideColumn } from '../profileEditor/sideColumn';
import { errorMessage } from '../../core/text/errorMessage';

export const CALL_GRAPH_VIEW_TYPE = 'pprofLens.callGraph';
export const showCallGraphCommand = 'pprofLens.showCallGraph';

/** Reads the profile of a key (the open session's, or from its file). */
export type ProfileLoader = (key: string, uri: vscode.Uri) => Promise<Profile>;

/** Sets up the call graph panels (and their restoring after a reload); returns the command's handler. */
export function registerCallGraph(context: vscode.ExtensionContext, log: Log, options: ViewOptionsStore, load: ProfileLoader, activeKey: () => string | undefined) {
  const open = new Map<string, vscode.WebviewPanel>();
  const attach = (panel: vscode.WebviewPanel, uri: vscode.Uri) => {
    const key = uri.toString();
    const fileName = uri.path.split('/').pop() || uri.path;
    open.set(key, panel);
    panel.title = `Call Graph: ${fileName}`;
    panel.webview.options = webviewOptions(context.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, { name: 'callGraph', title: `Call Graph: ${fileName}`, wasm: true });
    const post = (m: HostToCallGraph) => void panel.webview.postMessage(m);
    let ready = false;
    let nodes: CallGraphNode[] = [];
    /** Bumped per render request: only the latest is computed (one option change can arrive as several events). */
    let renderSeq = 0;
    const render = async () => {
      if (!ready) return;
      const seq = ++renderSeq;
      try {
        const profile = await load(key, uri);
        await new Promise((r) => setTimeout(r, 0));
        if (seq !== renderSeq) return;
        const o = options.get(key, profile);
        const t0 = Date.now();
        const dot = generateReport(profile, dotOptions(o), { readSource: () => undefined, sourceName: fileName });
        nodes = graphNodes(dot, profile);
        log.info(`call graph of ${fileName}: ${nodes.length} nodes, ${dot.length} bytes of DOT in ${Date.now() - t0} ms`);
        post({ type: 'graph', fileName, uri: key, dot, nodes, options: o, sampleTypes: profile.sampleType.map((t) => ({ type: t.type, unit: t.unit })) });
      } catch (e) {
        log.error(`cannot build the call graph of ${fileName}`, e);
        post({ type: 'error', fileName, message: errorMessage(e) });
      }
    };
    const subs = [
      options.onDidChange((e) => {
        if (e.key === key) void render();
      }),
      panel.webview.onDidReceiveMessage((m: CallGraphToHost) => {
        switch (m.type) {
          case 'ready':
            ready = true;
            void render();
            break;
          case 'setOptions':
            options.update(key, m.options);
            break;
          case 'openSource': {
            const n = nodes.find((x) => x.id === m.id);
            if (n?.file) void vscode.commands.executeCommand('pprofLens.openSourceLocation', n.file, n.line);
            break;
          }
          case 'showFlameGraph':
            void vscode.commands.executeCommand('pprofLens.showFlameGraph', key, m.name);
            break;
        }
      }),
    ];
    panel.onDidDispose(() => {
      if (open.get(key) === panel) open.delete(key);
      for (const s of subs) s.dispose();
    });
  };

  const showCallGraph = (target?: vscode.Uri | string) => {
    const key = target instanceof vscode.Uri ? target.toString() : target ?? activeKey();
    if (!key) {
      void vscode.window.showInformationMessage('Pprof Lens: open a profile first (Pprof Lens: Open Profile…).');
      return;
    }
    const existing = open.get(key);
    if (existing) {
      existing.reveal(undefined, false);
      return;
    }
    const uri = vscode.Uri.parse(key);
    const panel = vscode.window.createWebviewPanel(CALL_GRAPH_VIEW_TYPE, `Call Graph: ${uri.path.split('/').pop()}`, sideColumn(key), webviewOptions(context.extensionUri));
    attach(panel, uri);
  };
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(CALL_GRAPH_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: { uri?: string } | undefined) => {
        if (!state?.uri) {
          panel.dispose();
          return;
        }
        attach(panel, vscode.Uri.parse(state.uri));
      },
    }),
  );
  return showCallGraph;
}

function dotOptions(o: ProfileViewOptions) {
  return {
    ...defaultReportOptions(),
    format: 'dot' as const,
    ...viewReportOptions(o),
    nodeCount: o.nodeCount > 0 ? o.nodeCount : -1,
  };
}

/** Graph node ids of the DOT ("node7") with their function (from pprof's tooltip) and source. */
export function graphNodes(dot: string, profile: Profile): CallGraphNode[] {
  const byName = new Map<string, { file: string; line: number }>();
  for (const f of profile.function) if (!byName.has(f.name)) byName.set(f.name, { file: f.filename, line: f.startLine });
  // Profiles without start lines (Go before 1.20): the first line seen with samples.
  for (const l of profile.location) {
    for (const ln of l.line) {
      const e = byName.get(ln.function.name);
      if (e && e.line === 0 && ln.line > 0) e.line = ln.line;
    }
  }
  const nodes: CallGraphNode[] = [];
  const re = /^N\d+ \[.* id="(node\d+)" .*tooltip="((?:[^"\\]|\\.)*) \([^()]*\)"/;
  for (const l of dot.split('\n')) {
    const m = re.exec(l);
    if (!m) continue;
    const name = m[2].replace(/\\(.)/g, '$1');
    const src = byName.get(name);
    nodes.push({ id: m[1], name, file: src?.file ?? '', line: src?.line ?? 0 });
  }
  return nodes;
}
