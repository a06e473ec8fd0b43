// The source annotations of the active profile: indexes it by source file once per profile and
// sample type (core/report/sourceCosts), maps its files to local files (SourceLocator), and keeps
// every visible editor of such a file decorated. CodeLens and hovers read from here too.
import * as vscode from 'vscode';
import { indexSourceCosts, FileCosts, SourceCosts } from '../../core/report/sourceCosts';
import { fileAnnotations, FileAnnotations } from '../../core/report/lineAnnotations';
import type { Log } from '../log';
import { activeProfiles, ProfileSession } from '../sessions/activeProfiles';
import { AnnotationDecorations } from './decorations';
import type { Inference, SourceLocator } from './sourceLocator';
import { goPackageOf, type UnresolvedFile } from './sourceInference';
import { placeFile, type FilePlacement, type ProfiledText } from './sourcePlacement';
import { profiledSource, type ProfiledSource } from './sourceHistory';
import * as fs from 'fs';
import { isTrusted } from '../workspaceTrust';

/** Documents of a file at the commit checked out when the profile was taken (read-only, annotated). */
export const profiledScheme = 'pprof-lens-profiled';

/** The local path a pprof-lens-profiled: document stands for (in its query), else undefined. */
export function profiledDocumentPath(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== profiledScheme) return undefined;
  try {
    const q = JSON.parse(uri.query) as { path?: unknown };
    return typeof q.path === 'string' ? q.path : undefined;
  } catch {
    return undefined;
  }
}
import type { ResolvedPath } from './sourcePathResolver';

export interface FileView {
  session: ProfileSession;
  costs: SourceCosts;
  file: FileCosts;
  /** The figures as the profile has them. */
  annotations: FileAnnotations;
  /** The figures on the document as it is now: moved with their functions, or stale. */
  placement: FilePlacement;
}

interface Indexed {
  key: string;
  session: ProfileSession;
  costs: SourceCosts;
  /** Local file system path -> profile file name (built lazily, per locator state). */
  local?: Map<string, string>;
  resolved?: Map<string, ResolvedPath | undefined>;
  annotations: Map<string, FileAnnotations>;
  /** Per local file: its text at the profile's time (null: none or not needed). */
  profiled: Map<string, (ProfiledText & { source: ProfiledSource }) | null | 'pending'>;
  /** Per document: its placement at a version. */
  placements: Map<string, { version: number; placement: FilePlacement }>;
  /** Set once mappings have been inferred for this profile's unresolved files. */
  inferring?: boolean;
}

/** Called once per profile after inferring mappings for its unresolved files (the notice UI). */
export type InferenceListener = (session: ProfileSession, result: Inference, unresolvedCount: number) => void;

export class SourceAnnotations implements vscode.Disposable {
  private enabled = true;
  private indexed: Indexed | undefined;
  private readonly decorations = new AnnotationDecorations();
  private readonly decorated = new Set<vscode.TextEditor>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when what is shown changes (CodeLens listen). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** Profiles (session keys) whose files have been through inference: once per profile and window. */
  private readonly inferredFor = new Set<string>();
  /** The latest inference run (settled once its mappings apply). */
  private inference: Promise<void> = Promise.resolve();
  /** Set by registerAnnotations: tells the user what inference found or could not find. */
  onInference: InferenceListener | undefined;

