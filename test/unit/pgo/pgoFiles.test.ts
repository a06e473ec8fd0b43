// What "Create default.pgo…" does on disk and with go list (src/collect/pgoFiles.ts, src/core/pgo/pgoMerge.ts),
// on the real profiles scripts/gen-profiles.js writes (the sample service's CPU and heap profiles, the
// generics program's CPU profile) and real folders: main packages found by go list, default.pgo never
// replaced unless asked and then kept as default.pgo.bak, the sidecar, the other-program warning, the
// refusal of non-CPU profiles, and the extension's merge options equal to the CLI's -proto.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { execFileSync } from 'child_process';
import { encodeProfile } from '../../../src/core/profile/encode';
import { mergeForPgo, otherProgramWarning, pgoMergeOptions, profiledProgram } from '../../../src/core/pgo/pgoMerge';
import { DEFAULT_PGO, findMainPackages, loadPgoInputs, PgoExists, writeDefaultPgo, type PgoSidecar } from '../../../src/collect/pgoFiles';
import { parseGoFlags } from '../../../src/cli/goFlags';
import { allFlags, toCommand } from '../../../src/cli/pprofFlags';
import { repoRoot } from '../../testEnv';

const gen = path.join(repoRoot, 'test', 'fixtures', 'generated');
const serviceDir = path.join(repoRoot, 'examples', 'sample-service');
const max = 512 * 2 ** 20;
const sidecar = (n: number): PgoSidecar => ({ inputs: [{ path: `/x/${n}.pb.gz`, bytes: n }], package: 'example.com/x', createdAt: '2026-12-07T00:00:00Z', mergedAs: 'go tool pprof -proto' });

test('the extension merges with the options of go tool pprof -proto (the CLI\'s, checked against Go)', () => {
  assert.deepEqual(pgoMergeOptions(), toCommand(parseGoFlags(['-proto', 'x.pb.gz'], allFlags())).options);
});

test('two captures of the sample service merge into what go tool pprof -proto writes', () => {
  const files = [path.join(gen, 'service.cpu.pb.gz'), path.join(gen, 'service.cpu2.pb.gz')];
  const ours = encodeProfile(mergeForPgo(loadPgoInputs(files, max), files));
  const theirs = execFileSync('go', ['tool', 'pprof', '-proto', ...files], { maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'ignore'] });
  assert.ok(zlib.gunzipSync(ours).equals(zlib.gunzipSync(theirs)));
});

test('non-CPU inputs are refused, every one named', () => {
  const files = [path.join(gen, 'service.cpu.pb.gz'), path.join(gen, 'service.heap.pb.gz'), path.join(gen, 'service.goroutine.pb.gz')];
  assert.throws(() => mergeForPgo(loadPgoInputs(files, max), files.map((f) => path.basename(f))),
    /not a CPU profile: service\.heap\.pb\.gz \(alloc_objects\/count, alloc_space\/bytes, inuse_objects\/count, inuse_space\/bytes\); service\.goroutine\.pb\.gz \(goroutine\/count\)\. default\.pgo is made of CPU profiles only$/);
  assert.throws(() => loadPgoInputs([path.join(gen, 'nope.pb.gz')], max), /nope\.pb\.gz/);
});

test('a profile of another program is flagged; the sample service\'s own is not', () => {
  const [svc, other] = loadPgoInputs([path.join(gen, 'service.cpu.pb.gz'), path.join(gen, 'generics.cpu.pb.gz')], max);
  const pkg = { importPath: 'example.com/sample-service', dir: serviceDir };
  assert.equal(profiledProgram(svc), 'sample-service');
  assert.equal(otherProgramWarning(svc, 'service.cpu.pb.gz', pkg), undefined);
  assert.equal(otherProgramWarning(other, 'generics.cpu.pb.gz', pkg), 'generics.cpu.pb.gz is a profile of "generics", not of example.com/sample-service (which builds "sample-service")');
  // A test binary of the package is the same program.
  svc.mapping[0].file = '/tmp/go-build123/b001/sample-service.test';
  assert.equal(otherProgramWarning(svc, 'x', pkg), undefined);
});

test('go list finds the main packages of a module (not its libraries)', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-pgo-list-'));
  try {
    fs.writeFileSync(path.join(tmp, 'go.mod'), 'module example.com/two\n\ngo 1.22\n');
    for (const [dir, pkg] of [['cmd/a', 'main'], ['cmd/b', 'main'], ['lib', 'lib']]) {
      fs.mkdirSync(path.join(tmp, dir), { recursive: true });
      fs.writeFileSync(path.join(tmp, dir, 'x.go'), `package ${pkg}\n\n${pkg === 'main' ? 'func main() {}\n' : 'func F() {}\n'}`);
    }
    const found = await findMainPackages(tmp);
    assert.deepEqual(found.map((p) => [p.importPath, fs.realpathSync(p.dir)]).sort(), [
      ['example.com/two/cmd/a', fs.realpathSync(path.join(tmp, 'cmd/a'))],
      ['example.com/two/cmd/b', fs.realpathSync(path.join(tmp, 'cmd/b'))],
    ]);
    assert.deepEqual((await findMainPackages(serviceDir)).map((p) => p.importPath), ['example.com/sample-service']);
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    assert.deepEqual(await findMainPackages(empty), [], 'no packages: none, not an error');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('default.pgo is written with its sidecar, never replaced without asking, and the old one kept as .bak', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-pgo-write-'));
  try {
    const first = await writeDefaultPgo(dir, new Uint8Array([1, 2, 3]), sidecar(1), false);
    assert.equal(first.file, path.join(dir, DEFAULT_PGO));
    assert.equal(first.backup, undefined);
    assert.deepEqual([...fs.readFileSync(first.file)], [1, 2, 3]);
    assert.equal(JSON.parse(fs.readFileSync(`${first.file}.json`, 'utf8')).inputs[0].bytes, 1);

    await assert.rejects(writeDefaultPgo(dir, new Uint8Array([9]), sidecar(2), false), (e: unknown) => e instanceof PgoExists && e.file === first.file);
    assert.deepEqual([...fs.readFileSync(first.file)], [1, 2, 3], 'unchanged');

    const second = await writeDefaultPgo(dir, new Uint8Array([4, 5]), sidecar(2), true);
    assert.equal(second.backup, path.join(dir, `${DEFAULT_PGO}.bak`));
    assert.deepEqual([...fs.readFileSync(second.file)], [4, 5]);
    assert.deepEqual([...fs.readFileSync(second.backup!)], [1, 2, 3]);
    assert.equal(JSON.parse(fs.readFileSync(`${second.backup}.json`, 'utf8')).inputs[0].bytes, 1, 'the old sidecar goes with it');
    assert.equal(JSON.parse(fs.readFileSync(second.sidecar, 'utf8')).inputs[0].bytes, 2);
    assert.deepEqual(fs.readdirSync(dir).sort(), [DEFAULT_PGO, `${DEFAULT_PGO}.bak`, `${DEFAULT_PGO}.bak.json`, `${DEFAULT_PGO}.json`], 'no temp files left');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
