// Finding a profile's sources without settings. A program built without -trimpath names its files by
// the build machine's absolute paths (/home/runner/work/<repo>/<repo>/pkg/a.go, /go/src/…, /app/…),
// which exist nowhere here. `go tool pprof -list` still finds them when run in a checkout, because
// pprof strips everything up to the checkout folder's own name when that name appears in the path
// (its source-path heuristic). This module does that and more, then turns the first confident match
// into a folder mapping applied to the rest of the profile, so one match resolves a whole tree.
//
// Pure (no vscode, no fs): the caller passes the workspace's files, roots and Go modules and an
// `exists` check; SourceLocator runs it and keeps the mappings it returns.

import { isAbs, joinSlash, toSlash } from './slashPath';
import type { ModuleRoot, PathMapping } from './sourcePathResolver';

/** A profile source file that no rule or setting resolved, with what the profile says of it. */
export interface UnresolvedFile {
  /** The file name as the profile has it. */
  file: string;
  /** Go package paths of the functions in that file (from their names), e.g. "example.com/svc/pkg". */
  packages: readonly string[];
}

/** What the workspace holds: its folders, its Go modules and its Go files. */
export interface WorkspaceIndex {
  /** Absolute workspace folder paths. */
  roots: readonly string[];
  /** The workspace's go.mod modules. */
  modules: readonly ModuleRoot[];
  /** Absolute paths of the workspace's .go files (forward slashes). */
  files: readonly string[];
}

/** Which rule found the first match of an inferred mapping. */
export type InferredBy = 'package' | 'folder-name' | 'suffix' | 'folder-files';

/** A folder mapping derived from one confident match, and what it resolves. */
export interface InferredMapping extends PathMapping {
  /** How its first match was found. */
  by: InferredBy;
  /** The profile file and the local file of that first match. */
  example: { file: string; local: string };
  /** How many of the unresolved files it resolves. */
  resolves: number;
}

/** Longest common trailing path segments a suffix match must share (folder + file name). */
const minSuffixSegments = 2;
/** Mappings inferred for one profile at most (one per build tree: the module, a replaced one, vendor…). */
const maxMappings = 8;

/**
 * Mappings that send the build machine's folders to the workspace's, derived from `unresolved`
 * (hottest first): for each file not yet resolved by an earlier mapping, the first confident local
 * match — the Go package path under a workspace module (as the go command would place it), pprof's
 * "checkout folder name in the path" rule, or a unique longest path-suffix match — gives a mapping
 * of the common prefix (the folders above the shared suffix); then each remaining profile folder of
 * two or more files that are all in one workspace folder, and in no other, maps to it. Mappings are
 * kept when they resolve at least one file. Absolute profile paths only; module-relative
 * (-trimpath) names are the module rule's.
 */
export function inferMappings(
  unresolved: readonly UnresolvedFile[],
  ws: WorkspaceIndex,
  exists: (absPath: string) => boolean,
): InferredMapping[] {
  const byBase = new Map<string, string[]>();
  for (const f of ws.files) {
    const p = toSlash(f);
    const b = p.slice(p.lastIndexOf('/') + 1);
    let list = byBase.get(b);
    if (!list) byBase.set(b, (list = []));
    list.push(p);
  }
  const out: InferredMapping[] = [];
  const resolvedBy = (file: string): boolean => out.some((m) => exists(applyMapping(m, file) ?? ''));
  for (const u of unresolved) {
    if (out.length >= maxMappings) break;
    const file = toSlash(u.file);
    if (!isAbs(file) || resolvedBy(file)) continue;
    const match = findMatch(file, u.packages, ws, byBase, exists);
    if (!match) continue;
    const m = prefixMapping(file, match.local);
    if (!m || out.some((x) => x.from === m.from)) continue;
    out.push({ ...m, by: match.by, example: { file, local: match.local }, resolves: 0 });
  }
  // 4. A folder of the profile whose files (two or more) are all in one workspace folder and in no
  //    other: "/app/{main,cpu,alloc}.go" and /ws/svc holding all three is /app → /ws/svc.
  const byDir = new Map<string, string[]>();
  for (const u of unresolved) {
    const file = toSlash(u.file);
    if (!isAbs(file) || resolvedBy(file)) continue;
    const dir = file.slice(0, file.lastIndexOf('/'));
    let list = byDir.get(dir);
    if (!list) byDir.set(dir, (list = []));
    list.push(file.slice(dir.length + 1));
  }
  for (const [dir, bases] of byDir) {
    if (out.length >= maxMappings) break;
    const names = [...new Set(bases)];
    if (names.length < 2 || dir === '') continue;
    let common: Set<string> | undefined;
    for (const b of names) {
      const dirs = new Set((byBase.get(b) ?? []).map((f) => f.slice(0, f.lastIndexOf('/'))));
      common = common ? new Set([...common].filter((d) => dirs.has(d))) : dirs;
      if (common.size === 0) break;
    }
    if (!common || common.size !== 1) continue;
    const local = [...common][0];
    if (out.some((x) => x.from === dir)) continue;
    out.push({ from: dir, to: local, by: 'folder-files', example: { file: dir + '/' + names[0], local: local + '/' + names[0] }, resolves: 0 });
  }
  for (const m of out) m.resolves = unresolved.filter((u) => exists(applyMapping(m, toSlash(u.file)) ?? '')).length;
  return out.filter((m) => m.resolves > 0);
}

