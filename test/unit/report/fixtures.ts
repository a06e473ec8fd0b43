// Test helpers: the report fixtures (test/fixtures/pprof-report) loaded as pprof's fetch would.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseProfile } from '../../../src/core/profile/parse';
import { mergeProfiles } from '../../../src/core/profile/merge';
import type { Profile } from '../../../src/core/profile/profile';

export const fixtures = path.join(__dirname, '../../../../test/fixtures/pprof-report');

/** As pprof's fetch: parse (drop_frames applied) and merge the single profile. */
export function loadProfile(name: string): Profile {
  const data = fs.readFileSync(path.join(fixtures, 'profiles', name));
  return mergeProfiles([parseProfile(new Uint8Array(data), name)]);
}

/** Sources as pprof finds them when run in the fixtures directory (cwd = fixtures). */
export function readSource(file: string): string | undefined {
  return fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
}

