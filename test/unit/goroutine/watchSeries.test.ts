import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WatchSeries } from '../../../src/core/watch/watchSeries';

const part = (key: string, value: number) => ({ key, value, title: key });

test('a steadily growing part is flagged after two increases; gaps neither break nor count', () => {
  const s = new WatchSeries();
  s.addSnapshot(1, 10, [part('leak', 3), part('steady', 7)]);
  s.addSnapshot(2, 11, [part('leak', 4), part('steady', 7)]);
  assert.deepEqual(s.suspects(2), []);
  s.addGap(3, 'connection refused');
  assert.ok(s.away);
  s.addSnapshot(4, 12, [part('leak', 5), part('steady', 7)]);
  assert.deepEqual(s.suspects(2).map((x) => [x.key, x.from, x.to, x.increases]), [['leak', 3, 5, 2]]);
  assert.deepEqual(s.series('leak'), [3, 4, null, 5]);
  assert.deepEqual(s.topKeys(1), ['steady']);
});

test('a shrink starts over (a restarted program is no leak yet); an absent part counts 0', () => {
  const s = new WatchSeries();
  s.addSnapshot(1, 0, [part('a', 1)]);
  s.addSnapshot(2, 0, [part('a', 2)]);
  s.addSnapshot(3, 0, [part('a', 1)]);
  s.addSnapshot(4, 0, [part('a', 2)]);
  assert.deepEqual(s.suspects(2), []);
  s.addSnapshot(5, 0, []);
  s.addSnapshot(6, 0, [part('a', 1)]);
  s.addSnapshot(7, 0, [part('a', 2)]);
  assert.equal(s.suspects(2).length, 1);
  // flat stretches do not reset a run
  s.addSnapshot(8, 0, [part('a', 2)]);
  assert.equal(s.suspects(2)[0].increases, 2);
});