/** The local file of one profile file, by the most certain rule that finds one. */
function findMatch(
  file: string,
  packages: readonly string[],
  ws: WorkspaceIndex,
  byBase: Map<string, string[]>,
  exists: (p: string) => boolean,
): { local: string; by: InferredBy } | undefined {
  const base = file.slice(file.lastIndexOf('/') + 1);
  // 1. The package path: "example.com/svc/internal/x" under module "example.com/svc" at /ws/svc is
  //    /ws/svc/internal/x/<file>, wherever it was built.
  const mods = [...ws.modules].sort((a, b) => b.modulePath.length - a.modulePath.length);
  for (const pkg of packages) {
    for (const m of mods) {
      if (pkg !== m.modulePath && !pkg.startsWith(m.modulePath + '/')) continue;
      const local = joinSlash(toSlash(m.dir), pkg.slice(m.modulePath.length + 1), base);
      if (exists(local)) return { local, by: 'package' };
    }
  }
  // 2. pprof's rule: the workspace folder's name in the path ("/remote/x/my-project/foo/bar.go" with
  //    the folder /local/my-project is /local/my-project/foo/bar.go); the last occurrence first.
  for (const root of ws.roots) {
    const r = toSlash(root).replace(/\/+$/, '');
    const want = '/' + r.slice(r.lastIndexOf('/') + 1) + '/';
    if (want === '//') continue;
    for (let i = file.lastIndexOf(want); i >= 0; i = i === 0 ? -1 : file.lastIndexOf(want, i - 1)) {
      const local = r + '/' + file.slice(i + want.length);
      if (exists(local)) return { local, by: 'folder-name' };
    }
  }
  // 3. The workspace file sharing the longest path suffix with it, when that one is unique.
  let best: string | undefined;
  let bestLen = 0;
  let ties = 0;
  for (const c of byBase.get(base) ?? []) {
    const n = sharedSuffix(file, c);
    if (n > bestLen) [best, bestLen, ties] = [c, n, 0];
    else if (n === bestLen) ties++;
  }
  if (best && ties === 0 && bestLen >= minSuffixSegments) return { local: best, by: 'suffix' };
  return undefined;
}

/** Number of trailing path segments the two paths share. */
export function sharedSuffix(a: string, b: string): number {
  const x = toSlash(a).split('/');
  const y = toSlash(b).split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[x.length - 1 - n] === y[y.length - 1 - n] && x[x.length - 1 - n] !== '') n++;
  return n;
}

/**
 * The mapping of the folders above what `profilePath` and `localPath` share at their ends:
 * ("/home/ci/work/svc/pkg/a.go", "/ws/svc/pkg/a.go") → "/home/ci/work" → "/ws". Works for folders
 * as for files. Undefined when nothing is shared or the whole profile path is shared (a mapping of
 * "/" would capture every path).
 */
export function prefixMapping(profilePath: string, localPath: string): PathMapping | undefined {
  const p = toSlash(profilePath).replace(/\/+$/, '');
  const l = toSlash(localPath).replace(/\/+$/, '');
  const n = sharedSuffix(p, l);
  if (n === 0) return undefined;
  const ps = p.split('/');
  const ls = l.split('/');
  const from = ps.slice(0, ps.length - n).join('/');
  const to = ls.slice(0, ls.length - n).join('/');
  if (from === '' || /^[A-Za-z]:$/.test(from)) return undefined;
  return { from, to: to === '' ? '/' : to };
}

/** `file` under `m.to` when it lies under `m.from`, else undefined. */
export function applyMapping(m: PathMapping, file: string): string | undefined {
  const p = toSlash(file);
  const from = toSlash(m.from).replace(/\/+$/, '');
  if (p !== from && !p.startsWith(from + '/')) return undefined;
  return toSlash(m.to).replace(/\/+$/, '') + p.slice(from.length);
}

/**
 * The Go package path of a function named as pprof names it: "example.com/svc/pkg.(*T).M" →
 * "example.com/svc/pkg", "main.run.func1" → "main", "gopkg.in/yaml%2ev3.Unmarshal" → "gopkg.in/yaml.v3";
 * undefined for names that are not Go's.
 */
export function goPackageOf(functionName: string): string | undefined {
  const slash = functionName.lastIndexOf('/', functionName.search(/[[(]/) >>> 0);
  const dot = functionName.indexOf('.', slash + 1);
  if (dot <= 0) return undefined;
  // The linker writes dots of the last path element as "%2e" ("gopkg.in/yaml%2ev3.Unmarshal").
  const pkg = functionName.slice(0, dot).replace(/%2e/gi, '.');
  return /^[\w.~/-]+$/.test(pkg) ? pkg : undefined;
}

/** A module at a version, as a module-cache path names it. */
export interface ModuleVersion {
  /** Module path, unescaped ("github.com/Azure/azure-sdk-for-go"). */
  path: string;
  version: string;
}

/**
 * The module and version of a module-cache source path, from another machine's cache
 * ("/home/u/go/pkg/mod/github.com/!azure/x@v1.2.3/y.go") or a -trimpath build
 * ("golang.org/x/net@v0.1.0/http2/frame.go"); undefined for other paths. The cache writes capital
 * letters as "!" + lower case; this undoes it.
 */
export function moduleVersionOf(profilePath: string): ModuleVersion | undefined {
  const p = toSlash(profilePath);
  const i = p.indexOf('/pkg/mod/');
  const rel = i >= 0 ? p.slice(i + '/pkg/mod/'.length) : isAbs(p) ? '' : p;
  const m = /^((?:[^/@]+\/)*[^/@]+)@(v[^/]+)\//.exec(rel);
  if (!m || m[1].startsWith('cache/')) return undefined;
  if (!/^v\d+\.\d+\.\d+[-+.\w]*$/.test(m[2])) return undefined;
  const path = m[1].replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
  return /^[\w.~-]+(\/[\w.~-]+)*$/.test(path) ? { path, version: m[2] } : undefined;
}
