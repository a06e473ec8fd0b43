// Which Go package a folder holds, as go test names it: the nearest go.mod above the folder gives
// the module path; the folder's place below it gives the rest of the import path. Without a go.mod
// (GOPATH mode, or a stray file) the folder's own name stands in.
import * as fs from 'fs';
import * as path from 'path';
import { goModModulePath, importPathOf, packageShortName } from '../core/goTest/goModule';

export interface GoPackage {
  /** The folder go test runs in. */
  dir: string;
  /** "example.com/sample-service/internal/x", or the folder's name without a module. */
  importPath: string;
  /** The import path's last element: the target name of its test profiles. */
  shortName: string;
  /** The module root (the folder holding go.mod), when found. */
  moduleDir?: string;
}

export async function goPackageOf(dir: string): Promise<GoPackage> {
  for (let d = dir, i = 0; i < 64; i++) {
    let text: string | undefined;
    try {
      text = await fs.promises.readFile(path.join(d, 'go.mod'), 'utf8');
    } catch {
      text = undefined;
    }
    const modulePath = text === undefined ? undefined : goModModulePath(text);
    if (modulePath) {
      const importPath = importPathOf(modulePath, path.relative(d, dir).split(path.sep).join('/'));
      return { dir, importPath, shortName: packageShortName(importPath), moduleDir: d };
    }
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  const name = path.basename(dir);
  return { dir, importPath: name, shortName: packageShortName(name) };
}
