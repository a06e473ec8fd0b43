// One opened profile file: its bytes are read and parsed in the extension host (again only when the
// file changes on disk); the editor panel(s) for it only receive the computed view. A parse failure is kept as the document's error so
// the editor can show the parser's message instead of a blank panel.
import * as vscode from 'vscode';
import type { Profile } from '../../core/profile/profile';
import { sampleCount } from '../../core/profile/sampleColumns';
import { MAX_SIZE_SETTING, loadProfileBytes, readProfileUri } from '../profileFile';
import { ProfileError } from '../../core/profile/profileError';
import type { Log } from '../log';
import { comparisonInputs, ComparisonInputs } from '../compare/comparisonInputs';
import { readComparisonInput } from '../compare/inputProfile';
import { comparisonOf } from '../../core/compare/compareProfiles';
import { errorMessage } from '../../core/text/errorMessage';

export type LoadResult = { ok: true; profile: Profile; millis: number } | { ok: false; message: string };

export class ProfileDocument implements vscode.CustomDocument {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the file changed on disk and was read again (e.g. a capture rewrote it). */
  readonly onDidReload = this.changed.event;
  private readonly watcher: vscode.Disposable | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  /** The inputs of a comparison, read once per load of the file. */
  private inputs: Promise<ComparisonInputs | undefined> | undefined;

  private constructor(
    readonly uri: vscode.Uri,
    private current: LoadResult,
    private readonly maxBytes: number,
    private readonly log: Log,
  ) {
    if (uri.scheme === 'file') {
      const dir = vscode.Uri.joinPath(uri, '..');
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, this.fileName));
      // Writers that go through a temp file and a rename show up as create, editors as change.
      w.onDidChange(() => this.scheduleReload());
      w.onDidCreate(() => this.scheduleReload());
      this.watcher = w;
    }
  }

  get result(): LoadResult {
    return this.current;
  }

  get fileName(): string {
    const parts = this.uri.path.split('/');
    return parts[parts.length - 1] || this.uri.path;
  }

  /** Where the profile came from, as users know it (a path for local files). */
  get source(): string {
    return this.uri.scheme === 'file' ? this.uri.fsPath : this.uri.toString(true);
  }

  /**
   * For a comparison, its two inputs (from the sidecar saved with it) or why they are not
   * available; undefined (at once, not a promise) for another profile. Read once, and again after the
   * file is read again.
   */
  comparisonInputs(): Promise<ComparisonInputs | undefined> | undefined {
    const r = this.current;
    if (!r.ok || this.uri.scheme !== 'file') return undefined;
    const what = comparisonOf(r.profile);
    if (what === undefined) return undefined;
    this.inputs ??= comparisonInputs(this.uri.fsPath, r.profile, what !== '', readComparisonInput).then((x) => {
      if (x && !x.ok) this.log.info(`${this.source}: ${x.note}`);
      return x;
    });
    return this.inputs;
  }

  static async open(uri: vscode.Uri, maxBytes: number, log: Log): Promise<ProfileDocument> {
    return new ProfileDocument(uri, await load(uri, maxBytes, log), maxBytes, log);
  }

  private scheduleReload(): void {
    // Coalesce the bursts of events one write produces.
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      this.log.info(`${this.source} changed on disk: reading it again`);
      void load(this.uri, this.maxBytes, this.log).then((r) => {
        this.current = r;
        this.inputs = undefined;
        this.changed.fire();
      });
    }, 300);
  }

  dispose(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.watcher?.dispose();
    this.changed.dispose();
  }
}

async function load(uri: vscode.Uri, maxBytes: number, log: Log): Promise<LoadResult> {
  const name = uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
  try {
    const limit = { bytes: maxBytes, name: MAX_SIZE_SETTING };
    const bytes = await readProfileUri(uri, limit, name);
    const t0 = Date.now();
    const profile = loadProfileBytes(bytes, name, limit);
    const millis = Date.now() - t0;
    log.info(`parsed ${name}: ${bytes.length} bytes, ${sampleCount(profile)} samples, ` +
      `sample types ${profile.sampleType.map((t) => `${t.type}/${t.unit}`).join(', ')} in ${millis} ms`);
    return { ok: true, profile, millis };
  } catch (e) {
    if (e instanceof ProfileError) {
      log.error(`cannot read profile ${name}`, e);
      return { ok: false, message: e.message };
    }
    log.error(`cannot open ${name}`, e);
    const detail = errorMessage(e);
    return { ok: false, message: `${name}: ${detail}` };
  }
}
