// The Watch panel's value axis: round steps from zero past the largest value.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { chartScale } from '../../../webview-ui/watch/chartScale';

test('goroutine counts: round steps (180 goroutines → 0, 50 … 200, not 0, 49.5 … 198)', () => {
  assert.deepEqual(chartScale(180, 'count'), { top: 200, step: 50, ticks: [0, 50, 100, 150, 200] });
  assert.deepEqual(chartScale(12, 'count').ticks, [0, 5, 10, 15]);
});

test('small counts never get fractional steps', () => {
  for (const max of [0, 1, 2, 3]) {
    const s = chartScale(max, 'count');
    assert.ok(s.ticks.every((t) => Number.isInteger(t)), `${max}: ${s.ticks}`);
    assert.ok(s.top >= max && s.top > 0);
  }
});

test('bytes: steps round in 1024-based units (11.1 MiB → 0, 5 MiB … 15 MiB)', () => {
  const MiB = 1024 * 1024;
  const s = chartScale(11.1 * MiB, 'bytes');
  assert.equal(s.step, 5 * MiB);
  assert.equal(s.top, 15 * MiB);
  assert.deepEqual(chartScale(700, 'bytes').ticks, [0, 200, 400, 600, 800]);
});

test('the top is above the largest value, with at most a handful of steps', () => {
  for (const max of [7, 99, 100, 101, 998, 12345, 3.3e9]) {
    for (const unit of ['count', 'bytes'] as const) {
      const s = chartScale(max, unit);
      assert.ok(s.top > max, `${unit} ${max}: top ${s.top}`);
      assert.ok(s.ticks.length >= 2 && s.ticks.length <= 12, `${unit} ${max}: ${s.ticks.length} ticks`);
      assert.equal(s.ticks[s.ticks.length - 1], s.top);
    }
  }
});
