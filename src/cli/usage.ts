// `pprof-lens -h`: pprof's usage text (internal/driver/cli.go usageMsgHdr/usageMsgSrc/usageMsgVars),
// limited to what pprof-lens does, plus our subcommands.
import type { FlagSpec } from './goFlags';
import { formatHelp, granularities, optionFlags, sourceFlags, supportedFormats } from './pprofFlags';

const fmtHelp = (c: string, d: string): string => `    ${c.padEnd(16)} ${d}`.trimEnd();

export function usage(): string {
  const formats = Object.keys(supportedFormats).sort().map((n) => fmtHelp(`-${n}`, formatHelp[n]));
  const opts: string[] = [];
  const sortNames = new Set(['flat', 'cum', ...granularities]);
  for (const [n, spec] of Object.entries(optionFlags).sort(([a], [b]) => a.localeCompare(b))) {
    if (!sortNames.has(n)) opts.push(fmtHelp(`-${n}`, (spec as FlagSpec).help));
  }
  opts.push(fmtHelp('granularity', ''), ...granularities.map((g) => `  ${fmtHelp(`-${g}`, optionFlags[g].help)}`));
  opts.push(fmtHelp('sort', ''), ...['cum', 'flat'].map((g) => `  ${fmtHelp(`-${g}`, optionFlags[g].help)}`));
  const src = ['seconds', 'timeout', 'max_size_mib', 'add_comment', 'all_frames', 'diff_base', 'base'].map((n) => fmtHelp(`-${n}`, sourceFlags[n].help));
  return `usage:

Produce output in the specified format (byte-for-byte what \`go tool pprof\` prints).

   pprof-lens <format> [options] <source> ...

Several sources are merged. A source is a profile file (profile.proto, gzipped or not; legacy text
profiles; goroutine dumps) or the URL of a net/http/pprof endpoint (http://host:port/debug/pprof/heap,
or host:port for a CPU profile).

   pprof-lens trace [options] <trace file>     (execution traces: -pprof=net|sync|syscall|sched)
   pprof-lens pgo merge -o default.pgo <cpu profile> ...   (profile-guided optimization: merge CPU profiles)
   pprof-lens pgo hot <profile>                (the call sites Go's compiler treats as hot)
   pprof-lens mcp [folder|file] ...            (profile tools for coding agents: an MCP server on stdio)

Details:
  Output formats (select at most one):
${formats.join('\n')}

  Options:
${opts.join('\n')}

  Source options:
${src.join('\n')}
    profile.pb.gz         Profile in compressed protobuf format
    legacy_profile        Profile in legacy pprof format
    http://host/profile   URL for profile handler to retrieve

  Legacy convenience options:
   -inuse_space           Same as -sample_index=inuse_space
   -inuse_objects         Same as -sample_index=inuse_objects
   -alloc_space           Same as -sample_index=alloc_space
   -alloc_objects         Same as -sample_index=alloc_objects
   -total_delay           Same as -sample_index=delay
   -contentions           Same as -sample_index=contentions
   -mean_delay            Same as -mean -sample_index=delay

  Environment Variables:
   PPROF_TMPDIR       Location for profiles fetched over HTTP (default $HOME/pprof)
`;
}
