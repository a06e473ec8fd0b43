// Target addresses as users type them, endpoint URLs per kind, capture file names.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { CAPTURE_KINDS, captureKind } from '../../../src/collect/captureKind';
import { CaptureTarget, configuredHeaders, endpointUrl, hostPort, indexUrl, nextTarget, parseSeconds, parseTargetUrl } from '../../../src/collect/captureTarget';
import { captureFileName, captureTimestamp, parseCaptureFileName, targetSlug } from '../../../src/collect/captureName';

function base(input: string): string {
  const r = parseTargetUrl(input);
  assert.ok(r.ok, `${input}: ${r.ok ? '' : r.message}`);
  return r.baseUrl;
}

function refused(input: string): string {
  const r = parseTargetUrl(input);
  assert.ok(!r.ok, `${input} should be refused, got ${r.ok ? r.baseUrl : ''}`);
  return r.message;
}

describe('parseTargetUrl', () => {
  it('accepts host:port, :port, full URLs and /debug/pprof paths', () => {
    assert.equal(base('localhost:6060'), 'http://localhost:6060');
    assert.equal(base('  localhost:6060  '), 'http://localhost:6060');
    assert.equal(base(':6060'), 'http://localhost:6060');
    assert.equal(base('127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.equal(base('[::1]:6060'), 'http://[::1]:6060');
    assert.equal(base('http://localhost:6060/'), 'http://localhost:6060');
    assert.equal(base('http://localhost:6060/debug/pprof'), 'http://localhost:6060');
    assert.equal(base('http://localhost:6060/debug/pprof/'), 'http://localhost:6060');
    assert.equal(base('http://localhost:6060/debug/pprof/heap?debug=1'), 'http://localhost:6060');
    assert.equal(base('https://svc.example.com'), 'https://svc.example.com');
    assert.equal(base('HTTPS://svc.example.com:8443/admin/debug/pprof/'), 'https://svc.example.com:8443/admin');
    assert.equal(base('myhost'), 'http://myhost');
  });
  it('refuses other schemes, empty input, credentials and garbage, with a message', () => {
    assert.match(refused(''), /localhost:6060/);
    assert.match(refused('ftp://host:21'), /Only http:\/\/ and https:\/\//);
    assert.match(refused('file:///etc/passwd'), /Only http/);
    assert.match(refused('javascript:alert(1)'), /Not an http\(s\) URL/);
    assert.match(refused('http://user:pw@host:1'), /headers/);
    assert.match(refused('http://exa mple:1'), /Not a valid URL/);
  });
});

describe('configuredHeaders', () => {
  it('gives a target known only by its URL (a Profiles view group) the headers its settings entry has', () => {
    const configured: (CaptureTarget & { problem?: string })[] = [
      { name: 'api', baseUrl: 'http://api:6060', headers: { Authorization: 'Bearer t' } },
      { name: 'broken', baseUrl: 'http://broken:1', headers: { X: 'y' }, problem: 'bad' },
      { name: 'plain', baseUrl: 'http://plain:6060' },
    ];
    assert.deepEqual(configuredHeaders('http://api:6060', configured), { Authorization: 'Bearer t' });
    assert.equal(configuredHeaders('http://plain:6060', configured), undefined);
    assert.equal(configuredHeaders('http://broken:1', configured), undefined, 'not from an entry that was skipped');
    assert.equal(configuredHeaders('http://other:6060', configured), undefined);
  });
});

describe('endpoint URLs', () => {
  const b = 'http://localhost:6060';
  it('one per kind, with seconds only on timed kinds', () => {
    assert.equal(endpointUrl(b, captureKind('cpu'), 30), 'http://localhost:6060/debug/pprof/profile?seconds=30');
    assert.equal(endpointUrl(b, captureKind('trace'), 5), 'http://localhost:6060/debug/pprof/trace?seconds=5');
    assert.equal(endpointUrl(b, captureKind('heap'), 30), 'http://localhost:6060/debug/pprof/heap');
    assert.equal(endpointUrl(b, captureKind('goroutine-dump')), 'http://localhost:6060/debug/pprof/goroutine?debug=2');
    // The goroutine leak profile (Go 1.27) in its debug=2 form: every goroutine, the leaked ones marked, with creators.
    assert.equal(endpointUrl(b, captureKind('goroutine-leak'), 30), 'http://localhost:6060/debug/pprof/goroutineleak?debug=2');
    assert.equal(endpointUrl('https://h/admin/', captureKind('mutex')), 'https://h/admin/debug/pprof/mutex');
    assert.equal(indexUrl(b), 'http://localhost:6060/debug/pprof/');
    assert.deepEqual(CAPTURE_KINDS.map((k) => k.endpoint),
      ['profile', 'heap', 'allocs', 'goroutine', 'goroutine', 'goroutineleak', 'block', 'mutex', 'threadcreate', 'trace']);
  });
  it('hostPort spells out default ports', () => {
    assert.equal(hostPort('http://localhost:6060'), 'localhost:6060');
    assert.equal(hostPort('http://h'), 'h:80');
    assert.equal(hostPort('https://h'), 'h:443');
  });
  it('parseSeconds', () => {
    assert.equal(parseSeconds('30'), 30);
    assert.equal(parseSeconds(' 5s '), 5);
    assert.equal(parseSeconds('10 seconds'), 10);
    assert.match(String(parseSeconds('0')), /At least 1/);
    assert.match(String(parseSeconds('1.5')), /whole number/);
    assert.match(String(parseSeconds('-3')), /whole number/);
    assert.match(String(parseSeconds('99999')), /At most 3600/);
  });
});

describe('capture file names', () => {
  const when = new Date(2026, 10, 27, 21, 3, 9); // local time, as names are
  it('<target>-<kind>-<YYYYMMDD-HHMMSS>.<ext>', () => {
    assert.equal(captureTimestamp(when), '20261127-210309');
    assert.equal(captureFileName('localhost:6060', captureKind('cpu'), when), 'localhost-6060-cpu-20261127-210309.pb.gz');
    assert.equal(captureFileName('api (prod)', captureKind('goroutine-dump'), when), 'api-prod-goroutine-dump-20261127-210309.txt');
    assert.equal(captureFileName('[::1]:6060', captureKind('trace'), when), '1-6060-trace-20261127-210309.trace');
  });
  it('slugs are safe file name parts', () => {
    assert.equal(targetSlug('http://localhost:6060'), 'localhost-6060');
    assert.equal(targetSlug('../../etc'), 'etc');
    assert.equal(targetSlug('a/b\\c'), 'a-b-c');
    assert.equal(targetSlug('   '), 'target');
    assert.equal(targetSlug('x'.repeat(200)).length, 80);
  });
  it('names read back, numbered variants included; other names do not', () => {
    for (const k of CAPTURE_KINDS) {
      const name = captureFileName('svc-goroutine', k, when);
      const p = parseCaptureFileName(name);
      assert.ok(p, name);
      assert.equal(p.kind, k.id, name);
      assert.equal(p.target, 'svc-goroutine', name);
      assert.equal(p.time.getTime(), when.getTime());
    }
    assert.equal(parseCaptureFileName('localhost-6060-heap-20261127-210309.3.pb.gz')?.kind, 'heap');
    assert.equal(parseCaptureFileName('cpu.pprof'), undefined);
    assert.equal(parseCaptureFileName('x-cpu-2026-1127.pb.gz'), undefined);
  });
});

describe('nextTarget (what the target status bar item shows)', () => {
  const api: CaptureTarget = { name: 'api', baseUrl: 'http://localhost:6060' };
  const db: CaptureTarget = { name: 'db', baseUrl: 'http://localhost:7070' };
  it('the current target first, even with several saved ones', () => {
    assert.deepEqual(nextTarget(db, [api, db]), { kind: 'current', target: db });
  });
  it('no current target and one configured: that one (Profile 30s uses it), not "no target"', () => {
    assert.deepEqual(nextTarget(undefined, [api]), { kind: 'only', target: api });
  });
  it('several saved targets and none chosen: the user chooses; none: nothing', () => {
    assert.deepEqual(nextTarget(undefined, [api, db]), { kind: 'choose', count: 2 });
    assert.deepEqual(nextTarget(undefined, []), { kind: 'none' });
  });
});
