// Issue 20, part 2: a program's crash output is a goroutine dump. Real crashes of
// test/fixtures/goprograms/crashes, built and run here with the Go that runs the tests (Go 1.27.3:
// panics with multi-line values, [recovered], SIGSEGV, frames elided, deadlock, stack overflow, SIGQUIT with
// registers, GOTRACEBACK=crash), and crash texts in the formats of older Go versions (written here
// from the runtime's print statements of those versions: Go 1.2's fp= frames and `[signal 0xb …]`,
// Go 1.4's fp= sp=, Go 1.5–1.20's `created by f` without a goroutine, pasted copies with spaces and
// CRLF). Each is read as a dump, its message and crashing goroutine kept and shown first.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { goroutineDumpToProfile, looksLikeGoroutineDump, parseGoroutineDump } from '../../../src/core/goroutine/goroutineDump';
import { groupDump } from '../../../src/core/goroutine/goroutineGroups';
import { parseProfile } from '../../../src/core/profile/parse';
import { goroutineViewOf, goroutinesModel } from '../../../src/extension/goroutines/goroutineModel';

const repo = path.resolve(__dirname, '../../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-crash-'));
const bin = path.join(tmp, 'crashes');

/** The program's stderr when it crashes in `mode`. */
function crash(mode: string, traceback = 'all'): string {
  const r = spawnSync(bin, [mode], { env: { ...process.env, GOTRACEBACK: traceback }, encoding: 'utf8', timeout: 60_000 });
  assert.notEqual(r.status, 0, `crashes ${mode} must crash`);
  return r.stderr;
}

/** The program's stderr after SIGQUIT (Go prints "SIGQUIT: quit", "PC=…", every goroutine, registers). */
async function sigquit(): Promise<string> {
  const c = spawn(bin, ['hang'], { env: { ...process.env, GOTRACEBACK: 'system' } });
  let err = '';
  c.stderr.on('data', (d: Buffer) => { err += d; });
  await new Promise<void>((resolve) => c.stdout.once('data', () => resolve()));
  c.kill('SIGQUIT');
  await new Promise((resolve) => c.on('close', resolve));
  return err;
}

const funcs = (t: string, g = 0) => parseGoroutineDump(t).goroutines[g].frames.map((f) => f.func);

