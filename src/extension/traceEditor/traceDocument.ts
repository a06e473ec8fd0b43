// One opened execution trace: read and parsed in the extension host once; the timeline columns are
// extracted at open, the goroutine analysis and trace-derived profiles only when asked for.
import * as vscode from 'vscode';
import { readTrace, traceVersion } from '../../core/trace/readTrace';
import type { TraceData } from '../../core/trace/traceData';
import { goroutineStats, groupGoroutines, GoroutineGroup } from '../../core/trace/goroutineStats';
import { buildTimeline, TimelineModel } from '../../core/traceView/timelineModel';
import type { Log } from '../log';
import { MAX_SIZE_SETTING, readProfileUri } from '../profileFile';
import { ProfileError } from '../../core/profile/profileError';
import { errorMessage } from '../../core/text/errorMessage';

export type TraceLoad =
  | { ok: true; version: number; data: TraceData; model: TimelineModel; bytes: Uint8Array; millis: number }
  | { ok: false; message: string };

export class TraceDocument implements vscode.CustomDocument {
  private groups: GoroutineGroup[] | undefined;

  private constructor(readonly uri: vscode.Uri, readonly result: TraceLoad) {}

  get fileName(): string {
    const parts = this.uri.path.split('/');
    return parts[parts.length - 1] || this.uri.path;
  }

  static async open(uri: vscode.Uri, maxBytes: number, log: Log): Promise<TraceDocument> {
    return new TraceDocument(uri, await load(uri, maxBytes, log));
  }

  /** Goroutine analysis as Go 1.27's `go tool trace` gives it (converted events for ≤ Go 1.21 traces, as Go). */
  goroutineGroups(): GoroutineGroup[] {
    if (!this.result.ok) return [];
    if (!this.groups) {
      const r = this.result;
      this.groups = groupGoroutines(goroutineStats(r.data));
    }
    return this.groups;
  }

  dispose(): void {
    this.groups = undefined;
  }
}

async function load(uri: vscode.Uri, maxBytes: number, log: Log): Promise<TraceLoad> {
  const t0 = Date.now();
  try {
    let bytes: Uint8Array;
    try {
      bytes = await readProfileUri(uri, { bytes: maxBytes, name: MAX_SIZE_SETTING });
    } catch (e) {
      if (e instanceof ProfileError) return { ok: false, message: e.message };
      throw e;
    }
    // The format is sniffed from the header ("go 1.N trace"), whatever the file is called.
    const version = traceVersion(bytes);
    if (version === undefined) return { ok: false, message: 'Not a Go execution trace (no "go 1.N trace" header).' };
    const data = readTrace(bytes);
    const model = buildTimeline(data);
    const millis = Date.now() - t0;
    log.info(`trace ${uri.toString(true)}: go 1.${version}, ${data.events.length} events, ${model.run.start.length} running spans on ${model.procs.length} Ps in ${millis} ms`);
    return { ok: true, version, data, model, bytes, millis };
  } catch (e) {
    log.error(`cannot read trace ${uri.toString(true)}`, e);
    return { ok: false, message: errorMessage(e) };
  }
}
