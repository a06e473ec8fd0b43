// Fuzzing that would have caught the decompression bombs: generated *valid* inputs whose decompressed form has huge
// counts (records of every table, one sample of many frames, packed comments, lines of text), made as
// concatenated gzip members in milliseconds, and real goroutine dumps mutated (lines repeated by the
// thousand, cut, numbers made huge). Whatever the input: a profile, or one ProfileError; and an input
// whose tables alone would take more memory than the limit is refused as "profile too large". Small
// limits (256 KiB–4 MiB) keep each run in memory and fast; test/unit/cli/bombs.test.ts runs the
// full-size bombs on the CLI process and measures its peak RSS.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseProfile } from '../../../src/core/profile/parse';
import { parseGoroutineDump } from '../../../src/core/goroutine/goroutineDump';
import { ProfileError } from '../../../src/core/profile/profileError';
import { PROFILE_HEAD, field, gzipRepeated } from './bombs';
import { fixtureText } from './fixturePath';
import { goroutineViewOf } from '../../../src/extension/goroutines/goroutineModel';

/** A record kind: the unit repeated, and a lower bound of its decoded memory (bytes per record). */
const kinds = {
  samples: { unit: field(0x12, [0x08, 1, 0x10, 1]), cost: 120 },
  emptySamples: { unit: field(0x12, []), cost: 120 },
  strings: { unit: field(0x32, [0x61, 0x62]), cost: 32 },
  functions: { unit: field(0x2a, [0x08, 1]), cost: 64 },
  locations: { unit: field(0x22, [0x08, 1, 0x22, 2, 0x08, 1]), cost: 120 },
  mappings: { unit: field(0x1a, [0x08, 1]), cost: 200 },
  comments: { unit: Uint8Array.of(0x68, 1), cost: 8 },
};
type Kind = keyof typeof kinds;

function outcome(data: Uint8Array, maxBytes: number): string {
  try {
    parseProfile(data, undefined, { maxBytes });
    return 'ok';
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    assert.ok(!e.message.includes('\n'), e.message);
    assert.ok(!/internal error/.test(e.message), e.message);
    return e.message;
  }
}

test('generated valid profiles with huge counts: decoded, or refused as "profile too large" when over the limit', () => {
  const segment = fc.record({
    kind: fc.constantFrom(...(Object.keys(kinds) as Kind[])),
    count: fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 2000, max: 150_000 })),
  });
  fc.assert(
    fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom(256 * 1024, 1 << 20, 2 << 20), (segments, limit) => {
      // The location and function that samples and locations refer to come first, in the head member.
      const head = Uint8Array.from([...PROFILE_HEAD, ...field(0x2a, [0x08, 1]), ...field(0x22, [0x08, 1])]);
      const members = [gzipRepeated(head, new Uint8Array(0), 0)];
      let lowerBound = 0;
      for (const s of segments) {
        members.push(gzipRepeated(new Uint8Array(0), kinds[s.kind].unit, s.count));
        lowerBound += kinds[s.kind].cost * s.count;
      }
      const data = new Uint8Array(Buffer.concat(members.map((m) => Buffer.from(m))));
      const r = outcome(data, limit);
      if (lowerBound > limit) assert.match(r, /^profile too large: /, `${JSON.stringify(segments)} limit ${limit}`);
    }),
    { numRuns: 60 },
  );
});

test('one sample of many frames, and text of many lines, against the limit', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom('stack', 'text', 'dump'), (n, what) => {
      const limit = 1 << 20;
      let data: Uint8Array;
      let bound: number;
      if (what === 'stack') {
        const varint = (x: number) => { const o: number[] = []; while (x >= 0x80) { o.push((x % 0x80) | 0x80); x = Math.floor(x / 0x80); } o.push(x); return o; };
        const inner = varint(n);
        const head = Uint8Array.from([...PROFILE_HEAD, ...field(0x2a, [0x08, 1]), ...field(0x22, [0x08, 1]), 0x12, ...varint(1 + inner.length + n + 2), 0x0a, ...inner]);
        data = gzipRepeated(head, Uint8Array.of(1), n, Uint8Array.of(0x10, 1));
        bound = 8 * n;
      } else {
        data = gzipRepeated(Buffer.from(what === 'dump' ? 'goroutine 1 [running]:\n' : '--- contention:\n'), Uint8Array.of(0x0a), n);
        bound = 40 * n;
      }
      const r = outcome(data, limit);
      if (bound > limit) assert.match(r, /^profile too large: /, `${what} ${n}`);
      else if (what === 'stack') assert.equal(r, 'ok');
    }),
    { numRuns: 25 },
  );
});

