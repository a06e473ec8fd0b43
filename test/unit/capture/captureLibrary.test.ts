// The Profiles view's data: captures read from a folder (sidecar first, then name, then mtime),
// grouped by target and kind, newest first; and probing for net/http/pprof's index page.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { captureEntry, captureRenameProblem, groupCaptures, isCaptureFile, readCaptureLibrary } from '../../../src/collect/captureLibrary';
import { captureKind } from '../../../src/collect/captureKind';
import { captureFileName } from '../../../src/collect/captureName';
import { looksLikePprofIndex, probePprof } from '../../../src/collect/probePprof';
import { saveCapture } from '../../../src/collect/saveCapture';

describe('capture library', () => {
  it('lists capture files, not sidecars, temp or hidden files', () => {
    assert.ok(isCaptureFile('a-cpu-20260101-000000.pb.gz'));
    assert.ok(isCaptureFile('x.trace'));
    assert.ok(isCaptureFile('dump.txt'));
    assert.ok(!isCaptureFile('a.pb.gz.json'));
    assert.ok(!isCaptureFile('.a.pb.gz.123.abc.tmp'));
    assert.ok(!isCaptureFile('.hidden.pb.gz'));
  });

  it('refuses a new name under which the Profiles view would no longer list the capture', () => {
    const none = () => false;
    const old = 'api-cpu-20260101-000000.pb.gz';
    assert.equal(captureRenameProblem(old, 'before-the-fix.pb.gz', none), undefined);
    assert.equal(captureRenameProblem(old, old, () => true), undefined, 'unchanged');
    assert.equal(captureRenameProblem(old, ' spaced.pprof ', none), undefined);
    for (const bad of ['before-the-fix', 'cpu.gz', 'notes.json', 'api-cpu.pb.gz.json']) {
      assert.match(captureRenameProblem(old, bad, none) ?? '', /Keep an extension/, bad);
    }
    for (const bad of ['', '  ', 'sub/x.pb.gz', '..', 'a\\b.pb.gz']) assert.match(captureRenameProblem(old, bad, none) ?? '', /without folders/, bad);
    assert.match(captureRenameProblem(old, '.x.pb.gz', none) ?? '', /hidden/);
    assert.equal(captureRenameProblem(old, 'taken.pb.gz', (n) => n === 'taken.pb.gz'), 'taken.pb.gz already exists');
  });

  it('groups by target then kind, newest first everywhere', () => {
    const e = (target: string, kind: 'cpu' | 'heap' | undefined, time: number, name = `${target}-${kind}-${time}`) =>
      ({ path: `/d/${name}`, fileName: name, target, kind, time, bytes: 1 });
    const groups = groupCaptures([
      e('api', 'cpu', 100), e('api', 'heap', 300), e('api', 'cpu', 200),
      e('db', 'cpu', 250), e('other', undefined, 50),
    ]);
    assert.deepEqual(groups.map((g) => g.target), ['api', 'db', 'other']);
    assert.deepEqual(groups[0].kinds.map((k) => k.label), ['heap profile', 'CPU profile']);
    assert.deepEqual(groups[0].kinds[1].entries.map((x) => x.time), [200, 100]);
    assert.equal(groups[2].kinds[0].label, 'unknown kind');
    assert.equal(groups[0].baseUrl, undefined);
    const withUrls = groupCaptures([{ ...e('api', 'cpu', 1), targetUrl: 'http://old:1' }, { ...e('api', 'heap', 2), targetUrl: 'http://new:1' }, e('api', 'cpu', 3)]);
    assert.equal(withUrls[0].baseUrl, 'http://new:1', 'the newest capture that records a URL');
    assert.deepEqual(groupCaptures([]), []);
  });

  it('sidecar beats the name, the name beats mtime', () => {
    const name = captureFileName('localhost:6060', captureKind('heap'), new Date(2026, 0, 2, 3, 4, 5));
    const fromName = captureEntry(`/d/${name}`, 10, 0, {});
    assert.equal(fromName.target, 'localhost-6060');
    assert.equal(fromName.kind, 'heap');
    assert.equal(fromName.time, new Date(2026, 0, 2, 3, 4, 5).getTime());
    const fromMeta = captureEntry('/d/renamed.pb.gz', 10, 0, { target: 'localhost:6060', targetUrl: 'http://localhost:6060', kind: 'cpu', capturedAt: '2026-01-01T00:00:00.000Z', seconds: 30, source: 'http://x' });
    assert.deepEqual([fromMeta.target, fromMeta.kind, fromMeta.time, fromMeta.seconds, fromMeta.url, fromMeta.targetUrl],
      ['localhost:6060', 'cpu', Date.parse('2026-01-01T00:00:00.000Z'), 30, 'http://x', 'http://localhost:6060']);
    const bare = captureEntry('/d/mine.pprof', 10, 1234, { kind: 'nonsense' });
    assert.deepEqual([bare.target, bare.kind, bare.time], ['other files', undefined, 1234]);
  });

  it('reads a folder written by saveCapture (and a missing folder as empty)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-lib-'));
    try {
      assert.deepEqual(await readCaptureLibrary(path.join(dir, 'nope')), []);
      const when = new Date(2026, 5, 1, 12, 0, 0);
      const name = captureFileName('svc', captureKind('cpu'), when);
      await saveCapture(dir, name, Buffer.from('a'), { target: 'svc', kind: 'cpu', seconds: 3, capturedAt: when.toISOString() });
      await saveCapture(dir, name, Buffer.from('bb'), { target: 'svc', kind: 'cpu', seconds: 3, capturedAt: new Date(when.getTime() + 1000).toISOString() });
      fs.writeFileSync(path.join(dir, 'notes.md'), 'not a capture');
      fs.mkdirSync(path.join(dir, 'sub.pb.gz'));
      const entries = await readCaptureLibrary(dir);
      const groups = groupCaptures(entries);
      assert.equal(groups.length, 1);
      assert.deepEqual(groups[0].kinds[0].entries.map((x) => [x.fileName, x.bytes, x.seconds]), [
        [name.replace('.pb.gz', '.1.pb.gz'), 2, 3],
        [name, 1, 3],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('probePprof', { timeout: 20_000 }, () => {
  const INDEX = '<html><head><title>/debug/pprof/</title></head><body>/debug/pprof/<br><p>Set debug=1 as a query parameter to export in legacy text format</p><br>Types of profiles available:<a href="goroutine?debug=1">goroutine</a></body></html>';

  it('recognises the index page', () => {
    assert.ok(looksLikePprofIndex(INDEX));
    assert.ok(!looksLikePprofIndex('<html>hello</html>'));
  });

  it('true for net/http/pprof, false for 404, other pages, refused and hanging ports', async () => {
    const hang: http.ServerResponse[] = [];
    const srv = http.createServer((req, res) => {
      if (req.url === '/debug/pprof/' && req.headers['x-app'] === 'good') res.end(INDEX);
      else if (req.headers['x-app'] === 'hang') hang.push(res);
      else if (req.headers['x-app'] === 'other') res.end('<html>welcome</html>');
      else { res.statusCode = 404; res.end('404 page not found'); }
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(srv.address() as net.AddressInfo).port}`;
    try {
      assert.equal(await probePprof(base, 2000, { 'x-app': 'good' }), true);
      assert.equal(await probePprof(base, 2000, { 'x-app': 'other' }), false);
      assert.equal(await probePprof(base, 2000), false);
      const t0 = Date.now();
      assert.equal(await probePprof(base, 300, { 'x-app': 'hang' }), false);
      assert.ok(Date.now() - t0 < 2000);
      const closed = await new Promise<number>((r) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => r(p)); }); });
      assert.equal(await probePprof(`http://127.0.0.1:${closed}`, 2000), false);
      assert.equal(await probePprof('not a url'), false);
    } finally {
      for (const r of hang) r.destroy();
      srv.close();
      srv.closeAllConnections();
    }
  });
});
