// Where the trace editor writes a trace-derived profile: one folder per trace file, so two traces of
// the same name (every `trace.out`) do not overwrite each other's profiles.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { traceProfilePath } from '../../../src/extension/traceEditor/traceProfilePath';

test('two traces with the same name get different profile files; the name stays readable', () => {
  const root = path.join('/storage', 'trace-profiles');
  const a = traceProfilePath(root, '/work/api/trace.out', 'sched');
  const b = traceProfilePath(root, '/work/worker/trace.out', 'sched');
  assert.notEqual(a, b);
  assert.equal(path.basename(a), 'trace.out.sched.pb.gz');
  assert.equal(path.basename(b), 'trace.out.sched.pb.gz');
  assert.equal(path.dirname(path.dirname(a)), root);
});

test('the same trace always maps to the same folder, one file per kind', () => {
  const root = '/storage/trace-profiles';
  assert.equal(traceProfilePath(root, '/t/x.trace', 'net'), traceProfilePath(root, '/t/../t/x.trace', 'net'));
  assert.equal(path.dirname(traceProfilePath(root, '/t/x.trace', 'net')), path.dirname(traceProfilePath(root, '/t/x.trace', 'sync')));
});

test('characters outside [A-Za-z0-9._-] in the trace name are replaced', () => {
  assert.equal(path.basename(traceProfilePath('/r', '/t/my trace (1).out', 'syscall')), 'my_trace__1_.out.syscall.pb.gz');
});

test('a trace in the capture folder keeps its derived profiles beside it, in "<trace>.profiles/"', () => {
  const p = traceProfilePath('/storage/trace-profiles', '/w/.pprof/svc-trace-20261207-101010.trace', 'sync', '/w/.pprof/');
  assert.equal(p, path.join('/w/.pprof', 'svc-trace-20261207-101010.trace.profiles', 'svc-trace-20261207-101010.trace.sync.pb.gz'));
  // a trace elsewhere (or in a sub-folder of the capture folder) still goes to the extension's storage
  assert.ok(traceProfilePath('/storage/trace-profiles', '/tmp/trace.out', 'sync', '/w/.pprof').startsWith('/storage/trace-profiles/'));
  assert.ok(traceProfilePath('/storage/trace-profiles', '/w/.pprof/sub/t.trace', 'sync', '/w/.pprof').startsWith('/storage/trace-profiles/'));
});
