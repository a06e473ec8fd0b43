// The flame tree against live `go tool pprof -top` (Go 1.19) on real profiles of the sample
// service: per function, flat summed over its nodes and cum over its outermost nodes must print
// exactly as pprof prints them, and the root must carry the report total — for every sample type,
// with filters, at line granularity and for a -diff_base comparison (negative values).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseProfile } from '../../../src/core/profile/parse';
import { applyBase } from '../../../src/core/profile/merge';
import { buildFlameTree, frameTotals, limitNodes, type FlameTree } from '../../../src/core/flame/flameTree';
import type { ReportOptions } from '../../../src/core/report/reportOptions';
import { scaledLabel } from '../../../src/core/measurement/measurement';
import { generatedDir, haveGo } from '../annotations/listOracle';

const skip = haveGo() ? false : 'needs go';
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-flame-'));
process.on('exit', () => fs.rmSync(home, { recursive: true, force: true }));

/** `go tool pprof -top` with no trimming: name -> "flat cum" as printed, and the total. */
function goTop(args: string[], unit: string): { rows: Map<string, string>; total: string } {
  // A fixed output unit (the sample unit) so values print exactly, not rounded to a chosen unit.
  const r = spawnSync('go', ['tool', 'pprof', '-top', '-nodecount=0', '-nodefraction=0', '-edgefraction=0', ...(unit === 'nanoseconds' ? ['-unit=ns'] : unit === 'bytes' ? ['-unit=B'] : []), ...args], {
    cwd: generatedDir,
    encoding: 'utf8',
    env: { ...process.env, HOME: home, PPROF_TMPDIR: home, TZ: 'UTC' },
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`go tool pprof ${args.join(' ')}: ${r.stderr}`);
  const rows = new Map<string, string>();
  let total = '';
  let inTable = false;
  for (const l of r.stdout.split('\n')) {
    const m = /of (\S+) total$/.exec(l);
    if (m) total = m[1];
    if (/^\s+flat\s+flat%/.test(l)) {
      inTable = true;
      continue;
    }
    if (!inTable || l.trim() === '') continue;
    const f = /^\s*(\S+)\s+\S+\s+\S+\s+(\S+)\s+\S+\s+(.*)$/.exec(l);
    if (f) rows.set(f[3].replace(/ \((partial-)?inline\)$/, ''), `${f[1]} ${f[2]}`);
  }
  return { rows, total };
}

function fmt(t: FlameTree, v: number): string {
  const unit = t.unit === 'nanoseconds' ? 'ns' : t.unit === 'bytes' ? 'B' : t.unit;
  return scaledLabel(t.ratio !== 1 ? Math.trunc(v * t.ratio) : v, t.unit, unit);
}

function check(t: FlameTree, oracle: { rows: Map<string, string>; total: string }, what: string, filtered = false): void {
  assert.equal(fmt(t, t.total), oracle.total, `${what}: total`);
  // pprof's total is taken before focus/ignore and before samples without a stack are dropped
  // (goroutine profiles have some): the root holds what was kept.
  if (!t.diff) assert.ok(t.cum[0] <= t.total, `${what}: root cum <= total`);
  if (!t.diff && !filtered && what.includes('cpu')) assert.equal(t.cum[0], t.total, `${what}: root cum = total`);
  const { flat, cum } = frameTotals(t);
  const ours = new Map<string, string>();
  for (let f = 0; f < t.names.length - 1; f++) {
    if (flat[f] === 0 && cum[f] === 0) continue;
    ours.set(t.names[f], `${fmt(t, flat[f])} ${fmt(t, cum[f])}`);
  }
  assert.ok(oracle.rows.size > 0, `${what}: pprof printed rows`);
  assert.deepEqual(Object.fromEntries([...ours].sort()), Object.fromEntries([...oracle.rows].sort()), what);
  // Layout invariants: children fit in their parent, in pre-order.
  for (let i = 1; i < t.size; i++) {
    const p = t.parent[i];
    assert.ok(p < i && t.x[i] >= t.x[p] && t.x[i] + t.width[i] <= t.x[p] + t.width[p] + 1e-6, `${what}: node ${i} inside parent`);
  }
}

function load(file: string) {
  return parseProfile(fs.readFileSync(path.join(generatedDir, file)), file);
}

test('every sample type of every sample-service profile equals go tool pprof -top', { skip }, () => {
  const cases: [string, string[]][] = [
    ['service.cpu.pb.gz', ['samples', 'cpu']],
    ['service.allocs.pb.gz', ['alloc_space', 'alloc_objects', 'inuse_space', 'inuse_objects']],
    ['service.heap.pb.gz', ['inuse_space']],
    ['service.block.pb.gz', ['contentions', 'delay']],
    ['service.mutex.pb.gz', ['delay']],
    ['service.goroutine.pb.gz', ['goroutine']],
  ];
  for (const [file, types] of cases) {
    const p = load(file);
    for (const st of types) {
      const t = buildFlameTree(p, { sampleIndex: st });
      check(t, goTop([`-sample_index=${st}`, file], t.unit), `${file} ${st}`);
    }
  }
});

test('filters, granularity and -divide_by shape the tree as they shape -top', { skip }, () => {
  const p = load('service.cpu.pb.gz');
  const cases: [Partial<ReportOptions>, string[]][] = [
    [{ focus: 'countPrimes' }, ['-focus=countPrimes']],
    [{ ignore: 'runtime' }, ['-ignore=runtime']],
    [{ hide: 'runtime\\.' }, ['-hide=runtime\\.']],
    [{ show: 'main\\.' }, ['-show=main\\.']],
    [{ granularity: 'lines' }, ['-lines']],
    [{ granularity: 'files' }, ['-files']],
    [{ noInlines: true }, ['-noinlines']],
  ];
  for (const [opts, flags] of cases) {
    const t = buildFlameTree(p, opts);
    check(t, goTop([...flags, 'service.cpu.pb.gz'], t.unit), flags.join(' '), true);
  }
});

test('a -diff_base comparison: negative values, total of the base, exact per function', { skip }, () => {
  const p = applyBase(load('service.cpu.pb.gz'), [load('service.cpu2.pb.gz')], 'diff_base', false);
  const t = buildFlameTree(p, {});
  assert.ok(t.diff, 'has negative values');
  check(t, goTop(['-diff_base=service.cpu2.pb.gz', 'service.cpu.pb.gz'], t.unit), 'diff_base');
});

test('recursion counts once per sample in the function total, every frame in the tree', () => {
  const p = load('service.cpu.pb.gz');
  const t = buildFlameTree(p, {});
  let flatSum = 0;
  for (let i = 0; i < t.size; i++) flatSum += t.flat[i];
  assert.equal(flatSum, t.cum[0]);
  // Every node's cum = its flat + its children's cums.
  const kids = new Float64Array(t.size);
  for (let i = 1; i < t.size; i++) kids[t.parent[i]] += t.cum[i];
  for (let i = 0; i < t.size; i++) assert.equal(t.cum[i], t.flat[i] + kids[i]);
});

test('the node limit merges the narrowest subtrees per parent and keeps every total', () => {
  const t = buildFlameTree(load('service.cpu.pb.gz'), {});
  const small = limitNodes(t, 16);
  // About 16: nodes tied at the width threshold are all kept.
  assert.ok(small.size < t.size && small.size <= 24, `${small.size} of ${t.size} nodes`);
  assert.equal(small.cum[0], t.cum[0]);
  assert.equal(small.names[small.mergedFrame], '(small frames merged)');
  const kids = new Float64Array(small.size);
  for (let i = 1; i < small.size; i++) {
    const p = small.parent[i];
    kids[p] += small.cum[i];
    assert.ok(small.x[i] >= small.x[p] && small.x[i] + small.width[i] <= small.x[p] + small.width[p] + 1e-6);
  }
  for (let i = 0; i < small.size; i++) assert.equal(small.cum[i], small.flat[i] + kids[i], `node ${i}`);
  assert.equal(limitNodes(t, t.size), t);
});

test('callers view: rooted at the function, its cum is pprof\'s cum, callers as children', { skip }, () => {
  const p = load('service.cpu.pb.gz');
  const whole = buildFlameTree(p, {});
  const { cum } = frameTotals(whole);
  const t = buildFlameTree(p, {}, { callersOf: 'main.isPrime' });
  assert.equal(t.names[t.frame[1]], 'main.isPrime');
  assert.equal(t.cum[1], cum[whole.names.indexOf('main.isPrime')]);
  assert.equal(t.cum[0], t.cum[1]);
  assert.equal(t.names[t.frame[2]], 'main.countPrimes');
});

test('bottom-up tree: the root\'s children are the leaf functions with their flat (pprof\'s)', { skip }, () => {
  const p = load('service.cpu.pb.gz');
  const whole = buildFlameTree(p, {});
  const { flat } = frameTotals(whole);
  const t = buildFlameTree(p, {}, { inverted: true });
  assert.equal(t.cum[0], whole.cum[0]);
  for (let i = 1; i < t.size; i++) {
    if (t.parent[i] !== 0) continue;
    const f = whole.names.indexOf(t.names[t.frame[i]]);
    assert.equal(t.cum[i], flat[f], t.names[t.frame[i]]);
    assert.equal(t.flat[i], flat[f]);
  }
});
