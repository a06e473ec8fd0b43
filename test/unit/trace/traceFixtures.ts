// Locates the trace fixtures from the compiled test (out/test/unit/trace/*.js) or the source.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

function findRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'test', 'fixtures', 'trace'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('cannot find test/fixtures/trace above ' + __dirname);
}

export const repoRoot = findRoot();
export const traceFixtureDir = path.join(repoRoot, 'test', 'fixtures', 'trace');
export const generatedDir = path.join(repoRoot, 'test', 'fixtures', 'generated', 'trace');

export function traceFixture(...parts: string[]): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(traceFixtureDir, ...parts)));
}

export function listFixtures(folder: string): string[] {
  return fs.readdirSync(path.join(traceFixtureDir, folder)).sort();
}

/**
 * The trace of test/fixtures/goprograms/tracegen, written by the Go on PATH (Go 1.27.3 under
 * scripts/go-env.js) on first use and cached in test/fixtures/generated (gitignored), one file per Go
 * version.
 */
export function tracegenTrace(): string {
  const dir = path.join(repoRoot, 'test', 'fixtures', 'goprograms');
  const goVersion = execFileSync('go', ['env', 'GOVERSION'], { cwd: dir, timeout: 300_000 }).toString().trim();
  const out = path.join(generatedDir, `tracegen-${goVersion}.trace`);
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(generatedDir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  execFileSync('go', ['run', './tracegen', tmp], { cwd: dir, stdio: 'pipe', timeout: 300_000 });
  fs.renameSync(tmp, out);
  return out;
}
