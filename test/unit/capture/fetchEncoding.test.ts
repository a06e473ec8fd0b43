// An HTTP answer with Content-Encoding: gzip is decoded as Go's http.Transport does (it asks
// for it with Accept-Encoding: gzip), streamed, with the size limit applied to the decoded bytes; a
// real HTTP server on a free port serves each case.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { fetchProfile } from '../../../src/collect/fetchProfile';
import { CollectError } from '../../../src/collect/collectError';
import { parseProfile } from '../../../src/core/profile/parse';
import { PROFILE_HEAD, field, gzipRepeated } from '../profile/bombs';

const profile = gzipRepeated(PROFILE_HEAD, field(0x12, [0x10, 1]), 5);

test('Content-Encoding: gzip answers are decoded (streamed, within maxBytes); Accept-Encoding: gzip is sent', async () => {
  const seen: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers['accept-encoding']);
    if (req.url === '/debug/pprof/heap') {
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Type': 'application/octet-stream' });
      res.end(zlib.gzipSync(profile));
    } else if (req.url === '/debug/pprof/allocs') {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(zlib.gzipSync(new Uint8Array(8 * 2 ** 20)));
    } else if (req.url === '/debug/pprof/block') {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(Buffer.from('not gzip at all'));
    } else {
      res.writeHead(200);
      res.end(profile);
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const got = await fetchProfile(`${base}/debug/pprof/heap`, { timeoutMs: 20_000 });
    assert.deepEqual(Buffer.from(got), Buffer.from(profile));
    assert.equal(parseProfile(got).sample.length, 5);
    assert.equal(seen[0], 'gzip');

    const big = await fetchProfile(`${base}/debug/pprof/allocs`, { timeoutMs: 20_000, maxBytes: 2 ** 20 }).then(() => undefined, (e: unknown) => e);
    assert.ok(big instanceof CollectError && big.kind === 'too-large', String(big));
    assert.match(big.message, /^response larger than 1048576 bytes once decompressed \(Content-Encoding: gzip\)$/);

    const bad = await fetchProfile(`${base}/debug/pprof/block`, { timeoutMs: 20_000 }).then(() => undefined, (e: unknown) => e);
    assert.ok(bad instanceof CollectError && bad.kind === 'io', String(bad));
    assert.match(bad.message, /^bad gzip-encoded response \(Content-Encoding: gzip\): /);

    // A caller's own Accept-Encoding wins; an answer without Content-Encoding is passed as sent.
    const plain = await fetchProfile(`${base}/debug/pprof/mutex`, { timeoutMs: 20_000, headers: { 'accept-encoding': 'identity' } });
    assert.deepEqual(Buffer.from(plain), Buffer.from(profile));
    assert.equal(seen[seen.length - 1], 'identity');
  } finally {
    server.close();
  }
});
