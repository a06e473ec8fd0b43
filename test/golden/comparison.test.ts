// A comparison made by the extension (core compareProfiles, saved as .pb.gz like any
// capture) must read back with the figures of `go tool pprof -base/-diff_base [-normalize]` on the
// same pair of real captures, both when go tool pprof reads our file and when we do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { compareProfiles, ComparisonMismatch, isComparison } from '../../src/core/compare/compareProfiles';
import { encodeProfile } from '../../src/core/profile/encode';
import { parseProfile } from '../../src/core/profile/parse';
import { compareText, generatedDir, haveGo, runOurs, runPprof, runProcess } from './goldenHarness';

const pairs: [string, string, string[]][] = [
  ['service.cpu2.pb.gz', 'service.cpu.pb.gz', []],
  ['service.heap2.pb.gz', 'service.heap.pb.gz', ['-sample_index=inuse_space']],
  ['service.allocs2.pb.gz', 'service.allocs.pb.gz', ['-sample_index=alloc_space']],
  ['service.goroutine2.pb.gz', 'service.goroutine.pb.gz', []],
  ['service.block2.pb.gz', 'service.block.pb.gz', []],
];
const modes = [
  { mode: 'base' as const, normalize: false, flags: (b: string) => [`-base=${b}`] },
  { mode: 'diff_base' as const, normalize: false, flags: (b: string) => [`-diff_base=${b}`] },
  { mode: 'base' as const, normalize: true, flags: (b: string) => ['-normalize', `-base=${b}`] },
  { mode: 'diff_base' as const, normalize: true, flags: (b: string) => ['-normalize', `-diff_base=${b}`] },
];

const read = (f: string) => parseProfile(new Uint8Array(fs.readFileSync(path.join(generatedDir, f))), f);
const outDir = path.join(generatedDir, 'pprof-out');
// The comparison records what was compared in a profile comment, which pprof prints in its legend.
const dropOurComment = (b: Buffer) => Buffer.from(b.toString('utf8').split('\n').filter((l) => !l.startsWith('pprof-lens comparison:')).join('\n'));

for (const [a, b, extra] of pairs) {
  for (const m of modes) {
    const name = `${a} ${m.flags(b).join(' ')}`;
    test(`comparison equals go tool pprof: ${name}`, async () => {
      assert.ok(await haveGo(), 'go is required (npm test runs scripts/system-deps.js first)');
      assert.ok(fs.existsSync(path.join(generatedDir, a)), `missing ${a}: run node scripts/gen-profiles.js`);
      const cmp = compareProfiles(read(a), read(b), { mode: m.mode, normalize: m.normalize }, { target: a, base: b });
      assert.ok(isComparison(cmp));
      fs.mkdirSync(outDir, { recursive: true });
      const saved = path.join(outDir, `cmp-${process.pid}-${a}-${m.mode}${m.normalize ? '-n' : ''}.pb.gz`);
      fs.writeFileSync(saved, encodeProfile(cmp));
      try {
        for (const fmt of [['-top'], ['-top', '-cum'], ['-traces']]) {
          const want = await runPprof([...extra, ...fmt, ...m.flags(b), a], [a, b]);
          assert.equal(want.code, 0, want.stderr);
          const goOnOurs = await runProcess('go', ['tool', 'pprof', ...extra, ...fmt, saved]);
          assert.equal(goOnOurs.code, 0, goOnOurs.stderr);
          const c1 = compareText(`cmp go ${name} ${fmt.join(' ')}`, want.stdout, dropOurComment(goOnOurs.stdout));
          assert.ok(c1.equal, `go tool pprof on our comparison differs:\n${c1.detail}`);
          const ours = await runOurs([...extra, ...fmt, saved]);
          assert.equal(ours.code, 0, ours.stderr);
          const c2 = compareText(`cmp ours ${name} ${fmt.join(' ')}`, want.stdout, dropOurComment(ours.stdout));
          assert.ok(c2.equal, `pprof-lens on our comparison differs:\n${c2.detail}`);
        }
      } finally {
        fs.rmSync(saved, { force: true });
      }
    });
  }
}

test('mismatched inputs get a clear message', () => {
  assert.throws(
    () => compareProfiles(read('service.cpu2.pb.gz'), read('service.heap.pb.gz'), { mode: 'base', normalize: false }, { target: 'cpu2', base: 'heap' }),
    (e: unknown) => e instanceof ComparisonMismatch && /cannot compare a CPU profile \(cpu2\) with a heap profile \(heap\)/.test(e.message),
  );
  assert.throws(
    () => compareProfiles(read('service.goroutine2.pb.gz'), read('service.block.pb.gz'), { mode: 'base', normalize: false }),
    (e: unknown) => e instanceof ComparisonMismatch,
  );
});
