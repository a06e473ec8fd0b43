// Snapshots of Watch Goroutines (debug=2 dump groups) and Watch Heap (inuse_space by
// function, as pprof -top -sample_index=inuse_space), on the generated captures of the sample service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { goroutineSnapshot, heapSnapshot, watchValueLabel } from '../../../src/extension/watch/watchSnapshot';
import { WatchSeries } from '../../../src/core/watch/watchSeries';
import { parseProfile } from '../../../src/core/profile/parse';
import { fixtureDir } from '../profile/fixturePath';

const generated = path.join(fixtureDir, '..', 'generated');

test('goroutine snapshot: exact total, groups keyed stably, the leak with its creation site', () => {
  const text = fs.readFileSync(path.join(generated, 'service.goroutine.debug2.txt'), 'utf8');
  const a = goroutineSnapshot(text);
  const b = goroutineSnapshot(text);
  assert.equal(a.total, (text.match(/^goroutine \d+ \[/gm) ?? []).length);
  assert.equal(a.parts.reduce((s, p) => s + p.value, 0), a.total);
  assert.deepEqual(a.parts.map((p) => p.key), b.parts.map((p) => p.key));
  const leak = a.parts.find((p) => p.title.startsWith('main.waitForever'));
  assert.ok(leak, 'the sample service leaks in main.waitForever');
  assert.match(leak.site ?? '', /^created by main\.leakLoop at leak\.go:\d+$/);
  // Two snapshots where only the leak grew: flagged after two increases, nothing else.
  const s = new WatchSeries();
  for (let i = 0; i < 3; i++) s.addSnapshot(i, a.total + i, a.parts.map((p) => (p === leak ? { ...p, value: p.value + i } : p)));
  assert.deepEqual(s.suspects(2).map((x) => x.key), [leak.key]);
});

test('heap snapshot: total and per-function in-use bytes as pprof -top -sample_index=inuse_space', () => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(generated, 'service.heap.pb.gz')));
  const snap = heapSnapshot(bytes, 'service.heap.pb.gz');
  const p = parseProfile(bytes, 'service.heap.pb.gz');
  const idx = p.sampleType.findIndex((t) => t.type === 'inuse_space');
  const total = p.sample.reduce((s, x) => s + x.value[idx], 0);
  assert.equal(snap.total, total);
  assert.ok(snap.parts.length > 0);
  assert.ok(snap.parts.reduce((s, x) => s + x.value, 0) <= total);
  assert.throws(() => heapSnapshot(new Uint8Array(fs.readFileSync(path.join(generated, 'service.cpu.pb.gz'))), 'cpu'), /not a heap profile/);
});

test('suspect values in messages: goroutine counts as they are, heap bytes as pprof prints them', () => {
  assert.equal(watchValueLabel('goroutines', 170), '170');
  assert.equal(watchValueLabel('heap', 9481554), '9.04MB');
  assert.equal(watchValueLabel('heap', 512), '512B');
});
