// trace_summary, the agent tool for an execution trace: its duration, Ps, GC cycles and
// stop-the-world pauses (from the trace editor's timeline model), the goroutine analysis table (the
// trace editor's Goroutines tab: `go tool trace`'s /goroutines, grouped by start function), and the top
// of its trace-derived profiles: the profile `pprof-lens trace -pprof=TYPE` writes (= `go tool trace
// -pprof=TYPE`), reported by the CLI's own `-top` so the text is `go tool pprof -top`'s.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../cli/main';
import { encodeProfile } from '../core/profile/encode';
import { readTrace, traceVersion } from '../core/trace/readTrace';
import { goroutineStats, groupGoroutines } from '../core/trace/goroutineStats';
import { tracePprof, TRACE_PPROF_KINDS } from '../core/trace/tracePprof';
import { buildTimeline } from '../core/traceView/timelineModel';
import { errorMessage } from '../core/text/errorMessage';
import { ToolInputError } from './toolInput';

/** Largest trace read by the tool (the reader keeps the file and its events in memory). */
const MAX_TRACE_BYTES = 512 * 2 ** 20;

const ms = (ns: number): string => `${(ns / 1e6).toFixed(ns >= 1e9 ? 0 : 2)}ms`;

/**
 * The summary text of the trace `file`; `profiles` are the trace-derived profiles to show the top of
 * (net, sync, syscall, sched), each with at most `nodecount` rows, and `groups` the goroutine groups.
 */
export async function traceSummary(file: string, opts: { profiles: string[]; nodecount: number; groups: number }): Promise<string> {
  const st = fs.statSync(file);
  if (st.size > MAX_TRACE_BYTES) throw new ToolInputError(`${file} is ${Math.round(st.size / 2 ** 20)} MiB, over the ${MAX_TRACE_BYTES / 2 ** 20} MiB a trace summary reads`);
  const buf = new Uint8Array(fs.readFileSync(file));
  const version = traceVersion(buf.subarray(0, 16));
  if (version === undefined) throw new ToolInputError(`${file} is not an execution trace (no "go 1.N trace" header); use profile_top for profiles`);
  let out: string[];
  try {
    const t = readTrace(buf);
    const tl = buildTimeline(t);
    const sum = (s: { start: Float64Array; end: Float64Array }) => s.start.reduce((a, x, i) => a + (s.end[i] - x), 0);
    out = [
      `Execution trace ${file} (Go 1.${version} format)`,
      `Duration: ${ms(tl.duration)} · Ps: ${tl.procs.length} · GC cycles: ${tl.gc.start.length} (${ms(sum(tl.gc))}) · stop-the-world pauses: ${tl.stw.start.length} (${ms(sum(tl.stw))})`,
    ];
    const groups = groupGoroutines(goroutineStats(t));
    out.push('', `Goroutines by start function (${groups.reduce((a, g) => a + g.count, 0)} goroutines, ${groups.length} groups; times summed over the group):`);
    out.push(['count', 'total', 'execution', 'network wait', 'sync block', 'syscall', 'sched wait', 'GC', 'start function'].join('\t'));
    for (const g of groups.slice(0, opts.groups)) {
      out.push([g.count, ms(g.totalTime), ms(g.execTime), ms(g.ioTime), ms(g.blockTime), ms(g.syscallTime), ms(g.schedWaitTime), ms(g.gcTime), g.name || '(unknown)'].join('\t'));
    }
    if (groups.length > opts.groups) out.push(`… ${groups.length - opts.groups} more groups; raise max_groups to see them`);
  } catch (e) {
    if (e instanceof ToolInputError) throw e;
    throw new ToolInputError(`${file}: ${errorMessage(e)}`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-trace-'));
  try {
    for (const kind of opts.profiles) {
      if (!(TRACE_PPROF_KINDS as readonly string[]).includes(kind)) throw new ToolInputError(`unknown trace profile "${kind}" (one of ${TRACE_PPROF_KINDS.join(', ')})`);
      const f = path.join(tmp, `${kind}.pb.gz`);
      fs.writeFileSync(f, encodeProfile(tracePprof(buf, kind as (typeof TRACE_PPROF_KINDS)[number])));
      const text: string[] = [];
      let err = '';
      const code = await main(['-top', `-nodecount=${opts.nodecount}`, f], { stdout: (c) => text.push(typeof c === 'string' ? c : Buffer.from(c).toString('utf8')), stderr: (s) => { err += s; } });
      out.push('', `== ${kind}: go tool trace -pprof=${kind}, then pprof -top -nodecount=${opts.nodecount} ==`);
      // The temporary file's name is no business of the agent's: the report names no file, errors do.
      out.push(code === 0 ? text.join('').trimEnd() : err.trim().split(f).join(`${kind} profile`));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return `${out.join('\n')}\n`;
}
