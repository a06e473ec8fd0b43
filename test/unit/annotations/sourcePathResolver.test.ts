// Source path resolution: the pure rules, then on real profiles of the sample service — one built
// with -trimpath (module-relative paths, resolved through the workspace's go.mod) and one whose
// paths were rewritten to a container's (/app/...), resolved through a path mapping. In both the
// figures equal `go tool pprof -list` and land on the lines -list prints.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseProfile } from '../../../src/core/profile/parse';
import { encodeProfile } from '../../../src/core/profile/encode';
import { indexSourceCosts, SourceCosts } from '../../../src/core/report/sourceCosts';
import {
  candidates,
  goModModulePath,
  mappingForFolder,
  resolveSourcePath,
  ResolveContext,
} from '../../../src/extension/annotations/sourcePathResolver';
import { assertMatchesList, generatedDir, goList, haveGo, repoRoot, Routine, sampleServiceDir } from './listOracle';

const exists = (files: string[]) => (p: string) => files.includes(p);
const goEnv = { goroot: '/usr/lib/go', gomodcache: '/home/u/go/pkg/mod' };

test('resolution order: as is, module, GOROOT / module cache, mappings', () => {
  const ctx: ResolveContext = {
    exists: exists([
      '/ws/svc/cpu.go',
      '/ws/svc/internal/x/y.go',
      '/usr/lib/go/src/runtime/proc.go',
      '/home/u/go/pkg/mod/golang.org/x/net@v0.1.0/http2/frame.go',
      '/ws/mapped/cpu.go',
      '/abs/exists.go',
    ]),
    modules: [{ modulePath: 'example.com/svc', dir: '/ws/svc' }],
    goEnv,
    mappings: [{ from: '/app', to: '/ws/mapped/' }],
  };
  assert.deepEqual(resolveSourcePath('/abs/exists.go', ctx), { path: '/abs/exists.go', how: 'as-is', readOnly: false });
  assert.equal(resolveSourcePath('example.com/svc/cpu.go', ctx)?.path, '/ws/svc/cpu.go');
  assert.equal(resolveSourcePath('example.com/svc/internal/x/y.go', ctx)?.how, 'module');
  assert.deepEqual(resolveSourcePath('runtime/proc.go', ctx), { path: '/usr/lib/go/src/runtime/proc.go', how: 'goroot', readOnly: true });
  assert.equal(resolveSourcePath('/usr/local/go/src/runtime/proc.go', ctx)?.path, '/usr/lib/go/src/runtime/proc.go');
  assert.deepEqual(resolveSourcePath('golang.org/x/net@v0.1.0/http2/frame.go', ctx)?.how, 'modcache');
  assert.equal(resolveSourcePath('/root/go/pkg/mod/golang.org/x/net@v0.1.0/http2/frame.go', ctx)?.path,
    '/home/u/go/pkg/mod/golang.org/x/net@v0.1.0/http2/frame.go');
  assert.deepEqual(resolveSourcePath('/app/cpu.go', ctx), { path: '/ws/mapped/cpu.go', how: 'mapping', readOnly: false });
  assert.equal(resolveSourcePath('/app2/cpu.go', ctx), undefined, 'a mapping is a folder prefix, not a string prefix');
  assert.equal(resolveSourcePath('/nowhere/x.go', ctx), undefined);
  assert.equal(resolveSourcePath('', ctx), undefined);
  // An existing path wins over a mapping of the same file.
  const both: ResolveContext = { ...ctx, exists: exists(['/app/cpu.go', '/ws/mapped/cpu.go']) };
  assert.equal(resolveSourcePath('/app/cpu.go', both)?.how, 'as-is');
  // The longest module path wins (nested modules).
  const nested: ResolveContext = {
    ...ctx,
    exists: () => true,
    modules: [{ modulePath: 'example.com/svc', dir: '/ws/svc' }, { modulePath: 'example.com/svc/tools', dir: '/ws/tools' }],
  };
  assert.equal(resolveSourcePath('example.com/svc/tools/gen.go', nested)?.path, '/ws/tools/gen.go');
  // Windows build paths.
  const win: ResolveContext = { ...ctx, exists: exists(['/ws/w/cpu.go']), mappings: [{ from: 'C:\\build\\svc', to: '/ws/w' }] };
  assert.equal(resolveSourcePath('C:\\build\\svc\\cpu.go', win)?.path, '/ws/w/cpu.go');
  assert.ok(candidates('example.com/svc/../svc/cpu.go', ctx).every((c) => !c.path.includes('..')));
});

test('go.mod module path and folder mappings', () => {
  assert.equal(goModModulePath('// c\nmodule example.com/sample-service // x\n\ngo 1.19\n'), 'example.com/sample-service');
  assert.equal(goModModulePath('module "example.com/q"\n'), 'example.com/q');
  assert.equal(goModModulePath('go 1.19\n'), undefined);
  // The folders above what the two share: one pick maps the whole tree.
  assert.deepEqual(mappingForFolder('/app/internal/cpu.go', '/ws/svc/internal/'), { from: '/app', to: '/ws/svc' });
  assert.deepEqual(mappingForFolder('/app/cpu.go', '/ws/svc'), { from: '/app', to: '/ws/svc' });
});

// Generated profiles are made by `npm test` before the suites run (scripts/gen-profiles.js): missing ones fail.
const skip = !haveGo()
  ? 'needs go'
  : false;

