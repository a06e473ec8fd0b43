// drop_frames / keep_frames applied on load (pprof's RemoveUninteresting + Prune semantics).
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../../src/core/profile/parse';
import { encodeProfile } from '../../../src/core/profile/encode';
import { simplifyFunc } from '../../../src/core/profile/prune';
import { Function, Location, Profile, emptyProfile } from '../../../src/core/profile/profile';
import { ProfileError } from '../../../src/core/profile/profileError';

function build(dropFrames: string, keepFrames: string): Profile {
  const p = emptyProfile();
  p.sampleType = [{ type: 'samples', unit: 'count' }];
  p.periodType = { type: 'cpu', unit: 'nanoseconds' };
  p.dropFrames = dropFrames;
  p.keepFrames = keepFrames;
  const fn = (name: string): Function => {
    const f = { id: p.function.length + 1, name, systemName: name, filename: 'x.cc', startLine: 0 };
    p.function.push(f);
    return f;
  };
  const [main, foo, malloc, inner] = ['main', 'foo(int)', 'malloc(unsigned long)', 'inner'].map(fn);
  const loc = (...fns: Function[]): Location => {
    const l: Location = { id: p.location.length + 1, address: BigInt(p.location.length + 1) * 16n, line: fns.map((f) => ({ function: f, line: 1, column: 0 })), isFolded: false };
    p.location.push(l);
    return l;
  };
  const [lMain, lFoo, lMalloc, lInner, lInlined] = [loc(main), loc(foo), loc(malloc), loc(inner), loc(malloc, foo)];
  p.sample = [
    { location: [lInner, lMalloc, lFoo, lMain], value: [1] },
    { location: [lMalloc, lMain], value: [2] },
    { location: [lInner, lMalloc], value: [3] },
    { location: [lInner, lInlined, lMain], value: [4] },
  ];
  return p;
}

const stacks = (p: Profile) => p.sample.map((s) => s.location.map((l) => l.line.map((ln) => ln.function.name).join('+')));

test('drop_frames cuts the matching frame and everything it called', () => {
  const p = parseProfile(encodeProfile(build('malloc', '')), 't');
  assert.deepEqual(stacks(p), [
    ['foo(int)', 'main'],
    ['main'],
    // the root matches: frames before the first user frame are never pruned
    ['inner', 'malloc(unsigned long)'],
    // inlined malloc inside foo: the location keeps its foo line
    ['foo(int)', 'main'],
  ]);
});

test('keep_frames protects frames that drop_frames matches', () => {
  const p = parseProfile(encodeProfile(build('malloc|inner', 'malloc')), 't');
  assert.deepEqual(stacks(p)[0], ['malloc(unsigned long)', 'foo(int)', 'main']);
});

test('keepAllFrames leaves stacks alone; bad drop_frames regexp is a ProfileError', () => {
  const p = parseProfile(encodeProfile(build('malloc', '')), 't', { keepAllFrames: true });
  assert.equal(p.sample[0].location.length, 4);
  assert.throws(() => parseProfile(encodeProfile(build('malloc(', '')), 't'), ProfileError);
});

test('simplifyFunc as pprof', () => {
  assert.equal(simplifyFunc('.foo(int)'), 'foo');
  assert.equal(simplifyFunc('(anonymous namespace)::f(int)'), '(anonymous namespace)::f');
  assert.equal(simplifyFunc('A::operator()(int)'), 'A::operator()');
  assert.equal(simplifyFunc('main.(*T).f'), 'main.');
});
