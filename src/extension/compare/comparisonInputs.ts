// What a saved comparison was made from (issue 7): runComparison writes a JSON sidecar next to it
// ({kind: 'comparison', source, base, mode, normalize}); the profile editor reads both inputs back
// to show each function's cum in the base and in the target beside the deltas. An input that is gone
// (or changed since) leaves the table as pprof prints it, with a note saying why.
// No vscode here (the unit tests run it on real files); inputProfile.ts reads the inputs.
import * as fs from 'fs';
import * as path from 'path';
import { CompareMode, CompareOptions } from '../../core/compare/compareProfiles';
import { comparisonSides, ComparisonSides, sidesMatch } from '../../core/compare/deltaColumns';
import type { Profile } from '../../core/profile/profile';

export type ComparisonInputs =
  | { ok: true; sides: ComparisonSides; options: CompareOptions; target: string; base: string }
  | { ok: false; note: string };

/** The sidecar of a comparison, or undefined when the file has none (or it is no comparison's). */
async function readSidecar(file: string): Promise<{ source: string; base: string; options: CompareOptions } | { note: string } | undefined> {
  let text: string;
  try {
    text = await fs.promises.readFile(`${file}.json`, 'utf8');
  } catch {
    return undefined;
  }
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { note: `${path.basename(file)}.json cannot be read as JSON` };
  }
  if (typeof meta !== 'object' || meta === null || meta.kind !== 'comparison') return undefined;
  const mode: CompareMode | undefined = meta.mode === 'base' || meta.mode === 'diff_base' ? meta.mode : undefined;
  if (typeof meta.source !== 'string' || typeof meta.base !== 'string' || !mode) {
    return { note: `${path.basename(file)}.json does not name both inputs` };
  }
  const dir = path.dirname(file);
  return {
    source: path.resolve(dir, meta.source),
    base: path.resolve(dir, meta.base),
    options: { mode, normalize: meta.normalize === true },
  };
}

/**
 * The two inputs of the comparison saved as `file` (whose parsed profile is `comparison`), as the
 * comparison merged them; undefined when nothing is known of them and nothing need be said (ours:
 * the profile says it was made by Pprof Lens, so a missing sidecar is worth a note).
 */
export async function comparisonInputs(
  file: string,
  comparison: Profile,
  ours: boolean,
  load: (file: string) => Promise<Profile>,
): Promise<ComparisonInputs | undefined> {
  const sidecar = await readSidecar(file);
  if (!sidecar) {
    return ours ? { ok: false, note: 'no base / new columns: the inputs of this comparison are not recorded next to it' } : undefined;
  }
  if ('note' in sidecar) return { ok: false, note: `no base / new columns: ${sidecar.note}` };
  for (const [what, p] of [['profile', sidecar.source], ['base', sidecar.base]] as const) {
    if (!(await exists(p))) return { ok: false, note: `no base / new columns: the ${what} ${p} is gone` };
  }
  try {
    const [target, base] = await Promise.all([load(sidecar.source), load(sidecar.base)]);
    const sides = comparisonSides(target, base, sidecar.options);
    if (!sidesMatch(comparison, sides)) {
      return { ok: false, note: `no base / new columns: ${path.basename(sidecar.source)} or ${path.basename(sidecar.base)} changed since the comparison was made` };
    }
    return { ok: true, sides, options: sidecar.options, target: sidecar.source, base: sidecar.base };
  } catch (e) {
    return { ok: false, note: `no base / new columns: ${e instanceof Error ? e.message : String(e)}` };
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(p)).isFile();
  } catch {
    return false;
  }
}
