// A 200 answer that is not what the endpoint serves (a catch-all handler's page, for a target address
// with a wrong path) is refused before it is saved as a capture; anything that may be a profile passes.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { checkCaptureBody } from '../../../src/collect/captureBody';
import { captureKind } from '../../../src/collect/captureKind';
import { CollectError } from '../../../src/collect/collectError';
import { fixtureDir } from '../profile/fixturePath';

const go = (f: string) => new Uint8Array(fs.readFileSync(path.join(fixtureDir, 'go', f)));
const text = (s: string) => new TextEncoder().encode(s);
const catchAll = text('sample-service: see /debug/pprof/\nprimes so far: 3245\n');

function refused(fn: () => void): CollectError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CollectError, String(e));
    return e;
  }
  assert.fail('not refused');
}

describe('the body of a capture', () => {
  it('passes real profiles: gzipped protobuf, legacy text, goroutine dumps, execution traces', () => {
    for (const [kind, f] of [['heap', 'heap.pb.gz'], ['goroutine', 'goroutine.pb.gz'], ['block', 'block.pb.gz'], ['heap', 'heap.debug1.txt'],
      ['goroutine', 'goroutine.debug1.txt'], ['goroutine-dump', 'goroutine.debug2.txt']] as const) {
      assert.doesNotThrow(() => checkCaptureBody(captureKind(kind), go(f)), f);
    }
    const trace = new Uint8Array(fs.readFileSync(path.join(fixtureDir, '..', 'trace', 'v1_golang-go_src_internal_trace_internal_tracev1_testdata', 'http_1_19_good')));
    assert.doesNotThrow(() => checkCaptureBody(captureKind('trace'), trace));
  });

  it('passes a damaged gzip, a plain or cut protobuf (saved, so the parse error can be shown; nothing is thrown away)', () => {
    const heap = go('heap.pb.gz');
    assert.doesNotThrow(() => checkCaptureBody(captureKind('heap'), heap.subarray(0, heap.length / 2)));
    const raw = new Uint8Array(zlib.gunzipSync(heap)); // an uncompressed protobuf, as servers other than net/http/pprof send
    assert.doesNotThrow(() => checkCaptureBody(captureKind('heap'), raw));
    assert.doesNotThrow(() => checkCaptureBody(captureKind('heap'), raw.subarray(0, 100)));
  });

  it('refuses a catch-all handler\'s text for every kind, quoting its first line in one sentence', () => {
    for (const kind of ['cpu', 'heap', 'allocs', 'goroutine', 'goroutine-dump', 'block', 'mutex', 'threadcreate', 'trace'] as const) {
      const e = refused(() => checkCaptureBody(captureKind(kind), catchAll, 'http://h:1/api/debug/pprof/x'));
      assert.equal(e.kind, 'not-profile');
      assert.equal(e.message, `not a ${captureKind(kind).label}: the server answered with text starting with "sample-service: see /debug/pprof/"; ` +
        'is the path of the target\'s address right (it should lead to /debug/pprof/)?');
      assert.ok(!e.message.includes('\n'));
    }
  });

  it('says how big binary junk was instead of quoting it; shortens long lines', () => {
    assert.match(refused(() => checkCaptureBody(captureKind('trace'), go('heap.pb.gz'))).message, /answered with \d+ bytes of something else;/);
    assert.match(refused(() => checkCaptureBody(captureKind('heap'), text(`${'x'.repeat(100)}\n`))).message, /starting with "x{60}…";/);
  });
});
