// `pprof-lens pgo merge -o default.pgo A B …` and `pprof-lens pgo hot FILE`: profile-guided
// optimization from the command line. merge writes exactly what `go tool pprof -proto A B …` writes
// (the same fetch, merge and encoding path as `pprof-lens -proto`), for CPU profiles only; hot prints
// the call sites Go 1.27's inliner treats as hot (src/core/pgo/pgoProfile.ts), heaviest first.
import * as fs from 'fs';
import * as path from 'path';
import type { Profile } from '../core/profile/profile';
import { ProfileError } from '../core/profile/profileError';
import { encodeProfile } from '../core/profile/encode';
import { checkCpuProfiles, mergeForPgo } from '../core/pgo/pgoMerge';
import { HOT_CALLSITE_CDF_PERCENT, goFloatV, hotCallSites, pgoProfileFromBytes, type HotCallSites } from '../core/pgo/pgoProfile';
import { readProfileFileSync } from '../collect/profileFile';
import { nodeGunzip } from '../collect/nativeGunzip';
import { FlagError, parseGoFlags } from './goFlags';
import { allFlags, toCommand } from './pprofFlags';
import { loadSource, SourceError } from './loadSource';
import { errorMessage } from '../core/text/errorMessage';

export interface PgoIO {
  stdout: (chunk: string | Uint8Array) => void;
  stderr: (text: string) => void;
}

export const PGO_USAGE = `Usage of 'pprof-lens pgo':
  pprof-lens pgo merge -o default.pgo <cpu profile> ...
      merge CPU profiles (files or net/http/pprof URLs) into one profile for go build -pgo,
      exactly as go tool pprof -proto <cpu profile> ... merges them
  pprof-lens pgo hot [-cdf=99] [-all] <profile>
      the call sites Go 1.27's compiler treats as hot in this PGO profile (a pprof CPU profile
      or go tool preprofile output): caller → callee, edge weight, share of all call edges, call line;
      -cdf changes the cumulative threshold (the compiler's -d=pgoinlinecdfthreshold), -all lists every edge
`;

