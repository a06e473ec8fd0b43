// fetchProfile and saveCapture against a fault-injecting local HTTP server (hang, reset, HTML, 404,
// 500 with a body, slow drip, truncated body, redirects) and against the real sample service built
// by scripts/gen-profiles.js. Every case is bounded in time.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { CollectError } from '../../src/collect/collectError';
import { fetchProfile } from '../../src/collect/fetchProfile';
import { profileUrl, isUrlSource } from '../../src/collect/profileUrl';
import { saveCapture } from '../../src/collect/saveCapture';
import { generatedDir, runOurs } from './goldenHarness';
import { freePort } from '../testEnv';

const profileBytes = fs.existsSync(path.join(generatedDir, 'service.heap.pb.gz'))
  ? fs.readFileSync(path.join(generatedDir, 'service.heap.pb.gz')) : zlib.gzipSync(Buffer.from([0x0a, 0x04, 0x08, 0x01, 0x10, 0x02]));


async function rejectsWith(p: Promise<unknown>, kind: string, message?: RegExp): Promise<CollectError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof CollectError, `a CollectError, got ${e}`);
    assert.equal(e.kind, kind, `kind (message: ${e.message})`);
    if (message) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected a ${kind} error`);
}

describe('profileUrl (pprof adjustURL)', () => {
  it('adds scheme, default path and seconds like go tool pprof', () => {
    assert.equal(profileUrl('localhost:6060').url, 'http://localhost:6060/debug/pprof/profile');
    assert.equal(profileUrl('http://h:1/').url, 'http://h:1/debug/pprof/profile');
    assert.equal(profileUrl('http://h:1/debug/pprof/').url, 'http://h:1/debug/pprof/profile');
    const u = profileUrl('h:1/debug/pprof/profile', 5);
    assert.equal(u.url, 'http://h:1/debug/pprof/profile?seconds=5');
    assert.equal(u.timeoutMs, 7500);
    assert.equal(profileUrl('http://h:1/debug/pprof/trace?seconds=4').timeoutMs, 6000);
    assert.equal(profileUrl('http://h:1/debug/pprof/heap').timeoutMs, 60000);
    assert.equal(profileUrl('https+insecure://h:1/debug/pprof/heap').insecure, true);
    assert.ok(isUrlSource('localhost:6060'));
    assert.ok(isUrlSource('https://x/debug/pprof/heap'));
    assert.ok(!isUrlSource('cpu.pb.gz'));
    assert.ok(!isUrlSource('/tmp/x:1'));
  });
});

describe('fetchProfile against a faulty server', { timeout: 60_000 }, () => {
  let server: http.Server;
  let base = '';
  let other: http.Server;
  let otherBase = '';
  const seenAuth: { path: string; host: string; auth?: string; cookie?: string }[] = [];
  const sockets = new Set<net.Socket>();
  before(async () => {
    // A second origin (another port) that redirects may lead to: it records the headers it gets.
    other = http.createServer((req, res) => {
      seenAuth.push({ path: req.url ?? '', host: 'other', auth: req.headers.authorization, cookie: req.headers.cookie });
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end(profileBytes);
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    otherBase = `http://127.0.0.1:${(other.address() as net.AddressInfo).port}`;
    server = http.createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      seenAuth.push({ path: u.pathname, host: 'target', auth: req.headers.authorization, cookie: req.headers.cookie });
      switch (u.pathname) {
        case '/redirect-away':
          res.writeHead(302, { Location: `${otherBase}/debug/pprof/heap` });
          res.end();
          return;
        case '/500-escapes':
          res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end(`\x1b[31mprofiling failed\x1b[0m\x07\r\n\x1b]0;owned\x07second line ${'x'.repeat(5000)}`);
          return;
        case '/ok':
          res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
          res.end(profileBytes);
          return;
        case '/seconds':
          res.writeHead(200);
          res.end(profileBytes.length > 0 && u.searchParams.get('seconds') === '3' ? profileBytes : 'wrong seconds');
          return;
        case '/redirect':
          res.writeHead(302, { Location: '/ok' });
          res.end();
          return;
        case '/hang':
          return; // never answers
        case '/reset':
          req.socket.destroy();
          return;
        case '/html':
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          res.end('<!DOCTYPE html><html><body>/debug/pprof/</body></html>');
          return;
        case '/html-no-type':
          res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
          res.end('\n  <html><body>login</body></html>');
          return;
        case '/500':
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Go-Pprof': '1' });
          res.end('Could not enable CPU profiling: cpu profiling already in use\n');
          return;
        case '/drip': {
          res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
          const t = setInterval(() => res.write(Buffer.from([0x1f])), 100);
          res.on('close', () => clearInterval(t));
          return;
        }
        case '/truncated':
          res.writeHead(200, { 'Content-Length': String(profileBytes.length) });
          res.write(profileBytes.subarray(0, 100));
          setTimeout(() => req.socket.destroy(), 50);
          return;
        case '/empty':
          res.writeHead(200);
          res.end();
          return;
        default:
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('404 page not found\n');
      }
    });
    server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  after(() => {
    for (const s of sockets) s.destroy();
    server.close();
    other.close();
  });

  it('sends the target\'s headers to its own origin only, never along a redirect to another one', async () => {
    const headers = { Authorization: 'Bearer secret-token', Cookie: 'session=s3cret' };
    seenAuth.length = 0;
    assert.deepEqual(Buffer.from(await fetchProfile(`${base}/redirect`, { headers })), profileBytes);
    assert.deepEqual(seenAuth.map((h) => [h.host, h.path, h.auth, h.cookie]),
      [['target', '/redirect', 'Bearer secret-token', 'session=s3cret'], ['target', '/ok', 'Bearer secret-token', 'session=s3cret']]);
    seenAuth.length = 0;
    assert.deepEqual(Buffer.from(await fetchProfile(`${base}/redirect-away`, { headers })), profileBytes);
    assert.deepEqual(seenAuth.map((h) => [h.host, h.auth, h.cookie]),
      [['target', 'Bearer secret-token', 'session=s3cret'], ['other', undefined, undefined]]);
  });

  it('an error body with terminal escapes and control characters becomes one short clean line', async () => {
    const e = await rejectsWith(fetchProfile(`${base}/500-escapes`), 'http', /server response: 500 Internal Server Error - profiling failed second line x+…$/);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(e.message, /[\x00-\x1f\x7f]/);
    assert.ok(!e.message.includes('owned'), e.message);
    assert.ok(e.message.length < 500, `${e.message.length} characters`);
  });

  it('fetches bytes, follows redirects, sets seconds', async () => {
    assert.deepEqual(Buffer.from(await fetchProfile(`${base}/ok`)), profileBytes);
    assert.deepEqual(Buffer.from(await fetchProfile(`${base}/redirect`)), profileBytes);
    assert.deepEqual(Buffer.from(await fetchProfile(`${base}/seconds`, { seconds: 3 })), profileBytes);
  });
  it('hang: total timeout', { timeout: 10_000 }, async () => {
    const t0 = Date.now();
    await rejectsWith(fetchProfile(`${base}/hang`, { timeoutMs: 500 }), 'timeout', /timed out after 0.5s waiting for the server/);
    assert.ok(Date.now() - t0 < 3000);
  });
  it('slow drip: total timeout while receiving', { timeout: 10_000 }, async () => {
    await rejectsWith(fetchProfile(`${base}/drip`, { timeoutMs: 700 }), 'timeout', /while receiving/);
  });
  it('cancellation', { timeout: 10_000 }, async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    await rejectsWith(fetchProfile(`${base}/hang`, { signal: ac.signal }), 'cancelled');
    await rejectsWith(fetchProfile(`${base}/ok`, { signal: AbortSignal.abort() }), 'cancelled');
  });
  it('reset', { timeout: 10_000 }, async () => {
    await rejectsWith(fetchProfile(`${base}/reset`, { timeoutMs: 5000 }), 'reset');
  });
  it('truncated body', { timeout: 10_000 }, async () => {
    await rejectsWith(fetchProfile(`${base}/truncated`, { timeoutMs: 5000 }), 'truncated', new RegExp(`after 100 of ${profileBytes.length} bytes`));
  });
  it('HTML instead of a profile', async () => {
    await rejectsWith(fetchProfile(`${base}/html`), 'html', /not a profile/);
    await rejectsWith(fetchProfile(`${base}/html-no-type`), 'html', /not a profile/);
  });
  it('404 hints at net/http/pprof', async () => {
    await rejectsWith(fetchProfile(`${base}/debug/pprof/heap`), 'not-found', /404 Not Found - 404 page not found.*import _ "net\/http\/pprof"/);
  });
  it('500 shows the server error verbatim', async () => {
    await rejectsWith(fetchProfile(`${base}/500`), 'http',
      /^server response: 500 Internal Server Error - Could not enable CPU profiling: cpu profiling already in use$/);
  });
  it('empty body', async () => {
    await rejectsWith(fetchProfile(`${base}/empty`), 'empty');
  });
  it('connection refused', async () => {
    const port = await freePort();
    await rejectsWith(fetchProfile(`127.0.0.1:${port}/debug/pprof/heap`), 'refused', /is the program running\? right port\?/);
  });
  it('bad URL', async () => {
    await rejectsWith(fetchProfile('ftp://x:1/y'), 'bad-url');
  });
});

