// "Pprof Lens: Watch Goroutines" / "Watch Heap": polls the target's goroutine dump
// (?debug=2) or heap profile every pprofLens.watchInterval seconds until stopped; every snapshot is
// saved like a capture; a failed poll is a gap in the series (logged once when the target goes away
// and once when it is back: no error storm); growing parts are flagged as suspected leaks.
// Watch Goroutines reads the goroutine leak profile's dump (goroutineleak?debug=2: every goroutine,
// after a GC that marks those blocked forever "(leaked)") when the target serves it, so the groups the
// GC found leaked are flagged at once as confirmed leaks; a target without it (Go < 1.27 without the
// experiment: 404 "Unknown profile") is watched through goroutine?debug=2, growth only.
import * as path from 'path';
import * as vscode from 'vscode';
import { checkCaptureBody } from '../../collect/captureBody';
import { captureKind } from '../../collect/captureKind';
import { captureFileName, watchFolderName } from '../../collect/captureName';
import { CaptureTarget, endpointUrl } from '../../collect/captureTarget';
import { CollectError } from '../../collect/collectError';
import { fetchProfile } from '../../collect/fetchProfile';
import { GOROUTINE_LEAK_HOW_TO_ENABLE } from '../../collect/goroutineLeak';
import { saveCapture } from '../../collect/saveCapture';
import { WatchSeries } from '../../core/watch/watchSeries';
import type { WatchModel } from '../../protocol/messages';
import type { Log } from '../log';
import { isTrusted } from '../workspaceTrust';
import { messageText } from '../../core/text/untrustedText';
import { goroutineSnapshot, heapSnapshot, WatchKind, watchValueLabel } from './watchSnapshot';
import { errorMessage } from '../../core/text/errorMessage';

export interface WatchSettings {
  intervalSeconds: number;
  /** Snapshots in a row a part must grow over to be flagged (3 = grew twice). */
  leakSnapshots: number;
  /** Watch Goroutines reads the goroutine leak profile when the target serves it. */
  leakProfile: boolean;
}

export function watchSettings(): WatchSettings {
  const c = vscode.workspace.getConfiguration('pprofLens');
  return {
    intervalSeconds: Math.max(1, Math.min(3600, c.get<number>('watchInterval', 10))),
    leakSnapshots: Math.max(2, Math.min(100, Math.trunc(c.get<number>('watchLeakSnapshots', 3)))),
    leakProfile: c.get<boolean>('watchLeakProfile', true),
  };
}

const CHART_PARTS = 6;

