// Property tests of the engine on random profiles: invariants pprof's graph guarantees, and no
// report format throws on well-formed input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { emptyProfile, Function as PFunction, Location, Profile } from '../../../src/core/profile/profile';
import { generateReport } from '../../../src/core/report/generateReport';
import { topTable } from '../../../src/core/report/topTable';
import { optionsFromFlags } from './pprofFlags';

const arbProfile = fc
  .record({
    nfn: fc.integer({ min: 1, max: 8 }),
    locs: fc.array(fc.array(fc.nat(7), { minLength: 0, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
    samples: fc.array(
      fc.record({
        stack: fc.array(fc.nat(11), { minLength: 0, maxLength: 10 }),
        v: fc.integer({ min: 0, max: 1000 }),
        label: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 30 },
    ),
  })
  .map(({ nfn, locs, samples }): Profile => {
    const p = emptyProfile();
    p.sampleType = [{ type: 'cpu', unit: 'nanoseconds' }];
    const fns: PFunction[] = [];
    for (let i = 0; i < nfn; i++) fns.push({ id: i + 1, name: `pkg.f${i}`, systemName: `pkg.f${i}`, filename: `/x/f${i % 3}.go`, startLine: 1 });
    p.function = fns;
    p.location = locs.map(
      (ls, i): Location => ({
        id: i + 1,
        address: BigInt(0x1000 + i),
        line: ls.map((f, k) => ({ function: fns[f % nfn], line: 10 + k, column: 0 })),
        isFolded: false,
      }),
    );
    p.sample = samples.map((s) => ({
      location: s.stack.map((l) => p.location[l % p.location.length]),
      value: [s.v],
      ...(s.label ? { label: { k: [s.label] } } : {}),
    }));
    return p;
  });

test('flat sums to the total and cum >= flat on every node (no trimming)', () => {
  fc.assert(
    fc.property(arbProfile, fc.constantFrom('functions', 'lines', 'addresses', 'files'), fc.boolean(), (p, gran, noinl) => {
      const o = optionsFromFlags(`-top -nodefraction=0 -edgefraction=0 -${gran}${noinl ? ' -noinlines' : ''}`);
      const t = topTable(p, o);
      // Samples with no locations count in the total but land on no node.
      const placed = p.sample.filter((s) => s.location.length > 0);
      const flat = t.rows.reduce((a, r) => a + r.flat, 0);
      assert.equal(flat, placed.reduce((a, s) => a + s.value[0], 0));
      for (const r of t.rows) {
        assert.ok(r.cum >= r.flat);
        assert.ok(r.cum <= t.total);
      }
    }),
    { numRuns: 200 },
  );
});

test('every format renders random profiles without throwing', () => {
  const formats = ['-top', '-top -cum -lines', '-traces', '-tree', '-dot', '-dot -call_tree', '-raw', '-tags', '-peek=f1', '-list=.'];
  fc.assert(
    fc.property(arbProfile, fc.constantFrom(...formats), fc.constantFrom('', '-focus=f2', '-hide=f1 -show=f', '-tagfocus=k=a', '-nodecount=3'), (p, fmt, extra) => {
      try {
        const out = generateReport(p, optionsFromFlags(`${fmt} ${extra}`), { readSource: () => 'a\nb\nc\n' });
        assert.equal(typeof out, 'string');
      } catch (e) {
        // The only allowed failure: peek/list finding nothing.
        assert.match(String(e), /no matches found for regexp/);
      }
    }),
    { numRuns: 300 },
  );
});
