// The machine side of source path resolution: gathers what the pure rules (sourcePathResolver.ts)
// need — the workspace's go.mod module paths, `go env GOROOT GOMODCACHE`, the pprofLens.pathMappings
// setting, the mappings inferred from profiles (./sourceInference) — and answers "where is this
// profile file here?" with a cache, cleared when any input changes.
import * as vscode from 'vscode';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Log } from '../log';
import { isTrusted } from '../workspaceTrust';
import {
  GoEnv,
  goModModulePath,
  ModuleRoot,
  PathMapping,
  ResolvedPath,
  resolveSourcePath,
} from './sourcePathResolver';
import { inferMappings, InferredMapping, moduleVersionOf, ModuleVersion, UnresolvedFile } from './sourceInference';
import { goBinary } from '../testProfiling/testProfilingSettings';
import { goModDownload, type ModuleDownloadFailure } from './moduleDownload';

export const pathMappingsSetting = 'pathMappings';

/** What one inference run found for a profile. */
export interface Inference {
  /** Mappings new to this session. */
  added: InferredMapping[];
  /** Files still unresolved that look like the workspace's own (its module's packages, its file names). */
  ownUnresolved: string[];
  /** Modules at the versions the profile's build used that this module cache lacks (their files are unresolved). */
  missingModules: ModuleVersion[];
}

export class SourceLocator implements vscode.Disposable {
  private modules: ModuleRoot[] = [];
  private goEnv: GoEnv | undefined;
  private trees: GoTrees | undefined;
  private mappings: PathMapping[] = [];
  /** Inferred this session (not saved unless the user keeps them). */
  private inferred: InferredMapping[] = [];
  private cache = new Map<string, ResolvedPath | null>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when resolutions may have changed (go.mod, settings, workspace folders). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private ready: Promise<void>;

  constructor(private readonly log: Log) {
    this.mappings = readMappings();
    this.ready = this.load().then(() => this.changed.fire());
    const goMods = vscode.workspace.createFileSystemWatcher('**/go.mod');
    const reload = () => {
      this.ready = this.load().then(() => this.changed.fire());
    };
    goMods.onDidChange(reload);
    goMods.onDidCreate(reload);
    goMods.onDidDelete(reload);
    this.disposables.push(
      goMods,
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
      // Restricted Mode skipped `go env`: run it once the folder is trusted.
      vscode.workspace.onDidGrantWorkspaceTrust(reload),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`pprofLens.${pathMappingsSetting}`)) {
          this.mappings = readMappings();
          this.cache.clear();
          this.changed.fire();
        }
      }),
    );
  }

  /** Resolves once go.mod files and `go env` have been read. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  resolve(profilePath: string): ResolvedPath | undefined {
    let r = this.cache.get(profilePath);
    if (r === undefined) {
      r =
        resolveSourcePath(profilePath, {
          exists: isFile,
          modules: this.modules,
          goEnv: this.goEnv,
          mappings: this.mappings,
          inferred: this.inferred,
          workspaceRoots: workspaceRoots(),
        }) ?? null;
      this.cache.set(profilePath, r);
    }
    return r ?? undefined;
  }

  /**
   * Infers folder mappings for profile files that nothing resolves (hottest first) from the
   * workspace's Go files, keeps them for this session and returns the new ones (empty when none).
   */
  async infer(unresolved: readonly UnresolvedFile[]): Promise<Inference> {
    await this.ready;
    const todo = unresolved.filter((u) => !this.resolve(u.file));
    if (todo.length === 0) return { added: [], ownUnresolved: [], missingModules: [] };
    const t0 = Date.now();
    const uris = await vscode.workspace.findFiles('**/*.go', '{**/node_modules/**,**/.git/**}', 200_000);
    const found = inferMappings(
      todo,
      { roots: workspaceRoots(), modules: this.modules, files: uris.map((u) => u.fsPath.replace(/\\/g, '/')) },
      isFile,
    ).filter((m) => !this.inferred.some((x) => x.from === m.from) && !this.mappings.some((x) => x.from === m.from));
    this.log.info(`source paths: inferred ${found.length} mapping(s) for ${todo.length} unresolved file(s) from ${uris.length} Go files in ${Date.now() - t0} ms` +
      found.map((m) => `\n  ${m.from} -> ${m.to} (${m.resolves} files; by ${m.by}: ${m.example.file} is ${m.example.local})`).join(''));
    if (found.length > 0) {
      this.inferred.push(...found);
      this.cache.clear();
      this.changed.fire();
    }
    // Still unresolved files that look like the workspace's own: a package under one of its modules,
    // or a file name that the workspace has.
    const bases = new Set(uris.map((u) => path.basename(u.fsPath)));
    const still = todo.filter((u) => !this.resolve(u.file));
    const missing = new Map<string, ModuleVersion>();
    for (const u of still) {
      const mv = moduleVersionOf(u.file);
      if (mv) missing.set(`${mv.path}@${mv.version}`, mv);
    }
    const ownUnresolved = still
      .filter((u) => !moduleVersionOf(u.file))
      .filter((u) => u.packages.some((p) => this.modules.some((m) => p === m.modulePath || p.startsWith(m.modulePath + '/'))) ||
        bases.has(u.file.replace(/\\/g, '/').split('/').pop() ?? ''))
      .map((u) => u.file);
    return { added: found, ownUnresolved, missingModules: [...missing.values()] };
  }

  /**
   * Go source trees other than GOROOT's: the toolchains `GOTOOLCHAIN` downloaded into the module
   * cache (golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64), with their versions; and GOROOT's own.
   */
  goTrees(): GoTrees {
    // Read once per `go env` (placement asks on every edit of a stale standard-library file).
    if (!this.trees) this.trees = readGoTrees(this.goEnv);
    return this.trees;
  }

  /**
   * Downloads modules into the module cache (`go mod download`, through the user's GOPROXY), so
   * the profile's dependency sources at the versions its build used resolve; trusted workspaces only.
   * Returns the modules that failed, with go's message.
   */
  async downloadModules(mods: readonly ModuleVersion[]): Promise<ModuleDownloadFailure[]> {
    const failed = await goModDownload(goBinary(), mods, isTrusted);
    this.log.info(`go mod download: ${mods.length - failed.length} of ${mods.length} module(s) downloaded` + failed.map((f) => `\n  ${f.module}: ${f.error}`).join(''));
    this.cache.clear();
    this.changed.fire();
    return failed;
  }

  /** The mappings inferred this session. */
  inferredMappings(): readonly InferredMapping[] {
    return this.inferred;
  }

  /** Drops an inferred mapping (the user changed or saved it). */
  forgetInferred(from: string): void {
    const n = this.inferred.length;
    this.inferred = this.inferred.filter((m) => m.from !== from);
    if (this.inferred.length !== n) {
      this.cache.clear();
      this.changed.fire();
    }
  }

  /** Adds a {from, to} mapping to the setting (workspace if one is open). */
  async addMapping(m: PathMapping): Promise<void> {
    const c = vscode.workspace.getConfiguration('pprofLens');
    const current = (c.get<PathMapping[]>(pathMappingsSetting) ?? []).filter((x) => x.from !== m.from);
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await c.update(pathMappingsSetting, [...current, m], target);
    this.mappings = readMappings();
    this.inferred = this.inferred.filter((x) => x.from !== m.from);
    this.cache.clear();
    this.changed.fire();
  }

  private async load(): Promise<void> {
    const [modules, goEnv] = await Promise.all([findModules(), readGoEnv(this.log)]);
    this.modules = modules;
    this.goEnv = goEnv;
    this.trees = undefined;
    this.cache.clear();
    this.log.info(`source paths: ${modules.length} Go module(s) in the workspace` +
      (modules.length ? ` (${modules.map((m) => m.modulePath).join(', ')})` : '') +
      (goEnv ? `, GOROOT ${goEnv.goroot}, GOMODCACHE ${goEnv.gomodcache}` : ', no `go` found'));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}

