// Goroutine dumps: the text of /debug/pprof/goroutine?debug=2 (runtime.Stack(all=true)) and of
// crashes (a program's `panic:` / `fatal error:` / `SIGSEGV: …` output, from any Go version: its
// header lines, `[recovered]` panics, `[signal …]` and `PC=…` lines, register dumps, `runtime stack:`
// sections, `created by … in goroutine N`, `...additional frames elided...`). Parsed per goroutine
// (id, state, wait, frames, creator, labels) plus the crash's message and crashing goroutine, and
// turned into a profile like Go's own goroutine profile: sample type goroutine/count, one sample per
// distinct stack (and label set), value = number of goroutines with it.
import { emptyProfile, Function, Location, Mapping, Profile, Sample } from '../profile/profile';
import { ProfileError } from '../profile/profileError';
import { SizeLimit, checkLineCount, sizeLimit } from '../profile/limits';

export interface GoroutineFrame {
  /** Function name as printed, e.g. "main.(*Server).serve". */
  func: string;
  /** The printed argument list without parentheses ("0xc000010000, 0x1" or "..."), "" if none. */
  args: string;
  file: string;
  line: number;
  /** The "+0x1d" pc offset from the function entry, when printed. */
  pcOffset?: number;
  /** The absolute pc, when printed (GOTRACEBACK=system adds "fp=.. sp=.. pc=.."). */
  pc?: bigint;
}

export interface GoroutineCreator {
  func: string;
  file: string;
  line: number;
  pcOffset?: number;
  /** "created by f in goroutine N" (Go 1.21+). */
  goroutineId?: number;
}

export interface Goroutine {
  id: number;
  /** Wait reason or status, e.g. "running", "chan receive", "select", "IO wait". */
  state: string;
  /** The ", N minutes" part of the header; 0 when absent. */
  waitMinutes: number;
  lockedToThread: boolean;
  /** Innermost call first. */
  frames: GoroutineFrame[];
  createdBy?: GoroutineCreator;
  labels?: Record<string, string>;
  /** The dump said "...additional frames elided...". */
  framesElided: boolean;
}

/** What a crash's output says before its goroutines. */
export interface CrashInfo {
  /**
   * The crash's own lines, in order: each `panic: …` (nested ones too, with `[recovered]`), `fatal
   * error: …`, `[signal …]`, `SIGxxx: …`, `unexpected fault address …`; a multi-line panic value keeps
   * its lines (Go indents them with a tab, removed here).
   */
  message: string[];
  /** The goroutine Go printed first, which is the one that crashed (undefined: no goroutine followed). */
  goroutineId?: number;
}

export interface GoroutineDump {
  goroutines: Goroutine[];
  /** Set when the text is a crash's output rather than a debug=2 dump. */
  crash?: CrashInfo;
}

const headerRE = /^goroutine (\d+)(?: gp=\S+)?(?: m=\S+)?(?: mp=\S+)? \[(.*)\]:$/;
// A frame's file line: a tab (a space in some cgo frames of old Go, " ??:0 +0x6d"; spaces in crashes
// pasted through a blog or chat), file:line, pc offset, and with GOTRACEBACK=system the frame's
// pointers (Go 1.2–1.3 print fp= only, Go 1.4–1.12 fp= sp=, later fp= sp= pc=).
const fileLineRE = /^(?:\t| +)(\S.*):(\d+)(?: \+0x([0-9a-f]+))?(?: fp=0x[0-9a-f]+)?(?: sp=0x[0-9a-f]+)?(?: pc=0x([0-9a-f]+))?$/;
const createdByRE = /^created by (.+?)(?: in goroutine (\d+))?$/;
const callRE = /^(.+)\(([^()]*)\)$/;

const MAX_LINE_NUMBER = 2 ** 31;

/**
 * A line that starts a crash's output (runtime/panic.go printpanics, fatalthrow; signal_unix.go
 * sighandler; older runtimes' `[signal 0xb code=… addr=… pc=…]`).
 */
