// A Profiles view group's URL comes from its captures' sidecars, files anyone who wrote the folder could
// have written: captured from without asking only when configured or chosen before; headers (tokens)
// only from the settings; never a non-http URL or one with credentials.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { sidecarTarget } from '../../../src/collect/captureTarget';

const configured = [
  { name: 'api', baseUrl: 'http://localhost:6060', headers: { Authorization: 'Bearer t0ken' } },
  { name: 'broken', baseUrl: 'http://broken:1', problem: 'no "url"' },
];

describe('sidecarTarget', () => {
  it('a configured URL is known and gets its headers', () => {
    assert.deepEqual(sidecarTarget('http://localhost:6060', configured, []),
      { ok: true, baseUrl: 'http://localhost:6060', known: true, headers: { Authorization: 'Bearer t0ken' } });
    // Spelled differently (trailing slash, /debug/pprof), it is the same target.
    const r = sidecarTarget('http://localhost:6060/debug/pprof/', configured, []);
    assert.equal(r.ok && r.known, true);
  });

  it('a URL the user chose before is known, without headers', () => {
    assert.deepEqual(sidecarTarget('http://127.0.0.1:7070', configured, ['http://127.0.0.1:7070']),
      { ok: true, baseUrl: 'http://127.0.0.1:7070', known: true, headers: undefined });
  });

  it('any other URL is not known (the caller asks), and never gets a configured target\'s headers', () => {
    for (const url of ['http://attacker.example:80', 'http://localhost:6061', 'https://localhost:6060', 'http://broken:1']) {
      const r = sidecarTarget(url, configured, ['http://127.0.0.1:7070']);
      assert.equal(r.ok, true, url);
      if (r.ok) {
        assert.equal(r.known, false, url);
        assert.equal(r.headers, undefined, url);
      }
    }
  });

  it('not an http(s) URL, or credentials in it: refused', () => {
    for (const url of ['file:///etc/passwd', 'ftp://x/y', 'http://user:pw@localhost:6060', 'javascript:alert(1)']) {
      const r = sidecarTarget(url, configured, [url]);
      assert.equal(r.ok, false, url);
    }
  });
});
