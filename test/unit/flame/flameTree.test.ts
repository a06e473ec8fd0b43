// The flame tree against live `go tool pprof -top` (Go 1.27.3) on real profiles of the sample
// service: per function, flat summed over its nodes and cum over its outermost nodes must print
// exactly as pprof prints them, and the root must carry the report total — for every sample type,
// with filters, at line granularity and for a -diff_base comparison (negative values).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseProfile } from '../../../src/core/profile/parse';
import type { Profile } from '../../../src/core/profile/profile';
import { applyBase } from '../../../src/core/profile/merge';
import { buildFlameTree, frameTotals, type FlameTree, type FlameView } from '../../../src/core/flame/flameTree';
import { prepareReport } from '../../../src/core/report/generateReport';
import { defaultReportOptions } from '../../../src/core/report/reportOptions';
import type { ReportOptions } from '../../../src/core/report/reportOptions';
import { scaledLabel } from '../../../src/core/measurement/measurement';
import { generatedDir, goTopRows, haveGo } from '../annotations/listOracle';

const skip = haveGo() ? false : 'needs go';

/** `go tool pprof -top` with no trimming: name -> "flat cum" as printed, and the total. */
function goTop(args: string[], unit: string): { rows: Map<string, string>; total: string } {
  // A fixed output unit (the sample unit) so values print exactly, not rounded to a chosen unit.
  const top = goTopRows([...(unit === 'nanoseconds' ? ['-unit=ns'] : unit === 'bytes' ? ['-unit=B'] : []), ...args]);
  return { rows: new Map([...top.rows].map(([name, r]) => [name, `${r.flat} ${r.cum}`])), total: top.total };
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
    [{ noInlines: true }, ['-noinlines']],
  ];
  for (const [opts, flags] of cases) {
    const t = buildFlameTree(p, opts);
    check(t, goTop([...flags, 'service.cpu.pb.gz'], t.unit), flags.join(' '), true);
  }
});

