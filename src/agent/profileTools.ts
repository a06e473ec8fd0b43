// The tools a coding agent uses to read profiles (issue 17), defined once for both front ends: the
// MCP server (`pprof-lens mcp`, mcpServer.ts) and VS Code's language-model tools
// (src/extension/agentTools). Report tools turn their arguments into `go tool pprof` flags and run the
// `pprof-lens` CLI's own main in-process, so their text is the CLI's, byte for byte, and there is one
// flag mapping (src/cli/pprofFlags.ts). Outputs are capped with a line saying what was cut and how to
// narrow the request. Profiles are data: nothing read from one is executed or followed.
// No vscode here (eslint.config.js): the extension passes what only it knows through ToolContext.
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../cli/main';
import { readCaptureLibrary, type CaptureEntry } from '../collect/captureLibrary';
import { readProfileFacts } from '../collect/profileFacts';
import { loadProfileWithZlib } from '../collect/nativeGunzip';
import { readProfileFileSync } from '../collect/profileFile';
import { DEFAULT_MAX_PROFILE_BYTES } from '../core/profile/limits';
import { looksLikeGoroutineDump, parseGoroutineDump } from '../core/goroutine/goroutineDump';
import { groupDump, groupProfile, type GoroutineGroups } from '../core/goroutine/goroutineGroups';
import { isGoroutineLeakProfile, isLeakedState } from '../core/goroutine/goroutineLeaks';
import { errorMessage } from '../core/text/errorMessage';
import { traceSummary } from './traceSummary';
import { checkInput, InputSchema, PropertySchema, ToolInputError } from './toolInput';

/** One tool as both front ends describe it to the agent. */
export interface ProfileTool {
  name: string;
  /** What it does and when to use it (the model reads this). */
  description: string;
  inputSchema: InputSchema;
  /** It acts on a running program: the front end asks the user before every call. */
  acts?: boolean;
}

/** What a front end lets the tools see and do. */
export interface ToolContext {
  /** Folders whose profiles the tools may read (the captures folder, folders given to `pprof-lens mcp`). */
  folders: string[];
  /** Further files the user opened (VS Code's open profiles). */
  files?: () => string[];
  /**
   * Folders whose files `profile_list` may print besides `folders` (the workspace, GOROOT, the module
   * cache): a profile names its source files itself, so without this bound a crafted profile could
   * make the tool read any file of the machine into the agent's context.
   */
  sourceRoots?: string[];
  /** Largest output in characters (default MAX_OUTPUT_CHARS). */
  maxChars?: number;
  /** Captures a profile from a configured target and returns the saved file; absent: capture_profile is refused. */
  capture?: (args: { kind: string; seconds?: number; target?: string }) => Promise<string>;
}

/** A tool's answer: text for the agent, and whether it is an error the agent should act on. */
export interface ToolResult {
  text: string;
  isError: boolean;
}

/** Default cap of a tool's output: about 8k tokens, a fair share of an agent's context. */
export const MAX_OUTPUT_CHARS = 32_000;

const str = (description: string, extra: Partial<PropertySchema> = {}): PropertySchema => ({ type: 'string', description, ...extra });
const profileArg = str('The profile: a path list_profiles shows (absolute, or relative to a profiles folder).');
const filterArgs: Record<string, PropertySchema> = {
  sample_index: str('Sample type to report, by name (e.g. cpu, samples, alloc_space, inuse_space, delay, contentions) or 0-based index; default: the profile\'s default, as pprof.'),
  focus: str('Only samples whose stack has a function matching this Go regexp (pprof -focus).'),
  ignore: str('Drop samples whose stack has a function matching this Go regexp (pprof -ignore).'),
  hide: str('Hide functions matching this Go regexp from stacks (pprof -hide).'),
  show: str('Show only functions matching this Go regexp (pprof -show).'),
  tagfocus: str('Only samples with a label matching, e.g. "handler=/api" or "bytes=1mb:" (pprof -tagfocus).'),
  tagignore: str('Drop samples with a label matching (pprof -tagignore).'),
  granularity: str('Aggregate by functions (default), filefunctions, files, lines or addresses.', { enum: ['functions', 'filefunctions', 'files', 'lines', 'addresses'] }),
};
const nodecount: PropertySchema = { type: 'integer', minimum: 1, description: 'Show at most this many entries (pprof -nodecount); default: all.' };
const sort = str('Sort by own (flat, default) or cumulative (cum) weight.', { enum: ['flat', 'cum'] });
const fnArg = str('Go regexp (RE2) of the functions, e.g. "^main\\\\.handleOrder$" or "encoding/json".');

