// Robustness: whatever the bytes, parseProfile returns a profile or throws ProfileError, quickly.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gzip } from 'pako';
import { parseProfile } from '../../../src/core/profile/parse';
import { parseGoroutineDump } from '../../../src/core/goroutine/goroutineDump';
import { encodeProfileUncompressed } from '../../../src/core/profile/encode';
import { ProfileError } from '../../../src/core/profile/profileError';
import { fixture } from './fixturePath';

function parsesOrProfileError(data: Uint8Array): void {
  try {
    parseProfile(data, 'fuzz');
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
  }
}

const proto = encodeProfileUncompressed(parseProfile(fixture('synthetic', 'heap_tags.pb.gz'), 'heap_tags', { keepAllFrames: true }));
const legacyTexts = ['go/goroutine.debug1.txt', 'go/mutex.debug1.txt', 'go/block.debug1.txt', 'go/goroutine.debug2.txt',
  'profile_testdata/cppbench.heap', 'profile_testdata/cppbench.contention', 'profile_testdata/cppbench.thread',
  'profile_testdata/gobench.heap', 'profile_testdata/go.godoc.thread'].map((f) => fixture(...f.split('/')));

test('random bytes', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (b) => parsesOrProfileError(b)), { numRuns: 2000 });
});

test('random bytes behind a gzip magic, and gzip of random bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 512 }), (b) => {
      parsesOrProfileError(new Uint8Array([0x1f, 0x8b, ...b]));
      parsesOrProfileError(gzip(b));
    }),
    { numRuns: 500 },
  );
});

test('truncated gzip always says so', () => {
  const gz = fixture('synthetic', 'sample.cpu');
  fc.assert(
    fc.property(fc.integer({ min: 2, max: gz.length - 1 }), (n) => {
      assert.throws(() => parseProfile(gz.subarray(0, n), 'cut'), (e: unknown) => e instanceof ProfileError && /gzip/.test(e.message));
    }),
    { numRuns: 300 },
  );
});

test('truncated and bit-flipped protobuf', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: proto.length }), fc.array(fc.nat(), { maxLength: 8 }), (cut, flips) => {
      const b = proto.slice(0, cut);
      for (const f of flips) if (b.length > 0) b[f % b.length] ^= 1 << (f % 8);
      parsesOrProfileError(b);
    }),
    { numRuns: 2000 },
  );
});

test('mutated legacy text', () => {
  fc.assert(
    fc.property(
      fc.nat(legacyTexts.length - 1),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom('9', '0x', ' ', '\n', '#', '@', '-', '99999999999999999999', '\t', ':', '[', 'x')), {
        maxLength: 10,
      }),
      (k, edits) => {
        let s = new TextDecoder().decode(legacyTexts[k]);
        for (const [pos, ins] of edits) {
          const i = pos % (s.length + 1);
          s = s.slice(0, i) + ins + s.slice(i);
        }
        parsesOrProfileError(new TextEncoder().encode(s));
      },
    ),
    { numRuns: 1000 },
  );
});

test('hostile text: huge counts, deep stacks, absurd lengths stay bounded', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const addrs = (n: number) => Array.from({ length: n }, (_, i) => ' 0x' + (0x400000 + i).toString(16)).join('');
  const started = Date.now();
  parsesOrProfileError(enc('goroutine profile: total 1\n99999999999999999999 @ 0x1\n'));
  parsesOrProfileError(enc('goroutine profile: total 1\n9223372036854775807 @ 0x1 0xffffffffffffffffff\n'));
  const big = parseProfile(enc('goroutine profile: total 1\n9223372036854775807 @ 0x1\n'), 'big');
  assert.equal(big.unsafeValues, 1);
  const d = parseProfile(enc('goroutine profile: total 1\n1 @' + addrs(5000) + '\n'), 'deep');
  assert.equal(d.sample[0].location.length, 5000);
  // Like pprof (bufio.Scanner), lines over 64 KiB are refused.
  assert.throws(() => parseProfile(enc('goroutine profile: total 1\n1 @' + addrs(200000) + '\n'), 'deeper'), /longer than 64 KiB/);
  // Patterns that make a backtracking regexp engine cubic (pprof's are RE2, linear).
  const digits = '1'.repeat(60000);
  parsesOrProfileError(enc('--- contentionz 1 ---\ncycles/second = 1\n' + digits + '\n'));
  parsesOrProfileError(enc('heap profile: 1: 2 [3: 4] @ heap/2\n' + digits + '\n'));
  parsesOrProfileError(enc('--- heapz 1 ---\nformat = java\n' + '1 '.repeat(30000) + '\n'));
  parsesOrProfileError(enc('goroutine profile: total 1\n1 @ 0x1\n#\t0x0\t' + 'a\t'.repeat(30000) + '\n'));
  parsesOrProfileError(enc('goroutine profile: total 1\n1 @ 0x1\n--- Memory map: ---\n' + 'f'.repeat(60000) + '\n'));
  parsesOrProfileError(enc('goroutine 1 [running]:\ncreated by ' + 'x '.repeat(30000) + '\n\t' + ':'.repeat(60000) + '\n'));
  parsesOrProfileError(enc('heap profile: 1: 2 [3: 4] @ heap/99999999999999999999999\n1: 2 [3: 4] @ 0x1\n'));
  parsesOrProfileError(enc('--- mutex:\ncycles/second=99999999999999999999\n1 1 @ 0x1\n'));
  parsesOrProfileError(enc('x'.repeat(5_000_000)));
  parsesOrProfileError(enc('goroutine 1 [running]:\n' + 'f()\n\t/a.go:1 +0x1\n'.repeat(100000)));
  parsesOrProfileError(enc('goroutine 99999999999999999999999 [running]:\n'));
  assert.ok(Date.now() - started < 20000, 'hostile inputs took too long');
});

test('goroutine dump parser: arbitrary text never throws anything but ProfileError', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) => {
      try {
        parseGoroutineDump('goroutine 1 [running]:\n' + s);
      } catch (e) {
        if (!(e instanceof ProfileError)) throw e;
      }
    }),
    { numRuns: 1000 },
  );
});

test('messages are clear', () => {
  const msg = (b: Uint8Array) => {
    try {
      parseProfile(b, 'f');
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };
  assert.equal(msg(new TextEncoder().encode('<html><body>404</body></html>')), 'f: not a profile: unrecognised content (starts with "<html><body>404</body></html>")');
  assert.equal(msg(new Uint8Array(0)), 'f: empty input');
  assert.equal(msg(fixture('synthetic', 'sample.cpu').subarray(0, 100)), 'f: truncated gzip data');
});
