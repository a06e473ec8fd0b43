// The compiler's reading of a PGO profile (src/core/pgo/pgoProfile.ts) on small hand-made profiles:
// the rules of Go 1.27.3's cmd/internal/pgo and internal/profile NewGraph that the sample service's
// profiles do not all exercise (only the last two frames count, inlined frames make edges, a frame
// repeated in a stack counts once, ties sorted by name, the CDF cut, the compiler's refusals).
// pgoLive.test.ts checks the same code against the real compiler.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { emptyProfile, type Function as Fn, type Location, type Profile } from '../../../src/core/profile/profile';
import { encodeProfile } from '../../../src/core/profile/encode';
import {
  goFloatV, hotCallSites, isCpuProfile, parsePreprofile, pgoProfileFromBytes, pgoProfileOf, serializePreprofile,
} from '../../../src/core/pgo/pgoProfile';
import { ProfileError } from '../../../src/core/profile/profileError';

/** A CPU-like profile: functions by name (start line 10 each), locations as [[name, line], …] (innermost first). */
function profile(stacks: { frames: [string, number][][]; w: number }[], startLine = 10): Profile {
  const p = emptyProfile();
  p.sampleType = [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }];
  p.periodType = { type: 'cpu', unit: 'nanoseconds' };
  p.period = 10_000_000;
  const fns = new Map<string, Fn>();
  const fn = (name: string): Fn => {
    let f = fns.get(name);
    if (!f) {
      f = { id: fns.size + 1, name, systemName: name, filename: `/src/${name.split('.')[0]}.go`, startLine };
      fns.set(name, f);
      p.function.push(f);
    }
    return f;
  };
  const locs = new Map<string, Location>();
  for (const s of stacks) {
    const location = s.frames.map((lines) => {
      const key = JSON.stringify(lines);
      let l = locs.get(key);
      if (!l) {
        l = { id: locs.size + 1, address: BigInt(0x1000 + locs.size * 16), line: lines.map(([n, line]) => ({ function: fn(n), line, column: 0 })), isFolded: false };
        locs.set(key, l);
        p.location.push(l);
      }
      return l;
    });
    p.sample.push({ location, value: [s.w, s.w * 10_000_000] });
  }
  return p;
}

test('only the leaf location and its caller make edges; inlined lines are edges too', () => {
  const p = profile([
    // leaf c (inlined into b at b:12), called from a:11, called from main:13
    { frames: [[['c', 20], ['b', 12]], [['a', 11]], [['main', 13]]], w: 5 },
    { frames: [[['d', 30]], [['a', 14]]], w: 3 },
  ]);
  const prof = pgoProfileOf(p);
  assert.deepEqual(prof.edges.map((e) => [e.callerName, e.calleeName, e.callSiteOffset, e.weight]), [
    ['a', 'b', 1, 5], // a:11 calls b (whose location holds c inlined)
    ['b', 'c', 2, 5], // the inlined call b:12 → c
    ['a', 'd', 4, 3],
  ]);
  assert.equal(prof.totalWeight, 13, 'main → a (third frame) is not counted');
  assert.equal(prof.edges[0].callerFile, '/src/a.go');
});

test('ties: weight, then caller, callee, offset; the CDF cut keeps the edge that crosses it', () => {
  const stacks = [
    { frames: [[['y', 11]], [['b', 12]]] as [string, number][][], w: 2 },
    { frames: [[['x', 11]], [['b', 12]]] as [string, number][][], w: 2 },
    { frames: [[['x', 11]], [['a', 13]]] as [string, number][][], w: 2 },
    { frames: [[['x', 11]], [['a', 11]]] as [string, number][][], w: 2 },
    { frames: [[['z', 11]], [['a', 11]]] as [string, number][][], w: 92 },
  ];
  const prof = pgoProfileOf(profile(stacks));
  assert.deepEqual(prof.edges.map((e) => `${e.callerName}>${e.calleeName}+${e.callSiteOffset}`), ['a>z+1', 'a>x+1', 'a>x+3', 'b>x+2', 'b>y+2']);
  const hot = hotCallSites(prof);
  // 92, 94, 96, 98, 100 %: the cut passes 99% only with the last edge.
  assert.equal(hot.sites.length, 5);
  assert.equal(hot.thresholdPercent, 2);
  const half = hotCallSites(prof, 50);
  assert.deepEqual(half.sites.map((s) => s.calleeName), ['z'], 'one edge over the threshold is enough');
  assert.equal(half.thresholdPercent, 92);
  assert.equal(half.sites[0].line, 11);
  assert.equal(hotCallSites(prof, 100).thresholdPercent, 0, 'never over 100%: every edge, threshold 0');
});

