// "Pprof Lens: Watch Goroutines" / "Watch Heap" (issue 7): polls the target's goroutine dump
// (?debug=2) or heap profile every pprofLens.watchInterval seconds until stopped; every snapshot is
// saved like a capture; a failed poll is a gap in the series (logged once when the target goes away
// and once when it is back: no error storm); growing parts are flagged as suspected leaks.
import * as vscode from 'vscode';
import { checkCaptureBody } from '../../collect/captureBody';
import { captureKind } from '../../collect/captureKind';
import { captureFileName } from '../../collect/captureName';
import { CaptureTarget, endpointUrl } from '../../collect/captureTarget';
import { fetchProfile } from '../../collect/fetchProfile';
import { saveCapture } from '../../collect/saveCapture';
import { WatchSeries } from '../../core/watch/watchSeries';
import type { WatchModel } from '../../protocol/messages';
import type { Log } from '../log';
import { goroutineSnapshot, heapSnapshot, WatchKind, watchValueLabel } from './watchSnapshot';

export interface WatchSettings {
  intervalSeconds: number;
  /** Snapshots in a row a part must grow over to be flagged (3 = grew twice). */
  leakSnapshots: number;
}

export function watchSettings(): WatchSettings {
  const c = vscode.workspace.getConfiguration('pprofLens');
  return {
    intervalSeconds: Math.max(1, Math.min(3600, c.get<number>('watchInterval', 10))),
    leakSnapshots: Math.max(2, Math.min(100, Math.trunc(c.get<number>('watchLeakSnapshots', 3)))),
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
  readonly files: string[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    readonly kind: WatchKind,
    readonly target: CaptureTarget,
    private readonly storageDir: () => string,
    private readonly log: Log,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
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

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.poll(), watchSettings().intervalSeconds * 1000);
  }

  private async poll(): Promise<void> {
    if (!this.running || this.polling) return;
    this.polling = true;
    const kind = captureKind(this.kind === 'goroutines' ? 'goroutine-dump' : 'heap');
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
      const saved = await saveCapture(this.storageDir(), captureFileName(this.target.name, kind, started), bytes, {
        source: url, target: this.target.name, targetUrl: this.target.baseUrl, kind: kind.id, capturedAt: started.toISOString(), watch: this.kind,
      });
      this.files.push(saved.path);
      this.series.addSnapshot(started.getTime(), snap.total, snap.parts, saved.path);
      if (this.awaySince !== undefined) {
        this.log.info(`watch: ${this.target.name} answers again (away since ${new Date(this.awaySince).toISOString()})`);
        this.awaySince = undefined;
      }
      this.log.info(`watch ${this.kind} snapshot ${this.series.snapshots().length}: total ${snap.total}, ${snap.parts.length} parts, saved to ${saved.path}`);
      this.announceSuspects();
    } catch (e) {
      if (!this.running) return;
      const message = e instanceof Error ? e.message : String(e);
      this.series.addGap(started.getTime(), message);
      // One line when the target goes away (or the failure changes), none per further failed poll.
      if (this.awaySince === undefined || message !== this.lastError) this.log.error(`watch ${this.kind}: ${url} did not answer; will keep polling`, e);
      this.awaySince ??= started.getTime();
      this.lastError = message;
    } finally {
      this.polling = false;
      this.abort = undefined;
      this.changed.fire();
      this.schedule();
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
      void vscode.window.showWarningMessage(`Pprof Lens: suspected ${what} in ${this.target.name}: ${s.title} grew ${from} → ${to}${s.site ? `, ${s.site}` : ''}.`);
    }
  }

  model(): WatchModel {
    const st = watchSettings();
    const suspects = this.series.suspects(st.leakSnapshots - 1);
    const keys = new Set(this.series.topKeys(CHART_PARTS));
    for (const s of suspects) keys.add(s.key);
    const suspectKeys = new Set(suspects.map((s) => s.key));
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
        return { key: k, title: p.title, site: p.site, file: p.file, line: p.line, values: this.series.series(k), suspect: suspectKeys.has(k) };
      }),
      suspects,
      snapshots: this.series.snapshots().length,
      status,
    };
  }

  dispose(): void {
    this.stop();
    this.changed.dispose();
  }
}