test('file granularity: one frame per file holds what Go 1.27 prints in its rows for that file', { skip }, () => {
  // Go 1.27's -files keeps a node per file and function start line, so a file can have several rows;
  // the flame graph draws one frame per file: its flat is their sum, its cum lies between their
  // largest cum and their sum (the rows' call paths can overlap).
  const p = load('service.cpu.pb.gz');
  const t = buildFlameTree(p, { granularity: 'files' });
  const top = goTopRows(['-unit=ns', '-files', 'service.cpu.pb.gz']);
  assert.equal(fmt(t, t.total), top.total);
  const ns = (v: string) => (v === '0' ? 0 : Number(v.replace(/ns$/, '')));
  const go = new Map<string, { flat: number; cums: number[] }>();
  for (const r of top.list) {
    const g = go.get(r.name) ?? { flat: 0, cums: [] };
    g.flat += ns(r.flat);
    g.cums.push(ns(r.cum));
    go.set(r.name, g);
  }
  assert.ok([...go.values()].some((g) => g.cums.length > 1), 'a file with several rows (else this test shows nothing)');
  // Frames of one file (inlined or not) summed by name, as the rows are.
  const { flat, cum } = frameTotals(t);
  const ours = new Map<string, { flat: number; cums: number[] }>();
  for (let f = 0; f < t.names.length - 1; f++) {
    if (flat[f] === 0 && cum[f] === 0) continue;
    const o = ours.get(t.names[f]) ?? { flat: 0, cums: [] };
    o.flat += flat[f];
    o.cums.push(cum[f]);
    ours.set(t.names[f], o);
  }
  assert.deepEqual([...ours.keys()].sort(), [...go.keys()].sort());
  for (const [name, o] of ours) {
    const g = go.get(name)!;
    assert.equal(o.flat, g.flat, `${name}: flat`);
    const oMax = Math.max(...o.cums);
    const gMax = Math.max(...g.cums);
    const gSum = g.cums.reduce((a, b) => a + b, 0);
    assert.ok(oMax >= gMax && oMax <= gSum, `${name}: cum ${oMax} within [${gMax}, ${gSum}]`);
    if (g.cums.length === 1 && o.cums.length === 1) assert.equal(oMax, gMax, `${name}: cum`);
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

/**
 * A CPU profile whose call paths form a random tree of about `nodes` nodes over 300 functions (seeded,
 * so the same on every run; fresh captures of real programs vary in size).
 */
function syntheticProfile(nodes: number): Profile {
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const fns = Array.from({ length: 300 }, (_, i) => ({ id: i + 1, name: `pkg${i % 7}.fn${i}`, systemName: '', filename: `/src/f${i % 13}.go`, startLine: 10 + i }));
  const locs = fns.map((fn, i) => ({ id: i + 1, address: BigInt(0x1000 + 16 * i), line: [{ function: fn, line: 20 + i, column: 0 }], isFolded: false }));
  const parent = new Int32Array(nodes);
  const fnOf = new Int32Array(nodes);
  const kids = new Int32Array(nodes);
  const sample = [];
  for (let i = 0; i < nodes; i++) {
    const q = i === 0 ? -1 : Math.floor(rand() * i);
    parent[i] = q;
    fnOf[i] = q < 0 ? 0 : (fnOf[q] * 7 + kids[q]++ * 13 + 1) % fns.length;
    const stack = [];
    for (let v = i; v >= 0; v = parent[v]) stack.push(locs[fnOf[v]]);
    sample.push({ location: stack, value: [1, 10_000_000 * (1 + Math.floor(rand() * 5))] });
  }
  return {
    sampleType: [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }],
    defaultSampleType: '', sample, mapping: [], location: locs, function: fns, comments: [],
    dropFrames: '', keepFrames: '', timeNanos: 0, durationNanos: 30e9, periodType: { type: 'cpu', unit: 'nanoseconds' },
    period: 10_000_000, docUrl: '',
  } as unknown as Profile;
}

/**
 * The reference: a plain trie over the same view paths (a Map per node), keyed by the chain of frame
 * ids from the root. Every node: flat, cum, width and inline (1 only when inlined on every sample).
 */
function referenceTree(p: ReturnType<typeof load>, view: FlameView = {}): Map<string, number[]> {
  const rpt = prepareReport(p, { ...defaultReportOptions(), format: 'text' });
  const src = rpt.graphSource(false, false);
  const si = rpt.options.sampleIndex;
  const nodes = new Map<string, number[]>([['', [0, 0, 0, 0]]]);
  for (const sample of src.source.rows.toSamples()) {
    const w = sample.value[si];
    if (w === 0) continue;
    const path: [number, number][] = [];
    for (let i = sample.location.length - 1; i >= 0; i--) {
      const li = src.locIndex(sample.location[i]);
      if (li < 0) continue;
      for (let k = src.locStart[li + 1] - 1; k >= src.locStart[li]; k--) path.push([src.locIds[k], k === src.locStart[li + 1] - 1 ? 0 : 1]);
    }
    let steps = path;
    let flatAt = path.length;
    if (view.callersOf !== undefined) {
      const j = path.findIndex(([f]) => src.names[f] === view.callersOf);
      if (j < 0) continue;
      steps = path.slice(0, j + 1).reverse().map(([f]) => [f, 0]);
      flatAt = j === path.length - 1 ? 1 : -1;
    } else if (view.inverted) {
      if (path.length === 0) continue;
      steps = path.slice().reverse().map(([f]) => [f, 0]);
      flatAt = 1;
    }
    let key = '';
    const root = nodes.get('')!;
    root[1] += w;
    root[2] += Math.abs(w);
    if (flatAt === 0) root[0] += w;
    steps.forEach(([f, inl], d) => {
      key += `/${f}`;
      let n = nodes.get(key);
      if (!n) nodes.set(key, (n = [0, 0, 0, 1]));
      n[1] += w;
      n[2] += Math.abs(w);
      n[3] &= inl;
      if (flatAt === d + 1) n[0] += w;
    });
  }
  return nodes;
}

/** The tree's nodes keyed like referenceTree (merged leaves keyed by their parent + "/merged"). */
function keyed(t: FlameTree): Map<string, number[]> {
  const keys: string[] = [];
  const out = new Map<string, number[]>();
  for (let i = 0; i < t.size; i++) {
    const k = i === 0 ? '' : `${keys[t.parent[i]]}/${t.frame[i] === t.mergedFrame ? 'merged' : t.frame[i]}`;
    keys.push(k);
    assert.ok(!out.has(k), `one node per call path: ${k}`);
    out.set(k, [t.flat[i], t.cum[i], t.width[i], t.inline[i]]);
  }
  return out;
}

test('the tree is exactly the trie of the samples\' call paths, in every view', () => {
  for (const file of ['service.cpu.pb.gz', 'service.allocs.pb.gz', 'service.goroutine.pb.gz', 'labeled.cpu.pb.gz']) {
    const p = load(file);
    for (const view of [{}, { inverted: true }, { callersOf: 'runtime.mallocgc' }, { callersOf: 'main.isPrime' }] as FlameView[]) {
      const t = buildFlameTree(p, {}, view);
      const want = referenceTree(p, view);
      assert.equal(t.fullSize, t.size);
      assert.equal(t.mergedFrame, -1);
      const got = keyed(t);
      assert.equal(got.size, want.size, `${file} ${JSON.stringify(view)}: node count`);
      for (const [k, v] of want) assert.deepEqual(got.get(k), v, `${file} ${JSON.stringify(view)}: node ${k}`);
      // Pre-order with siblings widest first.
      for (let i = 1; i < t.size; i++) {
        let prev = i - 1;
        while (prev > 0 && t.parent[prev] !== t.parent[i] && t.depth[prev] >= t.depth[i]) prev = t.parent[prev];
        if (prev > 0 && t.parent[prev] === t.parent[i]) assert.ok(t.width[prev] >= t.width[i], `${file}: siblings widest first`);
      }
    }
  }
});

test('a node limit keeps the widest call paths exactly and merges the rest per parent', () => {
  const synthetic = syntheticProfile(3000);
  for (const [file, view] of [['service.cpu.pb.gz', {}], ['service.cpu.pb.gz', { inverted: true }], ['synthetic', {}], ['synthetic', { inverted: true }]] as [string, FlameView][]) {
    const p = file === 'synthetic' ? synthetic : load(file);
    const full = buildFlameTree(p, {}, view);
    const whole = keyed(full);
    if (file === 'synthetic') assert.ok(full.size > 1000, `${file}: ${full.size} nodes`);
    for (const max of [2, 16, 100, Math.floor(full.size / 2), full.size - 1].filter((n) => n < full.size)) {
      const t = buildFlameTree(p, {}, view, max);
      const what = `${file} ${JSON.stringify(view)} max ${max}`;
      assert.equal(t.fullSize, full.size, what);
      assert.ok(t.size < full.size && t.size <= max, `${what}: ${t.size} of ${full.size} nodes`);
      assert.equal(t.names[t.mergedFrame], '(small frames merged)');
      const got = keyed(t);
      let minKept = Infinity;
      const mergedSums = new Map<string, number[]>();
      for (const [k, v] of got) {
        if (k.endsWith('/merged')) continue;
        assert.deepEqual(v, whole.get(k), `${what}: kept node ${k} exact`);
        if (k !== '') minKept = Math.min(minKept, v[2]);
      }
      for (const [k, v] of whole) {
        if (k === '' || got.has(k)) continue;
        const parent = k.slice(0, k.lastIndexOf('/'));
        if (!got.has(parent)) continue; // inside a merged subtree
        assert.ok(v[2] <= minKept, `${what}: dropped ${k} no wider than a kept node`);
        const sum = mergedSums.get(parent) ?? [0, 0, 0];
        sum[0] += v[1];
        sum[1] += v[1];
        sum[2] += v[2];
        mergedSums.set(parent, sum);
      }
      for (const [parent, sum] of mergedSums) assert.deepEqual(got.get(`${parent}/merged`)?.slice(0, 3), sum, `${what}: merged under ${parent}`);
      // Parents' totals stay whole and children lie inside their parent.
      const kids = new Float64Array(t.size);
      for (let i = 1; i < t.size; i++) {
        const q = t.parent[i];
        kids[q] += t.cum[i];
        assert.ok(t.x[i] >= t.x[q] && t.x[i] + t.width[i] <= t.x[q] + t.width[q] + 1e-6);
      }
      // (In the bottom-up view a leaf function's flat is its whole cum, and its callers share it too.)
      if (!view.inverted) for (let i = 0; i < t.size; i++) assert.equal(t.cum[i], t.flat[i] + kids[i], `${what}: node ${i}`);
      assert.equal(t.outputUnit, full.outputUnit, `${what}: output unit`);
    }
  }
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
