// Where a source file named in a profile lives on this machine. Pure (no vscode, no fs): the
// caller passes an `exists` check, the workspace's Go modules, `go env` and the user's mappings,
// so the rules are unit-tested on their own.
//
// Order: the path as is; module-relative paths of `-trimpath` builds through the workspace's go.mod
// module paths; $GOROOT/src and the module cache; the `pprofLens.pathMappings` prefix pairs; the
// mappings inferred from the profile's own files (./sourceInference). The first candidate that
// exists wins, except that a file outside the workspace which an inferred mapping sends into it
// (another checkout of the same code on this machine) is taken from the workspace.

import { isAbs, joinSlash, toSlash } from './slashPath';
import { prefixMapping } from './sourceInference';

/** The module path declared by a go.mod (shared with Profile Test). */
export { goModModulePath } from '../../core/goTest/goModule';

export interface ModuleRoot {
  /** The `module` path of a go.mod, e.g. "example.com/sample-service". */
  modulePath: string;
  /** Absolute directory holding that go.mod. */
  dir: string;
}

export interface GoEnv {
  goroot: string;
  gomodcache: string;
}

export interface PathMapping {
  from: string;
  to: string;
}

export type ResolvedHow = 'as-is' | 'module' | 'goroot' | 'modcache' | 'mapping' | 'inferred';

export interface ResolvedPath {
  path: string;
  how: ResolvedHow;
  /** GOROOT and module-cache files are opened read-only. */
  readOnly: boolean;
}

export interface ResolveContext {
  exists: (absPath: string) => boolean;
  modules: readonly ModuleRoot[];
  goEnv?: GoEnv;
  mappings: readonly PathMapping[];
  /** Mappings inferred from the profile's files (tried after `mappings`). */
  inferred?: readonly PathMapping[];
  /** Absolute workspace folders: an existing file outside them yields to an inferred mapping. */
  workspaceRoots?: readonly string[];
}

/** Profile file name -> local file, or undefined when it resolves nowhere. */
export function resolveSourcePath(profilePath: string, ctx: ResolveContext): ResolvedPath | undefined {
  for (const c of candidates(profilePath, ctx)) {
    if (ctx.exists(c.path)) return c;
  }
  return undefined;
}

/** Every place the file could be, in the order they are tried. */
export function candidates(profilePath: string, ctx: ResolveContext): ResolvedPath[] {
  const p = toSlash(profilePath);
  const out: ResolvedPath[] = [];
  const add = (path: string, how: ResolvedHow, readOnly = false) => out.push({ path: cleanSlash(path), how, readOnly });
  if (p === '') return out;
  const inferred = (ctx.inferred ?? []).filter((m) => m.from !== '').sort((a, b) => b.from.length - a.from.length);
  const roots = (ctx.workspaceRoots ?? []).map((r) => toSlash(r).replace(/\/+$/, ''));
  const outside = roots.length > 0 && !roots.some((r) => p.startsWith(r + '/'));
  const deferAsIs = isAbs(p) && outside && inferred.some((m) => underPrefix(p, m.from));
  if (isAbs(p) && !deferAsIs) add(p, 'as-is');

  // -trimpath: "<module path>/<dir>/<file>.go" (the longest matching module path first).
  const mods = [...ctx.modules].sort((a, b) => b.modulePath.length - a.modulePath.length);
  const rel = p.replace(/^\/+/, '');
  for (const m of mods) {
    if (m.modulePath !== '' && rel.startsWith(m.modulePath + '/')) add(joinSlash(m.dir, rel.slice(m.modulePath.length + 1)), 'module');
  }

  const env = ctx.goEnv;
  if (env) {
    if (!isAbs(p)) {
      // -trimpath standard library ("runtime/proc.go") and module cache ("golang.org/x/net@v0.1.0/...").
      if (env.goroot) add(joinSlash(env.goroot, 'src', p), 'goroot', true);
      if (env.gomodcache && /@v[^/]*\//.test(p)) add(joinSlash(env.gomodcache, p), 'modcache', true);
    } else {
      // Built elsewhere: another machine's GOROOT or module cache.
      const mod = p.indexOf('/pkg/mod/');
      if (env.gomodcache && mod >= 0) add(joinSlash(env.gomodcache, p.slice(mod + '/pkg/mod/'.length)), 'modcache', true);
      const src = p.lastIndexOf('/src/');
      if (env.goroot && src >= 0 && mod < 0) add(joinSlash(env.goroot, 'src', p.slice(src + '/src/'.length)), 'goroot', true);
    }
  }

  // User mappings: the longest matching prefix first.
  const maps = [...ctx.mappings].filter((m) => m.from !== '').sort((a, b) => b.from.length - a.from.length);
  for (const m of maps) {
    const from = toSlash(m.from).replace(/\/+$/, '');
    if (p === from || p.startsWith(from + '/')) add(toSlash(m.to).replace(/\/+$/, '') + p.slice(from.length), 'mapping');
  }
  for (const m of inferred) {
    const from = toSlash(m.from).replace(/\/+$/, '');
    if (underPrefix(p, from)) add(toSlash(m.to).replace(/\/+$/, '') + p.slice(from.length), 'inferred');
  }
  if (deferAsIs) add(p, 'as-is');
  return dedupe(out);
}

/**
 * The mapping that sends the folder of `profilePath` to `localFolder` (Unresolved Source Files),
 * reduced to the folders above what the two share at their ends, so one pick maps every folder of
 * the same tree: ("/build/svc/pkg/a/x.go", "/ws/svc/pkg/a") → "/build" → "/ws".
 */
export function mappingForFolder(profilePath: string, localFolder: string): PathMapping {
  const p = toSlash(profilePath);
  const i = p.lastIndexOf('/');
  const to = toSlash(localFolder).replace(/\/+$/, '');
  const from = i > 0 ? p.slice(0, i) : i === 0 ? '/' : '';
  return (from !== '/' && from !== '' ? prefixMapping(from, to) : undefined) ?? { from, to };
}

function underPrefix(p: string, from: string): boolean {
  const f = toSlash(from).replace(/\/+$/, '');
  return f !== '' && (p === f || p.startsWith(f + '/'));
}

/** Collapses "//", "/./" and "dir/../" (as filepath.Clean on slash paths). */
function cleanSlash(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (seg !== '..' || !abs) out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/');
}

function dedupe(list: ResolvedPath[]): ResolvedPath[] {
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.path) ? false : (seen.add(c.path), true)));
}
