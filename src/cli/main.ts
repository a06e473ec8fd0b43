// pprof-lens: the command line. `pprof-lens -top profile.pb.gz` prints exactly what
// `go tool pprof -top profile.pb.gz` prints (same flags, same bytes on stdout). Errors are one line
// on stderr, "pprof-lens: <source>: <what is wrong>", and exit status 1; never a stack trace
// (set PPROF_LENS_DEBUG=1 to get one).
import * as fs from 'fs';
import * as path from 'path';
import { applyBase } from '../core/profile/merge';
import { finishFetched, mergeFetched } from '../core/profile/loadProfile';
import type { Profile } from '../core/profile/profile';
import { generateReport, prepareProfile } from '../core/report/generateReport';
import type { SourceReader } from '../core/report/reportOptions';
import { FlagError, parseGoFlags } from './goFlags';
import { allFlags, Command, toCommand } from './pprofFlags';
import { loadSource, SourceError } from './loadSource';
import { usage } from './usage';
import { errorMessage } from '../core/text/errorMessage';

/** Where main writes; tests pass their own to run the CLI in-process. */
export interface CliIO {
  stdout: (chunk: string | Uint8Array) => void;
  stderr: (text: string) => void;
  /** Reads the source files -list and friends print (undefined: not shown); default: any readable file. */
  readSource?: (file: string) => string | undefined;
}

let stdoutGuarded = false;
const processIO: CliIO = {
  stdout: (chunk) => {
    if (!stdoutGuarded) {
      stdoutGuarded = true;
      // `pprof-lens -traces x | head`: a closed pipe ends the output quietly, not with a stack trace.
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        process.stderr.write(`pprof-lens: writing output: ${e.message}\n`);
        process.exit(1);
      });
    }
    process.stdout.write(chunk);
  },
  stderr: (text) => { process.stderr.write(text); },
};

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const fail = (source: string | undefined, message: string): number => {
    const oneLine = message.replace(/\s*\n\s*/g, ' ').trim();
    io.stderr(`pprof-lens: ${source ? `${source}: ` : ''}${oneLine}\n`);
    return 1;
  };
  // Loaded on demand (like encode below): start-up time is most of a small profile's run.
  if (argv[0] === 'trace') return (await import('./traceCommand')).traceCommand(argv.slice(1), io);
  if (argv[0] === 'pgo') return (await import('./pgoCommand')).pgoCommand(argv.slice(1), io);
  if (argv[0] === 'mcp') return (await import('../agent/mcpServer')).mcpCommand(argv.slice(1), io);
  if (argv[0] === 'pprof') argv = argv.slice(1); // "pprof-lens pprof -top x" reads like "go tool pprof"

  let cmd: Command;
  try {
    const flags = parseGoFlags(argv, allFlags());
    if (flags.help || argv.length === 0) {
      io.stdout(usage());
      return flags.help ? 0 : 1;
    }
    cmd = toCommand(flags);
  } catch (e) {
    if (e instanceof FlagError) return fail(undefined, `${e.message} (pprof-lens -h for usage)`);
    throw e;
  }
  for (const n of cmd.notes) io.stderr(`${n}\n`);
  if (cmd.sources.length === 0) return fail(undefined, 'no profile source specified (pprof-lens -h for usage)');
  if (!cmd.formatFlag) {
    return fail(undefined, 'no output format given: pick one of -top -text -traces -tree -peek=RE -list=RE -dot -proto -raw -tags -comments ' +
      '(the interactive shell of go tool pprof is the VS Code extension)');
  }
  const sourceName = cmd.sources[0];
  try {
    const sources = dropBinaryArg(cmd.sources);
    const note = (line: string): void => io.stderr(`${line}\n`);
    const load = (s: string) => loadSource(s, { seconds: cmd.seconds, timeout: cmd.timeout, maxBytes: cmd.maxBytes, note });
    const [ps, bases] = await Promise.all([Promise.all(sources.map(load)), Promise.all(cmd.base.map(load))]);
    // pprof's fetchProfiles: several sources are merged (one alone is used as read), then the bases
    // are applied, then -all_frames, the symbolizer, drop_frames/keep_frames (RemoveUninteresting) and CheckValid.
    let p = merged(ps, sources);
    if (bases.length > 0) {
      const base = merged(bases, cmd.base);
      p = withSource(cmd.base.join(', '), () => applyBase(p, [base], cmd.diffBase ? 'diff_base' : 'base', cmd.options.normalize));
    }
    if (cmd.allFrames) {
      p.dropFrames = '';
      p.keepFrames = '';
    }
    // -symbolize: pprof's name simplification (demangling) runs here, as its symbolizer does.
    p = withSource(sources.join(', '), () => finishFetched(p, { symbolize: cmd.symbolize, warn: note }));
    if (cmd.comment !== '') p.comments.push(cmd.comment);

    const env = { readSource: io.readSource ?? readSource, sourceName, warn: note, cwd: process.cwd() };
    let out: string | Uint8Array;
    if (cmd.options.format === 'proto') {
      const { encodeProfile } = await import('../core/profile/encode');
      out = encodeProfile(prepareProfile(p, cmd.options, env));
    } else {
      out = generateReport(p, cmd.options, env);
    }
    if (cmd.output !== '') {
      io.stderr(`Generating report in ${cmd.output}\n`);
      const tmp = path.join(path.dirname(cmd.output), `.${path.basename(cmd.output)}.${process.pid}.tmp`);
      fs.writeFileSync(tmp, out);
      fs.renameSync(tmp, cmd.output);
    } else {
      io.stdout(out);
    }
    return 0;
  } catch (e) {
    if (e instanceof SourceError) return fail(e.source, e.message);
    if (process.env.PPROF_LENS_DEBUG) io.stderr(`${(e as Error)?.stack ?? e}\n`);
    const msg = errorMessage(e);
    // ProfileError messages may already start with the source name.
    if (msg.startsWith(`${sourceName}: `)) return fail(undefined, msg);
    const internal = e instanceof Error && !['ProfileError', 'CollectError', 'Error'].includes(e.name);
    return fail(sourceName, internal ? `internal error: ${msg}` : msg);
  }
}

function withSource<T>(source: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(source, errorMessage(e));
  }
}

/** fetch.go combineProfiles: ScaleProfiles + Merge. The loaded profiles are ours to modify. */
function merged(ps: Profile[], sources: string[]): Profile {
  return withSource(sources.join(', '), () => mergeFetched(ps));
}

/**
 * pprof reads "pprof [binary] <source>...": with several arguments, a first one that is an
 * executable is the binary for symbolization. We do not symbolize; we just skip it.
 */
function dropBinaryArg(sources: string[]): string[] {
  if (sources.length < 2) return sources;
  try {
    const fd = fs.openSync(sources[0], 'r');
    const head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
    if (head.toString('latin1') === '\x7fELF' || head.readUInt32LE(0) === 0xfeedfacf || head.toString('latin1', 0, 2) === 'MZ') {
      return sources.slice(1);
    }
  } catch {
    // not a readable file: a URL or an error reported when loading it
  }
  return sources;
}

const readSource: SourceReader = (file) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};
