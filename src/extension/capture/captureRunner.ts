// Running one capture: fetch with a countdown and Cancel (which aborts the request at once), write it
// to the storage folder (temp file + link, never overwriting, with its JSON sidecar), then show it.
import * as vscode from 'vscode';
import { CaptureKind } from '../../collect/captureKind';
import { checkCaptureBody } from '../../collect/captureBody';
import { captureFileName } from '../../collect/captureName';
import { CaptureTarget, endpointUrl } from '../../collect/captureTarget';
import { CollectError } from '../../collect/collectError';
import { fetchProfile } from '../../collect/fetchProfile';
import { type CaptureMeta, saveCaptureWithFallback, type SavedCapture } from '../../collect/saveCapture';
import type { Log } from '../log';
import { isTrusted, untrustedMessage } from '../workspaceTrust';
import { messageText } from '../../core/text/untrustedText';
import { countLeakedInDump } from '../../core/goroutine/goroutineLeaks';
import { errorMessage } from '../../core/text/errorMessage';

export interface CaptureRequest {
  kind: CaptureKind;
  target: CaptureTarget;
  /** Collection time, for timed kinds. */
  seconds?: number;
  storageDir: string;
  /** Where to save when storageDir cannot be written (the extension's global storage). */
  fallbackDir?: string;
}

export type CaptureOutcome =
  | { ok: true; path: string }
  | { ok: false; cancelled: boolean; message: string; error?: unknown };

export class CaptureRunner implements vscode.Disposable {
  private readonly busy: vscode.StatusBarItem;
  private readonly running = new Set<{ label: string; endsAt: number; abort: AbortController }>();
  private ticker: NodeJS.Timeout | undefined;

  constructor(private readonly log: Log) {
    this.busy = vscode.window.createStatusBarItem('pprofLens.capturing', vscode.StatusBarAlignment.Left, 9);
    this.busy.name = 'Pprof Lens Capture in Progress';
    this.busy.command = 'pprofLens.cancelCaptures';
  }

  /** Cancels every capture running now (the busy status bar item's click). */
  cancelAll(): void {
    for (const r of this.running) r.abort.abort();
  }

