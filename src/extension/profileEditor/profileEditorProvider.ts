// The read-only custom editor for pprof profiles (viewType pprofLens.profileEditor): parses in the
// extension host, posts the summary and top table to the webview, recomputes on sample type change.
import * as vscode from 'vscode';
import type { HostToProfileEditor, ProfileEditorToHost } from '../../protocol/messages';
import type { Log } from '../log';
import { readSettings } from '../settings';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import { ProfileDocument } from './profileDocument';
import { buildProfileView, clampSampleIndex, initialSampleIndex } from './profileView';
import { traceProfileBadge } from '../traceEditor/traceProfileBadge';
import { activeProfiles, noFilters, SessionFilters } from '../sessions/activeProfiles'; // The profile source annotations follow
import { functionSelection } from '../sessions/functionSelection';
import type { ComparisonInputs } from '../compare/comparisonInputs';
import type { ViewOptionsStore } from '../sessions/viewOptions';
import { errorMessage } from '../../core/text/errorMessage';

export const PROFILE_EDITOR_VIEW_TYPE = 'pprofLens.profileEditor';

export class ProfileEditorProvider implements vscode.CustomReadonlyEditorProvider<ProfileDocument> {
  static register(context: vscode.ExtensionContext, log: Log, viewOptions: ViewOptionsStore): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(PROFILE_EDITOR_VIEW_TYPE, new ProfileEditorProvider(context, log, viewOptions), {
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: true,
    });
  }

  private constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
    private readonly viewOptions: ViewOptionsStore,
  ) {}

  async openCustomDocument(uri: vscode.Uri): Promise<ProfileDocument> {
    const maxBytes = readSettings().maxProfileSizeMiB * 2 ** 20;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Pprof Lens: reading ${uri.path.split('/').pop()}` },
      () => ProfileDocument.open(uri, maxBytes, this.log),
    );
  }

  async resolveCustomEditor(document: ProfileDocument, panel: vscode.WebviewPanel): Promise<void> {
    const extensionUri = this.context.extensionUri;
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = webviewHtml(panel.webview, extensionUri, { name: 'profileEditor', title: document.fileName });
    const post = (m: HostToProfileEditor) => void panel.webview.postMessage(m);

    // The sample type the panel shows now (by name), kept when the file is read again and still has it.
    let shown = '';
    const key = document.uri.toString();
    let shownIndex = -1;
    let shownFilters: SessionFilters = noFilters;
    let shownGranularity = 'functions';
    let shownSeq = 0;
    const show = (requested?: number) => {
      const r = document.result;
      if (!r.ok) {
        post({ type: 'error', fileName: document.fileName, message: r.message });
        return;
      }
      const fallback = initialSampleIndex(r.profile, readSettings().defaultSampleType);
      const index = clampSampleIndex(r.profile, requested, fallback);
      shown = r.profile.sampleType[index]?.type ?? '';
      shownIndex = index;
      // Set before activeProfiles.show, whose change event this panel listens to (no re-entry).
      shownFilters = activeProfiles.list().find((x) => x.key === key)?.filters ?? noFilters;
      activeProfiles.show(document.uri, r.profile, index, panel); // Last shown = annotated
      const seq = ++shownSeq;
      const filters = shownFilters;
      const granularity = this.viewOptions.peek(key)?.granularity ?? 'functions';
      shownGranularity = granularity;
      const render = (inputs?: ComparisonInputs) => {
        if (seq !== shownSeq) return; // a newer show() is on its way
        try {
          const t0 = Date.now();
          let view: ReturnType<typeof buildProfileView>;
          try {
            view = buildProfileView(r.profile, document.fileName, document.source, index, filters, inputs, granularity);
          } catch (e) {
            if (filters === noFilters) throw e;
            this.log.error(`the view filters do not apply to ${document.fileName}; showing it unfiltered`, e);
            view = buildProfileView(r.profile, document.fileName, document.source, index, noFilters, inputs, granularity);
          }
          // A trace-derived profile says which one it is (its bytes, Go's, read as any delay profile).
          view.summary.kind = traceProfileBadge(document.source, view.summary.kind);
          this.log.info(`top table for ${document.fileName} (${view.summary.sampleTypes[index]?.type}): ` +
            `${view.top.name.length} rows${view.top.delta ? ' with base / new columns' : ''} in ${Date.now() - t0} ms`);
          post({ type: 'profile', ...view });
        } catch (e) {
          this.log.error(`cannot build the report for ${document.source}`, e);
          post({ type: 'error', fileName: document.fileName, message: errorMessage(e) });
        }
      };
      // A comparison waits for its inputs (read once per document) to show base / new columns.
      const inputs = document.comparisonInputs();
      if (inputs) void inputs.then(render, () => render());
      else render();
    };

    const reload = document.onDidReload(() => {
      const r = document.result;
      const again = r.ok ? r.profile.sampleType.findIndex((t) => t.type === shown) : -1;
      show(again >= 0 ? again : undefined);
    });
    // Selections in the other views of this profile select the row here.
    const selected = functionSelection.onDidSelect((e) => {
      if (e.owner !== panel && e.key === document.uri.toString()) post({ type: 'selectFunction', name: e.name });
    });
    // One set of options per profile: a sample type or filters chosen in the flame graph or
    // call graph (or the annotations' status bar) re-render this table.
    const followed = activeProfiles.onDidChange((x) => {
      if (x && x.key === key && document.result.ok && (x.sampleIndex !== shownIndex || x.filters !== shownFilters)) show(x.sampleIndex);
    });
    // The granularity (and filters set while another profile is the active one, which change no
    // active session) chosen in the flame graph or call graph: follow the store.
    const filtered = this.viewOptions.onDidChange((e) => {
      if (e.key !== key || !document.result.ok) return;
      const now = activeProfiles.list().find((x) => x.key === key)?.filters ?? noFilters;
      if (now !== shownFilters || e.options.granularity !== shownGranularity) show(shownIndex);
    });
    panel.onDidDispose(() => {
      shownSeq++; // a comparison still reading its inputs renders nothing
      filtered.dispose();
      followed.dispose();
      selected.dispose();
      reload.dispose();
      activeProfiles.close(document.uri, panel); // Closing the profile clears its annotations
    });

    panel.webview.onDidReceiveMessage((m: ProfileEditorToHost) => {
      switch (m.type) {
        case 'ready':
        case 'selectSampleIndex':
          show(m.sampleIndex);
          break;
        case 'openSource':
          // As every view opens sources: the annotations' resolver (as is, go.mod module paths,
          // GOROOT and module cache, pprofLens.pathMappings), then a workspace file of the same tail.
          if (m.file) void vscode.commands.executeCommand('pprofLens.openSourceLocation', m.file, m.line);
          break;
        case 'showFlameGraph':
          void vscode.commands.executeCommand('pprofLens.showFlameGraph', document.uri);
          break;
        case 'showCallGraph':
          void vscode.commands.executeCommand('pprofLens.showCallGraph', document.uri);
          break;
        case 'selectFunction':
          functionSelection.select(document.uri.toString(), m.name, panel);
          break;
        case 'clearFilters': // the filters set in the flame graph or call graph, for every view
          this.viewOptions.update(key, { focus: '', ignore: '', hide: '', show: '' }, false);
          break;
      }
    });
  }
}
