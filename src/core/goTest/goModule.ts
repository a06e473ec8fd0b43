// A Go package's import path from its module's go.mod (module path + the folder below the module
// root), and the short name a profile of its tests is filed under: the import path's last element,
// skipping a major-version suffix ("example.com/api/v2" → "api").

/** The module path a go.mod declares (`module example.com/x`, quoted or not, comments ignored). */
export function goModModulePath(goMod: string): string | undefined {
  for (const raw of goMod.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    const m = /^module\s+(?:"([^"]+)"|(\S+))\s*$/.exec(line);
    if (m) return m[1] ?? m[2];
  }
  return undefined;
}

/** Import path of the package in `relDir` (slash-separated, "" for the module root) of module `modulePath`. */
export function importPathOf(modulePath: string, relDir: string): string {
  const rel = relDir.replace(/\\/g, '/').replace(/^\.?\/+|\/+$/g, '');
  return rel === '' || rel === '.' ? modulePath : `${modulePath}/${rel}`;
}

/** The last element of an import path that names the package: "example.com/sample-service" → "sample-service". */
export function packageShortName(importPath: string): string {
  const parts = importPath.split('/').filter((p) => p !== '');
  let last = parts[parts.length - 1] ?? '';
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  return last || 'test';
}