const crashStartRE = /^(?:panic: |fatal error: |SIG[A-Z0-9]+: |unexpected fault address |\[signal |fatal: morestack on g0)/;
/** Lines of a crash's header that belong in its message ("runtime: …" explains a fatal error before it). */
const crashMessageRE = /^(?:panic: |fatal error: |SIG[A-Z0-9]+: |PC=0x|unexpected fault address |\[signal |fatal: |runtime: )/;
/** A register line of a crash's dump ("rax    0x0", "r10    0xc000012345", "pc     0x45f1a3"). */
const registerRE = /^[a-z][a-z0-9]{0,7} +0x[0-9a-f]+$/;
/** How far into a text a crash's first goroutine header is looked for. */
const CRASH_SNIFF_BYTES = 64 * 1024;

/**
 * Whether text is a goroutine dump: it starts (after blank lines) with a goroutine header, or a
 * line of it starts a crash's output (`panic: …`, `fatal error: …`, `SIGSEGV: …`, log lines may
 * come before) and a goroutine header follows within the first 64 KiB.
 */
export function looksLikeGoroutineDump(text: string): boolean {
  const m = /^\s*(goroutine \d+[^\n]*)/.exec(text.slice(0, 4096));
  if (m && headerRE.test(m[1].replace(/\r$/, ''))) return true;
  return crashStart(text.slice(0, CRASH_SNIFF_BYTES)) !== undefined;
}

/** The index of the line where a crash's output starts, when a goroutine header follows it. */
function crashStart(head: string): number | undefined {
  const lines = head.split('\n');
  let start: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (start === undefined) {
      if (crashStartRE.test(l)) start = i;
    } else if (headerRE.test(l)) {
      return start;
    }
  }
  return undefined;
}

/**
 * Parses a goroutine dump (?debug=2, or a crash's traceback). Throws ProfileError when the text has
 * more lines than fit the size limit (default 512 MiB; counted before the text is split).
 */
export function parseGoroutineDump(text: string, limit: SizeLimit = sizeLimit()): GoroutineDump {
  checkLineCount(text, limit);
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const goroutines: Goroutine[] = [];
  let g: Goroutine | undefined;
  let pendingFunc: { func: string; args: string; creator: boolean; goroutineId?: number } | undefined;
  let sawHeader = false;
  let crash: CrashInfo | undefined;
  let inPanicValue = false; // the tab-indented lines after "panic: " continue its value

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const h = headerRE.exec(line);
    if (h) {
      if (crash && !sawHeader && /^\d+$/.test(h[1]) && h[1].length < 16) crash.goroutineId = Number(h[1]);
      sawHeader = true;
      inPanicValue = false;
      pendingFunc = undefined;
      const status = h[2].split(', ');
      let waitMinutes = 0;
      let locked = false;
      const state: string[] = [];
      for (const part of status) {
        const wm = /^(\d+) minutes?$/.exec(part);
        if (wm) waitMinutes = Number(wm[1]);
        else if (part === 'locked to thread') locked = true;
        else state.push(part);
      }
      g = {
        id: Number(h[1]),
        state: state.join(', '),
        waitMinutes,
        lockedToThread: locked,
        frames: [],
        framesElided: false,
      };
      if (!Number.isSafeInteger(g.id)) throw new ProfileError(`malformed goroutine dump: goroutine id ${h[1]} too large`);
      goroutines.push(g);
      continue;
    }
    if (!g) {
      // Text before the first goroutine: a crash's header ("panic: ...", "[signal ...]", "PC=...").
      if (!sawHeader) {
        if (crashStartRE.test(line) || line.startsWith('runtime: ')) crash ??= { message: [] };
        if (crash) {
          const t = line.startsWith('\t') ? line.slice(1) : line;
          if (crashMessageRE.test(t)) {
            crash.message.push(t);
            inPanicValue = t.startsWith('panic: ');
          } else if (inPanicValue && line.startsWith('\t')) {
            crash.message[crash.message.length - 1] += '\n' + t;
          } else {
            inPanicValue = false;
          }
        }
      }
      continue;
    }
    if (line === 'runtime stack:') {
      // A system stack (fatal errors): frames of no goroutine until the next header.
      g = undefined;
      pendingFunc = undefined;
      continue;
    }
    if (registerRE.test(line) && !pendingFunc) continue; // a crash's register dump
    if (line.trim() === '') {
      pendingFunc = undefined;
      continue;
    }
    if (line.startsWith('labels: ')) {
      const labels = parseLabelMap(line.slice('labels: '.length));
      if (labels) g.labels = labels;
      continue;
    }
    if (line.startsWith('...') && line.includes('frames elided')) {
      g.framesElided = true;
      continue;
    }
    const fl = fileLineRE.exec(line);
    if (fl) {
      if (!pendingFunc) continue; // a file line without its function line: ignore
      const ln = Number(fl[2]);
      const pcOffset = fl[3] !== undefined && fl[3].length <= 13 ? parseInt(fl[3], 16) : undefined;
      const lineNo = ln < MAX_LINE_NUMBER ? ln : 0;
      if (pendingFunc.creator) {
        g.createdBy = { func: pendingFunc.func, file: fl[1], line: lineNo };
        if (pcOffset !== undefined) g.createdBy.pcOffset = pcOffset;
        if (pendingFunc.goroutineId !== undefined) g.createdBy.goroutineId = pendingFunc.goroutineId;
      } else {
        const f: GoroutineFrame = { func: pendingFunc.func, args: pendingFunc.args, file: fl[1], line: lineNo };
        if (pcOffset !== undefined) f.pcOffset = pcOffset;
        if (fl[4] !== undefined && fl[4].length <= 16) f.pc = BigInt('0x' + fl[4]);
        g.frames.push(f);
      }
      pendingFunc = undefined;
      continue;
    }
    const cb = createdByRE.exec(line);
    if (cb) {
      pendingFunc = { func: cb[1], args: '', creator: true };
      if (cb[2] !== undefined && cb[2].length < 16) pendingFunc.goroutineId = Number(cb[2]);
      continue;
    }
    if (line.startsWith('\t') || line.startsWith(' ')) continue; // registers, "fp=.." lines and the like
    const call = callRE.exec(line);
    pendingFunc = call ? { func: call[1], args: call[2], creator: false } : { func: line, args: '', creator: false };
  }
  if (!sawHeader) throw new ProfileError('not a goroutine dump: no "goroutine N [state]:" header');
  return crash ? { goroutines, crash } : { goroutines };
}