describe('saveCapture', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-capture-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  it('never overwrites, numbers the next one, leaves no temp files', async () => {
    const a = await saveCapture(dir, 'heap.pb.gz', Buffer.from('one'), { source: 'http://x/heap' });
    const b = await saveCapture(dir, 'heap.pb.gz', Buffer.from('two'));
    const c = await saveCapture(dir, 'heap.pb.gz', Buffer.from('three'), null);
    assert.equal(path.basename(a.path), 'heap.pb.gz');
    assert.equal(path.basename(b.path), 'heap.1.pb.gz');
    assert.equal(path.basename(c.path), 'heap.2.pb.gz');
    assert.equal(fs.readFileSync(a.path, 'utf8'), 'one');
    assert.equal(fs.readFileSync(b.path, 'utf8'), 'two');
    assert.equal(JSON.parse(fs.readFileSync(a.metaPath!, 'utf8')).source, 'http://x/heap');
    assert.equal(c.metaPath, undefined);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    const many = await Promise.all([1, 2, 3, 4, 5].map((i) => saveCapture(dir, 'cpu.pb.gz', Buffer.from(String(i)), null)));
    assert.equal(new Set(many.map((m) => m.path)).size, 5);
  });
  it('rejects names with folders', async () => {
    await assert.rejects(saveCapture(dir, '../x', Buffer.from('')), /invalid capture name/);
  });
});

