// Wires the source annotations: decorations, CodeLens, hovers, the sample type status
// bar item, the `-list` report documents and the commands.
import * as vscode from 'vscode';
import * as fs from 'fs';
import { generateReport } from '../../core/report/generateReport';
import { defaultReportOptions } from '../../core/report/reportOptions';
import type { Log } from '../log';
import { activeProfiles, noFilters, type SessionFilters } from '../sessions/activeProfiles';
import { SessionStatusBar } from '../sessions/sessionStatusBar';
import { CostHover } from './costHover';
import { FunctionLens } from './functionLens';
import { profiledDocumentPath, profiledScheme, SourceAnnotations } from './sourceAnnotations';
import { SourceLocator } from './sourceLocator';
import { mappingForFolder } from './sourcePathResolver';
import { showInferenceNotice } from './sourceMappingNotice';
import { labelText, messageText, oneLine } from '../../core/text/untrustedText';
import { sideColumn } from '../profileEditor/sideColumn';
import { errorMessage } from '../../core/text/errorMessage';
import { openHottestSource } from './hottestSource';

const listScheme = 'pprof-lens-list';
const goFiles: vscode.DocumentSelector = [{ language: 'go' }, { scheme: 'file', pattern: '**/*.go' }, { scheme: profiledScheme }];

/**
 * Sets up the source annotations (decorations, CodeLens, hovers, status bar, list documents); returns
 * them and their command handlers (src/extension/commands.ts registers them).
 */
export function registerAnnotations(context: vscode.ExtensionContext, log: Log) {
  const locator = new SourceLocator(log);
  const annotations = new SourceAnnotations(locator, log);
  const listDocs = new ListDocuments(locator);
  annotations.onInference = (session, result) =>
    void showInferenceNotice(session, result, locator, log, () => unresolvedSourceFiles(annotations, locator, log)).catch((e) =>
      log.error('source paths: notice failed', e),
    );
  void vscode.commands.executeCommand('setContext', 'pprofLens.sourceAnnotationsOn', true);
  context.subscriptions.push(
    activeProfiles,
    locator,
    annotations,
    new SessionStatusBar(),
    vscode.languages.registerCodeLensProvider(goFiles, new FunctionLens(annotations)),
    vscode.languages.registerHoverProvider(goFiles, new CostHover(annotations)),
    vscode.workspace.registerTextDocumentContentProvider(listScheme, listDocs),
    vscode.workspace.registerTextDocumentContentProvider(profiledScheme, {
      provideTextDocumentContent: (uri) => {
        const p = profiledDocumentPath(uri);
        return (p && annotations.profiledSourceOf(p)?.text) ?? 'Pprof Lens: this file at the profile\'s commit is no longer known (reopen the profile).\n';
      },
    }),
  );
  return {
    annotations,
    commands: {
      toggleSourceAnnotations: () => {
        annotations.setEnabled(!annotations.isEnabled);
        log.info(`source annotations ${annotations.isEnabled ? 'shown' : 'hidden'}`);
      },
      annotateSourceWith: () => annotateSourceWith(),
      selectSampleType: () => selectSampleType(),
      unresolvedSourceFiles: () => unresolvedSourceFiles(annotations, locator, log),
      showFunctionList: (key: string, name: string, sampleIndex: number) => showFunctionList(key, name, sampleIndex, log),
      openSourceLocation: (file: string, line: number) => openSourceLocation(locator, file, line, log),
      openProfiledSource: (localPath: string) => openProfiledSource(annotations, localPath, log),
      openHottestSource: () => openHottestSource(annotations, log),
    },
  };
}

/** "Pprof Lens: Annotate Source With…": pick the profile the annotations follow. */
async function annotateSourceWith(): Promise<void> {
  const open = activeProfiles.list();
  const active = activeProfiles.active();
  type Item = vscode.QuickPickItem & { key?: string };
  const items: Item[] = open.map((s) => ({
    // Names of files and sample types come from outside: text in the quick pick, not $(icons).
    label: labelText(s.label),
    description: labelText(s.profile.sampleType.map((t) => t.type).join(', ')),
    detail: labelText(s.uri.scheme === 'file' ? s.uri.fsPath : s.uri.toString(true)),
    key: s.key,
    picked: s.key === active?.key,
  }));
  items.push({ label: '$(folder-opened) Open Profile…', alwaysShow: true });
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Pprof Lens: Annotate Source With…',
    placeHolder: open.length ? 'Profile whose costs the Go editors show' : 'No profile is open: open one',
  });
  if (!pick) return;
  if (pick.key) activeProfiles.setActive(pick.key);
  else await vscode.commands.executeCommand('pprofLens.openProfile');
}

