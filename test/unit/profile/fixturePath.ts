// Locates the committed fixtures from the compiled test (out/test/unit/profile/*.js) or the source.
import * as fs from 'fs';
import * as path from 'path';

function findRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'test', 'fixtures', 'pprof'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('cannot find test/fixtures/pprof above ' + __dirname);
}

export const fixtureDir = path.join(findRoot(), 'test', 'fixtures', 'pprof');

export function fixture(...parts: string[]): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(fixtureDir, ...parts)));
}

export function fixtureText(...parts: string[]): string {
  return fs.readFileSync(path.join(fixtureDir, ...parts), 'utf8');
}