describe('against the real sample service', { timeout: 90_000 }, () => {
  const exe = path.join(generatedDir, 'bin', 'sample-service');
  let child: ChildProcess | undefined;
  let base = '';
  before(async () => {
    if (!fs.existsSync(exe)) return;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(exe, ['-addr', `127.0.0.1:${port}`, '-leak-every', '100ms'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((r) => http.get(`${base}/`, (res) => { res.resume(); r(true); }).on('error', () => r(false)));
      if (up) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('sample-service did not start');
  });
  after(() => child?.kill('SIGKILL'));

  it('heap, goroutine?debug=1, CPU for 1s', async (t) => {
    if (!child) return t.skip('sample-service not built (node scripts/gen-profiles.js)');
    const heap = await fetchProfile(`${base}/debug/pprof/heap`);
    assert.equal(heap[0], 0x1f);
    assert.equal(heap[1], 0x8b);
    const g = Buffer.from(await fetchProfile(`${base}/debug/pprof/goroutine?debug=1`)).toString();
    assert.match(g, /^goroutine profile: total \d+/);
    const t0 = Date.now();
    const cpu = await fetchProfile(`127.0.0.1:${base.split(':')[2]}`, { seconds: 1 });
    assert.ok(Date.now() - t0 >= 900, 'the CPU profile took the requested second');
    assert.ok(zlib.gunzipSync(cpu).length > 0);
  });
  it('unknown profile: 404 with net/http/pprof body', async (t) => {
    if (!child) return t.skip('sample-service not built');
    await rejectsWith(fetchProfile(`${base}/debug/pprof/nosuch`), 'not-found', /Unknown profile/);
  });
  it('CLI -seconds on host:port (CPU profile)', async (t) => {
    if (!child) return t.skip('sample-service not built');
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-home-'));
    const old = process.env.PPROF_TMPDIR;
    process.env.PPROF_TMPDIR = home;
    try {
      const hostPort = base.replace('http://', '');
      const t0 = Date.now();
      const r = await runOurs(['-raw', '-seconds=1', '-timeout=20', hostPort]);
      assert.ok(Date.now() - t0 >= 900);
      assert.match(r.stderr, new RegExp(`^Fetching profile over HTTP from http://${hostPort}/debug/pprof/profile\\?seconds=1\nPlease wait\\.\\.\\. \\(1s\\)\n`));
      if (r.code !== 0) t.diagnostic(`report engine failed: ${r.stderr}`);
    } finally {
      if (old === undefined) delete process.env.PPROF_TMPDIR;
      else process.env.PPROF_TMPDIR = old;
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
  it('CLI -top on a URL', async (t) => {
    if (!child) return t.skip('sample-service not built');
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-home-'));
    const old = process.env.PPROF_TMPDIR;
    process.env.PPROF_TMPDIR = home;
    try {
      const r = await runOurs(['-top', '-sample_index=alloc_space', `${base}/debug/pprof/allocs`]);
      assert.match(r.stderr, /^Fetching profile over HTTP from http:\/\/127\.0\.0\.1:\d+\/debug\/pprof\/allocs\n/);
      assert.equal(r.code, 0, r.stderr);
      // Go 1.27's binaries carry a build ID in their mappings, which pprof prints.
      assert.match(r.stdout.toString(), /^File: sample-service\n(Build ID: [0-9a-f]+\n)?Type: alloc_space\nTime: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\n/);
      assert.match(r.stderr, /Saved profile in /);
      assert.equal(fs.readdirSync(home).filter((f) => f.endsWith('.pb.gz')).length, 1);
    } finally {
      if (old === undefined) delete process.env.PPROF_TMPDIR;
      else process.env.PPROF_TMPDIR = old;
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
