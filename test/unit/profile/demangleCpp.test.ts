// The C++ demangler of pprof's name simplification (src/core/profile/demangleCpp.ts) on hostile
// input: any text after `_Z` gives a name or undefined, never an exception, in bounded time, also
// for nesting no compiler writes (a stack overflow would abort loading the profile). Its output is
// compared with go tool pprof's in test/golden/symbolize.test.ts.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { demangleCppDefault } from '../../../src/core/profile/demangleCpp';
import { symbolizeNames } from '../../../src/core/profile/symbolize';
import { emptyProfile } from '../../../src/core/profile/profile';

const alphabet = fc.constantFrom(...'_0123456789NESIJLTDCKPROVrFAMXabcdefghijlmnostuvwxyz.@'.split(''));

test('random mangled-looking names: a name or undefined, never an exception', () => {
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 80 }), (chars) => {
      const r = demangleCppDefault('_Z' + chars.join(''));
      assert.ok(r === undefined || typeof r === 'string');
    }),
    { numRuns: 3000, seed: 20 },
  );
});

test('deep nesting is refused, not a stack overflow', () => {
  const t0 = Date.now();
  assert.equal(demangleCppDefault('_Z3fooI' + 'P'.repeat(200_000) + 'iEv'), undefined);
  assert.equal(demangleCppDefault('_Z1aI' + '1aI'.repeat(100_000) + 'i' + 'E'.repeat(100_001)), undefined);
  // A long flat name is fine (no recursion per component).
  assert.equal(demangleCppDefault('_ZN' + '3foo'.repeat(20_000) + 'Ev')?.split('::').length, 20_000);
  assert.ok(Date.now() - t0 < 5_000);
  // Through the step that runs on every profile: no exception escapes.
  const p = { ...emptyProfile(), function: [{ id: 1, name: '_Z3fooI' + 'P'.repeat(200_000) + 'iEv', systemName: '_Z3fooI' + 'P'.repeat(200_000) + 'iEv', filename: '', startLine: 0 }] };
  symbolizeNames(p);
  assert.ok(p.function[0].name.startsWith('_Z3fooI'));
});

test('a few names of the subset, printed as go tool pprof prints them (checked live in the golden test)', () => {
  assert.equal(demangleCppDefault('_ZNSt6vectorIiSaIiEE9push_backERKi'), 'std::vector::push_back');
  assert.equal(demangleCppDefault('_ZN12_GLOBAL__N_16worker3runEv'), '(anonymous namespace)::worker::run');
  assert.equal(demangleCppDefault('_ZNSsC1Ev'), 'std::basic_string::basic_string');
  assert.equal(demangleCppDefault('_ZN3foolsERKi'), 'foo::operator<<');
  assert.equal(demangleCppDefault('_ZTV3Foo'), undefined);
});
