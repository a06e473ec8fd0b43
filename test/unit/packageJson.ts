// The repository's package.json (found upwards from the compiled test), for tests of its contributions.
import * as fs from 'fs';
import * as path from 'path';

function findPackageJson(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const p = path.join(dir, 'package.json');
    if (fs.existsSync(p) && JSON.parse(fs.readFileSync(p, 'utf8')).name === 'pprof-lens') return p;
    dir = path.dirname(dir);
  }
  throw new Error('package.json not found');
}

export const packageJsonPath = findPackageJson();
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document read by the tests
export const packageJson: any = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8'));
