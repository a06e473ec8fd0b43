// What a saved comparison was made from: runComparison writes a JSON sidecar next to it
// ({kind: 'comparison', source, base, mode, normalize}); the profile editor reads both inputs back
// to show each function's cum in the base and in the target beside the deltas. An input that is gone
// (or changed since) leaves the table as pprof prints it, with a note saying why.
// No vscode here (the unit tests run it on real files); inputProfile.ts reads the inputs.
import * as fs from 'fs';
import * as path from 'path';
import { CompareMode, CompareOptions } from '../../core/compare/compareProfiles';
import { comparisonSides, ComparisonSides, sidesMatch } from '../../core/compare/deltaColumns';
import { label } from '../../core/measurement/measurement';
import type { Profile } from '../../core/profile/profile';
import type { ComparisonSideLabel } from '../../protocol/messages';
import { errorMessage } from '../../core/text/errorMessage';

export type ComparisonInputs =
  | { ok: true; sides: ComparisonSides; options: CompareOptions; target: string; base: string; labels?: ComparisonLabels }
  | { ok: false; note: string; labels?: ComparisonLabels };

/** Which input is the base and which the new profile, with their times, for the header. */
export interface ComparisonLabels {
  base: ComparisonSideLabel;
  new: ComparisonSideLabel;
}

/** The label of one input, from its file name and profile. */
export function sideLabel(file: string, p: Pick<Profile, 'timeNanos' | 'durationNanos'>): ComparisonSideLabel {
  return { name: path.basename(file), timeMillis: p.timeNanos > 0 ? Math.floor(p.timeNanos / 1e6) : 0, durationText: p.durationNanos > 0 ? label(p.durationNanos, 'nanoseconds') : '' };
}

/** The labels runComparison records in the sidecar ("inputs"), for when an input is gone later. */
function labelsFrom(meta: Record<string, unknown>): ComparisonLabels | undefined {
  const inputs = meta.inputs as Record<string, unknown> | undefined;
  const side = (x: unknown): ComparisonSideLabel | undefined => {
    const o = x as Partial<ComparisonSideLabel> | undefined;
    return o && typeof o.name === 'string' && typeof o.timeMillis === 'number' && typeof o.durationText === 'string'
      ? { name: o.name, timeMillis: o.timeMillis, durationText: o.durationText } : undefined;
  };
  const b = side(inputs?.base);
  const n = side(inputs?.new);
  return b && n ? { base: b, new: n } : undefined;
}

/** The sidecar of a comparison, or undefined when the file has none (or it is no comparison's). */
async function readSidecar(file: string): Promise<{ source: string; base: string; options: CompareOptions; labels?: ComparisonLabels } | { note: string } | undefined> {
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
    labels: labelsFrom(meta),
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
  const known = sidecar.labels ? { labels: sidecar.labels } : {};
  for (const [what, p] of [['profile', sidecar.source], ['base', sidecar.base]] as const) {
    if (!(await exists(p))) return { ok: false, note: `no base / new columns: the ${what} ${p} is gone`, ...known };
  }
  try {
    const [target, base] = await Promise.all([load(sidecar.source), load(sidecar.base)]);
    const sides = comparisonSides(target, base, sidecar.options);
    if (!sidesMatch(comparison, sides)) {
      return { ok: false, note: `no base / new columns: ${path.basename(sidecar.source)} or ${path.basename(sidecar.base)} changed since the comparison was made`, ...known };
    }
    const labels = sidecar.labels ?? { base: sideLabel(sidecar.base, base), new: sideLabel(sidecar.source, target) };
    return { ok: true, sides, options: sidecar.options, target: sidecar.source, base: sidecar.base, labels };
  } catch (e) {
    return { ok: false, note: `no base / new columns: ${errorMessage(e)}`, ...known };
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(p)).isFile();
  } catch {
    return false;
  }
}
