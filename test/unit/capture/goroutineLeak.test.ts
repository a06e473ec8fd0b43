// The goroutine leak profile (Capture Goroutine Leak Profile, Watch Goroutines) against the real sample
// service (examples/sample-service, whose leak.go leaks a goroutine per tick, here every 100 ms):
//  - built with Go 1.27.3 (the project's Go): /debug/pprof/goroutineleak?debug=2 is captured as the
//    extension captures it (endpoint URL, body check, sidecar), and the goroutine view's model finds
//    the leak: main.waitForever marked leaked, created by main.leakLoop at leak.go:10, with exactly
//    the goroutines the dump marks "(leaked)"; the protobuf form is read as a leak profile too;
//  - built with Go 1.26.8 without the experiment (GOTOOLCHAIN=go1.26.8, which is the machine's Go
//    when it is that release): the server answers 404 "Unknown profile", turned into one message that
//    says how to enable it, and the capture's failure message and Watch Goroutines' fallback use it;
//  - built with Go 1.26.8 and GOEXPERIMENT=goroutineleakprofile: that advice works (the leak is found).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkCaptureBody } from '../../../src/collect/captureBody';
import { captureKind } from '../../../src/collect/captureKind';
import { captureFileName, parseCaptureFileName } from '../../../src/collect/captureName';
import { endpointUrl } from '../../../src/collect/captureTarget';
import { captureEntry } from '../../../src/collect/captureLibrary';
import { CollectError } from '../../../src/collect/collectError';
import { fetchProfile } from '../../../src/collect/fetchProfile';
import { goroutineLeakNotServed, isGoroutineLeakUrl } from '../../../src/collect/goroutineLeak';
import { countLeakedInDump, isLeakedState } from '../../../src/core/goroutine/goroutineLeaks';
import { goroutinesModel, goroutineViewOf } from '../../../src/extension/goroutines/goroutineModel';
import { goroutineSnapshot } from '../../../src/extension/watch/watchSnapshot';
import { repoRoot } from '../../testEnv';


const ROOT = repoRoot;
const SOURCE = path.join(ROOT, 'examples', 'sample-service');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { goEnv } = require(path.join(ROOT, 'scripts', 'go-env.js')) as { goEnv: () => NodeJS.ProcessEnv };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort, waitForHttp } = require(path.join(ROOT, 'scripts', 'vscode-env.js')) as {
  freePort: () => Promise<number>;
  waitForHttp: (url: string, timeoutMs: number, child?: ChildProcess) => Promise<void>;
};

const LEAK_GO = path.join(SOURCE, 'leak.go');
/** The line of leak.go with `go waitForever(ch)`: the leaked goroutines' creation site. */
const GO_LINE = fs.readFileSync(LEAK_GO, 'utf8').split('\n').findIndex((l) => l.includes('go waitForever(')) + 1;
/** The line of `<-ch` in waitForever: where they block. */
const RECV_LINE = fs.readFileSync(LEAK_GO, 'utf8').split('\n').findIndex((l) => l.trim() === '<-ch') + 1;

/** `go build`s the sample service with a Go release (GOTOOLCHAIN) and extra environment. */
function build(out: string, toolchain: string, extra: NodeJS.ProcessEnv = {}): string {
  execFileSync('go', ['build', '-o', out, '.'], {
    cwd: SOURCE,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 8 * 60_000,
    env: { ...goEnv(), GOTOOLCHAIN: toolchain, GOFLAGS: '-mod=mod', CGO_ENABLED: '0', ...extra },
  });
  return out;
}

interface Service {
  url: string;
  child: ChildProcess;
}

async function start(bin: string): Promise<Service> {
  const addr = `127.0.0.1:${await freePort()}`;
  const child = spawn(bin, ['-addr', addr, '-leak-every', '100ms'], { stdio: 'ignore' });
  await waitForHttp(`http://${addr}/debug/pprof/`, 20_000, child);
  return { url: `http://${addr}`, child };
}

