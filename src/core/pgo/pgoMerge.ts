// Making default.pgo: CPU profiles merged exactly as `go tool pprof -proto A B …` merges them (the
// fetch step's merge, the symbolizer's names, drop_frames, CheckValid, then the -proto report with
// default options), shared by `pprof-lens pgo merge` and the extension's "Create default.pgo…"; and
// the checks around it: only CPU profiles, and whether a profile comes from the chosen program.
import { finishFetched, mergeFetched } from '../profile/loadProfile';
import type { Profile } from '../profile/profile';
import { ProfileError } from '../profile/profileError';
import { prepareProfile } from '../report/generateReport';
import { defaultReportOptions, type ReportOptions } from '../report/reportOptions';
import { isCpuProfile, profileKindText } from './pgoProfile';

/** The options of `go tool pprof -proto` with no other flag. */
export function pgoMergeOptions(): ReportOptions {
  return { ...defaultReportOptions(), format: 'proto' };
}

/** Throws one ProfileError naming every profile that is not a CPU profile (with its sample types). */
export function checkCpuProfiles(ps: readonly Profile[], names: readonly string[]): void {
  const notCpu = ps.flatMap((p, i) => isCpuProfile(p) ? [] : [`${names[i]} (${profileKindText(p)})`]);
  if (notCpu.length > 0) {
    throw new ProfileError(`not a CPU profile: ${notCpu.join('; ')}. default.pgo is made of CPU profiles only`);
  }
}

/**
 * The profile `go tool pprof -proto NAMES…` writes, from the sources as decoded for merging
 * (decodeForMerge; the caller's own, modified). Refuses non-CPU profiles first (checkCpuProfiles).
 */
export function mergeForPgo(ps: Profile[], names: readonly string[], warn?: (line: string) => void, options: ReportOptions = pgoMergeOptions()): Profile {
  checkCpuProfiles(ps, names);
  const merged = finishFetched(mergeFetched(ps), { warn });
  return prepareProfile(merged, options, { warn, sourceName: names[0] });
}

/**
 * The program a profile was taken of, as its main mapping names it: the executable's base name
 * (`sample-service`, a test binary's `pkg.test` as `pkg`), or undefined when the profile does not say.
 */
export function profiledProgram(p: Profile): string | undefined {
  const file = p.mapping[0]?.file ?? '';
  if (file === '' || file.startsWith('[')) return undefined; // [vdso], [heap]: not an executable
  let base = file.split(/[\\/]/).pop() ?? '';
  base = base.replace(/\.exe$/i, '').replace(/\.test$/, '');
  return base === '' ? undefined : base;
}

/**
 * Whether a profile may come from another program than the main package at importPath (folder dir):
 * a message when its executable's name is neither the import path's last element nor the folder's
 * name (what `go build` names it) and none of its functions' files lies in the folder; else undefined.
 */
export function otherProgramWarning(p: Profile, name: string, pkg: { importPath: string; dir: string }): string | undefined {
  const program = profiledProgram(p);
  if (program === undefined) return undefined;
  const expected = new Set([pkg.importPath.split('/').pop() ?? '', pkg.dir.split(/[\\/]/).pop() ?? '']);
  if (expected.has(program)) return undefined;
  const dir = pkg.dir.replace(/[\\/]+$/, '');
  if (p.function.some((f) => f.filename.startsWith(`${dir}/`) || f.filename.startsWith(`${dir}\\`))) return undefined;
  return `${name} is a profile of "${program}", not of ${pkg.importPath} (which builds "${[...expected][0]}")`;
}
