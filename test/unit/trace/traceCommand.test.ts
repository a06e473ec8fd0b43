// The `pprof-lens trace` command in-process: flags, errors as one line, a gzipped profile on stdout.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import { traceCommand } from '../../../src/cli/traceCommand';
import { traceFixtureDir } from './traceFixtures';

function run(args: string[]): { code: number; out: Buffer; err: string } {
  const chunks: Buffer[] = [];
  let err = '';
  const code = traceCommand(args, { stdout: (c) => chunks.push(Buffer.from(c)), stderr: (s) => { err += s; } });
  return { code, out: Buffer.concat(chunks), err };
}

const v1 = path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_testdata', 'http_1_19_good');
const v2 = path.join(traceFixtureDir, 'v2_golang-go_src_cmd_trace_testdata', 'go122.DERIVED.trace');

test('writes a gzipped profile for v1 and v2 traces, binary argument accepted', () => {
  for (const args of [['-pprof=sync', v1], ['-pprof', 'net', 'some-binary', v1], ['-pprof=sched', v2], ['-pprof=syscall', v2]]) {
    const r = run(args);
    assert.equal(r.code, 0, r.err);
    assert.ok(gunzipSync(r.out).length > 0, args.join(' '));
  }
});

test('errors: usage, unknown type, missing file, broken trace', () => {
  assert.equal(run([v1]).code, 2);
  const bad = run(['-pprof=heap', v1]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown pprof type heap/);
  const missing = run(['-pprof=net', '/nonexistent/trace.out']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^pprof-lens: trace: \/nonexistent\/trace.out: /);
  const broken = run(['-pprof=net', path.join(traceFixtureDir, 'v2_DERIVED_tests_as_binary', 'go122-create-syscall-with-p.trace')]);
  assert.equal(broken.code, 1);
  assert.match(broken.err, /failed to generate pprof: expected a proc but didn't have one\n$/);
  assert.equal(broken.err.split('\n').length, 2);
});