/** Runs `pprof-lens pgo …`; returns the exit status (0, 1 for bad input, 2 for bad usage). */
export async function pgoCommand(argv: string[], io: PgoIO): Promise<number> {
  const sub = argv[0];
  if (sub === undefined || sub === '-h' || sub === '-help' || sub === '--help') {
    io.stdout(PGO_USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub === 'merge') return pgoMerge(argv.slice(1), io);
  if (sub === 'hot') return pgoHot(argv.slice(1), io);
  io.stderr(`pprof-lens: pgo: unknown command ${JSON.stringify(sub)} (merge or hot; pprof-lens pgo -h for usage)\n`);
  return 2;
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

async function pgoMerge(argv: string[], io: PgoIO): Promise<number> {
  let out: string;
  let sources: string[];
  try {
    const f = parseGoFlags(argv, { o: { kind: 'string', help: 'output file' } });
    if (f.help) {
      io.stdout(PGO_USAGE);
      return 0;
    }
    out = String(f.values.get('o') ?? '');
    sources = f.args;
    if (out === '') throw new FlagError('give the output file with -o (e.g. -o default.pgo)');
    if (sources.length === 0) throw new FlagError('give at least one CPU profile to merge');
  } catch (e) {
    if (e instanceof FlagError) {
      io.stderr(`pprof-lens: pgo merge: ${e.message} (pprof-lens pgo -h for usage)\n`);
      return 2;
    }
    throw e;
  }
  try {
    const bytes = await mergeCpuProfiles(sources, (line) => io.stderr(`${line}\n`));
    const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
    try {
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, out);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw new SourceError(out, (e as Error).message);
    }
    io.stderr(`Wrote ${out}: ${sources.length} CPU profile${sources.length === 1 ? '' : 's'} merged\n`);
    return 0;
  } catch (e) {
    if (e instanceof SourceError) {
      io.stderr(`pprof-lens: pgo merge: ${e.source}: ${oneLine(e.message)}\n`);
      return 1;
    }
    if (e instanceof ProfileError) {
      io.stderr(`pprof-lens: pgo merge: ${oneLine(e.message)}\n`);
      return 1;
    }
    throw e;
  }
}

/**
 * The bytes `go tool pprof -proto SOURCES…` writes, after checking that every source is a CPU
 * profile (throws ProfileError naming those that are not). Sources are files or net/http/pprof URLs.
 */
export async function mergeCpuProfiles(sources: string[], note: (line: string) => void = () => undefined): Promise<Uint8Array> {
  const cmd = toCommand(parseGoFlags(['-proto', '--', ...sources], allFlags()));
  const load = (s: string) => loadSource(s, { seconds: cmd.seconds, timeout: cmd.timeout, maxBytes: cmd.maxBytes, note });
  const ps: Profile[] = await Promise.all(sources.map(load));
  checkCpuProfiles(ps, sources); // a ProfileError naming them, not tied to one source
  try {
    // The pipeline of main.ts for -proto: fetchProfiles' merge, symbolizer names, drop_frames, CheckValid, then the proto report.
    return encodeProfile(mergeForPgo(ps, sources, note, cmd.options));
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(sources.join(', '), errorMessage(e));
  }
}

async function pgoHot(argv: string[], io: PgoIO): Promise<number> {
  let file: string;
  let cdf = HOT_CALLSITE_CDF_PERCENT;
  let all: boolean;
  try {
    const f = parseGoFlags(argv, { cdf: { kind: 'float', help: 'CDF threshold' }, all: { kind: 'bool', help: 'every edge' } });
    if (f.help) {
      io.stdout(PGO_USAGE);
      return 0;
    }
    if (f.values.has('cdf')) cdf = Number(f.values.get('cdf'));
    if (!(cdf >= 0 && cdf <= 100)) throw new FlagError('-cdf must be between 0 and 100');
    all = f.values.get('all') === true;
    if (f.args.length !== 1) throw new FlagError('give one profile');
    file = f.args[0];
  } catch (e) {
    if (e instanceof FlagError) {
      io.stderr(`pprof-lens: pgo hot: ${e.message} (pprof-lens pgo -h for usage)\n`);
      return 2;
    }
    throw e;
  }
  const limit = { bytes: toCommand(parseGoFlags(['-top'], allFlags())).maxBytes, name: '-max_size_mib' };
  let hot: HotCallSites;
  let allEdges: HotCallSites | undefined;
  try {
    let bytes: Uint8Array;
    try {
      bytes = readProfileFileSync(file, limit, file);
    } catch (e) {
      if (e instanceof ProfileError) throw e;
      const err = e as NodeJS.ErrnoException;
      throw new ProfileError(err.code === 'ENOENT' ? 'no such file or directory' : err.code === 'EISDIR' ? 'is a directory' : err.message, file);
    }
    const prof = pgoProfileFromBytes(bytes, file, { nativeGunzip: nodeGunzip, maxBytes: limit.bytes, limitName: limit.name });
    hot = hotCallSites(prof, cdf);
    if (all) allEdges = hotCallSites(prof, 100);
  } catch (e) {
    if (e instanceof ProfileError) {
      io.stderr(`pprof-lens: pgo hot: ${oneLine(e.message)}\n`);
      return 1;
    }
    throw e;
  }
  io.stdout(formatHotCallSites(hot, allEdges));
  return 0;
}

/** The text `pprof-lens pgo hot` prints: a header with the totals and threshold, then one call site a line. */
export function formatHotCallSites(hot: HotCallSites, allEdges?: HotCallSites): string {
  const lines: string[] = [];
  const edgeCount = allEdges?.sites.length;
  if (hot.totalWeight === 0) return 'No call edges with weight: the compiler ignores this profile.\n';
  lines.push(`Hot call sites (Go 1.27 inliner): ${hot.sites.length} edge${hot.sites.length === 1 ? '' : 's'} make up ${hot.cdfPercent}% of the total call-edge weight ${hot.totalWeight}`);
  lines.push(`hot-callsite-thres-from-CDF=${goFloatV(hot.thresholdPercent)}`);
  const rows = (allEdges ?? hot).sites;
  const wWidth = Math.max(6, ...rows.map((s) => String(s.weight).length));
  lines.push(`${'weight'.padStart(wWidth)}   share  ${edgeCount !== undefined ? 'hot  ' : ''}caller → callee  call site`);
  for (let i = 0; i < rows.length; i++) {
    const s = rows[i];
    const where = s.callerFile && s.line !== undefined ? `${s.callerFile}:${s.line}` : `+${s.callSiteOffset} lines into ${s.callerName}`;
    const mark = edgeCount !== undefined ? (i < hot.sites.length ? 'hot  ' : '     ') : '';
    lines.push(`${String(s.weight).padStart(wWidth)} ${(s.percent.toFixed(2) + '%').padStart(7)}  ${mark}${s.callerName} → ${s.calleeName}  ${where}`);
  }
  return lines.join('\n') + '\n';
}