const schema = (properties: Record<string, PropertySchema>, required: string[]): InputSchema =>
  ({ type: 'object', properties, required, additionalProperties: false });

/** Every tool, in the order agents see them. */
export const PROFILE_TOOLS: readonly ProfileTool[] = [
  {
    name: 'list_profiles',
    description: 'Lists the profiles and traces the tools can read (saved captures and opened files): path, kind, target, capture time, sample types and total. Call it first to find a profile to pass to the other tools.',
    inputSchema: schema({}, []),
  },
  {
    name: 'profile_top',
    description: 'pprof -top of a Go profile: the functions with the most flat and cumulative cost, exactly as `go tool pprof -top` prints it. Use sort=cum to find expensive call paths, focus/ignore to narrow.',
    inputSchema: schema({ profile: profileArg, ...filterArgs, sort, nodecount }, ['profile']),
  },
  {
    name: 'profile_list',
    description: 'pprof -list: the source lines of the functions matching a regexp with each line\'s flat and cumulative cost (source read from disk), as `go tool pprof -list` prints it.',
    inputSchema: schema({ profile: profileArg, function: fnArg, ...filterArgs }, ['profile', 'function']),
  },
  {
    name: 'profile_peek',
    description: 'pprof -peek: the callers and callees of the functions matching a regexp, with the cost of each call edge.',
    inputSchema: schema({ profile: profileArg, function: fnArg, ...filterArgs }, ['profile', 'function']),
  },
  {
    name: 'profile_tree',
    description: 'pprof -tree: the call graph as text, every function with its callers and callees, biggest first.',
    inputSchema: schema({ profile: profileArg, ...filterArgs, sort, nodecount }, ['profile']),
  },
  {
    name: 'profile_compare',
    description: 'Compares two profiles of the same kind: pprof -top of profile with -diff_base=base (default) or -base=base, i.e. what grew (positive) or shrank (negative) since the base.',
    inputSchema: schema({
      profile: str('The newer profile (path as list_profiles shows it).'),
      base: str('The base (older) profile to compare against.'),
      mode: str('diff_base (default: percentages of the base) or base (subtract the base).', { enum: ['diff_base', 'base'] }),
      normalize: { type: 'boolean', description: 'Scale the base to the profile\'s total first (pprof -normalize).' },
      ...filterArgs, sort, nodecount,
    }, ['profile', 'base']),
  },
  {
    name: 'goroutine_groups',
    description: 'The goroutines of a goroutine profile or dump (debug=2, crash output) grouped by identical stack: count, state, wait time, creation site, labels; goroutines a leak profile reports as leaked are flagged LEAKED.',
    inputSchema: schema({
      profile: profileArg,
      max_groups: { type: 'integer', minimum: 1, description: 'Show at most this many groups, largest first (default 20).' },
      max_frames: { type: 'integer', minimum: 1, description: 'Frames shown per group, innermost first (default 12).' },
    }, ['profile']),
  },
  {
    name: 'trace_summary',
    description: 'Summary of a Go execution trace (runtime/trace, /debug/pprof/trace): duration, Ps, GC cycles and stop-the-world pauses, the goroutine analysis table (goroutines by start function: execution, network wait, sync block, syscall, scheduler wait, GC time), and the top of its trace-derived profiles (go tool trace -pprof=net|sync|syscall|sched).',
    inputSchema: schema({
      profile: str('The trace file (path as list_profiles shows it, kind trace).'),
      profiles: str('Comma-separated trace-derived profiles to show the top of: net, sync, syscall, sched (default all four; "" for none).'),
      nodecount: { type: 'integer', minimum: 1, description: 'Rows of each profile\'s top (default 10).' },
      max_groups: { type: 'integer', minimum: 1, description: 'Goroutine groups shown, in go tool trace\'s order: most execution time first (default 20).' },
    }, ['profile']),
  },
  {
    name: 'capture_profile',
    description: 'Captures a new profile from a configured Go program (net/http/pprof) and saves it; the user is asked to allow every capture. Returns the saved file to pass to the other tools.',
    inputSchema: schema({
      kind: str('What to capture.', { enum: ['cpu', 'heap', 'allocs', 'goroutine', 'goroutine-dump', 'goroutine-leak', 'block', 'mutex', 'threadcreate', 'trace'] }),
      seconds: { type: 'integer', minimum: 1, description: 'Duration for cpu and trace captures (default: the configured one).' },
      target: str('Name or URL of a configured target (default: the only or last used one).'),
    }, ['kind']),
    acts: true,
  },
];

