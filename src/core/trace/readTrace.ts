// Entry point: sniff the header, pick the reader. Go 1.22+ traces are read natively; Go 1.11–1.21
// traces are parsed with the v1 parser and converted into the same event model.
import { readTraceV2, ReadOptions } from './readerV2';
import { TraceData } from './traceData';
import { TraceError } from './traceError';
import { parseV1, V1Trace } from './parserV1';
import { convertV1 } from './convertV1';

/** The Go minor version in a trace header ("go 1.19 trace\0\0\0" → 19), or undefined when it is not a Go trace. */
export function traceVersion(buf: Uint8Array): number | undefined {
  const m = /^go 1\.(\d+) trace\0\0\0/.exec(new TextDecoder('latin1').decode(buf.subarray(0, 16)));
  return m ? Number(m[1]) : undefined;
}

export function readTrace(buf: Uint8Array, opts: ReadOptions = {}): TraceData {
  const v = traceVersion(buf);
  if (v === undefined) throw new TraceError('bad file format: not a Go execution trace?');
  switch (v) {
    case 22: case 23: case 25: case 26:
      return readTraceV2(buf, v, opts);
    case 11: case 19: case 21: {
      // The v1 format has no generations: it is read whole, then handed over in one piece.
      const d = convertV1(parseV1(buf, v));
      opts.onGeneration?.(1, d.events.length);
      if (opts.onEvents) {
        opts.onEvents(d);
        d.events.clear();
      }
      return d;
    }
    default:
      if (v >= 5 && v <= 10) {
        throw new TraceError(`unsupported trace version go 1.${v}: traces of Go 1.5–1.10 are not read (as by Go ≥1.23's tools); use Go ≤1.21's go tool trace`);
      }
      throw new TraceError(`unknown or unsupported trace version go 1.${v}`);
  }
}

/** Parses a Go 1.11–1.21 trace into its own (v1) event list, before conversion (raw events, for tools and tests). */
export function readTraceV1(buf: Uint8Array): V1Trace {
  const v = traceVersion(buf);
  if (v === undefined) throw new TraceError('bad file format: not a Go execution trace?');
  if (v !== 11 && v !== 19 && v !== 21) throw new TraceError(`not a Go 1.11–1.21 trace (header go 1.${v})`);
  return parseV1(buf, v);
}
