// Finding a profile's sources without settings: the pure rules (package path under a workspace
// module, pprof's "checkout folder name in the path", a unique longest suffix, a folder whose files
// are all in one workspace folder) and the folder mappings they derive; then a real sample-service
// build made without -trimpath in a CI-runner-like folder, profiled, and opened from another
// checkout: every hot function of the service resolves with no setting, with `go tool pprof -list`'s
// figures, and that -list (run in the checkout with no flags, as a user would) finds the same files.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseProfile } from '../../../src/core/profile/parse';
import { encodeProfile } from '../../../src/core/profile/encode';
import { indexSourceCosts, SourceCosts } from '../../../src/core/report/sourceCosts';
import {
  applyMapping,
  goPackageOf,
  inferMappings,
  moduleVersionOf,
  prefixMapping,
  sharedSuffix,
  UnresolvedFile,
  WorkspaceIndex,
} from '../../../src/extension/annotations/sourceInference';
import { mappingForFolder, resolveSourcePath, ResolveContext } from '../../../src/extension/annotations/sourcePathResolver';
import { assertMatchesList, goList, haveGo, repoRoot, Routine, sampleServiceDir } from './listOracle';

const unresolved = (file: string, ...packages: string[]): UnresolvedFile => ({ file, packages });

test('prefix mappings keep what the two paths share at their ends', () => {
  assert.equal(sharedSuffix('/home/runner/work/svc/svc/pkg/a.go', '/ws/svc/pkg/a.go'), 3);
  assert.equal(sharedSuffix('/a/b.go', '/c/d.go'), 0);
  assert.deepEqual(prefixMapping('/home/runner/work/svc/svc/pkg/a.go', '/ws/svc/pkg/a.go'), { from: '/home/runner/work/svc', to: '/ws' });
  assert.deepEqual(prefixMapping('/app/x.go', '/ws/x.go'), { from: '/app', to: '/ws' });
  assert.equal(prefixMapping('/x.go', '/ws/x.go'), undefined, 'a mapping of / would capture every path');
  assert.equal(prefixMapping('/a/x.go', '/b/y.go'), undefined);
  assert.deepEqual(prefixMapping('C:\\build\\svc\\pkg\\a.go', '/ws/svc/pkg/a.go'), { from: 'C:/build', to: '/ws' });
  assert.equal(applyMapping({ from: '/build/', to: '/ws' }, '/build/svc/a.go'), '/ws/svc/a.go');
  assert.equal(applyMapping({ from: '/build', to: '/ws' }, '/builder/a.go'), undefined, 'a folder prefix, not a string prefix');
  // "Map Here" on one folder maps the tree: 33 folders of one checkout need one pick.
  assert.deepEqual(mappingForFolder('/home/u/work/svc/pkg/a/x.go', '/ws/svc/pkg/a'), { from: '/home/u/work', to: '/ws' });
  assert.deepEqual(mappingForFolder('/app/x.go', '/ws/other'), { from: '/app', to: '/ws/other' });
});

test('module and version of module-cache paths', () => {
  assert.deepEqual(moduleVersionOf('/home/u/go/pkg/mod/github.com/!azure/azure-sdk-for-go@v1.2.3/x/y.go'), { path: 'github.com/Azure/azure-sdk-for-go', version: 'v1.2.3' });
  assert.deepEqual(moduleVersionOf('golang.org/x/net@v0.1.0/http2/frame.go'), { path: 'golang.org/x/net', version: 'v0.1.0' });
  assert.deepEqual(moduleVersionOf('C:\\Users\\u\\go\\pkg\\mod\\golang.org\\x\\sync@v0.22.0\\errgroup\\errgroup.go'), { path: 'golang.org/x/sync', version: 'v0.22.0' });
  assert.deepEqual(moduleVersionOf('/go/pkg/mod/example.com/m@v0.0.0-20240101000000-abcdefabcdef/a.go')?.version, 'v0.0.0-20240101000000-abcdefabcdef');
  assert.equal(moduleVersionOf('/go/pkg/mod/cache/download/x@v1.0.0/a.go'), undefined);
  assert.equal(moduleVersionOf('/home/u/src/app/main.go'), undefined);
  assert.equal(moduleVersionOf('runtime/proc.go'), undefined);
  assert.equal(moduleVersionOf('/go/pkg/mod/x@v1.0.0;rm -rf/a.go'), undefined);
});