/** Go's labelMap.String() form: {"k":"v", "k2":"v2"}. */
function parseLabelMap(s: string): Record<string, string> | undefined {
  s = s.trim();
  if (!s.startsWith('{') || !s.endsWith('}')) return undefined;
  const out: Record<string, string> = Object.create(null);
  let any = false;
  for (const m of s.matchAll(/"((?:[^"\\]|\\.)*)":\s*"((?:[^"\\]|\\.)*)"/g)) {
    let k = m[1];
    let v = m[2];
    try {
      k = JSON.parse('"' + m[1] + '"') as string;
      v = JSON.parse('"' + m[2] + '"') as string;
    } catch {
      // Go escapes JSON does not know: keep the raw text
    }
    out[k] = v;
    any = true;
  }
  return any ? out : undefined;
}

/**
 * A goroutine profile from a dump (a crash's message lines become its comments). Locations are keyed by pc when the dump prints one, otherwise by
 * (function, file, line, pc offset) with address 0; ids follow the order of first appearance.
 */
export function goroutineDumpToProfile(d: GoroutineDump): Profile {
  const mapping: Mapping = {
    id: 1,
    start: 0n,
    limit: 0xffffffffffffffffn,
    offset: 0n,
    file: '',
    buildId: '',
    hasFunctions: true,
    hasFilenames: true,
    hasLineNumbers: true,
    hasInlineFrames: false,
  };
  const p: Profile = {
    ...emptyProfile(),
    sampleType: [{ type: 'goroutine', unit: 'count' }],
    mapping: [mapping],
    periodType: { type: 'goroutine', unit: 'count' },
    period: 1,
  };
  // A crash's message goes with the profile (`pprof-lens -comments` prints it).
  if (d.crash) p.comments = [...d.crash.message];
  const functions = new Map<string, Function>();
  const locations = new Map<string, Location>();
  const samples = new Map<string, Sample>();
  for (const g of d.goroutines) {
    const locs: Location[] = [];
    for (const f of g.frames) {
      const lk =
        f.pc !== undefined
          ? `pc:${f.pc.toString(16)}\u0000${f.func}`
          : `${f.func}\u0000${f.file}\u0000${f.line}\u0000${f.pcOffset ?? ''}`;
      let loc = locations.get(lk);
      if (!loc) {
        const fk = `${f.func}\u0000${f.file}`;
        let fn = functions.get(fk);
        if (!fn) {
          fn = { id: p.function.length + 1, name: f.func, systemName: f.func, filename: f.file, startLine: 0 };
          functions.set(fk, fn);
          p.function.push(fn);
        }
        loc = {
          id: p.location.length + 1,
          mapping,
          address: f.pc ?? 0n,
          line: [{ function: fn, line: f.line, column: 0 }],
          isFolded: false,
        };
        locations.set(lk, loc);
        p.location.push(loc);
      }
      locs.push(loc);
    }
    let key = locs.map((l) => l.id).join(',');
    if (g.labels) key += '#' + JSON.stringify(Object.entries(g.labels).sort());
    const existing = samples.get(key);
    if (existing) {
      existing.value[0]++;
      continue;
    }
    const s: Sample = { location: locs, value: [1] };
    if (g.labels) {
      s.label = Object.create(null) as Record<string, string[]>;
      for (const [k, v] of Object.entries(g.labels)) s.label[k] = [v];
    }
    samples.set(key, s);
    p.sample.push(s);
  }
  return p;
}