describe('crash output of Go 1.27.3 programs', () => {
  before(() => {
    const b = spawnSync('go', ['build', '-o', bin, './crashes'], { cwd: path.join(repo, 'test/fixtures/goprograms'), encoding: 'utf8' });
    assert.equal(b.status, 0, `go build ./crashes: ${b.stderr}`);
  });

  it('a panic with a two-line value: the message whole, main first', () => {
    const t = crash('panic');
    assert.ok(looksLikeGoroutineDump(t));
    const d = parseGoroutineDump(t);
    assert.deepEqual(d.crash?.message, ['panic: boom: the service could not start\nsecond line of the value']);
    assert.equal(d.crash?.goroutineId, 1);
    assert.equal(d.goroutines[0].id, 1);
    assert.equal(d.goroutines[0].state, 'running');
    assert.equal(funcs(t)[0], 'main.main');
    assert.ok(d.goroutines.some((g) => g.frames.some((f) => f.func === 'main.waitForever')), 'the other goroutines are read too');
  });

  it('SIGSEGV in a goroutine: the signal line, the crashing goroutine and its creator', () => {
    const t = crash('nil');
    const d = parseGoroutineDump(t);
    assert.equal(d.crash?.message[0], 'panic: runtime error: invalid memory address or nil pointer dereference');
    assert.match(d.crash?.message[1] ?? '', /^\[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x[0-9a-f]+\]$/);
    const g = d.goroutines[0];
    assert.equal(g.id, d.crash?.goroutineId);
    assert.notEqual(g.id, 1);
    assert.ok(g.frames.some((f) => f.func === 'main.deref'), funcs(t).join(' '));
    assert.equal(g.createdBy?.func, 'main.main');
    assert.equal(g.createdBy?.goroutineId, 1);
    // Grouped: the crashing goroutine's group first, marked, whatever the counts.
    const groups = groupDump(d);
    assert.equal(groups.groups[0].crashed, true);
    assert.deepEqual(groups.groups[0].ids, [g.id]);
    assert.equal(groups.groups.filter((x) => x.crashed).length, 1);
  });

  it('a recovered panic and the second one: both messages, in order', () => {
    const d = parseGoroutineDump(crash('repanic'));
    assert.deepEqual(d.crash?.message, ['panic: first failure [recovered]', 'panic: second failure after recovering']);
    assert.ok(d.goroutines[0].frames.some((f) => f.func === 'main.firstThenSecond'));
  });

  it('a deep stack: frames elided, the outer frames kept', () => {
    const t = crash('deep');
    assert.match(t, /frames elided/);
    const g = parseGoroutineDump(t).goroutines[0];
    assert.equal(g.framesElided, true);
    const n = (t.split('\ngoroutine ')[1].match(/\nmain\.recurse\(/g) ?? []).length;
    assert.equal(g.frames.filter((f) => f.func === 'main.recurse').length, n, 'every printed recurse frame');
    assert.equal(g.frames.at(-1)?.func === 'main.main' || g.frames.at(-2)?.func === 'main.main', true, 'main.main after the elided frames');
  });

  it('a deadlock: the fatal error, goroutine 1 first', () => {
    const d = parseGoroutineDump(crash('deadlock'));
    assert.deepEqual(d.crash?.message, ['fatal error: all goroutines are asleep - deadlock!']);
    assert.equal(d.crash?.goroutineId, 1);
    assert.equal(d.goroutines[0].state, 'chan receive');
  });

  it('a stack overflow: the runtime\'s lines and the fatal error, the system stack kept apart', () => {
    const t = crash('overflow');
    assert.match(t, /\nruntime stack:\nruntime\.throw/);
    const d = parseGoroutineDump(t);
    assert.match(d.crash?.message[0] ?? '', /^runtime: goroutine stack exceeds \d+-byte limit$/);
    assert.equal(d.crash?.message.at(-1), 'fatal error: stack overflow');
    assert.equal(d.crash?.goroutineId, 1);
    const g = d.goroutines[0];
    assert.equal(g.framesElided, true);
    assert.ok(g.frames.some((f) => f.func === 'main.forever') && g.frames.some((f) => f.func === 'main.main'));
    // The "runtime stack:" frames (runtime.throw, newstack, morestack) belong to no goroutine.
    assert.ok(!d.goroutines.some((x) => x.frames.some((f) => f.func === 'runtime.newstack')));
  });

  it('SIGQUIT with GOTRACEBACK=system: PC line kept, registers are no frames', async () => {
    const t = await sigquit();
    assert.match(t, /\nrip +0x[0-9a-f]+\n/, 'the dump has registers');
    const d = parseGoroutineDump(t);
    assert.equal(d.crash?.message[0], 'SIGQUIT: quit');
    assert.match(d.crash?.message[1] ?? '', /^PC=0x[0-9a-f]+ m=\d+ sigcode=/);
    assert.equal(d.crash?.goroutineId, 0);
    for (const g of d.goroutines) for (const f of g.frames) assert.doesNotMatch(f.func, /^(r[a-z0-9]+|rip|rflags|cs|fs|gs) /);
    assert.ok(d.goroutines.some((g) => g.state === 'sleep' && g.frames.some((f) => f.func === 'main.main')));
  });

  it('GOTRACEBACK=crash: gp=/m= headers, runtime frames, and the profile carries the message', () => {
    const t = crash('nil', 'crash');
    assert.match(t, /^goroutine \d+ gp=0x[0-9a-f]+ m=/m);
    const d = parseGoroutineDump(t);
    assert.equal(d.goroutines[0].frames[0].func, 'panic');
    const p = goroutineDumpToProfile(d);
    assert.deepEqual(p.comments, d.crash?.message);
    const total = p.sample.reduce((a, s) => a + s.value[0], 0);
    assert.equal(total, d.goroutines.length);
    // Read as any file is (parseProfile sniffs the content): a goroutine profile.
    const q = parseProfile(new TextEncoder().encode(t), 'crash.txt');
    assert.equal(q.sampleType[0].type, 'goroutine');
    assert.equal(q.sample.reduce((a, s) => a + s.value[0], 0), d.goroutines.length);
  });

  it('the goroutine view: message and crashing group first in the model', () => {
    const t = crash('nil');
    const v = goroutineViewOf(new TextEncoder().encode(`some log line before the crash\n${t}`), 'crash.log');
    const m = goroutinesModel(v.groups, 'crash.log', 'crash.log');
    assert.equal(m.crash?.message[0], 'panic: runtime error: invalid memory address or nil pointer dereference');
    assert.equal(m.groups[0].crashed, true);
    assert.ok(m.groups[0].frames.some((f) => f.func === 'main.deref'));
  });
});

describe('crash output in older Go formats', () => {
  const go12 = [
    'panic: runtime error: invalid memory address or nil pointer dereference',
    '[signal 0xb code=0x1 addr=0x0 pc=0x400e0a]',
    '',
    'goroutine 3 [running]:',
    'runtime.panic(0x4a0ce0, 0x6a2b88)',
    '\t/usr/local/go/src/pkg/runtime/panic.c:266 +0xb6 fp=0x7fffff630d40',
    'main.handle(0x0, 0xc210000018)',
    '\t/home/u/app/main.go:14 +0x2a fp=0x7fffff630d68',
    'created by main.main',
    '\t/home/u/app/main.go:22 +0x5c',
    '',
    'goroutine 1 [chan receive]:',
    'main.main()',
    '\t/home/u/app/main.go:23 +0x71 fp=0x7fffff630f48',
    'runtime.main()',
    '\t/usr/local/go/src/pkg/runtime/proc.c:220 +0x11f fp=0x7fffff630fa0',
    'runtime.goexit()',
    '\t/usr/local/go/src/pkg/runtime/proc.c:1394 fp=0x7fffff630fa8',
    'exit status 2',
  ].join('\n');

  it('Go 1.2: [signal 0xb …], fp= frames, created by without goroutine', () => {
    assert.ok(looksLikeGoroutineDump(go12));
    const d = parseGoroutineDump(go12);
    assert.deepEqual(d.crash?.message, ['panic: runtime error: invalid memory address or nil pointer dereference', '[signal 0xb code=0x1 addr=0x0 pc=0x400e0a]']);
    assert.equal(d.crash?.goroutineId, 3);
    assert.deepEqual(d.goroutines[0].frames.map((f) => `${f.func} ${f.file}:${f.line}`), [
      'runtime.panic /usr/local/go/src/pkg/runtime/panic.c:266',
      'main.handle /home/u/app/main.go:14',
    ]);
    assert.deepEqual(d.goroutines[0].createdBy, { func: 'main.main', file: '/home/u/app/main.go', line: 22, pcOffset: 0x5c });
    assert.deepEqual(d.goroutines[1].frames.map((f) => f.func), ['main.main', 'runtime.main', 'runtime.goexit']);
    const groups = groupDump(d);
    assert.equal(groups.groups[0].ids[0], 3);
    assert.equal(groups.groups[0].crashed, true);
  });

  it('Go 1.4: fp= sp= frames; a goroutine on another thread', () => {
    const t = [
      'fatal error: unexpected signal during runtime execution',
      '[signal 0xb code=0x1 addr=0x0 pc=0x41a1b6]',
      '',
      'goroutine 7 [running]:',
      'runtime.throw(0x6b4c43)',
      '\t/usr/local/go/src/runtime/panic.go:491 +0xad fp=0xc208c95a98 sp=0xc208c95a80',
      'main.worker(0xc20801e0c0)',
      '\t/go/src/app/worker.go:40 +0x1f4 fp=0xc208c95fd8 sp=0xc208c95a98',
      'created by main.main',
      '\t/go/src/app/main.go:18 +0x8e',
      '',
      'goroutine 1 [running]:',
      '\tgoroutine running on other thread; stack unavailable',
    ].join('\n');
    const d = parseGoroutineDump(t);
    assert.equal(d.crash?.message[0], 'fatal error: unexpected signal during runtime execution');
    assert.deepEqual(d.goroutines[0].frames.map((f) => f.line), [491, 40]);
    assert.equal(d.goroutines[1].frames.length, 0);
    assert.equal(d.goroutines.length, 2);
  });

  it('Go 1.16: panic(0x…, 0x…) frames, old created by, a nested panic value', () => {
    const t = [
      'panic: first [recovered]',
      '\tpanic: runtime error: index out of range [5] with length 3',
      '',
      'goroutine 18 [running]:',
      'panic(0x4c8a40, 0xc00001c0f0)',
      '\t/usr/local/go/src/runtime/panic.go:965 +0x1b9',
      'main.get(...)',
      '\t/src/app/get.go:9',
      'main.serve(0xc000010240)',
      '\t/src/app/serve.go:31 +0x6e',
      'created by main.main',
      '\t/src/app/main.go:12 +0x5a',
    ].join('\n');
    const d = parseGoroutineDump(t);
    assert.deepEqual(d.crash?.message, ['panic: first [recovered]', 'panic: runtime error: index out of range [5] with length 3']);
    assert.deepEqual(d.goroutines[0].frames.map((f) => f.func), ['panic', 'main.get', 'main.serve']);
    assert.equal(d.goroutines[0].frames[1].args, '...');
    assert.equal(d.goroutines[0].createdBy?.goroutineId, undefined);
  });

  it('pasted from a log or a chat: lines before, spaces for tabs, CRLF', () => {
    const t = [
      '2026/12/01 10:00:00 listening on :8080',
      '2026/12/01 10:00:05 handling /api',
      'panic: assignment to entry in nil map',
      '',
      'goroutine 42 [running]:',
      'main.(*Server).handle(0xc0000a2000, {0x6f2e40, 0xc0001c2000})',
      '    /srv/app/server.go:88 +0x1a5',
      'net/http.HandlerFunc.ServeHTTP(0xc000012345?, {0x6f2e40?, 0xc0001c2000?}, 0xc000014000?)',
      '    /usr/local/go/src/net/http/server.go:2136 +0x29',
      'created by net/http.(*Server).Serve in goroutine 1',
      '    /usr/local/go/src/net/http/server.go:3285 +0x4b4',
      'exit status 2',
    ].join('\r\n');
    assert.ok(looksLikeGoroutineDump(t));
    const d = parseGoroutineDump(t);
    assert.deepEqual(d.crash?.message, ['panic: assignment to entry in nil map']);
    assert.deepEqual(d.goroutines[0].frames.map((f) => `${f.func} ${f.file}:${f.line}`), [
      'main.(*Server).handle /srv/app/server.go:88',
      'net/http.HandlerFunc.ServeHTTP /usr/local/go/src/net/http/server.go:2136',
    ]);
    assert.equal(d.goroutines[0].createdBy?.goroutineId, 1);
  });

  it('text that only mentions a panic is not a dump', () => {
    assert.equal(looksLikeGoroutineDump('panic: this line is all there is\nand no goroutine follows\n'), false);
    assert.equal(looksLikeGoroutineDump('we saw goroutine 5 [running]: in the logs\n'), false);
    assert.equal(looksLikeGoroutineDump('heap profile: 1: 2 [3: 4] @ heap/1048576\n'), false);
  });
});
