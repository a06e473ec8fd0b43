// Profile Test on a short test: the CPU profile has no samples; the advice says why and what to run.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { countFor, emptyCpuProfileAdvice, longerBenchtime, packageSeconds } from '../../../src/core/goTest/emptyProfileAdvice';

test('the package time go test printed', () => {
  assert.equal(packageSeconds('PASS\nok  \texample.com/sample-service\t0.004s\n'), 0.004);
  assert.equal(packageSeconds('--- FAIL: TestX (0.00s)\nFAIL\nFAIL\texample.com/x\t1.250s\n'), 1.25);
  assert.equal(packageSeconds('ok  \texample.com/x\t(cached)\n'), undefined);
});

test('-count runs the test for about 2 s, as a round number between 10 and 100000', () => {
  assert.equal(countFor(0.004), 500);
  assert.equal(countFor(0.03), 100); // 67 → 100
  assert.equal(countFor(1), 10);
  assert.equal(countFor(undefined), 2000);
  assert.equal(countFor(0), 2000);
  assert.equal(countFor(1e-6), 100_000);
});

test('a longer -benchtime', () => {
  assert.equal(longerBenchtime('1s'), '5s');
  assert.equal(longerBenchtime('500ms'), '5s');
  assert.equal(longerBenchtime('10s'), '20s');
  assert.equal(longerBenchtime('100x'), '1000x');
});

test('a short test: says it ran too briefly for 100 Hz sampling; offers the file\'s benchmark and -count', () => {
  const a = emptyCpuProfileAdvice({ name: 'TestCountPrimes', kind: 'test', seconds: 0.004, benchmarks: ['BenchmarkCountPrimes'] });
  assert.match(a.message, /TestCountPrimes has no samples: the test ran too briefly \(0\.004s\) for the CPU profiler's 100 Hz sampling/);
  assert.deepEqual(a.actions, [
    { label: 'Profile BenchmarkCountPrimes', benchmark: 'BenchmarkCountPrimes' },
    { label: 'Re-run with -count=500', flags: ['-count=500'] },
  ]);
  const several = emptyCpuProfileAdvice({ name: 'TestA', kind: 'test', benchmarks: ['BenchmarkA', 'BenchmarkB'] });
  assert.deepEqual(several.actions[0], { label: 'Profile Benchmark…', chooseBenchmark: ['BenchmarkA', 'BenchmarkB'] });
  const none = emptyCpuProfileAdvice({ name: 'TestA', kind: 'test', benchmarks: [] });
  assert.deepEqual(none.actions.map((x) => x.label), ['Re-run with -count=2000']);
  assert.match(none.message, /Write a benchmark/);
});

test('a short benchmark: -benchtime', () => {
  const a = emptyCpuProfileAdvice({ name: 'BenchmarkX', kind: 'benchmark', benchmarks: ['BenchmarkX'], benchtime: '100x' });
  assert.deepEqual(a.actions, [{ label: 'Re-run with -benchtime=1000x', benchtime: '1000x' }]);
  assert.match(a.message, /Run it longer with -benchtime/);
});