/** The tool called `name`, or undefined. */
export function findTool(name: string): ProfileTool | undefined {
  return PROFILE_TOOLS.find((t) => t.name === name);
}

/**
 * Runs tool `name` on `input`. Never throws for the agent's mistakes or unreadable profiles: those come
 * back as `isError` results with one message saying what is wrong.
 */
export async function runTool(name: string, input: unknown, ctx: ToolContext): Promise<ToolResult> {
  const tool = findTool(name);
  if (!tool) return { text: `unknown tool "${name}" (tools: ${PROFILE_TOOLS.map((t) => t.name).join(', ')})`, isError: true };
  try {
    const args = checkInput(tool.inputSchema, input);
    const max = ctx.maxChars ?? MAX_OUTPUT_CHARS;
    switch (name) {
      case 'list_profiles':
        return ok(capText(await listProfiles(ctx), max, 'the list is long: pass a profile\'s path you already know'));
      case 'goroutine_groups':
        return ok(capText(goroutineText(resolveProfile(String(args.profile), ctx), args), max, 'set max_groups or max_frames lower'));
      case 'trace_summary': {
        const kinds = String(args.profiles ?? 'net,sync,syscall,sched').split(',').map((k) => k.trim()).filter((k) => k !== '');
        const text = await traceSummary(resolveProfile(String(args.profile), ctx), { profiles: kinds, nodecount: Number(args.nodecount ?? 10), groups: Number(args.max_groups ?? 20) });
        return ok(capText(text, max, 'ask for fewer profiles (profiles), a lower nodecount or max_groups'));
      }
      case 'capture_profile': {
        if (!ctx.capture) throw new ToolInputError('capturing is not offered here (only in VS Code, where the user confirms each capture); use the saved profiles list_profiles shows');
        const file = await ctx.capture({ kind: String(args.kind), ...(args.seconds !== undefined ? { seconds: Number(args.seconds) } : {}), ...(args.target !== undefined ? { target: String(args.target) } : {}) });
        return ok(`Captured ${args.kind} profile saved as ${file}`);
      }
      default: {
        const argv = reportArgs(name, args, ctx);
        const out = await runCli(argv, ctx);
        return ok(capText(out, max, narrowHint(name)));
      }
    }
  } catch (e) {
    if (e instanceof ToolInputError) return { text: e.message, isError: true };
    return { text: `internal error: ${errorMessage(e)}`, isError: true };
  }
}

const ok = (text: string): ToolResult => ({ text, isError: false });

function narrowHint(name: string): string {
  if (name === 'profile_list' || name === 'profile_peek') return 'use a more specific function regexp (e.g. anchored: ^main\\.name$), or focus';
  return 'set nodecount (e.g. 20), or focus/ignore/show on the functions you care about';
}

/**
 * The `pprof-lens` (= `go tool pprof`) command-line arguments of a report tool's call: one flag per
 * argument, spelled as pprof spells it, and the profiles as resolved paths.
 */
export function reportArgs(name: string, args: Record<string, string | number | boolean>, ctx: ToolContext): string[] {
  const format: Record<string, string> = { profile_top: '-top', profile_tree: '-tree', profile_compare: '-top' };
  const argv: string[] = [];
  if (name === 'profile_list' || name === 'profile_peek') argv.push(`-${name.slice('profile_'.length)}=${args.function}`);
  else if (format[name]) argv.push(format[name]);
  else throw new ToolInputError(`tool ${name} is not a report`);
  for (const f of ['sample_index', 'focus', 'ignore', 'hide', 'show', 'tagfocus', 'tagignore']) {
    if (args[f] !== undefined) argv.push(`-${f}=${args[f]}`);
  }
  if (args.granularity !== undefined) argv.push(`-${args.granularity}`);
  if (args.sort !== undefined) argv.push(`-${args.sort}`);
  if (args.nodecount !== undefined) argv.push(`-nodecount=${args.nodecount}`);
  if (name === 'profile_compare') {
    argv.push(`-${args.mode ?? 'diff_base'}=${resolveProfile(String(args.base), ctx)}`);
    if (args.normalize === true) argv.push('-normalize');
  }
  argv.push(resolveProfile(String(args.profile), ctx));
  return argv;
}