test('Go package paths of pprof function names', () => {
  assert.equal(goPackageOf('example.com/svc/pkg.(*T).M'), 'example.com/svc/pkg');
  assert.equal(goPackageOf('main.run.func1'), 'main');
  assert.equal(goPackageOf('github.com/a/b.Map[go.shape.string/x]'), 'github.com/a/b');
  assert.equal(goPackageOf('gopkg.in/yaml%2ev3.(*parser).parse'), 'gopkg.in/yaml.v3');
  assert.equal(goPackageOf('runtime.mallocgc'), 'runtime');
  assert.equal(goPackageOf('<unknown>'), undefined);
  assert.equal(goPackageOf('::trace'), undefined);
});

test('inference rules: package path, folder name, unique suffix, folder of files; first match maps the tree', () => {
  const files = [
    '/ws/svc/go.mod',
    '/ws/svc/main.go',
    '/ws/svc/cpu.go',
    '/ws/svc/internal/store/db.go',
    '/ws/svc/internal/store/cache.go',
    '/ws/svc/pkg/api/handler.go',
    '/ws/svc/vendor/github.com/lib/x/x.go',
    '/ws/other/handler.go',
    '/ws/other/util.go',
    '/ws/tools/util.go',
  ].filter((f) => f.endsWith('.go'));
  const have = new Set(files);
  const exists = (p: string) => have.has(p);
  const ws: WorkspaceIndex = { roots: ['/ws/svc'], modules: [{ modulePath: 'example.com/svc', dir: '/ws/svc' }], files };

  // Package path under the workspace module, built in a folder of another name (no suffix beyond the file).
  const byPkg = inferMappings([unresolved('/go/src/app/internal/store/db.go', 'example.com/svc/internal/store'), unresolved('/go/src/app/pkg/api/handler.go')], ws, exists);
  assert.deepEqual(byPkg.map((m) => [m.from, m.to, m.by, m.resolves]), [['/go/src/app', '/ws/svc', 'package', 2]]);

  // pprof's rule: the workspace folder's own name in the path (GitHub runners: /home/runner/work/<repo>/<repo>/…).
  const byName = inferMappings([unresolved('/home/runner/work/svc/svc/main.go', 'main'), unresolved('/home/runner/work/svc/svc/internal/store/cache.go')], ws, exists);
  assert.deepEqual(byName.map((m) => [m.from, m.to, m.by, m.resolves]), [['/home/runner/work/svc', '/ws', 'folder-name', 2]]);

  // A unique longest suffix (two segments at least): store/db.go is only in one place.
  const bySuffix = inferMappings([unresolved('/build/x/internal/store/db.go')], { ...ws, roots: [], modules: [] }, exists);
  assert.deepEqual(bySuffix.map((m) => [m.from, m.to, m.by]), [['/build/x', '/ws/svc', 'suffix']]);

  // Ambiguous: handler.go under api/ and other/ with the same one-segment suffix, nothing else: no guess.
  assert.deepEqual(inferMappings([unresolved('/b/handler.go')], { ...ws, roots: [], modules: [] }, exists), []);
  // util.go is in two folders, so one file alone is no evidence; but a folder whose two files are
  // both only in /ws/other is.
  assert.deepEqual(inferMappings([unresolved('/app/util.go')], { ...ws, roots: [], modules: [] }, exists), []);
  const byFolder = inferMappings([unresolved('/app/util.go'), unresolved('/app/handler.go')], { ...ws, roots: [], modules: [] }, exists);
  assert.deepEqual(byFolder.map((m) => [m.from, m.to, m.by, m.resolves]), [['/app', '/ws/other', 'folder-files', 2]]);

  // Relative (-trimpath) names are the module rule's, not inference's.
  assert.deepEqual(inferMappings([unresolved('example.com/svc/cpu.go')], ws, exists), []);

  // Inferred mappings resolve after the user's, and send another checkout's existing files into the workspace.
  const ctx: ResolveContext = {
    exists: (p) => have.has(p) || p.startsWith('/old/checkout/'),
    modules: [],
    mappings: [],
    inferred: [{ from: '/old/checkout', to: '/ws/svc' }],
    workspaceRoots: ['/ws/svc'],
  };
  assert.deepEqual(resolveSourcePath('/old/checkout/cpu.go', ctx), { path: '/ws/svc/cpu.go', how: 'inferred', readOnly: false });
  assert.equal(resolveSourcePath('/old/checkout/gone.go', ctx)?.how, 'as-is', 'not in the workspace: the existing file');
  assert.equal(resolveSourcePath('/old/checkout/cpu.go', { ...ctx, mappings: [{ from: '/old', to: '/ws/x' }], exists: (p) => p === '/ws/x/checkout/cpu.go' || p === '/ws/svc/cpu.go' })?.how, 'mapping');
});