const dumps = [fixtureText('go', 'goroutine.debug2.txt')];

test('mutated real goroutine dumps: parsed, or one ProfileError', () => {
  const mutation = fc.oneof(
    // Repeat a run of lines many times (a dump of thousands of goroutines, or of nothing but blanks).
    fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }), times: fc.integer({ min: 1, max: 3000 }) }),
    fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('flip' as const), at: fc.nat(), ch: fc.constantFrom('\n', '\t', ' ', '(', ')', '[', ']', ':', '+', '0', '9', '\r', 'x') }),
    fc.record({ op: fc.constant('number' as const), at: fc.nat(), digits: fc.constantFrom('0', '99999999999999999999999', '-1', '18446744073709551616', '0x') }),
  );
  fc.assert(
    fc.property(fc.constantFrom(...dumps), fc.array(mutation, { minLength: 1, maxLength: 5 }), fc.constantFrom(64 * 1024, 16 << 20), (dump, ops, limit) => {
      let lines = dump.split('\n');
      for (const m of ops) {
        const at = m.at % Math.max(1, lines.length);
        if (m.op === 'repeat') {
          const run = lines.slice(at, at + m.len);
          lines = [...lines.slice(0, at), ...Array.from({ length: m.times }, () => run).flat(), ...lines.slice(at)];
        } else if (m.op === 'cut') {
          lines = lines.slice(0, at);
        } else if (m.op === 'flip') {
          const l = lines[at] ?? '';
          const i = l.length === 0 ? 0 : m.at % l.length;
          lines[at] = l.slice(0, i) + m.ch + l.slice(i + 1);
        } else {
          lines[at] = (lines[at] ?? '').replace(/\d+/, m.digits);
        }
      }
      const text = lines.join('\n');
      for (const f of [() => parseGoroutineDump(text, { bytes: limit }), () => parseProfile(Buffer.from(text), undefined, { maxBytes: limit })]) {
        try {
          f();
        } catch (e) {
          if (!(e instanceof ProfileError)) throw e;
          assert.ok(!/internal error/.test(e.message), e.message);
        }
      }
      if (40 * lines.length + text.length > limit) {
        assert.throws(() => parseGoroutineDump(text, { bytes: limit }), /^ProfileError: profile too large: \d+ lines of text/);
      }
    }),
    { numRuns: 300 },
  );
});

test("the goroutine view's loading path (goroutineViewOf) refuses the same bombs, naming the setting", () => {
  const limit = { bytes: 1 << 20, name: 'pprofLens.maxProfileSizeMiB' };
  const cases: [Uint8Array, RegExp][] = [
    [gzipRepeated(Buffer.from('goroutine 1 [running]:\n'), Uint8Array.of(0x0a), 1_000_000), /^dump: profile too large: 1000001 lines of text .*\(pprofLens\.maxProfileSizeMiB\)$/],
    [gzipRepeated(PROFILE_HEAD, field(0x12, []), 500_000), /^dump: profile too large: 500000 samples, 3 strings would take about .*\(pprofLens\.maxProfileSizeMiB\)$/],
    [gzipRepeated(new Uint8Array(0), new Uint8Array(1 << 16), 64), /^dump: profile too large: decompressed data exceeds the 1 MiB limit \(pprofLens\.maxProfileSizeMiB\)$/],
  ];
  for (const [data, re] of cases) assert.throws(() => goroutineViewOf(data, 'dump', false, limit), (e: unknown) => e instanceof ProfileError && re.test(e.message));
});
