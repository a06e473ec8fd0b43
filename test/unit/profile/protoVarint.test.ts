// The hand-written varint reader/writer: exact for every int64 that is a safe JS integer, exact for
// every uint64 as bigint, counting the rest as unsafe; pprof's 10-byte limit.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ProtoReader } from '../../../src/core/profile/protoReader';
import { ProtoWriter } from '../../../src/core/profile/protoWriter';
import { ProfileError } from '../../../src/core/profile/profileError';

test('safe int64 values round trip', () => {
  fc.assert(
    fc.property(fc.array(fc.maxSafeInteger(), { maxLength: 50 }), (vals) => {
      const w = new ProtoWriter();
      for (const v of vals) w.varint(v);
      const r = new ProtoReader(w.finish());
      assert.deepEqual(
        vals.map(() => r.int64()),
        vals.map((v) => (v === 0 ? 0 : v)),
      );
      assert.equal(r.unsafe, 0);
    }),
  );
});

test('uint64 values round trip as bigint; big int64 counted unsafe', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 0xffffffffffffffffn }), (v) => {
      const w = new ProtoWriter();
      w.varintBig(v);
      const r = new ProtoReader(w.finish());
      r.varint();
      assert.equal(r.uint64Big(), v);
      const signed = BigInt.asIntN(64, v);
      const n = r.int64Value();
      const safe = signed >= -(2n ** 53n) && signed <= 2n ** 53n;
      assert.equal(r.unsafe, safe ? 0 : 1);
      if (safe) assert.equal(n, Number(signed));
    }),
  );
});

test('varints longer than 10 bytes or cut short are errors', () => {
  assert.throws(() => new ProtoReader(new Uint8Array(11).fill(0x80)).varint(), ProfileError);
  assert.throws(() => new ProtoReader(new Uint8Array([0x80, 0x80])).varint(), ProfileError);
});
