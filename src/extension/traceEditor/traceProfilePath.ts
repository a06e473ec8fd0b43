// Where a trace-derived profile (`go tool trace -pprof=KIND` of an opened trace) is written: a folder
// of its own per trace file (named by a hash of the trace's full path) under the extension's storage,
// so two traces with the same name (every `trace.out`) never overwrite each other's profiles, and no
// folder is shared with other users of the machine (as one fixed name in the system temp folder was).
// The file keeps the readable `<trace>.<kind>.pb.gz` name that the profile editor shows.
import { createHash } from 'crypto';
import * as path from 'path';

export function traceProfilePath(rootDir: string, traceFsPath: string, kind: string): string {
  const key = createHash('sha256').update(path.resolve(traceFsPath)).digest('hex').slice(0, 16);
  const base = path.basename(traceFsPath).replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(rootDir, key, `${base}.${kind}.pb.gz`);
}