  /** Fetches, saves and returns where; refuses (ok false) in Restricted Mode, where no request is sent. */
  async run(req: CaptureRequest): Promise<CaptureOutcome> {
    const { kind, target } = req;
    if (!isTrusted()) return { ok: false, cancelled: false, message: untrustedMessage('Capturing a profile') };
    const url = endpointUrl(target.baseUrl, kind, req.seconds);
    const started = new Date();
    const abort = new AbortController();
    const seconds = kind.timed ? req.seconds ?? 0 : 0;
    const entry = { label: kind.label, endsAt: Date.now() + seconds * 1000, abort };
    this.log.info(`capture ${kind.id} from ${url}`);
    this.running.add(entry);
    this.refreshBusy();
    try {
      const bytes = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Pprof Lens: ${kind.label} of ${target.name}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          let reported = 0;
          const tick = () => {
            const left = Math.ceil((entry.endsAt - Date.now()) / 1000);
            if (seconds > 0 && left > 0) {
              const done = Math.min(100, ((seconds - left) / seconds) * 100);
              progress.report({ message: `${left}s left…`, increment: done - reported });
              reported = done;
            } else {
              progress.report({ message: 'receiving…', increment: 100 - reported });
              reported = 100;
            }
          };
          tick();
          const timer = setInterval(tick, 1000);
          try {
            const body = await fetchProfile(url, { signal: abort.signal, headers: target.headers });
            checkCaptureBody(kind, body, url);
            return body;
          } finally {
            clearInterval(timer);
          }
        },
      );
      const elapsedMs = Date.now() - started.getTime();
      const name = captureFileName(target.name, kind, started);
      const meta = {
        source: url,
        target: target.name,
        targetUrl: target.baseUrl,
        kind: kind.id,
        seconds: kind.timed ? req.seconds : undefined,
        capturedAt: started.toISOString(),
        elapsedMs,
        // The Profiles view shows how many goroutines leaked without reading the capture.
        ...(kind.id === 'goroutine-leak' ? { leaked: countLeakedInDump(Buffer.from(bytes).toString('utf8')) } : {}),
      };
      const saved = await saveCaptureOrFallback(req.storageDir, req.fallbackDir, name, bytes, meta, this.log, `the ${kind.label}`);
      this.log.info(`saved ${bytes.length} bytes to ${saved.path} (${elapsedMs} ms)`);
      return { ok: true, path: saved.path };
    } catch (e) {
      const cancelled = e instanceof CollectError && e.kind === 'cancelled';
      const message = errorMessage(e);
      if (cancelled) this.log.info(`capture ${kind.id} from ${url} cancelled`);
      else this.log.error(`capture ${kind.id} from ${url} failed`, e);
      return { ok: false, cancelled, message, error: e };
    } finally {
      this.running.delete(entry);
      this.refreshBusy();
    }
  }

  private refreshBusy(): void {
    if (this.running.size === 0) {
      this.busy.hide();
      if (this.ticker) clearInterval(this.ticker);
      this.ticker = undefined;
      return;
    }
    const render = () => {
      const parts = [...this.running].map((r) => {
        const left = Math.ceil((r.endsAt - Date.now()) / 1000);
        return left > 0 ? `${r.label} ${left}s` : r.label;
      });
      this.busy.text = `$(sync~spin) ${parts.join(', ')}`;
      this.busy.tooltip = 'Pprof Lens: capturing. Click to cancel';
    };
    render();
    this.busy.show();
    if (!this.ticker) this.ticker = setInterval(render, 1000);
  }

  dispose(): void {
    this.cancelAll();
    if (this.ticker) clearInterval(this.ticker);
    this.busy.dispose();
  }
}

/** Words for a failed capture: the collector's message plus what to do about it. */
export function failureMessage(kind: CaptureKind, target: CaptureTarget, message: string, error: unknown): string {
  let hint = '';
  if (error instanceof CollectError && error.kind === 'http' && /profile duration exceeds server's WriteTimeout/i.test(message)) {
    hint = ' Ask for fewer seconds, or raise the server\'s WriteTimeout.';
  } else if (error instanceof CollectError && error.kind === 'http' && /already in use|could not enable CPU profiling/i.test(message)) {
    hint = ' Another CPU profile or trace is being collected from this program; try again when it is done.';
  } else if (kind.id === 'goroutine-leak' && error instanceof CollectError && error.kind === 'not-served') {
    hint = ' Until then, Watch Goroutines flags groups that keep growing.';
  }
  const stop = /[.!?)]$/.test(message) ? '' : '.';
  return `Could not capture the ${kind.label} of ${target.name}: ${message}${stop}${hint}`;
}

/**
 * saveCapture into `dir`; when that fails and there is another folder, into `fallbackDir`, with a
 * warning naming `what` was saved there: the bytes are in hand, keep them rather than lose them. A failed
 * save leaves nothing in `dir`, so the capture is in one folder only.
 */
export async function saveCaptureOrFallback(dir: string, fallbackDir: string | undefined, name: string, bytes: Uint8Array,
  meta: CaptureMeta, log: Log, what: string): Promise<SavedCapture> {
  const { saved, primaryError } = await saveCaptureWithFallback(dir, fallbackDir, name, bytes, meta);
  if (primaryError !== undefined) {
    log.error(`cannot save to ${dir}; saved in ${fallbackDir}`, primaryError);
    void vscode.window.showWarningMessage(messageText(`Pprof Lens: could not write to ${dir} (${errorMessage(primaryError)}); ` +
      `${what} was saved in ${fallbackDir} instead.`));
  }
  return saved;
}