function readMappings(): PathMapping[] {
  const raw = vscode.workspace.getConfiguration('pprofLens').get<unknown>(pathMappingsSetting);
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (m): m is PathMapping => typeof m === 'object' && m !== null && typeof m.from === 'string' && typeof m.to === 'string',
  ).map((m) => ({ from: m.from, to: expandHome(m.to) }));
}

function expandHome(p: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(process.env.HOME ?? '', p.slice(1));
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return folder ? p.replace(/\$\{workspaceFolder\}/g, folder) : p;
}

/** GOROOT's tree and the toolchains in the module cache (SourceLocator.goTrees). */
export interface GoTrees {
  goroot?: { dir: string; version: string };
  others: { dir: string; version: string }[];
}

function readGoTrees(env: GoEnv | undefined): GoTrees {
  if (!env) return { others: [] };
  const version = (dir: string): string => {
    try {
      return fs.readFileSync(path.join(dir, 'VERSION'), 'utf8').split('\n')[0].trim();
    } catch {
      return '';
    }
  };
  const others: { dir: string; version: string }[] = [];
  try {
    const base = path.join(env.gomodcache, 'golang.org');
    for (const d of fs.readdirSync(base)) {
      const m = /^toolchain@v[\d.]+-(go[\w.]+?)\.[a-z0-9]+-[a-z0-9]+$/.exec(d);
      if (m && path.join(base, d) !== env.goroot) others.push({ dir: path.join(base, d), version: m[1] });
    }
  } catch {
    // no module cache
  }
  return { goroot: env.goroot ? { dir: env.goroot, version: version(env.goroot) } : undefined, others };
}

function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

async function findModules(): Promise<ModuleRoot[]> {
  const out: ModuleRoot[] = [];
  const files = await vscode.workspace.findFiles('**/go.mod', '{**/node_modules/**,**/vendor/**,**/testdata/**}', 200);
  for (const uri of files) {
    try {
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      const modulePath = goModModulePath(text);
      if (modulePath) out.push({ modulePath, dir: path.dirname(uri.fsPath) });
    } catch {
      // unreadable go.mod: skip it
    }
  }
  return out;
}

function readGoEnv(log: Log): Promise<GoEnv | undefined> {
  if (!isTrusted()) {
    log.info('go env: not run in Restricted Mode (GOROOT and module cache paths will not resolve until the folder is trusted)');
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    execFile(goBinary(), ['env', 'GOROOT', 'GOMODCACHE'], { timeout: 10_000 }, (err, stdout) => {
      if (err) {
        log.info(`go env: ${err.message} (GOROOT and module cache paths will not resolve)`);
        return resolve(undefined);
      }
      const [goroot = '', gomodcache = ''] = stdout.split('\n').map((s) => s.trim());
      resolve({ goroot, gomodcache });
    });
  });
}