  constructor(
    private readonly locator: SourceLocator,
    private readonly log: Log,
  ) {
    this.disposables.push(
      activeProfiles.onDidChange(() => {
        this.refresh();
        this.resolveSoon();
      }),
      locator.onDidChange(() => {
        if (this.indexed) {
          this.indexed.local = undefined;
          this.indexed.resolved = undefined;
          this.indexed.placements.clear();
          this.indexed.profiled.clear();
        }
        this.refresh();
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('pprofLens.annotations.alignment')) for (const ed of this.decorated) this.renderEditor(ed);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Line widths changed: realign the figures of that document.
        for (const ed of vscode.window.visibleTextEditors) if (ed.document === e.document && this.decorated.has(ed)) this.renderEditor(ed);
      }),
    );
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    void vscode.commands.executeCommand('setContext', 'pprofLens.sourceAnnotationsOn', on);
    this.refresh();
  }

  /** The index of the active profile's current sample type (built on first use). */
  current(): Indexed | undefined {
    const s = activeProfiles.active();
    if (!s) {
      this.indexed = undefined;
      return undefined;
    }
    const f = s.filters;
    const key = [s.key, s.version, s.sampleIndex, f.focus, f.ignore, f.hide, f.show].join('\u0000');
    if (this.indexed?.key !== key) {
      const t0 = Date.now();
      try {
        // The same filters as the profile's other views (flame graph, call graph): one set per profile.
        const costs = indexSourceCosts(s.profile, { sampleIndex: String(s.sampleIndex), focus: f.focus, ignore: f.ignore, hide: f.hide, show: f.show });
        this.indexed = { key, session: s, costs, annotations: new Map(), placements: new Map(), profiled: new Map() };
        this.log.info(`source annotations: indexed ${s.label} (${costs.sampleType.type}): ${costs.files().length} files in ${Date.now() - t0} ms`);
      } catch (e) {
        this.log.error(`source annotations: cannot index ${s.label}`, e);
        this.indexed = undefined;
        return undefined;
      }
    }
    return this.indexed;
  }

  private resolveTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Shortly after a profile becomes active, resolves its files even when no Go editor is open, so
   * that what cannot be found is said (and inferred mappings offered) before the user looks for it.
   */
  private resolveSoon(): void {
    if (this.resolveTimer) clearTimeout(this.resolveTimer);
    this.resolveTimer = setTimeout(() => {
      this.resolveTimer = undefined;
      if (!this.enabled) return;
      void this.locator.whenReady().then(() => {
        const ix = this.current();
        if (ix) this.localMap(ix);
      });
    }, 300);
  }

  /** Resolves when the mappings being inferred for the active profile (if any) apply. */
  async inferenceSettled(): Promise<void> {
    await this.locator.whenReady();
    const ix = this.current();
    if (ix) this.localMap(ix);
    await this.inference;
  }

  /** Where each profile file is here (undefined: unresolved). */
  resolutions(): Map<string, ResolvedPath | undefined> {
    const ix = this.current();
    if (!ix) return new Map();
    this.localMap(ix);
    return ix.resolved!;
  }

  private localMap(ix: Indexed): Map<string, string> {
    if (!ix.local) {
      const local = new Map<string, string>();
      const resolved = new Map<string, ResolvedPath | undefined>();
      for (const f of ix.costs.files()) {
        const r = this.locator.resolve(f);
        resolved.set(f, r);
        if (r && !local.has(r.path)) local.set(r.path, f);
      }
      ix.local = local;
      ix.resolved = resolved;
      this.inferIfNeeded(ix);
    }
    return ix.local;
  }

  /**
   * Once per profile: when some of its files resolve nowhere, infers folder mappings from the
   * workspace's files (hottest files first) and tells the listener what was found.
   */
  private inferIfNeeded(ix: Indexed): void {
    if (ix.inferring || this.inferredFor.has(ix.session.key)) return;
    const unresolved: (UnresolvedFile & { cum: number })[] = [];
    for (const [file, r] of ix.resolved!) {
      if (r) continue;
      const fns = ix.costs.file(file)?.functions ?? [];
      const packages = [...new Set(fns.map((f) => goPackageOf(f.name)).filter((x): x is string => x !== undefined))];
      unresolved.push({ file, packages, cum: fns.reduce((m, f) => Math.max(m, Math.abs(f.cum)), 0) });
    }
    if (unresolved.length === 0) return;
    ix.inferring = true;
    this.inferredFor.add(ix.session.key);
    unresolved.sort((a, b) => b.cum - a.cum || (a.file < b.file ? -1 : 1));
    this.inference = this.locator.infer(unresolved).then(
      (result) => this.onInference?.(ix.session, result, unresolved.length),
      (e) => this.log.error('source paths: inference failed', e),
    );
  }

  /** The annotations of a document, when the active profile has samples in its file. */
  view(document: vscode.TextDocument): FileView | undefined {
    if (!this.enabled) return undefined;
    // A file of the workspace, or one at the commit checked out when the profile was taken.
    const localPath = document.uri.scheme === 'file' ? document.uri.fsPath : profiledDocumentPath(document.uri);
    if (localPath === undefined) return undefined;
    const ix = this.current();
    if (!ix) return undefined;
    const profileFile = this.localMap(ix).get(localPath);
    if (profileFile === undefined) return undefined;
    const file = ix.costs.file(profileFile)!;
    let annotations = ix.annotations.get(profileFile);
    if (!annotations) {
      annotations = fileAnnotations(ix.costs, file);
      ix.annotations.set(profileFile, annotations);
    }
    const docKey = document.uri.toString();
    let placed = ix.placements.get(docKey);
    if (placed?.version !== document.version) {
      const profiled = document.uri.scheme === 'file' ? this.profiledText(ix, document) : undefined;
      const lineAt = (i: number) => document.lineAt(i).text;
      let placement = placeFile(file, annotations, document.lineCount, lineAt, profiled);
      const note = placement.stale.length > 0 ? this.otherGoVersionNote(ix, profileFile, file, annotations) : undefined;
      if (note) placement = placeFile(file, annotations, document.lineCount, lineAt, profiled, note);
      placed = { version: document.version, placement };
      ix.placements.set(docKey, placed);
      if (placement.stale.length > 0 || placement.moved > 0) {
        this.log.info(`source annotations: ${document.uri.fsPath} changed since ${ix.session.label}: ` +
          `${placement.moved} function(s) moved, ${placement.stale.length} figure(s) stale`);
      }
    }
    return { session: ix.session, costs: ix.costs, file, annotations, placement: placed.placement };
  }

  /**
   * The text the profile was taken from, when the file changed since (unsaved edits, or written after
   * the profile's time) and git has it; looked up once per file, then the placement is redone.
   */
  private profiledText(ix: Indexed, document: vscode.TextDocument): ProfiledText | undefined {
    const local = document.uri.fsPath;
    const known = ix.profiled.get(local);
    if (known !== undefined) return known === null || known === 'pending' ? undefined : known;
    const timeMs = ix.session.profile.timeNanos / 1e6;
    let changedSince = document.isDirty;
    try {
      changedSince ||= fs.statSync(local).mtimeMs > timeMs;
    } catch {
      changedSince = true;
    }
    if (!changedSince || !(timeMs > 0) || !isTrusted()) {
      ix.profiled.set(local, null);
      return undefined;
    }
    ix.profiled.set(local, 'pending');
    void profiledSource(local, timeMs, isTrusted).then((src) => {
      if (this.indexed !== ix) return;
      ix.profiled.set(local, src ? { lines: src.text.split(/\r?\n/), what: `commit ${src.commit.slice(0, 7)} (${src.date}), checked out when the profile was taken`, source: src } : null);
      if (!src) return;
      this.log.info(`source annotations: ${local} compared with ${src.relPath} at ${src.commit.slice(0, 7)}`);
      ix.placements.delete(document.uri.toString());
      this.refresh();
    });
    return undefined;
  }

  /**
   * For a standard-library file whose figures do not fit: says that GOROOT is probably another Go
   * version than the profiled program's, and names a toolchain in the module cache whose copy of the
   * file fits every function of the profile (the version it was built with), when there is one.
   */
  private otherGoVersionNote(ix: Indexed, profileFile: string, file: FileCosts, annotations: FileAnnotations): string | undefined {
    const r = ix.resolved?.get(profileFile);
    const trees = this.locator.goTrees();
    const root = trees.goroot;
    if (!r || !root) return undefined;
    const srcDir = root.dir.replace(/\/+$/, '') + '/src/';
    if (!r.path.startsWith(srcDir)) return undefined;
    const rel = r.path.slice(srcDir.length);
    for (const t of trees.others) {
      let text: string;
      try {
        text = fs.readFileSync(`${t.dir}/src/${rel}`, 'utf8');
      } catch {
        continue;
      }
      const lines = text.split(/\r?\n/);
      const fits = placeFile(file, annotations, lines.length, (i) => lines[i]);
      if (fits.stale.length === 0 && fits.moved === 0) {
        return `this is ${root.version || 'GOROOT'}'s copy (${root.dir}); the program was built with ${t.version}, whose copy fits the profile: ${t.dir}/src/${rel}`;
      }
    }
    return `this is ${root.version || 'GOROOT'}'s copy (${root.dir}): the program was probably built with another Go version`;
  }

  /** The git source of a local file as the profile was taken (after its placement looked it up). */
  profiledSourceOf(localPath: string): ProfiledSource | undefined {
    const p = this.indexed?.profiled.get(localPath);
    return p && p !== 'pending' ? p.source : undefined;
  }

  refresh(): void {
    this.render();
    this.changed.fire();
  }

  private render(): void {
    const visible = new Set(vscode.window.visibleTextEditors);
    for (const ed of this.decorated) if (!visible.has(ed)) this.decorated.delete(ed);
    for (const ed of visible) this.renderEditor(ed);
  }

  private renderEditor(ed: vscode.TextEditor): void {
    const v = this.view(ed.document);
    if (!v) {
      if (this.decorated.delete(ed)) this.decorations.clear(ed);
      return;
    }
    const t0 = performance.now();
    const n = this.decorations.apply(ed, v.placement.annotations, v.placement.stale);
    this.decorated.add(ed);
    this.log.info(`source annotations: ${n} lines of ${v.file.file} (${v.costs.sampleType.type}) ` +
      `in ${(performance.now() - t0).toFixed(1)} ms`);
  }

  dispose(): void {
    if (this.resolveTimer) clearTimeout(this.resolveTimer);
    for (const ed of this.decorated) this.decorations.clear(ed);
    this.decorations.dispose();
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
