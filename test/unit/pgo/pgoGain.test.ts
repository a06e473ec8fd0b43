// "Measure PGO gain" (src/collect/pgoBench.ts, src/core/pgo/benchOutput.ts) on the real thing: the
// sample service's BenchmarkCountPrimes run with -pgo=off and with a CPU profile of the service
// (scripts/gen-profiles.js's capture), -count 6 each, and the pinned benchstat's comparison of the two;
// the chart's figures read from go test's own output; fewer than 6 runs and Cancel refused cleanly.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { gainRows, median, parseBenchOutput } from '../../../src/core/pgo/benchOutput';
import { BENCHSTAT_MODULE, measurePgoGain, PgoBenchError } from '../../../src/collect/pgoBench';
import { repoRoot } from '../../testEnv';

const dir = path.join(repoRoot, 'examples', 'sample-service');
const profile = path.join(repoRoot, 'test', 'fixtures', 'generated', 'service.cpu.pb.gz');
const env = { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };

test('the benchmark both ways, -count 6 each, compared by benchstat', { timeout: 600_000 }, async () => {
  let streamed = '';
  const r = await measurePgoGain({ dir, bench: 'BenchmarkCountPrimes', profile, count: 6, benchtime: '20x', env, onOutput: (t) => { streamed += t; } });
  assert.deepEqual(r.labels, ['pgo off', 'pgo service.cpu.pb.gz']);
  const off = parseBenchOutput(r.offOutput);
  const pgo = parseBenchOutput(r.pgoOutput);
  assert.equal(off.length, 1);
  assert.match(off[0].name, /^BenchmarkCountPrimes(-\d+)?$/);
  assert.equal(off[0].nsPerOp.length, 6);
  assert.equal(pgo[0].nsPerOp.length, 6);
  // benchstat's table: both columns, time per op, the comparison with its p-value and sample counts.
  assert.match(r.table, /pgo off\s+│\s+pgo service\.cpu\.pb\.gz/);
  assert.match(r.table, /sec\/op/);
  assert.match(r.table, /vs base/);
  assert.match(r.table, /CountPrimes(-\d+)?\s+\S+ ± \S+\s+\S+ ± \S+\s+(~|[+-]\d+\.\d+%)\s+\(p=\d\.\d+ n=6\)/);
  assert.match(streamed, new RegExp(`go run ${BENCHSTAT_MODULE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.match(streamed, /-pgo=off/);
  const rows = gainRows(off, pgo);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].offMedian, median(off[0].nsPerOp));
  assert.ok(Math.abs(rows[0].changePercent - ((rows[0].pgoMedian - rows[0].offMedian) / rows[0].offMedian) * 100) < 1e-9);
});

test('go test output read as benchstat reads it; fewer than 6 runs and Cancel refused', async () => {
  const runs = parseBenchOutput([
    'goos: linux', 'BenchmarkA-2   \t     126\t    893897 ns/op\t  12 B/op\t 1 allocs/op',
    'BenchmarkB-2   \t     10\t    5.5 MB/s', 'BenchmarkA-2   \t     121\t    979789 ns/op', 'PASS',
  ].join('\n'));
  assert.deepEqual(runs, [{ name: 'BenchmarkA-2', nsPerOp: [893897, 979789] }]);
  assert.equal(median([3, 1, 2, 10]), 2.5);
  await assert.rejects(measurePgoGain({ dir, bench: 'BenchmarkCountPrimes', profile, count: 3, benchtime: '1x', env }), /-count must be at least 6/);
  const abort = new AbortController();
  abort.abort();
  await assert.rejects(measurePgoGain({ dir, bench: 'BenchmarkCountPrimes', profile, count: 6, benchtime: '1x', env, signal: abort.signal }),
    (e: unknown) => e instanceof PgoBenchError && e.cancelled);
  await assert.rejects(measurePgoGain({ dir, bench: 'BenchmarkNope', profile, count: 6, benchtime: '1x', env }), /ran no benchmark matching \^BenchmarkNope\$/);
});