/** Fetches the leak profile's dump (as the capture command does) until it shows at least `min` leaks. */
async function leakDump(s: Service, min: number): Promise<{ url: string; bytes: Uint8Array; text: string }> {
  const kind = captureKind('goroutine-leak');
  const url = endpointUrl(s.url, kind);
  for (let i = 0; ; i++) {
    const bytes = await fetchProfile(url, { timeoutMs: 30_000 });
    checkCaptureBody(kind, bytes, url);
    const text = Buffer.from(bytes).toString('utf8');
    if (countLeakedInDump(text) >= min || i >= 50) return { url, bytes, text };
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the goroutine leak profile of the real sample service', { timeout: 12 * 60_000 }, () => {
  let tmp = '';
  const services: Service[] = [];
  let go127: Service;
  let go126: Service;
  let go126exp: Service;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-leak-'));
    go127 = await start(build(path.join(tmp, 'go1.27.3'), 'go1.27.3'));
    go126 = await start(build(path.join(tmp, 'go1.26.8'), 'go1.26.8', { GOEXPERIMENT: '' }));
    go126exp = await start(build(path.join(tmp, 'go1.26.8-exp'), 'go1.26.8', { GOEXPERIMENT: 'goroutineleakprofile' }));
    services.push(go127, go126, go126exp);
  }, { timeout: 10 * 60_000 });

  after(() => {
    for (const s of services) s.child.kill('SIGKILL');
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the binaries are built by the releases the test means', () => {
    const version = (bin: string) => execFileSync('go', ['version', bin], { env: goEnv(), encoding: 'utf8' });
    assert.match(version(path.join(tmp, 'go1.27.3')), /: go1\.27\.3\b/);
    assert.match(version(path.join(tmp, 'go1.26.8')), /: go1\.26\.8\n/);
    assert.match(version(path.join(tmp, 'go1.26.8-exp')), /: go1\.26\.8-X:goroutineleakprofile\n/);
  });

  it('Go 1.27.3: the captured leak profile shows main.waitForever leaked, created by main.leakLoop at leak.go', async () => {
    const { url, bytes, text } = await leakDump(go127, 3);
    assert.equal(url, `${go127.url}/debug/pprof/goroutineleak?debug=2`);
    const marked = countLeakedInDump(text);
    assert.ok(marked >= 3, `leaked goroutines in the dump: ${marked}`);
    // The capture's name, and the Profiles view's entry from the sidecar the runner writes.
    const name = captureFileName('sample', captureKind('goroutine-leak'), new Date(2026, 11, 7, 15, 30, 0));
    assert.equal(name, 'sample-goroutine-leak-20261207-153000.txt');
    assert.equal(parseCaptureFileName(name)?.kind, 'goroutine-leak');
    const entry = captureEntry(path.join(tmp, name), bytes.length, Date.now(), { kind: 'goroutine-leak', target: 'sample', leaked: marked });
    assert.equal(entry.kind, 'goroutine-leak');
    assert.equal(entry.leaked, marked);

    const view = goroutineViewOf(bytes, name, true);
    assert.equal(view.leak, true);
    const m = goroutinesModel(view.groups, name, path.join(tmp, name), view.leak);
    assert.equal(m.total, (text.match(/^goroutine \d+ \[/gm) ?? []).length, 'every goroutine of the program is in the dump');
    assert.ok(m.leak, 'headed as a leak profile');
    assert.equal(m.leak.leaked, marked, 'exactly the goroutines the runtime marked (leaked)');
    const leaked = m.groups.filter((g) => g.leaked);
    assert.equal(leaked.length, m.leak.groups);
    assert.equal(leaked.reduce((a, g) => a + g.count, 0), marked);
    // One leak: leak.go's. Every leaked goroutine is in it.
    assert.equal(leaked.length, 1, JSON.stringify(leaked.map((g) => [g.state, g.frames[g.userFrame]?.func])));
    const [leak] = leaked;
    assert.equal(leak.frames[leak.userFrame].func, 'main.waitForever');
    assert.equal(leak.frames[leak.userFrame].file, LEAK_GO);
    assert.equal(leak.frames[leak.userFrame].line, RECV_LINE);
    assert.equal(leak.state, 'chan receive (leaked)');
    assert.ok(isLeakedState(leak.state));
    assert.deepEqual(leak.createdBy, { func: 'main.leakLoop', file: LEAK_GO, line: GO_LINE });
    // Nothing else of the service is reported leaked (the contention workers, the HTTP server…).
    assert.ok(m.groups.filter((g) => !g.leaked).every((g) => !isLeakedState(g.state)));
    assert.ok(m.groups.some((g) => !g.leaked && g.frames.some((f) => f.func === 'main.updateShared' || f.func.startsWith('main.contentionLoop'))),
      'the service\'s other goroutines are listed, unmarked');
  });

  it('Go 1.27.3: Watch Goroutines\' snapshot of the leak profile confirms the leaking group with its creation site', async () => {
    const { text } = await leakDump(go127, 1);
    const snap = goroutineSnapshot(text);
    assert.ok(snap.leaked && snap.leaked.size === 1, `leaked groups: ${snap.leaked?.size}`);
    const [[key, count]] = [...snap.leaked];
    const part = snap.parts.find((p) => p.key === key)!;
    assert.equal(count, countLeakedInDump(text));
    assert.equal(part.value, count);
    assert.match(part.title, /^main\.waitForever \[chan receive \(leaked\)\]$/);
    assert.equal(part.site, `created by main.leakLoop at leak.go:${GO_LINE}`);
  });

  it('Go 1.27.3: the protobuf form (goroutineleak without debug) is read as a leak profile', async () => {
    const bytes = await fetchProfile(`${go127.url}/debug/pprof/goroutineleak`, { timeoutMs: 30_000 });
    const view = goroutineViewOf(bytes, 'goroutineleak.pb.gz');
    assert.equal(view.leak, true);
    assert.equal(view.groups.source, 'profile');
    const m = goroutinesModel(view.groups, 'goroutineleak.pb.gz', 'x', view.leak);
    assert.ok(m.leak && m.leak.leaked >= 1 && m.leak.leaked === m.total, JSON.stringify(m.leak));
    assert.ok(m.groups.every((g) => g.leaked));
    assert.ok(m.groups.some((g) => g.frames.some((f) => f.func === 'main.waitForever' && f.line === RECV_LINE)));
  });

  it('Go 1.26.8 without the experiment: 404 "Unknown profile", turned into a message saying how to enable it', async () => {
    const kind = captureKind('goroutine-leak');
    const url = endpointUrl(go126.url, kind);
    // What the server answers, as it is (no interpretation): net/http/pprof's handler, no such profile.
    const raw = await fetch(url);
    assert.equal(raw.status, 404);
    assert.equal((await raw.text()).trim(), 'Unknown profile');
    // The same program serves its other profiles: it is only this one that is missing.
    assert.ok((await fetchProfile(endpointUrl(go126.url, captureKind('goroutine-dump')))).length > 0);

    const e = await fetchProfile(url).then(() => undefined, (x: unknown) => x);
    assert.ok(e instanceof CollectError, String(e));
    assert.equal(e.kind, 'not-served');
    assert.match(e.message, /does not serve the goroutine leak profile \(server response: 404 Not Found - Unknown profile\)/);
    assert.match(e.message, /Go 1\.27 or later/);
    assert.match(e.message, /GOEXPERIMENT=goroutineleakprofile/);
    // The extension's capture failure (captureRunner.failureMessage without vscode: same text here).
    assert.equal(goroutineLeakNotServed(url, 404, 'Unknown profile\n'), e.message);
  });

  it('Go 1.26.8 built with GOEXPERIMENT=goroutineleakprofile: the advice works, the leak is found', async () => {
    const { bytes, text } = await leakDump(go126exp, 1);
    const view = goroutineViewOf(bytes, 'x.txt', true);
    const m = goroutinesModel(view.groups, 'x.txt', 'x', true);
    assert.ok(m.leak && m.leak.leaked >= 1 && m.leak.leaked === countLeakedInDump(text));
    const leak = m.groups.find((g) => g.leaked);
    assert.equal(leak?.createdBy?.func, 'main.leakLoop');
    assert.equal(leak?.frames[leak.userFrame].func, 'main.waitForever');
  });

  it('a 404 elsewhere stays the usual "no such endpoint" message; only goroutineleak URLs are recognised', async () => {
    const e = await fetchProfile(`${go126.url}/debug/pprof/nosuchprofile`).then(() => undefined, (x: unknown) => x);
    assert.ok(e instanceof CollectError);
    assert.equal(e.kind, 'not-found');
    assert.equal(goroutineLeakNotServed('http://h:1/debug/pprof/goroutineleak?debug=2', 404, '404 page not found'), undefined);
    assert.equal(goroutineLeakNotServed('http://h:1/debug/pprof/goroutine?debug=2', 404, 'Unknown profile'), undefined);
    assert.ok(isGoroutineLeakUrl('http://h:1/api/debug/pprof/goroutineleak?debug=1'));
    assert.ok(!isGoroutineLeakUrl('http://h:1/debug/pprof/goroutine'));
  });
});
