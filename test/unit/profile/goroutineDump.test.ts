// parseGoroutineDump: per-goroutine details of ?debug=2 dumps and panic tracebacks.
import test from 'node:test';
import assert from 'node:assert/strict';
import { goroutineDumpToProfile, parseGoroutineDump } from '../../../src/core/goroutine/goroutineDump';
import { parseProfile } from '../../../src/core/profile/parse';
import { ProfileError } from '../../../src/core/profile/profileError';
import { fixtureText } from './fixturePath';

const newerGo = [
  'goroutine 1 [running]:',
  'main.main()',
  '\t/src/app/main.go:12 +0x1d',
  '',
  'goroutine 7 [chan receive, 5 minutes, locked to thread]:',
  'labels: {"handler":"/api", "user":"a\\"b"}',
  'main.(*Server).serve(0xc000010000, {0x4fdb28, 0x1})',
  '\t/src/app/server.go:88 +0x45',
  'main.run.func1(...)',
  '\t/src/app/run.go:20',
  'created by main.run in goroutine 1',
  '\t/src/app/run.go:19 +0x85',
  '',
  'goroutine 8 gp=0xc000007c00 m=nil [select, 1 minute]:',
  'main.(*Server).serve(0xc000010008, {0x4fdb28, 0x1})',
  '\t/src/app/server.go:88 +0x45',
  'main.run.func1(...)',
  '\t/src/app/run.go:20',
  '...additional frames elided...',
  'created by main.run in goroutine 1',
  '\t/src/app/run.go:19 +0x85',
  '',
].join('\n');

test('per-goroutine details', () => {
  const d = parseGoroutineDump(newerGo);
  assert.equal(d.goroutines.length, 3);
  const [g1, g7, g8] = d.goroutines;
  assert.deepEqual(g1, {
    id: 1,
    state: 'running',
    waitMinutes: 0,
    lockedToThread: false,
    frames: [{ func: 'main.main', args: '', file: '/src/app/main.go', line: 12, pcOffset: 0x1d }],
    framesElided: false,
  });
  assert.equal(g7.state, 'chan receive');
  assert.equal(g7.waitMinutes, 5);
  assert.equal(g7.lockedToThread, true);
  assert.deepEqual({ ...g7.labels }, { handler: '/api', user: 'a"b' });
  assert.deepEqual(g7.frames[0], {
    func: 'main.(*Server).serve',
    args: '0xc000010000, {0x4fdb28, 0x1}',
    file: '/src/app/server.go',
    line: 88,
    pcOffset: 0x45,
  });
  assert.deepEqual(g7.frames[1], { func: 'main.run.func1', args: '...', file: '/src/app/run.go', line: 20 });
  assert.deepEqual(g7.createdBy, { func: 'main.run', file: '/src/app/run.go', line: 19, pcOffset: 0x85, goroutineId: 1 });
  assert.equal(g8.id, 8);
  assert.equal(g8.state, 'select');
  assert.equal(g8.waitMinutes, 1);
  assert.equal(g8.framesElided, true);
});

test('profile from a dump: count per identical stack and label set', () => {
  const p = goroutineDumpToProfile(parseGoroutineDump(newerGo));
  // g7 and g8 share a stack but g7 has labels.
  assert.deepEqual(
    p.sample.map((s) => s.value[0]),
    [1, 1, 1],
  );
  const viaParse = parseProfile(new TextEncoder().encode(newerGo), 'dump');
  assert.equal(viaParse.sample.length, 3);
  const unlabelled = newerGo.replace(/labels: .*\n/, '');
  const q = parseProfile(new TextEncoder().encode(unlabelled), 'dump');
  assert.deepEqual(
    q.sample.map((s) => s.value[0]),
    [1, 2],
  );
});

test('Go 1.19 dump fixture', () => {
  const d = parseGoroutineDump(fixtureText('go', 'goroutine.debug2.txt'));
  assert.equal(d.goroutines.length, 9);
  const waiting = d.goroutines.filter((g) => g.state === 'chan receive');
  assert.equal(waiting.length, 8);
  assert.equal(waiting[0].createdBy?.func, 'main.main');
  assert.equal(waiting[0].frames[0].args, '0x0?');
});

test('not a dump', () => {
  assert.throws(() => parseGoroutineDump('hello\nworld\n'), ProfileError);
});

test('GOTRACEBACK=system frames carry absolute pcs, used as location addresses', () => {
  const text = [
    'goroutine 1 gp=0xc000002380 m=0 mp=0x5d5a40 [running]:',
    'main.f(...)',
    '\t/src/main.go:5 +0x1d fp=0xc000047f50 sp=0xc000047f40 pc=0x4553dd',
    'main.main()',
    '\t/src/main.go:9 +0x25 fp=0xc000047f58 sp=0xc000047f50 pc=0x4553e5',
    '',
  ].join('\n');
  const d = parseGoroutineDump(text);
  assert.equal(d.goroutines[0].frames[0].pc, 0x4553ddn);
  const p = goroutineDumpToProfile(d);
  assert.deepEqual(
    p.location.map((l) => l.address),
    [0x4553ddn, 0x4553e5n],
  );
});