test('a frame seen twice in one stack (recursion) counts once per sample', () => {
  const prof = pgoProfileOf(profile([{ frames: [[['f', 12]], [['f', 12]]], w: 4 }, { frames: [[['g', 15]], [['f', 11]]], w: 1 }]));
  assert.deepEqual(prof.edges.map((e) => [e.callerName, e.calleeName, e.weight]), [['f', 'g', 1]], 'f:12 → f:12 is the same node: no edge');
});

test('the compiler refusals, in its words; empty profiles ignored', () => {
  const noType = profile([{ frames: [[['a', 11]], [['b', 12]]], w: 1 }]);
  noType.sampleType = [{ type: 'alloc_objects', unit: 'count' }, { type: 'alloc_space', unit: 'bytes' }];
  assert.throws(() => pgoProfileOf(noType), /does not contain a sample index with value\/type "samples\/count"/);
  const old = profile([{ frames: [[['a', 11]], [['b', 12]]], w: 1 }], 0);
  assert.throws(() => pgoProfileOf(old), /missing Function.start_line/);
  assert.deepEqual(pgoProfileOf(profile([])), { totalWeight: 0, edges: [] });
  assert.deepEqual(pgoProfileOf(profile([{ frames: [[['a', 11]], [['b', 12]]], w: 0 }])), { totalWeight: 0, edges: [] });
  assert.deepEqual(pgoProfileFromBytes(new Uint8Array(0), 'empty.pgo'), { totalWeight: 0, edges: [] });
  assert.throws(() => pgoProfileFromBytes(new TextEncoder().encode('hello'), 'x.pgo'), (e: unknown) => e instanceof ProfileError && e.message.startsWith('x.pgo: '));
});

test('preprofile text: written as go tool preprofile writes it, read back the same; malformed entries refused', () => {
  const prof = pgoProfileOf(profile([{ frames: [[['c', 20], ['b', 12]], [['a', 11]]], w: 5 }]));
  const text = serializePreprofile(prof);
  assert.equal(text, 'GO PREPROFILE V1\na\nb\n1 5\nb\nc\n2 5\n');
  const back = parsePreprofile(text);
  assert.deepEqual(back.edges.map((e) => [e.callerName, e.calleeName, e.callSiteOffset, e.weight]), [['a', 'b', 1, 5], ['b', 'c', 2, 5]]);
  assert.equal(back.totalWeight, 10);
  assert.deepEqual(pgoProfileFromBytes(new TextEncoder().encode(text), 'p').edges.length, 2);
  assert.throws(() => parsePreprofile('GO PREPROFILE V1\na\nb\n'), /missing weight/);
  assert.throws(() => parsePreprofile('GO PREPROFILE V1\na\nb\n1 2 3\n'), /want 2 fields/);
  assert.throws(() => parsePreprofile('GO PREPROFILE V1\na\nb\n1 2\na\nb\n1 3\n'), /duplicate edge/);
  // The encoded profile reads the same as the model.
  const bytes = encodeProfile(profile([{ frames: [[['c', 20], ['b', 12]], [['a', 11]]], w: 5 }]));
  assert.equal(serializePreprofile(pgoProfileFromBytes(bytes, 'p.pb.gz')), text);
});

test("Go's %v of the threshold; CPU profiles recognised", () => {
  assert.deepEqual([0.18832391713747645, 2, 0, 0.00001234, 100, 1234567].map(goFloatV), ['0.18832391713747645', '2', '0', '1.234e-05', '100', '1.234567e+06']);
  assert.equal(isCpuProfile(profile([])), true);
  const heap = profile([]);
  heap.periodType = { type: 'space', unit: 'bytes' };
  heap.sampleType = [{ type: 'alloc_objects', unit: 'count' }];
  assert.equal(isCpuProfile(heap), false);
});
