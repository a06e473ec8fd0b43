// The PGO profile the editor shows: which file (a default.pgo or any CPU profile), the call
// sites Go 1.27's compiler treats as hot in it (src/core/pgo), and where their lines are in the
// workspace. The PGO view lists them and the "PGO hot" line decorations draw them; both listen here.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { hotCallSites, pgoProfileFromBytes, type HotCallSite, type HotCallSites } from '../../core/pgo/pgoProfile';
import { readProfileFileSync } from '../../collect/profileFile';
import { nodeGunzip } from '../../collect/nativeGunzip';
import type { SourceLocator } from '../annotations/sourceLocator';
import type { Log } from '../log';
import { readSettings } from '../settings';

/** One PGO profile as shown: its file and hot call sites. */
export interface PgoShown {
  file: string;
  hot: HotCallSites;
  /** Number of call edges in the profile. */
  edgeCount: number;
}

export class PgoState implements vscode.Disposable {
  private current: PgoShown | undefined;
  private readonly changed = new vscode.EventEmitter<PgoShown | undefined>();
  /** Fires when another profile is shown, it is read again, or file resolutions changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly locator: SourceLocator, private readonly log: Log) {
    this.disposables.push(this.changed, locator.onDidChange(() => this.changed.fire(this.current)));
  }

  get shown(): PgoShown | undefined {
    return this.current;
  }

  /**
   * Reads file as the compiler reads a PGO profile and shows its hot call sites. Throws the reader's
   * ProfileError (naming the file) for a file the compiler would refuse.
   */
  load(file: string): PgoShown {
    const maxBytes = readSettings().maxProfileSizeMiB * 2 ** 20;
    const limit = { bytes: maxBytes, name: 'pprofLens.maxProfileSizeMiB' };
    const prof = pgoProfileFromBytes(readProfileFileSync(file, limit, file), file, { nativeGunzip: nodeGunzip, maxBytes, limitName: limit.name });
    this.current = { file, hot: hotCallSites(prof), edgeCount: prof.edges.length };
    this.log.info(`PGO: ${file}: ${this.current.hot.sites.length} hot call sites of ${prof.edges.length} edges (threshold ${this.current.hot.thresholdPercent}%)`);
    this.changed.fire(this.current);
    return this.current;
  }

  /** Reads the shown file again when it is this one (it changed on disk); clears when it is gone. */
  reload(file: string): void {
    if (this.current?.file !== file) return;
    if (!fs.existsSync(file)) {
      this.current = undefined;
      this.changed.fire(undefined);
      return;
    }
    try {
      this.load(file);
    } catch (e) {
      this.log.error(`PGO: reading ${file} again failed`, e);
    }
  }

  /** The local file of a hot call site (the annotations' path rules), when found. */
  localPath(site: HotCallSite): string | undefined {
    if (!site.callerFile) return undefined;
    return this.locator.resolve(site.callerFile)?.path;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