/** The CLI's stdout for argv, or a ToolInputError with its one-line error (without the "pprof-lens: " prefix). */
async function runCli(argv: string[], ctx: ToolContext): Promise<string> {
  const out: string[] = [];
  let err = '';
  const code = await main(argv, {
    stdout: (c) => out.push(typeof c === 'string' ? c : Buffer.from(c).toString('utf8')),
    stderr: (t) => { err += t; },
    readSource: (file) => readSourceWithin(file, ctx),
  });
  if (code !== 0) {
    const lines = err.split('\n').filter((l) => l.startsWith('pprof-lens: '));
    throw new ToolInputError((lines[lines.length - 1] ?? err.trim()).replace(/^pprof-lens: /, '').replace(/ \(pprof-lens -h for usage\)$/, ''));
  }
  return out.join('');
}

/**
 * `text` if it has at most max characters; else its first whole lines within max, then one line saying
 * how much was cut and how to narrow the request.
 */
export function capText(text: string, max: number, hint: string): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let used = 0;
  let n = 0;
  while (n < lines.length && used + lines[n].length + 1 <= max) used += lines[n++].length + 1;
  return `${lines.slice(0, n).join('\n')}\n[output cut: showing ${n} of ${lines.length} lines (${used} of ${text.length} characters); to see the rest, narrow the request: ${hint}]\n`;
}

/**
 * A source file's text when it lies (after following links) inside the context's folders or source
 * roots; undefined otherwise, which -list prints as pprof does for a file it cannot find.
 */
export function readSourceWithin(file: string, ctx: ToolContext): string | undefined {
  const r = real(file);
  if (!r) return undefined;
  const roots = [...ctx.folders, ...(ctx.sourceRoots ?? [])];
  if (!roots.some((d) => inside(real(d) ?? d, r))) return undefined;
  try {
    return fs.readFileSync(r, 'utf8');
  } catch {
    return undefined;
  }
}

