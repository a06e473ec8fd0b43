// The profile editor's kind badge for trace-derived profiles: a file the trace editor wrote (named and
// placed by traceProfilePath) is badged by what it is, not as "contention (block or mutex)" — the four
// profiles' bytes are Go's and do not say which they are; other delay profiles keep the content's badge.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { tracePprof, TRACE_PPROF_KINDS } from '../../../src/core/trace/tracePprof';
import { profileKind } from '../../../src/extension/profileEditor/profileView';
import { traceProfilePath } from '../../../src/extension/traceEditor/traceProfilePath';
import { traceProfileBadge, traceProfileKindOf, TRACE_PROFILE_BADGES } from '../../../src/extension/traceEditor/traceProfileBadge';
import { traceFixtureDir } from '../trace/traceFixtures';

const trace = new Uint8Array(fs.readFileSync(path.join(traceFixtureDir, 'v2_golang-go_src_cmd_trace_testdata', 'go122.DERIVED.trace')));

test('each trace-derived profile, written where the trace editor writes it, is badged by what it is', () => {
  const root = path.join('/storage', 'trace-profiles');
  const seen = new Set<string>();
  for (const kind of TRACE_PPROF_KINDS) {
    const file = traceProfilePath(root, '/work/svc/trace.out', kind);
    assert.equal(traceProfileKindOf(file), kind);
    // Its content alone says "contention": the same sample types for all four.
    const content = profileKind(tracePprof(trace, kind));
    assert.equal(content, 'contention (block or mutex)');
    const badge = traceProfileBadge(file, content);
    assert.equal(badge, TRACE_PROFILE_BADGES[kind]);
    seen.add(badge);
  }
  assert.equal(seen.size, 4, 'four different badges');
  assert.equal(TRACE_PROFILE_BADGES.sched, 'scheduler latency (from a trace)');
  assert.equal(TRACE_PROFILE_BADGES.net, 'network blocking (from a trace)');
});

test('beside a captured trace, in "<trace>.profiles/"', () => {
  assert.equal(traceProfileKindOf('/w/.pprof/svc-trace-1.trace.profiles/svc-trace-1.trace.sync.pb.gz'), 'sync');
  assert.equal(traceProfileKindOf('/w/.pprof/other.profiles/svc-trace-1.trace.sync.pb.gz'), undefined, 'another trace\'s folder');
});

test('other delay profiles and other kinds keep their badge', () => {
  assert.equal(traceProfileBadge('/home/me/block.pb.gz', 'contention (block or mutex)'), 'contention (block or mutex)');
  assert.equal(traceProfileBadge('/home/me/app.net.pb.gz', 'contention (block or mutex)'), 'contention (block or mutex)', 'a ".net.pb.gz" file of the user');
  assert.equal(traceProfileBadge('/storage/trace-profiles/0123456789abcdef/t.sched.pb.gz', 'CPU'), 'CPU', 'content that is not a delay profile');
  assert.equal(traceProfileKindOf('/storage/other/0123456789abcdef/t.sched.pb.gz'), undefined);
});
