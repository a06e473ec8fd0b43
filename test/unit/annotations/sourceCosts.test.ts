// Per-line figures of the source index against live `go tool pprof -list` on real profiles of the
// sample service (test/fixtures/generated, written by scripts/gen-profiles.js).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseProfile } from '../../../src/core/profile/parse';
import { indexSourceCosts } from '../../../src/core/report/sourceCosts';
import { fileAnnotations } from '../../../src/core/report/lineAnnotations';
import { assertMatchesList, generatedDir, goList, haveGo, sampleServiceDir } from './listOracle';

// Generated profiles are made by `npm test` before the suites run (scripts/gen-profiles.js): missing ones fail.
const skip = !haveGo()
  ? 'needs go'
  : false;

function load(file: string) {
  return parseProfile(fs.readFileSync(path.join(generatedDir, file)), file);
}

test('CPU profile: every function equals go tool pprof -list', { skip }, () => {
  for (const file of ['service.cpu.pb.gz', 'service.cpu2.pb.gz']) {
    const costs = indexSourceCosts(load(file));
    const { total, routines } = goList(file, '.');
    assert.equal(costs.format(costs.total), total);
    const n = assertMatchesList(costs, routines, file);
    assert.ok(n > 10, `${file}: compared ${n} lines`);
  }
});

test('inlined function: isPrime lines (reached only through inlining) and "inlined into"', { skip }, () => {
  const costs = indexSourceCosts(load('service.cpu.pb.gz'));
  const { routines } = goList('service.cpu.pb.gz', 'main.isPrime$');
  assert.equal(routines.length, 1);
  assert.ok(assertMatchesList(costs, routines, 'isPrime') >= 1);
  const [fc] = costs.functions('main.isPrime');
  const calls = costs.calls(fc);
  assert.deepEqual(calls.inlinedInto, ['main.countPrimes']);
  assert.equal(calls.callers[0].name, 'main.countPrimes');
  assert.equal(calls.callers[0].share, 1);
  // The call site in countPrimes: the `if isPrime(i)` line.
  const src = fs.readFileSync(path.join(sampleServiceDir, 'cpu.go'), 'utf8').split('\n');
  assert.match(src[calls.callers[0].line - 1], /isPrime\(i\)/);
  const [cp] = costs.functions('main.countPrimes');
  assert.equal(costs.calls(cp).callees[0].name, 'main.isPrime');
  // Annotation text of the hot file: flat · cum, padded to columns.
  const ann = fileAnnotations(costs, costs.file(fc.file)!);
  const hot = ann.lines.find((l) => l.line === routines[0].lines.find((x) => x.flat !== '.')!.line)!;
  assert.equal(hot.text.trim().split(/ · /).map((s) => s.trim()).join(' '), `${hot.flatText} ${hot.cumText}`);
  assert.ok(ann.lines.every((l) => l.text.length === ann.lines[0].text.length));
});

test('every sample type of the memory, contention and goroutine profiles equals -list', { skip }, () => {
  const cases: [string, string[]][] = [
    ['service.allocs.pb.gz', ['alloc_space', 'alloc_objects', 'inuse_space', 'inuse_objects']],
    ['service.heap.pb.gz', ['inuse_space', 'alloc_objects']],
    ['service.block.pb.gz', ['contentions', 'delay']],
    ['service.mutex.pb.gz', ['contentions', 'delay']],
    ['service.goroutine.pb.gz', ['goroutine']],
  ];
  for (const [file, types] of cases) {
    const p = load(file);
    for (const st of types) {
      const costs = indexSourceCosts(p, { sampleIndex: st });
      assert.equal(costs.sampleType.type, st);
      const { routines, noMatches } = goList(file, 'main\\.', [`-sample_index=${st}`]);
      if (noMatches) {
        // pprof finds no main.* function with samples of this type (e.g. nothing of main in use yet):
        // neither may the index.
        const ours = costs.files().flatMap((f) => costs.file(f)!.functions).filter((fn) => fn.name.startsWith('main.') && (fn.flat !== 0 || fn.cum !== 0));
        assert.deepEqual(ours.map((fn) => fn.name), [], `${file} ${st}: pprof -list finds no main.* function`);
        continue;
      }
      assertMatchesList(costs, routines, `${file} ${st}`);
    }
  }
});

test('filters: -focus and -hide change the figures as in pprof', { skip }, () => {
  const p = load('service.cpu.pb.gz');
  const costs = indexSourceCosts(p, { focus: 'countPrimes' });
  assertMatchesList(costs, goList('service.cpu.pb.gz', 'main\\.', ['-focus=countPrimes']).routines, 'focus');
  const hidden = indexSourceCosts(p, { hide: 'isPrime' });
  assertMatchesList(hidden, goList('service.cpu.pb.gz', 'main\\.', ['-hide=isPrime']).routines, 'hide');
});
