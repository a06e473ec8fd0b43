// Captures do not clutter the repository: a watch keeps its snapshots in one folder, a
// trace its derived profiles beside it, both listed in the Profiles view; and .pprof/ can be kept
// out of git (checked against the real git).
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { groupCaptures, readCaptureLibrary } from '../../../src/collect/captureLibrary';
import { captureKind } from '../../../src/collect/captureKind';
import { captureFileName, parseWatchFolderName, traceProfilesFolderName, watchFolderName } from '../../../src/collect/captureName';
import { addToRootGitignore, gitignoreCovers, gitRootOf, ignoreInsideFolder, isGitIgnored } from '../../../src/collect/gitIgnore';
import { saveCapture } from '../../../src/collect/saveCapture';

const CPU = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'compare', 'sample-service-cpu-a.pb.gz');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-watchdirs-'));
}

describe('watch folders and trace profiles in the library', () => {
  it('watch folder names round-trip', () => {
    const when = new Date(2026, 11, 7, 19, 5, 0);
    assert.equal(watchFolderName('goroutines', when), 'watch-goroutines-20261207-190500');
    assert.deepEqual(parseWatchFolderName('watch-heap-20261207-190500'), { kind: 'heap', time: when });
    assert.equal(parseWatchFolderName('comparisons'), undefined);
    assert.equal(parseWatchFolderName('watch-cpu-20261207-190500'), undefined);
  });

  it('a watch\'s snapshots are one group under its target; the top level keeps the other captures; a trace lists its profiles', async () => {
    const dir = tmp();
    try {
      const t0 = new Date(2026, 11, 7, 19, 5, 0);
      const watch = path.join(dir, watchFolderName('goroutines', t0));
      for (let i = 0; i < 4; i++) {
        const at = new Date(t0.getTime() + i * 10_000);
        await saveCapture(watch, captureFileName('sample', captureKind('goroutine-dump'), at), Buffer.from('goroutine 1 [running]:\nmain.main()\n\t/x.go:1 +0x1\n'),
          { target: 'sample', targetUrl: 'http://127.0.0.1:6060', kind: 'goroutine-dump', capturedAt: at.toISOString(), watch: 'goroutines' });
      }
      await saveCapture(dir, captureFileName('sample', captureKind('cpu'), t0), fs.readFileSync(CPU), { target: 'sample', kind: 'cpu', capturedAt: t0.toISOString() });
      const trace = captureFileName('sample', captureKind('trace'), t0);
      await saveCapture(dir, trace, Buffer.from('go 1.23 trace\0\0\0'), { target: 'sample', kind: 'trace', capturedAt: t0.toISOString() });
      fs.mkdirSync(path.join(dir, traceProfilesFolderName(trace)));
      fs.copyFileSync(CPU, path.join(dir, traceProfilesFolderName(trace), `${trace}.sync.pb.gz`));
      fs.mkdirSync(path.join(dir, 'comparisons'));
      fs.copyFileSync(CPU, path.join(dir, 'comparisons', 'a-vs-b.base.pb.gz'));

      const entries = await readCaptureLibrary(dir);
      assert.equal(entries.filter((e) => e.watch).length, 4);
      assert.ok(entries.every((e) => !e.path.includes(`${path.sep}comparisons${path.sep}`)), 'comparisons are not captures');
      const [g] = groupCaptures(entries);
      assert.equal(g.target, 'sample');
      assert.deepEqual(g.kinds.map((k) => [k.kind, k.entries.length]).sort(), [['cpu', 1], ['trace', 1]]);
      assert.equal(g.watches.length, 1);
      assert.equal(g.watches[0].folder, 'watch-goroutines-20261207-190500');
      assert.equal(g.watches[0].kind, 'goroutines');
      assert.equal(g.watches[0].entries.length, 4);
      assert.ok(g.watches[0].entries[0].time > g.watches[0].entries[3].time, 'newest first');
      assert.equal(g.newest, t0.getTime() + 30_000, 'the newest snapshot counts for the group');
      const t = g.kinds.find((k) => k.kind === 'trace')!.entries[0];
      assert.deepEqual(t.derived?.map((d) => d.fileName), [`${trace}.sync.pb.gz`]);
      assert.equal(fs.readdirSync(dir).filter((f) => f.includes('goroutine-dump')).length, 0, 'no snapshot beside the captures');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('keeping .pprof/ out of git', () => {
  it('.gitignore lines that name the folder', () => {
    for (const l of ['.pprof', '.pprof/', '/.pprof', '/.pprof/', '.pprof/*', '.pprof/**', '**/.pprof', '# x\nnode_modules/\n.pprof/\n']) assert.ok(gitignoreCovers(l, '.pprof'), l);
    for (const l of ['', '# .pprof', '!.pprof', '.pprof-old', 'other/.pprof', '/sub/.pprof']) assert.ok(!gitignoreCovers(l, '.pprof'), l);
    assert.ok(gitignoreCovers('.pprof/', 'svc/.pprof'), 'a bare name matches at any depth');
    assert.ok(!gitignoreCovers('/.pprof/', 'svc/.pprof'), 'an anchored one only at the root');
  });

  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

  it('in a real git repository: not ignored at first; each way to ignore it is what git check-ignore says', async () => {
    for (const way of ['root', 'inside'] as const) {
      const root = tmp();
      try {
        git(root, 'init', '-q');
        const dir = path.join(root, '.pprof');
        fs.mkdirSync(dir);
        fs.copyFileSync(CPU, path.join(dir, 'a-cpu-20261207-101010.pb.gz'));
        assert.equal(gitRootOf(path.join(dir, 'x')), root);
        assert.equal(await isGitIgnored(dir, root), false);
        assert.match(git(root, 'status', '--porcelain', '--untracked-files=all'), /\.pprof\/a-cpu/);
        if (way === 'root') {
          fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules/');
          await addToRootGitignore(root, dir);
          assert.equal(fs.readFileSync(path.join(root, '.gitignore'), 'utf8'), 'node_modules/\n# captures of Pprof Lens\n/.pprof/\n');
          await addToRootGitignore(root, dir); // once only
          assert.equal((fs.readFileSync(path.join(root, '.gitignore'), 'utf8').match(/\/\.pprof\//g) ?? []).length, 1);
        } else {
          await ignoreInsideFolder(dir);
          assert.equal(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'), '# captures of Pprof Lens: not for git\n*\n');
        }
        assert.equal(await isGitIgnored(dir, root), true);
        assert.doesNotMatch(git(root, 'status', '--porcelain', '--untracked-files=all'), /\.pprof\//, `${way}: git no longer sees the captures`);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    }
    assert.equal(gitRootOf(os.tmpdir()), undefined);
  });
});
