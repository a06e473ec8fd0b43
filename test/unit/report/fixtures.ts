// Test helpers: the report fixtures (test/fixtures/pprof-report) loaded as pprof's fetch would.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadProfile as load } from '../../../src/core/profile/loadProfile';
import type { Profile } from '../../../src/core/profile/profile';

export const fixtures = path.join(__dirname, '../../../../test/fixtures/pprof-report');

/**
 * As pprof's fetch: parsed, fake mapping if none, drop_frames applied (one source: no merge). The
 * stored Go outputs were made with -symbolize=none (regen-gopprof.sh), so names are not simplified.
 */
export function loadFixture(name: string): Profile {
  const data = fs.readFileSync(path.join(fixtures, 'profiles', name));
  return load(new Uint8Array(data), name, { symbolize: 'none' });
}

/** Sources as pprof finds them when run in the fixtures directory (cwd = fixtures). */
export function readSource(file: string): string | undefined {
  return fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
}

