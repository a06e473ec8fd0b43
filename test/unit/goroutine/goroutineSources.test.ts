// Show Goroutines from the palette: "Capture from <target>" comes first, then recent goroutine captures.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CaptureEntry } from '../../../src/collect/captureLibrary';
import { goroutineSources } from '../../../src/extension/goroutines/goroutineSources';

const entry = (fileName: string, kind: CaptureEntry['kind'], time: number): CaptureEntry =>
  ({ path: `/w/.pprof/${fileName}`, fileName, target: 'sample', kind, time, bytes: 10 });
const when = (ms: number) => `t${ms}`;

test('capture from the configured target first, naming it and its URL', () => {
  const s = goroutineSources({ kind: 'only', target: { name: 'sample', baseUrl: 'http://127.0.0.1:6060' } }, [], when);
  assert.equal(s[0].action, 'capture');
  assert.equal(s[0].label, '$(cloud-download) Capture from sample');
  assert.equal(s[0].action === 'capture' && s[0].description, 'http://127.0.0.1:6060');
  assert.deepEqual(s.map((x) => x.action), ['capture', 'browse']);
});

test('without a target: still capture first (the user will be asked), then goroutine captures newest first', () => {
  const lib = [entry('a-cpu.pb.gz', 'cpu', 5), entry('a-goroutine-dump-1.txt', 'goroutine-dump', 1), entry('a-goroutine-3.pb.gz', 'goroutine', 3),
    entry('a-goroutine-leak-2.txt', 'goroutine-leak', 2), entry('notes.pprof', undefined, 9)];
  const s = goroutineSources({ kind: 'choose', count: 3 }, lib, when);
  assert.equal(s[0].label, '$(cloud-download) Capture from a running program…');
  assert.match(s[0].action === 'capture' ? s[0].description : '', /choose among 3 targets/);
  assert.deepEqual(s.filter((x) => x.action === 'open').map((x) => x.label), ['a-goroutine-3.pb.gz', 'a-goroutine-leak-2.txt', 'a-goroutine-dump-1.txt']);
  assert.equal(s[1].action === 'open' && s[1].description, 'sample · t3');
  assert.equal(s[s.length - 1].action, 'browse');
  assert.match(goroutineSources({ kind: 'none' }, [], when)[0].action === 'capture' ? (goroutineSources({ kind: 'none' }, [], when)[0] as { description: string }).description : '', /enter its address/);
});

test('at most max recent captures', () => {
  const lib = Array.from({ length: 15 }, (_, i) => entry(`g-${i}.pb.gz`, 'goroutine', i));
  assert.equal(goroutineSources({ kind: 'none' }, lib, when, 10).filter((x) => x.action === 'open').length, 10);
});

test('watch snapshots are not offered (they stay in their watch folder)', () => {
  const snap = { ...entry('w-goroutine-dump-9.txt', 'goroutine-dump', 9), watch: { folder: 'watch-goroutines-20261207-190500', kind: 'goroutines' as const, time: 1 } };
  const s = goroutineSources({ kind: 'none' }, [snap, entry('g-1.pb.gz', 'goroutine', 1)], when);
  assert.deepEqual(s.filter((x) => x.action === 'open').map((x) => x.label), ['g-1.pb.gz']);
});