/** Status bar click: the sample type the annotations show. */
async function selectSampleType(): Promise<void> {
  const s = activeProfiles.active();
  if (!s) return void vscode.commands.executeCommand('pprofLens.annotateSourceWith');
  const items = s.profile.sampleType.map((t, i) => ({
    label: labelText(t.type),
    description: `${labelText(t.unit)}${i === s.sampleIndex ? ' (shown)' : ''}`,
    index: i,
  }));
  const pick = await vscode.window.showQuickPick(items, { title: `Pprof Lens: sample type of ${oneLine(s.label)}` });
  if (pick) activeProfiles.setSampleIndex(pick.index);
}

/** "Pprof Lens: Unresolved Source Files": choose one, then the local folder its folder maps to. */
async function unresolvedSourceFiles(annotations: SourceAnnotations, locator: SourceLocator, log: Log): Promise<void> {
  await locator.whenReady();
  const ix = annotations.current();
  if (!ix) {
    void vscode.window.showInformationMessage('Pprof Lens: no profile is open; open one to annotate sources.');
    return;
  }
  // Hottest first: by the largest cum of a function in the file; flat summed (the file's own cost).
  const unresolved: { file: string; cum: number; flat: number }[] = [];
  for (const [file, r] of annotations.resolutions()) {
    if (r) continue;
    let cum = 0;
    let flat = 0;
    for (const fn of ix.costs.file(file)!.functions) {
      cum = Math.max(cum, Math.abs(fn.cum));
      flat += fn.flat;
    }
    unresolved.push({ file, cum, flat });
  }
  if (unresolved.length === 0) {
    void vscode.window.showInformationMessage(messageText(`Pprof Lens: every source file of ${ix.session.label} was found.`));
    return;
  }
  unresolved.sort((a, b) => b.cum - a.cum || (a.file < b.file ? -1 : 1));
  const pick = await vscode.window.showQuickPick(
    unresolved.map((u) => ({ label: labelText(u.file), description: labelText(`flat ${ix.costs.format(u.flat)} · max cum ${ix.costs.format(u.cum)}`), file: u.file })),
    { title: `Pprof Lens: ${unresolved.length} unresolved source file(s) of ${ix.session.label}`, placeHolder: 'Pick one to map its folder to a local folder', matchOnDescription: true },
  );
  if (!pick) return;
  const folder = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Map Here',
    title: `Local folder holding ${pick.file.split('/').pop()}`,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  if (!folder?.length) return;
  // One pick maps the whole tree: the folders above what the profile's folder and the chosen one share.
  const m = mappingForFolder(pick.file, folder[0].fsPath);
  await locator.addMapping(m);
  log.info(`path mapping added: ${m.from} -> ${m.to}`);
  const r = locator.resolve(pick.file);
  const now = unresolved.filter((u) => locator.resolve(u.file)).length;
  void vscode.window.showInformationMessage(
    messageText(
      r
        ? `Pprof Lens: ${m.from} → ${m.to} saved; ${now} of ${unresolved.length} unresolved file(s) now found (${pick.file} is ${r.path}).`
        : `Pprof Lens: mapping saved (${m.from} → ${m.to}), but ${pick.file} is still not found there.`,
    ),
  );
}

/** The file at the commit checked out when the profile was taken, read-only, with the profile's figures. */
async function openProfiledSource(annotations: SourceAnnotations, localPath: string, log: Log): Promise<void> {
  if (typeof localPath !== 'string') return;
  const src = annotations.profiledSourceOf(localPath);
  if (!src) {
    void vscode.window.showInformationMessage(messageText(`Pprof Lens: ${localPath} at the profile's commit is not known (git has no commit that old, or the file is not in a repository).`));
    return;
  }
  const uri = vscode.Uri.from({ scheme: profiledScheme, path: `/${src.commit.slice(0, 7)}/${src.relPath}`, query: JSON.stringify({ path: localPath }) });
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'go').then(undefined, () => undefined);
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  log.info(`opened ${src.relPath} at ${src.commit.slice(0, 7)} (${src.date})`);
}