/** Within `dir` (after following links)? */
function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function real(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/**
 * The file a tool's `profile` argument names: a path inside one of the context's folders (absolute,
 * or relative to a folder) or one of its opened files. Anything else is refused, so an agent reads
 * only what the user pointed Pprof Lens at.
 */
export function resolveProfile(ref: string, ctx: ToolContext): string {
  const files = ctx.files?.() ?? [];
  const candidates = path.isAbsolute(ref) ? [ref] : [...ctx.folders.map((d) => path.join(d, ref)), ...files.filter((f) => f === ref || path.basename(f) === ref)];
  for (const c of candidates) {
    const r = real(c);
    if (!r || !fs.statSync(r).isFile()) continue;
    if (ctx.folders.some((d) => inside(real(d) ?? d, r)) || files.some((f) => real(f) === r)) return path.resolve(c);
  }
  const known = ctx.folders.length + files.length === 0 ? 'no profiles folder or open profile is available'
    : `profiles are read from ${[...ctx.folders, ...files].join(', ')}`;
  throw new ToolInputError(`unknown profile "${ref}": not a file list_profiles shows (${known}); call list_profiles and pass one of its paths`);
}

async function listProfiles(ctx: ToolContext): Promise<string> {
  const lines: string[] = [];
  const describe = async (file: string, e?: CaptureEntry): Promise<void> => {
    const f = await readProfileFacts(file);
    const parts = [`kind: ${f?.kind ?? e?.kind ?? 'unknown'}`];
    if (e && e.target !== 'other files' && e.target !== 'other') parts.push(`target: ${e.target}`);
    const t = f?.timeMillis || e?.time;
    if (t) parts.push(`time: ${new Date(t).toISOString()}`);
    if (f?.sampleTypes.length) parts.push(`sample types: ${f.sampleTypes.join(' ')}`);
    if (f?.totalText !== undefined) parts.push(`total: ${f.totalText}`);
    if (e?.test) parts.push(`${e.test.kind}: ${e.test.name}`);
    lines.push(file, `  ${parts.join(' · ')}`);
  };
  const seen = new Set<string>();
  for (const dir of ctx.folders) {
    const entries = (await readCaptureLibrary(dir)).flatMap((e) => [e, ...(e.derived ?? [])]).sort((a, b) => b.time - a.time || a.path.localeCompare(b.path));
    for (const e of entries) {
      seen.add(e.path);
      await describe(e.path, e);
    }
  }
  for (const f of ctx.files?.() ?? []) if (!seen.has(f)) await describe(f);
  if (lines.length === 0) return `No profiles found (folders: ${ctx.folders.join(', ') || 'none'}). Capture one first (capture_profile, in VS Code) or save .pb.gz files there.\n`;
  return `${lines.join('\n')}\n`;
}

function goroutineText(file: string, args: Record<string, string | number | boolean>): string {
  const bytes = readProfileFileSync(file, { bytes: DEFAULT_MAX_PROFILE_BYTES, name: 'the size limit' });
  const head = Buffer.from(bytes.subarray(0, 65536)).toString('utf8');
  let g: GoroutineGroups;
  let leakProfile = false;
  try {
    if (bytes[0] !== 0x1f && looksLikeGoroutineDump(head)) {
      g = groupDump(parseGoroutineDump(Buffer.from(bytes).toString('utf8')));
    } else {
      const p = loadProfileWithZlib(bytes, file);
      const types = p.sampleType.map((t) => t.type);
      if (!types.includes('goroutine') && !isGoroutineLeakProfile(p) && p.periodType?.type !== 'goroutine') {
        throw new ToolInputError(`${file} is not a goroutine profile (its sample types: ${types.join(', ')}); use profile_top for it`);
      }
      leakProfile = isGoroutineLeakProfile(p);
      g = groupProfile(p);
    }
  } catch (e) {
    if (e instanceof ToolInputError) throw e;
    throw new ToolInputError(`${file}: ${errorMessage(e)}`);
  }
  const maxGroups = Number(args.max_groups ?? 20);
  const maxFrames = Number(args.max_frames ?? 12);
  const leaked = (state: string) => leakProfile || isLeakedState(state);
  const out = [`${g.total} goroutines in ${g.groups.length} groups (${g.source === 'dump' ? 'from a debug=2 dump: states and waits known' : 'from a goroutine profile: counts per stack, no states'})`];
  const nLeaked = g.groups.filter((x) => leaked(x.state)).reduce((a, x) => a + x.count, 0);
  if (nLeaked > 0) out.push(`${nLeaked} goroutines reported leaked by the runtime (flagged LEAKED)`);
  if (g.crash) out.push(`crash: ${g.crash.message.join(' / ')}`);
  for (const x of g.groups.slice(0, maxGroups)) {
    const wait = x.maxWaitMinutes > 0 ? ` · waiting ${x.minWaitMinutes === x.maxWaitMinutes ? '' : `${x.minWaitMinutes}–`}${x.maxWaitMinutes} minutes` : '';
    out.push('', `${x.count} goroutine${x.count === 1 ? '' : 's'}${x.state ? ` · ${x.state}` : ''}${wait}${leaked(x.state) ? ' · LEAKED' : ''}${x.crashed ? ' · CRASHED' : ''}`);
    if (x.labels && Object.keys(x.labels).length > 0) out.push(`  labels: ${Object.entries(x.labels).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    for (const f of x.frames.slice(0, maxFrames)) out.push(`  ${f.func}`, `      ${f.file}:${f.line}`);
    if (x.frames.length > maxFrames) out.push(`  … ${x.frames.length - maxFrames} more frames`);
    if (x.createdBy) out.push(`  created by ${x.createdBy.func}`, `      ${x.createdBy.file}:${x.createdBy.line}`);
  }
  if (g.groups.length > maxGroups) out.push('', `… ${g.groups.length - maxGroups} more groups (${g.groups.slice(maxGroups).reduce((a, x) => a + x.count, 0)} goroutines); raise max_groups to see them`);
  return `${out.join('\n')}\n`;
}
