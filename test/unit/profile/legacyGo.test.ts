// Go runtime text profiles (?debug=1) against the proto (?debug=0) profiles the same Go program wrote
// at the same moment (test/fixtures/goprograms/dumpprofiles): same totals, and the symbols from the
// "#" lines give the same functions and lines.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../../src/core/profile/parse';
import { Profile } from '../../../src/core/profile/profile';
import { fixture } from './fixturePath';

function totals(p: Profile): number[] {
  return p.sampleType.map((_, i) => p.sample.reduce((a, s) => a + s.value[i], 0));
}

/** Flat value of the last sample type by leaf function (outermost line of the leaf location). */
function flatByFunction(p: Profile): Map<string, number> {
  const out = new Map<string, number>();
  const k = p.sampleType.length - 1;
  for (const s of p.sample) {
    const l = s.location[0];
    const name = l && l.line.length > 0 ? l.line[l.line.length - 1].function.name : '?';
    out.set(name, (out.get(name) ?? 0) + s.value[k]);
  }
  return out;
}

/** Cumulative value of the last sample type by function, each function counted once per sample. */
function cumByFunction(p: Profile): Map<string, number> {
  const out = new Map<string, number>();
  const k = p.sampleType.length - 1;
  for (const s of p.sample) {
    const seen = new Set<string>();
    for (const l of s.location) for (const ln of l.line) seen.add(ln.function.name);
    for (const n of seen) out.set(n, (out.get(n) ?? 0) + s.value[k]);
  }
  return out;
}

for (const name of ['heap', 'goroutine', 'mutex', 'block', 'threadcreate']) {
  test(`${name}?debug=1 has the same totals as ${name}?debug=0`, () => {
    const text = parseProfile(fixture('go', `${name}.debug1.txt`), `${name}.debug1.txt`);
    const proto = parseProfile(fixture('go', `${name}.pb.gz`), `${name}.pb.gz`);
    assert.deepEqual(totals(text), totals(proto));
    assert.deepEqual(
      text.sampleType.map((t) => t.unit),
      proto.sampleType.map((t) => t.unit),
    );
  });
}

test('heap?debug=1: unsampling as pprof (period = rate/2 of the header) and the same flat functions', () => {
  const text = parseProfile(fixture('go', 'heap.debug1.txt'), 'heap');
  const proto = parseProfile(fixture('go', 'heap.pb.gz'), 'heap');
  assert.equal(text.period, proto.period);
  assert.deepEqual(
    text.sampleType.map((t) => t.type),
    ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'],
  );
  const a = flatByFunction(text);
  const b = flatByFunction(proto);
  assert.equal(a.get('main.allocate'), b.get('main.allocate'));
  assert.ok((a.get('main.allocate') ?? 0) > 0);
  // drop_frames (runtime\..*) removed the allocator frames, as with a symbolized proto.
  assert.equal(text.location.some((l) => l.line.some((ln) => ln.function.name === 'runtime.mallocgc')), false);
});

test('mutex/block?debug=1: delays converted from cycles with cycles/second', () => {
  for (const name of ['mutex', 'block']) {
    const text = parseProfile(fixture('go', `${name}.debug1.txt`), name);
    const proto = parseProfile(fixture('go', `${name}.pb.gz`), name);
    assert.deepEqual(
      text.sampleType.map((t) => t.type),
      ['contentions', 'delay'],
    );
    const a = cumByFunction(text);
    const b = cumByFunction(proto);
    assert.equal(a.get('main.contend'), b.get('main.contend'), name);
  }
});

test('goroutine?debug=1: labels, symbols and functions from # lines', () => {
  const text = parseProfile(fixture('go', 'goroutine.debug1.txt'), 'goroutine');
  const labelled = text.sample.filter((s) => s.label);
  assert.equal(labelled.length, 1);
  assert.equal(labelled[0].value[0], 3);
  assert.deepEqual({ ...labelled[0].label }, { kind: ['test'], worker: ['labelled'] });
  const waitOn = text.function.find((f) => f.name === 'main.waitOn');
  assert.ok(waitOn);
  assert.match(waitOn.filename, /dumpprofiles\/main\.go$/);
  const cum = cumByFunction(text);
  assert.equal(cum.get('main.waitOn'), 8);
  assert.equal(cum.get('main.waitOn'), cumByFunction(parseProfile(fixture('go', 'goroutine.pb.gz'))).get('main.waitOn'));
  assert.ok(text.mapping[0].hasFunctions);
});

test('goroutine?debug=2 dump becomes a goroutine/count profile', () => {
  const p = parseProfile(fixture('go', 'goroutine.debug2.txt'), 'goroutine.debug2.txt');
  assert.deepEqual(p.sampleType, [{ type: 'goroutine', unit: 'count' }]);
  assert.equal(totals(p)[0], 9);
  const waiting = p.sample.find((s) => s.location[0].line[0].function.name === 'main.waitOn');
  assert.equal(waiting?.value[0], 8);
  assert.equal(waiting?.location[0].line[0].line, 27);
});
