// Per-line figures of the source index against live `go tool pprof -list` on real profiles of the
// sample service (test/fixtures/generated, written by scripts/gen-profiles.js).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseProfile } from '../../../src/core/profile/parse';
import { indexSourceCosts, SourceCosts } from '../../../src/core/report/sourceCosts';
import { fileAnnotations } from '../../../src/core/report/lineAnnotations';
import { generatedDir, goList, haveGo, Routine, sampleServiceDir } from './listOracle';

const skip = !haveGo() || !fs.existsSync(path.join(generatedDir, 'service.cpu.pb.gz'))
  ? 'needs go and test/fixtures/generated (node scripts/gen-profiles.js)'
  : false;

function load(file: string) {
  return parseProfile(fs.readFileSync(path.join(generatedDir, file)), file);
}

/** Asserts that the index shows exactly the figures of each ROUTINE. */
export function assertMatchesList(costs: SourceCosts, routines: Routine[], what: string, sameFile = (ours: string, theirs: string) => ours === theirs): number {
  let compared = 0;
  for (const r of routines) {
    if (r.lines.length === 0) continue; // source not found by pprof
    const fc = costs.functions(r.name).find((f) => sameFile(f.file, r.file));
    assert.ok(fc, `${what}: ${r.name} in ${r.file} missing from the index`);
    assert.equal(costs.format(fc.flat), r.flat, `${what}: ${r.name} header flat`);
    assert.equal(costs.format(fc.cum), r.cum, `${what}: ${r.name} header cum`);
    assert.equal(costs.percent(fc.cum), r.percent, `${what}: ${r.name} header %`);
    const first = r.lines[0].line;
    const last = r.lines[r.lines.length - 1].line;
    const want = r.lines.filter((l) => l.flat !== '.' || l.cum !== '.').map((l) => `${l.line}: ${l.flat} ${l.cum}`);
    const got = fc.lines
      .filter((l) => l.line >= first && l.line <= last)
      .map((l) => `${l.line}: ${costs.formatOrDot(l.flat)} ${costs.formatOrDot(l.cum)}`);
    assert.deepEqual(got, want, `${what}: ${r.name} per-line figures`);
    compared += want.length;
    // The file view shows the same figures on the lines this function owns.
    const file = costs.file(fc.file)!;
    for (const l of file.lines) {
      if (l.fn === fc) assert.ok(want.includes(`${l.line}: ${costs.formatOrDot(l.flat)} ${costs.formatOrDot(l.cum)}`));
    }
  }
  return compared;
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
  assert.deepEqual(fc.inlinedInto, ['main.countPrimes']);
  assert.equal(fc.callers[0].name, 'main.countPrimes');
  assert.equal(fc.callers[0].share, 1);
  // The call site in countPrimes: the `if isPrime(i)` line.
  const src = fs.readFileSync(path.join(sampleServiceDir, 'cpu.go'), 'utf8').split('\n');
  assert.match(src[fc.callers[0].line - 1], /isPrime\(i\)/);
  const [cp] = costs.functions('main.countPrimes');
  assert.equal(cp.callees[0].name, 'main.isPrime');
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
      const { routines } = goList(file, 'main\\.', [`-sample_index=${st}`]);
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