async function showFunctionList(key: string, name: string, sampleIndex: number, log: Log): Promise<void> {
  // The profile's focus/ignore/hide/show, as its other views and the annotations apply them (and in
  // the address, so a report under other filters is another document, not a stale cached one).
  const filters = activeProfiles.list().find((x) => x.key === key)?.filters ?? noFilters;
  const query = encodeURIComponent(JSON.stringify({ key, name, sampleIndex, filters }));
  const uri = vscode.Uri.from({ scheme: listScheme, path: `/${name.replace(/[/\\]/g, '_')}.list`, query });
  log.info(`-list report of ${name}`);
  const doc = await vscode.workspace.openTextDocument(uri);
  // In the profile's side column, with its flame graph and call graph (not one more column).
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: sideColumn(key) });
}

/** Read-only `-list` reports (pprof-lens-list: documents). */
class ListDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly locator: SourceLocator) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    let q: { key: string; name: string; sampleIndex: number; filters?: SessionFilters };
    try {
      q = JSON.parse(decodeURIComponent(uri.query));
    } catch {
      return 'Pprof Lens: bad report address';
    }
    const s = activeProfiles.list().find((x) => x.key === q.key);
    if (!s) return `Pprof Lens: the profile of this report is closed.\n`;
    const readSource = (p: string): string | undefined => {
      const r = this.locator.resolve(p) ?? (p.startsWith('/') ? this.locator.resolve(p.slice(1)) : undefined);
      if (!r) return undefined;
      try {
        return fs.readFileSync(r.path, 'utf8');
      } catch {
        return undefined;
      }
    };
    const f = { ...noFilters, ...q.filters };
    const flags = (['focus', 'ignore', 'hide', 'show'] as const).filter((k) => f[k] !== '').map((k) => ` -${k}='${f[k]}'`).join('');
    try {
      const out = generateReport(
        s.profile,
        {
          ...defaultReportOptions(), format: 'list', symbol: '^' + quoteMeta(q.name) + '$', sampleIndex: String(q.sampleIndex),
          focus: f.focus, ignore: f.ignore, hide: f.hide, show: f.show,
        },
        // cwd "/": relative (-trimpath) names are looked up as "/<name>", which readSource resolves.
        { readSource, cwd: '/' },
      );
      return `# pprof-lens -list='^${q.name}$' -sample_index=${s.profile.sampleType[q.sampleIndex]?.type ?? q.sampleIndex}${flags} ${s.label}\n${out}`;
    } catch (e) {
      return `Pprof Lens: ${errorMessage(e)}\n`;
    }
  }
}

/** The first workspace file whose last two path segments are those of `file`. */
async function findByTail(file: string): Promise<vscode.Uri | undefined> {
  const tail = file.split(/[\\/]/).slice(-2).join('/').replace(/[[\]{}*?!]/g, (c) => `[${c}]`);
  if (!tail) return undefined;
  const found = await vscode.workspace.findFiles(`**/${tail}`, '**/node_modules/**', 1);
  return found[0];
}

/** regexp.QuoteMeta. */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

async function openSourceLocation(locator: SourceLocator, file: string, line: number, log: Log): Promise<void> {
  if (!file) return;
  const pos = new vscode.Position(Math.max(0, line - 1), 0);
  const r = locator.resolve(file);
  if (!r) {
    // A build path of another machine that no rule maps: a workspace file with the same last two
    // path segments is most likely it (as the profile editor has always looked it up).
    const found = await findByTail(file);
    if (found) {
      await vscode.window.showTextDocument(found, { selection: new vscode.Range(pos, pos), preview: true });
      log.info(`open ${found.fsPath}:${line} (workspace file ending like ${file})`);
      return;
    }
    log.info(`source not found: ${file}`);
    void vscode.window.showInformationMessage(messageText(`Pprof Lens: ${file} is not found here (see "Pprof Lens: Unresolved Source Files").`));
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(r.path), { selection: new vscode.Range(pos, pos), preview: true });
  if (r.readOnly) {
    // GOROOT and module cache sources are not the user's to edit.
    await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession').then(undefined, () => undefined);
  }
  log.info(`open ${r.path}:${line} (${r.how})`);
}
