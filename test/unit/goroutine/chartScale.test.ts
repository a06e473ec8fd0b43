// The Watch panel's value axis: round steps from zero past the largest value.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { chartRange, chartScale } from '../../../webview-ui/watch/chartScale';

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

test('527 → 547 goroutines: the axis is scaled to the data (non-zero baseline), not drawn from 0', () => {
  const r = chartRange(527, 547, 'count');
  assert.ok(r.bottom > 0 && r.bottom <= 527, `bottom ${r.bottom}`);
  assert.ok(r.top >= 547 && r.top - r.bottom <= 60, `top ${r.top}, bottom ${r.bottom}`);
  // the change fills at least a third of the height (from 0 it would be under 4%)
  assert.ok((547 - 527) / (r.top - r.bottom) > 1 / 3);
  assert.equal(r.ticks[0], r.bottom);
  assert.equal(r.ticks[r.ticks.length - 1], r.top);
  assert.ok(r.ticks.every((t) => Number.isInteger(t) && t % r.step === 0), `${r.ticks}`);
});

test('values spanning much of the range still start at 0; a constant series gets a band around it', () => {
  assert.equal(chartRange(100, 300, 'count').bottom, 0);
  assert.deepEqual(chartRange(0, 12, 'count').ticks, [0, 5, 10, 15]);
  const c = chartRange(527, 527, 'count');
  assert.ok(c.bottom < 527 && c.top > 527, `${c.bottom} … ${c.top}`);
  const MiB = 1024 * 1024;
  const b = chartRange(40 * MiB, 41 * MiB, 'bytes');
  assert.ok(b.bottom >= 39 * MiB && b.top <= 42 * MiB, `${b.bottom / MiB} … ${b.top / MiB} MiB`);
  assert.equal(b.step % 1024, 0);
});
