// A legacy contention profile's header numbers are read as Go's strconv.ParseInt(s, 0, 64):
// a "sampling period" beyond int64 makes pprof's parseContention answer errUnrecognized (go tool
// pprof: "unrecognized profile format"), so it is not a contention profile here either.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../../src/core/profile/parse';
import { ProfileError } from '../../../src/core/profile/profileError';

const text = (period: string): Uint8Array =>
  Buffer.from(`--- contention:\ncycles/second=2000000000\nsampling period = ${period}\n10 20 @ 0x1 0x2\n`);

test('a contention "sampling period" out of int64 range is refused as pprof refuses it', () => {
  for (const period of ['9223372036854775808', '-9223372036854775809', '0x8000000000000000', '1__0', '_1', '0x']) {
    assert.throws(() => parseProfile(text(period)), (e: unknown) =>
      e instanceof ProfileError && /^not a profile: unrecognised content \(starts with "--- contention:"\)$/.test(e.message), period);
  }
});

test('periods Go accepts are read with its base-0 syntax', () => {
  const cases: [string, number][] = [['1000', 1000], ['0x10', 16], ['0o17', 15], ['017', 15], ['0b101', 5], ['1_000', 1000], ['+7', 7], ['0', 0]];
  for (const [period, want] of cases) {
    const p = parseProfile(text(period));
    assert.equal(p.period, want, period);
    if (want > 0) assert.equal(p.sample[0].value[0], 20 * want, period);
  }
  assert.equal(parseProfile(text('9223372036854775807')).period, 2 ** 63);
});