const skip = !haveGo() ? 'needs go' : false;

test('a build without -trimpath in a CI runner folder, opened from another checkout: no settings needed', { skip, timeout: 360_000 }, async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const svc = require(path.join(repoRoot, 'scripts', 'sample-service.js'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { freePort } = require(path.join(repoRoot, 'scripts', 'vscode-env.js'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-inference-'));
  let service: { stop: () => Promise<void>; url: string } | undefined;
  try {
    const build = path.join(tmp, 'home', 'runner', 'work', 'sample-service', 'sample-service');
    fs.cpSync(sampleServiceDir, build, { recursive: true });
    const bin = path.join(tmp, 'sample-service-bin');
    execFileSync('go', ['build', '-o', bin, '.'], {
      cwd: build,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOPROXY: 'off', CGO_ENABLED: '0' },
      timeout: 300_000,
    });
    service = await svc.startSampleService(bin, `127.0.0.1:${await freePort()}`);
    const prof = path.join(tmp, 'runner.cpu.pb.gz');
    await svc.captureCpuProfile(service!.url, 2, prof);
    await service!.stop();
    service = undefined;
    // The build machine is gone: its folder no longer exists here.
    fs.rmSync(path.join(tmp, 'home'), { recursive: true, force: true });

    const checkout = path.join(tmp, 'checkout', 'sample-service');
    fs.cpSync(sampleServiceDir, checkout, { recursive: true });
    const p = parseProfile(fs.readFileSync(prof), prof);
    const costs = indexSourceCosts(p);
    const own = costs.files().filter((f) => f.startsWith(build + '/'));
    assert.ok(own.length >= 2, `the profile names the build folder's files: ${costs.files().join(', ')}`);

    const ctx: ResolveContext = { exists: (f) => fs.existsSync(f), modules: [{ modulePath: 'example.com/sample-service', dir: checkout }], mappings: [], workspaceRoots: [checkout] };
    for (const f of own) assert.equal(resolveSourcePath(f, ctx), undefined, `${f} is unresolved by the fixed rules`);
    const ws: WorkspaceIndex = { roots: [checkout], modules: ctx.modules, files: fs.readdirSync(checkout).filter((f) => f.endsWith('.go')).map((f) => path.join(checkout, f)) };
    const inferred = inferMappings(hottestFirst(costs, own), ws, ctx.exists);
    // The folders above the shared "sample-service/<file>": …/work/sample-service → …/checkout.
    assert.deepEqual(inferred.map((m) => [m.from, m.to, m.resolves]), [[path.dirname(build), path.dirname(checkout), own.length]]);
    ctx.inferred = inferred;

    // pprof, run in the checkout with no flags, finds the same files; our figures equal its -list and land on its lines.
    const { routines } = goList(prof, 'main\\.', [], checkout);
    const hot = routines.filter((r) => r.lines.some((l) => l.text !== '' && (l.flat !== '.' || l.cum !== '.')));
    assert.ok(hot.some((r) => r.name === 'main.countPrimes'), `pprof found the sources: ${routines.map((r) => r.name).join(', ')}`);
    assert.ok(assertMatchesList(costs, routines, 'runner build', (a, b) => path.basename(a) === path.basename(b)) > 2);
    let landed = 0;
    for (const r of hot) {
      const fc = costs.functions(r.name)[0];
      const local = resolveSourcePath(fc.file, ctx);
      assert.equal(local?.how, 'inferred', `${fc.file}`);
      const text = fs.readFileSync(local!.path, 'utf8').split('\n');
      for (const l of r.lines) {
        if (l.flat === '.' && l.cum === '.') continue;
        assert.equal(text[l.line - 1], l.text, `${fc.file}:${l.line}`);
        landed++;
      }
    }
    assert.ok(landed > 3, `${landed} lines landed`);

    // The same profile moved to a container's /app: the folder-name rule no longer applies, the
    // folder's files still find their one workspace folder.
    for (const f of p.function) f.filename = f.filename.replace(build, '/app');
    const container = path.join(tmp, 'container.cpu.pb.gz');
    fs.writeFileSync(container, encodeProfile(p));
    const c2 = indexSourceCosts(parseProfile(fs.readFileSync(container), container));
    const own2 = c2.files().filter((f) => f.startsWith('/app/'));
    const inferred2 = inferMappings(hottestFirst(c2, own2), { ...ws, roots: [] }, ctx.exists);
    assert.deepEqual(inferred2.map((m) => [m.from, m.to]), [['/app', checkout]]);
  } finally {
    await service?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

function hottestFirst(costs: SourceCosts, files: string[]): UnresolvedFile[] {
  const cum = (f: string) => Math.max(0, ...costs.file(f)!.functions.map((x) => Math.abs(x.cum)));
  return [...files]
    .sort((a, b) => cum(b) - cum(a))
    .map((file) => ({ file, packages: [...new Set(costs.file(file)!.functions.map((x) => goPackageOf(x.name)!).filter(Boolean))] }));
}

export type { Routine };

test('go mod download fetches the module a profile names at its version into the module cache', { skip: !haveGo() ? 'needs go' : false, timeout: 300_000 }, async () => {
  const { goModDownload } = await import('../../../src/extension/annotations/moduleDownload');
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-modcache-'));
  try {
    const env = { ...process.env, GOMODCACHE: cache, GOFLAGS: '-modcacherw' };
    // As a build machine's profile names it: its module cache, not ours.
    const file = '/home/builder/go/pkg/mod/golang.org/x/sync@v0.22.0/errgroup/errgroup.go';
    const mv = moduleVersionOf(file)!;
    assert.deepEqual(await goModDownload('go', [mv], () => false, env), [{ module: 'golang.org/x/sync@v0.22.0', error: 'the workspace is not trusted' }]);
    assert.ok(!fs.existsSync(path.join(cache, 'golang.org/x/sync@v0.22.0')), 'nothing downloaded untrusted');
    assert.deepEqual(await goModDownload('go', [mv], () => true, env), []);
    const ctx: ResolveContext = { exists: (f) => fs.existsSync(f), modules: [], goEnv: { goroot: '', gomodcache: cache }, mappings: [] };
    assert.deepEqual(resolveSourcePath(file, ctx), { path: path.join(cache, 'golang.org/x/sync@v0.22.0/errgroup/errgroup.go'), how: 'modcache', readOnly: true });
    const bad = await goModDownload('go', [{ path: 'golang.org/x/sync', version: 'v0.0.999' }], () => true, env);
    assert.equal(bad.length, 1);
    assert.match(bad[0].error, /v0\.0\.999/);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
});
