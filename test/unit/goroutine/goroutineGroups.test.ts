// Goroutine groups of a real Go program with a known set of blocked goroutines
// (test/fixtures/goprograms/blocked): exact counts per group from the protobuf profile, the debug=1
// text and the debug=2 dump it writes.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseGoroutineDump } from '../../../src/core/goroutine/goroutineDump';
import { GoroutineGroups, groupDump, groupProfile, groupTitle } from '../../../src/core/goroutine/goroutineGroups';
import { parseProfile } from '../../../src/core/profile/parse';
import { fixtureDir } from '../profile/fixturePath';

const programDir = path.join(fixtureDir, '..', 'goprograms');
let out = '';

before(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-blocked-'));
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
  const printed = execFileSync('go', ['run', './blocked', '-out', out], { cwd: programDir, env, timeout: 180_000 }).toString().trim();
  assert.equal(printed, '31', 'the program reports its goroutine count');
});
process.on('exit', () => out && fs.rmSync(out, { recursive: true, force: true }));

/** "title|state|creator" -> count, for compact assertions. */
function summary(g: GoroutineGroups): Record<string, number> {
  const r: Record<string, number> = {};
  for (const x of g.groups) {
    const parts = [groupTitle(x), x.state];
    if (x.createdBy) parts.push(`by ${x.createdBy.func}`);
    if (x.labels) parts.push(JSON.stringify(x.labels));
    r[parts.join('|')] = (r[parts.join('|')] ?? 0) + x.count;
  }
  return r;
}

test('debug=2 dump: groups by stack, state and creation site, with exact counts', () => {
  const g = groupDump(parseGoroutineDump(fs.readFileSync(path.join(out, 'goroutine.debug2.txt'), 'utf8')));
  assert.equal(g.source, 'dump');
  assert.equal(g.total, 31);
  assert.equal(g.groups.reduce((a, x) => a + x.count, 0), 31);
  assert.deepEqual(summary(g), {
    'main.recvForever|chan receive|by main.spawnRecvA': 4,
    'main.recvForever|chan receive|by main.spawnRecvB': 3,
    'main.selectForever|select|by main.main': 5,
    // Wait reasons as Go 1.27.3 prints them (Go 1.24 and later: the sync primitive, not "semacquire").
    'main.lockForever|sync.Mutex.Lock|by main.main': 4,
    'main.sendForever|chan send|by main.main': 3,
    'main.sleepForever|sleep|by main.main': 6,
    'main.waitForever|sync.WaitGroup.Wait|by main.main': 2,
    'main.labeledRecv.func1|chan receive|by main.main': 3,
    'main.main|running': 1,
  });
  // Largest first; each group's ids are its goroutines'.
  assert.equal(g.groups[0].count, 6);
  for (const x of g.groups) assert.equal(x.ids.length, x.count);
  const a = g.groups.find((x) => x.createdBy?.func === 'main.spawnRecvA')!;
  assert.match(a.createdBy!.file, /blocked\/main\.go$/);
  assert.ok(a.createdBy!.line > 0);
  assert.equal(a.frames[0].func, 'main.recvForever');
});

for (const [name, file] of [['protobuf', 'goroutine.pb.gz'], ['debug=1', 'goroutine.debug1.txt']] as const) {
  test(`${name} profile: groups by stack and labels, with exact counts`, () => {
    const g = groupProfile(parseProfile(new Uint8Array(fs.readFileSync(path.join(out, file))), file));
    assert.equal(g.source, 'profile');
    assert.equal(g.total, 31);
    assert.deepEqual(summary(g), {
      // No creation site in profiles: both recvForever spawners share one stack.
      'main.recvForever|': 7,
      'main.selectForever|': 5,
      'main.lockForever|': 4,
      'main.sendForever|': 3,
      'main.sleepForever|': 6,
      'main.waitForever|': 2,
      'main.labeledRecv.func1||{"worker":"labeled"}': 3,
      'main.main|': 1,
    });
    assert.deepEqual(g.groups.map((x) => x.count), [7, 6, 5, 4, 3, 3, 2, 1]);
  });
}

test('the goroutine view reads all three forms of the same moment alike, and refuses other profiles', async () => {
  const { goroutineGroupsOf } = await import('../../../src/extension/goroutines/goroutineModel');
  const read = (f: string) => goroutineGroupsOf(new Uint8Array(fs.readFileSync(path.join(out, f))), f);
  const dump = read('goroutine.debug2.txt');
  assert.equal(dump.source, 'dump');
  for (const f of ['goroutine.pb.gz', 'goroutine.debug1.txt']) {
    const g = read(f);
    assert.equal(g.source, 'profile', f);
    assert.equal(g.total, dump.total, f);
  }
  const cpu = path.join(fixtureDir, 'go', 'heap.pb.gz');
  assert.throws(() => goroutineGroupsOf(new Uint8Array(fs.readFileSync(cpu)), 'heap.pb.gz'), /heap\.pb\.gz is not a goroutine profile/);
});

test('Show Goroutines from the palette takes the shown profile only when it is a goroutine profile', async () => {
  const { isGoroutineProfile } = await import('../../../src/extension/goroutines/goroutineModel');
  const load = (f: string) => parseProfile(new Uint8Array(fs.readFileSync(f)), path.basename(f));
  assert.equal(isGoroutineProfile(load(path.join(out, 'goroutine.pb.gz'))), true);
  assert.equal(isGoroutineProfile(load(path.join(out, 'goroutine.debug1.txt'))), true);
  assert.equal(isGoroutineProfile(load(path.join(fixtureDir, 'go', 'heap.pb.gz'))), false);
});
