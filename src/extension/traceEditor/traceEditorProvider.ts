// The read-only custom editor for Go execution traces (viewType pprofLens.traceEditor): parses in the
// extension host, posts the timeline as typed-array columns to webview-ui/traceTimeline, answers
// span details (with stacks), the goroutine analysis, and opens trace-derived profiles in the
// profile editor.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type {
  HostToTraceTimeline, TraceAnnotationsView, TraceFrameView, TraceGoroutineGroupView, TraceGoroutineRow, TraceProfileKind, TraceSpanDetails,
  TraceTimelineData, TraceTimelineToHost,
} from '../../protocol/messages';
import type { GoroutineStat } from '../../core/trace/goroutineStats';
import type { TraceData } from '../../core/trace/traceData';
import { tracePprof } from '../../core/trace/tracePprof';
import { traceVersion } from '../../core/trace/readTrace';
import { spanLinks } from '../../core/traceView/spanLinks';
import { userAnnotations } from '../../core/traceView/userAnnotations';
import { mmuCurve, mutatorUtilization } from '../../core/traceView/mmu';
import { encodeProfile } from '../../core/profile/encode';
import { SPAN_END_NAMES } from '../../core/traceView/timelineModel';
import { traceCounters } from '../../core/traceView/counters';
import { Ev } from '../../core/trace/specs';
import type { Log } from '../log';
import { readSettings } from '../settings';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import { TraceDocument } from './traceDocument';
import { traceProfilePath } from './traceProfilePath';
import { captureStorageDir } from '../capture/captureSettings';
import { errorMessage } from '../../core/text/errorMessage';

export const TRACE_EDITOR_VIEW_TYPE = 'pprofLens.traceEditor';
const PROFILE_EDITOR_VIEW_TYPE = 'pprofLens.profileEditor';
/** Goroutines listed per group (the rest are counted): the table stays small for huge traces. */
const MAX_GOROUTINES_PER_GROUP = 200;
/** Regions and logs sent to the Tasks & Regions tab (the longest regions, the first logs). */
const MAX_REGIONS = 5000;
const MAX_LOGS = 5000;
/** The profiles' names in go tool trace's index page, for messages ("net" alone says little). */
const TRACE_PROFILE_NAMES: Record<TraceProfileKind, string> = {
  net: 'network blocking', sync: 'synchronization blocking', syscall: 'syscall blocking', sched: 'scheduler latency',
};