export class Watcher implements vscode.Disposable {
  readonly series = new WatchSeries();
  private timer: NodeJS.Timeout | undefined;
  private abort: AbortController | undefined;
  private running = false;
  private polling = false;
  private awaySince: number | undefined;
  private lastError = '';
  private readonly flagged = new Set<string>();
  /** Leak profile: 'try' until the target answers, then 'served', or 'not-served' (404) / 'off' (setting). */
  private leakProfile: 'try' | 'served' | 'not-served' | 'off';
  /** The latest snapshot's groups the GC found leaked (key → goroutines), and those announced. */
  private leaked = new Map<string, number>();
  private readonly confirmedAnnounced = new Set<string>();
  readonly files: string[] = [];
  /** The folder this watch saves its snapshots in, once the first one is saved. */
  folder: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    readonly kind: WatchKind,
    readonly target: CaptureTarget,
    private readonly storageDir: () => string,
    private readonly log: Log,
  ) {
    this.leakProfile = kind === 'goroutines' && watchSettings().leakProfile ? 'try' : 'off';
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts polling the target; does nothing in Restricted Mode (no request is sent there). */
  start(): void {
    if (this.running || !isTrusted()) return;
    this.running = true;
    this.log.info(`watch ${this.kind} of ${this.target.name} (${this.target.baseUrl}) every ${watchSettings().intervalSeconds} s`);
    void this.poll();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.abort?.abort();
    this.log.info(`watch ${this.kind} of ${this.target.name} stopped after ${this.series.snapshots().length} snapshots`);
    this.changed.fire();
  }

  private schedule(delayMs = watchSettings().intervalSeconds * 1000): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.poll(), delayMs);
  }

  private async poll(): Promise<void> {
    if (!this.running || this.polling) return;
    this.polling = true;
    const useLeak = this.kind === 'goroutines' && (this.leakProfile === 'try' || this.leakProfile === 'served');
    const kind = captureKind(this.kind === 'heap' ? 'heap' : useLeak ? 'goroutine-leak' : 'goroutine-dump');
    let again = false;
    const url = endpointUrl(this.target.baseUrl, kind);
    const started = new Date();
    this.abort = new AbortController();
    const interval = watchSettings().intervalSeconds;
    try {
      const bytes = await fetchProfile(url, {
        signal: this.abort.signal,
        headers: this.target.headers,
        timeoutMs: Math.max(5_000, interval * 1000),
        connectTimeoutMs: Math.min(5_000, Math.max(1_000, interval * 1000)),
      });
      if (!this.running) return;
      checkCaptureBody(kind, bytes, url);
      const snap = this.kind === 'goroutines' ? goroutineSnapshot(Buffer.from(bytes).toString('utf8')) : heapSnapshot(bytes, url);
      const leaked = useLeak ? snap.leaked ?? new Map<string, number>() : undefined;
      // One folder per watch ("watch-goroutines-<time>/"), not two files per snapshot beside the captures.
      this.folder ??= path.join(this.storageDir(), watchFolderName(this.kind, started));
      const saved = await saveCapture(this.folder, captureFileName(this.target.name, kind, started), bytes, {
        source: url, target: this.target.name, targetUrl: this.target.baseUrl, kind: kind.id, capturedAt: started.toISOString(), watch: this.kind,
        ...(leaked ? { leaked: [...leaked.values()].reduce((a, n) => a + n, 0) } : {}),
      });
      if (useLeak && this.leakProfile === 'try') {
        this.leakProfile = 'served';
        this.log.info(`watch: ${this.target.name} serves the goroutine leak profile; every snapshot is also a leak check`);
      }
      this.leaked = leaked ?? new Map();
      this.files.push(saved.path);
      this.series.addSnapshot(started.getTime(), snap.total, snap.parts, saved.path);
      if (this.awaySince !== undefined) {
        this.log.info(`watch: ${this.target.name} answers again (away since ${new Date(this.awaySince).toISOString()})`);
        this.awaySince = undefined;
      }
      this.log.info(`watch ${this.kind} snapshot ${this.series.snapshots().length}: total ${snap.total}, ${snap.parts.length} parts, saved to ${saved.path}`);
      this.announceSuspects();
      this.announceConfirmed();
    } catch (e) {
      if (!this.running) return;
      if (useLeak && e instanceof CollectError && e.kind === 'not-served') {
        // No leak profile in this program: watch the plain dump from now on, at once (not a gap).
        this.leakProfile = 'not-served';
        this.log.info(`watch: ${this.target.name} does not serve the goroutine leak profile (${url}: 404 Unknown profile); ` +
          'watching goroutine?debug=2, groups that keep growing are flagged');
        again = true;
        return;
      }
      const message = errorMessage(e);
      this.series.addGap(started.getTime(), message);
      // One line when the target goes away (or the failure changes), none per further failed poll.
      if (this.awaySince === undefined || message !== this.lastError) this.log.error(`watch ${this.kind}: ${url} did not answer; will keep polling`, e);
      this.awaySince ??= started.getTime();
      this.lastError = message;
    } finally {
      this.polling = false;
      this.abort = undefined;
      this.changed.fire();
      this.schedule(again ? 0 : undefined);
    }
  }

  /** One notification per group the leak profile shows leaked (found by the GC: no need to wait for growth). */
  private announceConfirmed(): void {
    for (const [key, count] of this.leaked) {
      if (this.confirmedAnnounced.has(key)) continue;
      this.confirmedAnnounced.add(key);
      const p = this.series.part(key);
      if (!p) continue;
      this.log.info(`watch: goroutine leak confirmed by the GC: ${p.title} ${count} goroutines${p.site ? ` (${p.site})` : ''}`);
      // Function names and sites come from the program's goroutine dump: messageText keeps them text.
      void vscode.window.showWarningMessage(messageText(`Pprof Lens: goroutine leak in ${this.target.name}, confirmed by the garbage collector: ` +
        `${count} goroutine${count === 1 ? '' : 's'} of ${p.title} blocked forever${p.site ? `, ${p.site}` : ''}.`));
    }
  }

  private announceSuspects(): void {
    for (const s of this.series.suspects(watchSettings().leakSnapshots - 1)) {
      if (this.flagged.has(s.key)) continue;
      this.flagged.add(s.key);
      const what = this.kind === 'goroutines' ? 'goroutine leak' : 'heap growth';
      const from = watchValueLabel(this.kind, s.from);
      const to = watchValueLabel(this.kind, s.to);
      this.log.info(`watch: suspected ${what}: ${s.title} ${from} -> ${to}${s.site ? ` (${s.site})` : ''}`);
      void vscode.window.showWarningMessage(messageText(`Pprof Lens: suspected ${what} in ${this.target.name}: ${s.title} grew ${from} → ${to}${s.site ? `, ${s.site}` : ''}.`));
    }
  }

  model(): WatchModel {
    const st = watchSettings();
    const suspects = this.series.suspects(st.leakSnapshots - 1);
    const keys = new Set(this.series.topKeys(CHART_PARTS));
    for (const s of suspects) keys.add(s.key);
    const suspectKeys = new Set(suspects.map((s) => s.key));
    for (const k of this.leaked.keys()) keys.add(k);
    const points = this.series.points;
    let status: string;
    if (!this.running) status = `stopped after ${this.series.snapshots().length} snapshots`;
    else if (this.awaySince !== undefined) status = `target not answering since ${new Date(this.awaySince).toLocaleTimeString()} (${this.lastError}); still polling every ${st.intervalSeconds} s`;
    else status = `polling ${this.target.baseUrl} every ${st.intervalSeconds} s`;
    return {
      kind: this.kind,
      target: this.target.name,
      unit: this.kind === 'goroutines' ? 'count' : 'bytes',
      intervalSeconds: st.intervalSeconds,
      running: this.running,
      times: points.map((p) => p.time),
      totals: points.map((p) => (p.gap ? null : p.total)),
      gaps: points.map((p) => (p.gap ? p.message : null)),
      parts: [...keys].map((k) => {
        const p = this.series.part(k)!;
        return { key: k, title: p.title, site: p.site, file: p.file, line: p.line, values: this.series.series(k), suspect: suspectKeys.has(k),
          ...(this.leaked.has(k) ? { leaked: true } : {}) };
      }),
      ...(this.kind === 'goroutines' ? { leakProfile: this.leakModel() } : {}),
      suspects,
      snapshots: this.series.snapshots().length,
      status,
    };
  }

  private leakModel(): NonNullable<WatchModel['leakProfile']> {
    const confirmed = [...this.leaked].map(([key, count]) => {
      const p = this.series.part(key)!;
      return { key, title: p.title, site: p.site, file: p.file, line: p.line, count };
    }).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
    switch (this.leakProfile) {
      case 'served': return { state: 'served', confirmed };
      case 'not-served': return { state: 'not-served', confirmed: [], note: `The target does not serve the goroutine leak profile: to enable it, ${GOROUTINE_LEAK_HOW_TO_ENABLE}.` };
      case 'off': return { state: 'off', confirmed: [] };
      default: return { state: 'try', confirmed: [] };
    }
  }

  dispose(): void {
    this.stop();
    this.changed.dispose();
  }
}
