// `pprof-lens trace -pprof=net|sync|syscall|sched [binary] FILE`: writes the trace-derived profile
// (gzipped profile.proto) to stdout, like `go tool trace -pprof=TYPE [binary] FILE`. The optional
// binary argument is accepted for compatibility and ignored (traces since Go 1.7 carry symbols).
import * as fs from 'fs';
import { encodeProfile } from '../core/profile/encode';
import { tracePprof, TRACE_PPROF_KINDS, type TracePprofKind } from '../core/trace/tracePprof';
import { TraceError } from '../core/trace/traceError';

export interface TraceIO {
  stdout: (chunk: string | Uint8Array) => void;
  stderr: (text: string) => void;
}

const USAGE = `Usage of 'pprof-lens trace':
  pprof-lens trace -pprof=TYPE [binary] trace.out
      write a pprof-like profile of the trace to stdout; TYPE is one of:
        net      network blocking profile
        sync     synchronization blocking profile
        syscall  syscall blocking profile
        sched    scheduler latency profile
`;

/** Largest trace file read (the reader keeps the file and its events in memory). */
const MAX_TRACE_BYTES = 2 * 1024 * 1024 * 1024 - 1;

export function traceCommand(argv: string[], io: TraceIO): number {
  let kind: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--?pprof(?:=(.*))?$/.exec(a);
    if (m) {
      kind = m[1] ?? argv[++i];
      continue;
    }
    if (a === '-h' || a === '-help' || a === '--help') {
      io.stdout(USAGE);
      return 0;
    }
    if (a.startsWith('-') && a !== '-') {
      io.stderr(`pprof-lens: trace: unknown flag ${a} (only -pprof=TYPE is supported; the timeline is in the VS Code extension)\n`);
      return 2;
    }
    positional.push(a);
  }
  if (kind === undefined) {
    io.stderr('pprof-lens: trace: give -pprof=net|sync|syscall|sched (the timeline is in the VS Code extension)\n');
    return 2;
  }
  if (!(TRACE_PPROF_KINDS as readonly string[]).includes(kind)) {
    io.stderr(`pprof-lens: trace: unknown pprof type ${kind}\n`);
    return 2;
  }
  if (positional.length < 1 || positional.length > 2) {
    io.stderr(USAGE);
    return 2;
  }
  const file = positional[positional.length - 1];
  let data: Uint8Array;
  try {
    const st = fs.statSync(file);
    if (st.size > MAX_TRACE_BYTES) throw new Error(`file is too large (${st.size} bytes)`);
    data = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    io.stderr(`pprof-lens: trace: ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    const prof = tracePprof(data, kind as TracePprofKind);
    io.stdout(encodeProfile(prof));
    return 0;
  } catch (e) {
    if (e instanceof TraceError) {
      io.stderr(`pprof-lens: trace: ${file}: failed to generate pprof: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 1;
    }
    throw e;
  }
}