/** The resolved file's text at each -list line is the text -list prints: the figures land on the right lines. */
function assertLinesLand(costs: SourceCosts, routines: Routine[], ctx: ResolveContext, what: string): number {
  let n = 0;
  for (const r of routines) {
    if (r.lines.length === 0) continue;
    const fc = costs.functions(r.name)[0];
    const local = resolveSourcePath(fc.file, ctx);
    assert.ok(local, `${what}: ${fc.file} unresolved`);
    const text = fs.readFileSync(local.path, 'utf8').split('\n');
    for (const l of r.lines) {
      if (l.flat === '.' && l.cum === '.') continue;
      assert.equal(text[l.line - 1], l.text, `${what}: ${fc.file}:${l.line}`);
      n++;
    }
  }
  return n;
}

const byBase = (ours: string, theirs: string) => path.basename(ours) === path.basename(theirs);

test('path mapping: a profile built in a container (/app/...) resolves through pprofLens.pathMappings', { skip }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-mapping-'));
  try {
    const copy = path.join(tmp, 'checkout');
    fs.cpSync(sampleServiceDir, copy, { recursive: true });
    const p = parseProfile(fs.readFileSync(path.join(generatedDir, 'service.cpu.pb.gz')), 'cpu');
    for (const f of p.function) f.filename = f.filename.replace(sampleServiceDir, '/app');
    const moved = path.join(tmp, 'container.cpu.pb.gz');
    fs.writeFileSync(moved, encodeProfile(p));
    const costs = indexSourceCosts(p);
    assert.ok(costs.file('/app/cpu.go'), 'the profile names /app/cpu.go');
    const ctx: ResolveContext = { exists: (f) => fs.existsSync(f), modules: [], goEnv: undefined, mappings: [] };
    assert.equal(resolveSourcePath('/app/cpu.go', ctx), undefined, 'unresolved without a mapping');
    ctx.mappings = [mappingForFolder('/app/cpu.go', copy)];
    assert.deepEqual(resolveSourcePath('/app/cpu.go', ctx), { path: path.join(copy, 'cpu.go'), how: 'mapping', readOnly: false });
    const { routines } = goList(moved, 'main\\.', ['-trim_path=/app', `-source_path=${copy}`]);
    assert.ok(routines.some((r) => r.name === 'main.isPrime'));
    assert.ok(assertMatchesList(costs, routines, 'mapped', byBase) > 3);
    assert.ok(assertLinesLand(costs, routines, ctx, 'mapped') > 3);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('-trimpath build: module-relative paths resolve through the workspace go.mod', { skip, timeout: 360_000 }, async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const svc = require(path.join(repoRoot, 'scripts', 'sample-service.js'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { freePort } = require(path.join(repoRoot, 'scripts', 'vscode-env.js'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-trimpath-'));
  let service: { stop: () => Promise<void>; url: string } | undefined;
  try {
    const bin = path.join(tmp, 'sample-service');
    execFileSync('go', ['build', '-trimpath', '-o', bin, '.'], {
      cwd: sampleServiceDir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOPROXY: 'off', CGO_ENABLED: '0' },
      timeout: 300_000,
    });
    service = await svc.startSampleService(bin, `127.0.0.1:${await freePort()}`);
    const prof = path.join(tmp, 'trimpath.cpu.pb.gz');
    await svc.captureCpuProfile(service!.url, 2, prof);
    await service!.stop();
    service = undefined;

    const p = parseProfile(fs.readFileSync(prof), prof);
    const costs = indexSourceCosts(p);
    const modulePath = goModModulePath(fs.readFileSync(path.join(sampleServiceDir, 'go.mod'), 'utf8'))!;
    assert.equal(modulePath, 'example.com/sample-service');
    assert.ok(costs.file(`${modulePath}/cpu.go`), `files: ${costs.files().join(', ')}`);
    const goroot = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).stdout.trim();
    const ctx: ResolveContext = {
      exists: (f) => fs.existsSync(f),
      modules: [{ modulePath, dir: sampleServiceDir }],
      goEnv: { goroot, gomodcache: '' },
      mappings: [],
    };
    assert.deepEqual(resolveSourcePath(`${modulePath}/cpu.go`, ctx), { path: path.join(sampleServiceDir, 'cpu.go'), how: 'module', readOnly: false });
    // The standard library of a -trimpath build ("runtime/proc.go") resolves under $GOROOT/src.
    const std = costs.files().filter((f) => !f.startsWith(modulePath) && !f.startsWith('/'));
    assert.ok(std.length > 0, 'some standard library files');
    for (const f of std) assert.equal(resolveSourcePath(f, ctx)?.how, 'goroot', f);

    const { routines } = goList(prof, 'main\\.', [`-source_path=${sampleServiceDir}`], tmp);
    assert.ok(routines.some((r) => r.name === 'main.countPrimes' && r.lines.length > 0), 'countPrimes listed');
    assert.ok(assertMatchesList(costs, routines, 'trimpath', byBase) > 2);
    assert.ok(assertLinesLand(costs, routines, ctx, 'trimpath') > 2);
    // isPrime is still inlined into countPrimes in this build.
    assert.deepEqual(costs.calls(costs.functions('main.isPrime')[0]).inlinedInto, ['main.countPrimes']);
  } finally {
    await service?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