export class TraceEditorProvider implements vscode.CustomReadonlyEditorProvider<TraceDocument> {
  static register(context: vscode.ExtensionContext, log: Log): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(TRACE_EDITOR_VIEW_TYPE, new TraceEditorProvider(context, log), {
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: true,
    });
  }

  private constructor(private readonly context: vscode.ExtensionContext, private readonly log: Log) {}

  async openCustomDocument(uri: vscode.Uri): Promise<TraceDocument> {
    const maxBytes = readSettings().maxProfileSizeMiB * 2 ** 20;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Pprof Lens: reading trace ${uri.path.split('/').pop()}` },
      () => TraceDocument.open(uri, maxBytes, this.log),
    );
  }

  async resolveCustomEditor(document: TraceDocument, panel: vscode.WebviewPanel): Promise<void> {
    const extensionUri = this.context.extensionUri;
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = webviewHtml(panel.webview, extensionUri, { name: 'traceTimeline', title: document.fileName });
    const post = (m: HostToTraceTimeline) => void panel.webview.postMessage(m);

    panel.webview.onDidReceiveMessage(async (m: TraceTimelineToHost) => {
      const r = document.result;
      if (!r.ok) {
        post({ type: 'error', fileName: document.fileName, message: r.message });
        return;
      }
      switch (m.type) {
        case 'ready':
          post({ type: 'timeline', data: timelineData(document) });
          break;
        case 'spanDetails': {
          const d = spanDetails(document, m.index);
          if (d) post({ type: 'spanDetails', details: d });
          break;
        }
        case 'openSource':
          if (m.file) await vscode.commands.executeCommand('pprofLens.openSourceLocation', m.file, m.line);
          break;
        case 'goroutines':
          try {
            post({ type: 'goroutines', groups: groupViews(document), durationNs: r.model.duration });
          } catch (e) {
            this.log.error('goroutine analysis failed', e);
            post({ type: 'status', message: `Goroutine analysis failed: ${errorMessage(e)}` });
          }
          break;
        case 'annotations':
          try {
            post({ type: 'annotations', data: annotationsView(r.data) });
          } catch (e) {
            this.log.error('user annotations failed', e);
            post({ type: 'status', message: `Tasks and regions failed: ${errorMessage(e)}` });
          }
          break;
        case 'mmu':
          try {
            const c = mmuCurve(mutatorUtilization(r.data));
            post({ type: 'mmu', data: { window: Array.from(c.window), mmu: Array.from(c.mmu) } });
          } catch (e) {
            this.log.error('MMU failed', e);
            post({ type: 'status', message: `Minimum mutator utilisation failed: ${errorMessage(e)}` });
          }
          break;
        case 'openProfile':
          await this.openProfile(document, m.kind, post);
          break;
      }
    });
  }

  /** Writes the trace-derived profile (as `go tool trace -pprof=KIND`) to a temp file and opens it. */
  private async openProfile(document: TraceDocument, kind: TraceProfileKind, post: (m: HostToTraceTimeline) => void): Promise<void> {
    const r = document.result;
    if (!r.ok || !['net', 'sync', 'syscall', 'sched'].includes(kind)) return;
    try {
      const profile = tracePprof(r.bytes, kind);
      // A captured trace keeps its derived profiles beside it, listed under it in the Profiles view.
      const file = traceProfilePath(path.join(this.context.globalStorageUri.fsPath, 'trace-profiles'), document.uri.fsPath, kind, captureStorageDir(this.context));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, encodeProfile(profile));
      fs.renameSync(tmp, file);
      this.log.info(`trace profile ${kind} of ${document.fileName}: ${profile.sample.length} samples → ${file}`);
      if (profile.sample.length === 0) post({ type: 'status', message: `The ${TRACE_PROFILE_NAMES[kind]} profile of this trace has no samples.` });
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), PROFILE_EDITOR_VIEW_TYPE);
    } catch (e) {
      this.log.error(`cannot build the ${kind} profile of ${document.fileName}`, e);
      post({ type: 'status', message: `Cannot build the ${TRACE_PROFILE_NAMES[kind]} profile: ${errorMessage(e)}` });
    }
  }
}

/** Whether the file starts with a Go execution trace header (reads 16 bytes at most of local files). */
export async function isExecutionTrace(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme !== 'file') return false;
  try {
    const fd = await fs.promises.open(uri.fsPath, 'r');
    try {
      const head = new Uint8Array(16);
      const { bytesRead } = await fd.read(head, 0, 16, 0);
      return traceVersion(head.subarray(0, bytesRead)) !== undefined;
    } finally {
      await fd.close();
    }
  } catch {
    return false;
  }
}

function timelineData(document: TraceDocument): TraceTimelineData {
  const r = document.result;
  if (!r.ok) throw new Error(r.message);
  const m = r.model;
  const gs = new Set<number>();
  for (let i = 0; i < m.run.g.length; i++) if (m.run.lane[i] >= 0) gs.add(m.run.g[i]);
  const c = traceCounters(r.data, m.origin);
  // The spans' labels, renumbered into a small table (most spans have none).
  const labels = [''];
  const labelIndex = new Map<number, number>([[0, 0]]);
  const label = Int32Array.from(m.run.label, (s) => {
    let k = labelIndex.get(s);
    if (k === undefined) {
      k = labels.length;
      labels.push(r.data.strings[s] ?? '');
      labelIndex.set(s, k);
    }
    return k;
  });
  return {
    fileName: document.fileName,
    format: `go 1.${r.version}`,
    durationNs: m.duration,
    eventCount: r.data.events.length,
    goroutineCount: gs.size,
    goroutinesExisted: c.goroutinesExisted,
    goroutinesBeforeTrace: c.goroutinesBeforeTrace,
    procs: m.procs,
    run: { lane: m.run.lane, g: m.run.g, start: m.run.start, end: m.run.end, endReason: m.run.endReason, label },
    labels,
    names: { g: Float64Array.from(m.names.keys()), name: [...m.names.values()] },
    counters: { goroutines: c.goroutines, heap: c.heap, threads: c.threads, syscalls: c.syscalls },
    gc: m.gc,
    stw: { start: m.stw.start, end: m.stw.end },
    assist: { start: m.assist.start, end: m.assist.end },
    heapAlloc: m.heapAlloc,
    heapGoal: m.heapGoal,
    markers: m.markers,
  };
}

function frames(t: TraceData, stack: number): TraceFrameView[] {
  return (t.stacks[stack] ?? []).map((fi) => {
    const f = t.frames[fi];
    return { func: t.strings[f.func] ?? '', file: t.strings[f.file] ?? '', line: f.line };
  });
}

function spanDetails(document: TraceDocument, index: number): TraceSpanDetails | undefined {
  const r = document.result;
  if (!r.ok) return undefined;
  const run = r.model.run;
  if (!Number.isInteger(index) || index < 0 || index >= run.g.length) return undefined;
  const why = run.endReason[index];
  const reason = run.reason[index] ? r.data.strings[run.reason[index]] : '';
  const startStack = frames(r.data, run.startStack[index]);
  // As Go's trace viewer names the span: the goroutine's start function, then its label at the time.
  const fn = r.model.names.get(run.g[index]) ?? '';
  const label = r.data.strings[run.label[index]] ?? '';
  const name = `${fn}${fn && label ? ' ' : ''}${label ? `(${label})` : ''}`;
  return {
    index,
    g: run.g[index],
    name,
    proc: r.model.procs[run.lane[index]] ?? -1,
    start: run.start[index],
    end: run.end[index],
    state: `${SPAN_END_NAMES[why] ?? 'stopped'}${reason ? ` (${reason})` : ''}`,
    endStack: frames(r.data, run.endStack[index]),
    startStack,
    ...spanLinks(r.data, r.model.origin, run.g[index], run.start[index], run.end[index]),
  };
}

function row(s: GoroutineStat, traceStart: number): TraceGoroutineRow {
  const r: TraceGoroutineRow = {
    id: s.id, total: s.totalTime, exec: s.execTime, io: s.ioTime, block: s.blockTime, syscall: s.syscallTime,
    sched: s.schedWaitTime, sweep: s.sweepTime, gc: s.gcTime,
  };
  if (s.creationTime === traceStart) r.beforeTrace = true;
  return r;
}

/** The trace's first sync: Go 1.27's summary gives goroutines already there when tracing began this creation time. */
function traceStartTime(t: TraceData): number {
  const e = t.events;
  for (let i = 0; i < e.length; i++) if (e.kind(i) === Ev.SyncMarker) return e.time(i);
  return e.length > 0 ? e.time(0) : NaN;
}

/** Go 1.27's name for the group of goroutines whose stack the trace never recorded (cmd/trace goroutines.go). */
const NO_STACK_GROUP = '(Inactive, no stack trace sampled)';

function groupViews(document: TraceDocument): TraceGoroutineGroupView[] {
  const r = document.result;
  const start = r.ok ? traceStartTime(r.data) : NaN;
  return document.goroutineGroups().map((g) => {
    const sorted = [...g.goroutines].sort((a, b) => b.execTime - a.execTime || a.id - b.id);
    return {
      name: g.name || NO_STACK_GROUP, count: g.count, total: g.totalTime, exec: g.execTime, io: g.ioTime,
      block: g.blockTime, syscall: g.syscallTime, sched: g.schedWaitTime, sweep: g.sweepTime, gc: g.gcTime,
      beforeTrace: g.goroutines.filter((s) => s.creationTime === start).length,
      goroutines: sorted.slice(0, MAX_GOROUTINES_PER_GROUP).map((s) => row(s, start)),
      more: Math.max(0, sorted.length - MAX_GOROUTINES_PER_GROUP),
    };
  });
}

function annotationsView(t: TraceData): TraceAnnotationsView {
  const a = userAnnotations(t);
  let regions = a.regions;
  if (regions.length > MAX_REGIONS) {
    regions = [...regions].sort((x, y) => (y.end - y.start) - (x.end - x.start)).slice(0, MAX_REGIONS).sort((x, y) => x.start - y.start);
  }
  return {
    tasks: a.tasks, regions, logs: a.logs.slice(0, MAX_LOGS),
    moreRegions: a.regions.length - regions.length, moreLogs: Math.max(0, a.logs.length - MAX_LOGS),
  };
}
