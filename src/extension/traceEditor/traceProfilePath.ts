// Where a trace-derived profile (`go tool trace -pprof=KIND` of an opened trace) is written. A trace in
// the capture folder keeps them beside it, in "<trace>.profiles/" (the Profiles view lists
// them under their trace). Any other trace: a folder of its own per trace file (named by a hash of the
// trace's full path) under the extension's storage, so two traces with the same name (every
// `trace.out`) never overwrite each other's profiles, and no folder is shared with other users of the
// machine. The file keeps the readable `<trace>.<kind>.pb.gz` name that the profile editor shows.
import { createHash } from 'crypto';
import * as path from 'path';
import { traceProfilesFolderName } from '../../collect/captureName';

/**
 * The path of the `kind` profile of the trace at `traceFsPath`: in "<trace>.profiles/" beside it when
 * the trace is in `captureDir` (the capture folder), else under `rootDir` (the extension's storage).
 */
export function traceProfilePath(rootDir: string, traceFsPath: string, kind: string, captureDir?: string): string {
  const base = path.basename(traceFsPath).replace(/[^A-Za-z0-9._-]/g, '_');
  const trace = path.resolve(traceFsPath);
  if (captureDir && path.dirname(trace) === path.resolve(captureDir)) {
    return path.join(path.dirname(trace), traceProfilesFolderName(path.basename(trace)), `${base}.${kind}.pb.gz`);
  }
  const key = createHash('sha256').update(trace).digest('hex').slice(0, 16);
  return path.join(rootDir, key, `${base}.${kind}.pb.gz`);
}
