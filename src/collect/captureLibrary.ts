// The captures kept in a folder (pprofLens.storageDir): each file with what we know of it, from its
// JSON sidecar (written by saveCapture) or, failing that, from its name and modification time; then
// grouped by target and kind, newest first, as the Profiles view shows them.
import * as fs from 'fs';
import * as path from 'path';
import { captureKind, CaptureKindId, isCaptureKindId } from './captureKind';
import { parseCaptureFileName, parseWatchFolderName, traceProfilesFolderName, WatchFolderKind } from './captureName';
import { readProfileFacts } from './profileFacts';

export interface CaptureEntry {
  path: string;
  fileName: string;
  /** Target name (configured name or host:port); "other" when unknown. */
  target: string;
  /** Kind id, or undefined for a file whose kind we cannot tell. */
  kind?: CaptureKindId;
  /** ms since the epoch. */
  time: number;
  bytes: number;
  /** The endpoint URL it was fetched from. */
  url?: string;
  /** The target's base URL ("http://localhost:6060"), when the sidecar has it. */
  targetUrl?: string;
  seconds?: number;
  /** Goroutine leak profiles: the leaked goroutines the sidecar counted. */
  leaked?: number;
  /** Watch snapshots: the watch's folder, its kind and start time. */
  watch?: { folder: string; kind: WatchFolderKind; time: number };
  /** An execution trace's trace-derived profiles, kept in "<trace>.profiles" beside it. */
  derived?: CaptureEntry[];
  /** Profiles of `go test` (Profile Test): the test or benchmark and its package's import path. */
  test?: { name: string; kind: 'test' | 'benchmark'; package?: string };
}

export interface KindGroup {
  kind: CaptureKindId | undefined;
  label: string;
  entries: CaptureEntry[];
}

/** The snapshots of one watch (a "watch-<kind>-<time>" folder), newest first. */
export interface WatchGroup {
  folder: string;
  kind: WatchFolderKind;
  /** Start of the watch (ms since the epoch). */
  time: number;
  entries: CaptureEntry[];
}

export interface TargetGroup {
  target: string;
  /** Base URL of the target, from its newest capture that records one. */
  baseUrl?: string;
  /** Time of the newest capture in the group. */
  newest: number;
  kinds: KindGroup[];
  /** Watches of this target, newest first (their snapshots are not in `kinds`). */
  watches: WatchGroup[];
}

/** File extensions listed as captures (anything else in the folder is ignored). */
export function isCaptureFile(fileName: string): boolean {
  if (fileName.startsWith('.')) return false;
  return /\.(pb\.gz|pprof|prof|txt|trace|pb)$/.test(fileName);
}

/**
 * Why `value` cannot be the new name of capture `old` in its folder (undefined: it can). A name the
 * Profiles view would not list (no capture extension, a sidecar's `.json`) would make the capture
 * vanish from the view while it stays on disk, so it is refused like a name with folders.
 */
export function captureRenameProblem(old: string, value: string, exists: (name: string) => boolean): string | undefined {
  const t = value.trim();
  if (t === '' || t !== path.basename(t) || t.includes('/') || t.includes('\\') || t === '.' || t === '..') return 'A file name, without folders';
  if (t.startsWith('.')) return 'Names starting with "." are hidden from the Profiles view';
  if (!isCaptureFile(t)) return 'Keep an extension the Profiles view lists: .pb.gz, .pprof, .prof, .pb, .txt or .trace';
  if (t !== old && exists(t)) return `${t} already exists`;
  return undefined;
}

interface SidecarMeta {
  source?: unknown;
  target?: unknown;
  targetUrl?: unknown;
  kind?: unknown;
  seconds?: unknown;
  capturedAt?: unknown;
  leaked?: unknown;
  test?: unknown;
  testKind?: unknown;
  package?: unknown;
}

/**
 * Reads the captures in dir, and one level down the snapshots of each watch ("watch-<kind>-<time>/",
 * entries with `watch` set) and each trace's derived profiles ("<trace>.profiles/", in the trace's
 * `derived`). A missing folder is an empty library.
 */
export async function readCaptureLibrary(dir: string): Promise<CaptureEntry[]> {
  const top = await readFolder(dir);
  let subdirs: fs.Dirent[];
  try {
    subdirs = (await fs.promises.readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory());
  } catch {
    return top;
  }
  const out = [...top];
  for (const d of subdirs) {
    const w = parseWatchFolderName(d.name);
    if (w) {
      for (const e of await readFolder(path.join(dir, d.name))) out.push({ ...e, watch: { folder: d.name, kind: w.kind, time: w.time.getTime() } });
      continue;
    }
    const trace = top.find((e) => e.kind === 'trace' && traceProfilesFolderName(e.fileName) === d.name);
    if (trace) trace.derived = (await readFolder(path.join(dir, d.name))).sort((a, b) => a.fileName.localeCompare(b.fileName));
  }
  return out;
}

async function readFolder(dir: string): Promise<CaptureEntry[]> {
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return [];
  }
  const set = new Set(names);
  const entries = await Promise.all(names.filter(isCaptureFile).map(async (fileName): Promise<CaptureEntry | undefined> => {
    const p = path.join(dir, fileName);
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(p);
    } catch {
      return undefined;
    }
    if (!st.isFile()) return undefined;
    let meta: SidecarMeta = {};
    if (set.has(`${fileName}.json`)) {
      try {
        meta = JSON.parse(await fs.promises.readFile(`${p}.json`, 'utf8')) as SidecarMeta;
      } catch {
        meta = {};
      }
    }
    const entry = captureEntry(p, st.size, st.mtimeMs, meta);
    // No sidecar and not our name (e.g. `cpu-….pprof` saved by a script): the content tells the kind.
    if (entry.kind === undefined) entry.kind = (await readProfileFacts(p))?.captureKind;
    return entry;
  }));
  return entries.filter((e): e is CaptureEntry => e !== undefined);
}

/** One entry from what is known: sidecar first, then the file name, then the file's mtime. */
export function captureEntry(p: string, bytes: number, mtimeMs: number, meta: SidecarMeta): CaptureEntry {
  const fileName = path.basename(p);
  const fromName = parseCaptureFileName(fileName);
  const metaTime = typeof meta.capturedAt === 'string' ? Date.parse(meta.capturedAt) : NaN;
  const kind = typeof meta.kind === 'string' && isCaptureKindId(meta.kind) ? meta.kind : fromName?.kind;
  const test = typeof meta.test === 'string' && meta.test
    ? { name: meta.test, kind: meta.testKind === 'benchmark' ? 'benchmark' as const : 'test' as const, ...(typeof meta.package === 'string' ? { package: meta.package } : {}) }
    : undefined;
  const target = typeof meta.target === 'string' && meta.target ? meta.target : fromName?.target;
  return {
    path: p,
    fileName,
    // Test profiles are grouped apart from live captures of a program of the same name.
    target: test ? `go test ${target ?? test.package ?? ''}`.trim() : target ?? OTHER_TARGET,
    kind,
    time: Number.isFinite(metaTime) ? metaTime : fromName?.time.getTime() ?? mtimeMs,
    bytes,
    url: typeof meta.source === 'string' ? meta.source : undefined,
    targetUrl: typeof meta.targetUrl === 'string' ? meta.targetUrl : undefined,
    seconds: typeof meta.seconds === 'number' ? meta.seconds : undefined,
    ...(typeof meta.leaked === 'number' ? { leaked: meta.leaked } : {}),
    ...(test ? { test } : {}),
  };
}

/** The group of files that record no target (no sidecar, not our name). */
export const OTHER_TARGET = 'other files';

/** Groups by target, then kind (watch snapshots: by watch); newest first at every level (ties: by name). */
export function groupCaptures(entries: readonly CaptureEntry[]): TargetGroup[] {
  const byTarget = new Map<string, { kinds: Map<CaptureKindId | undefined, CaptureEntry[]>; watches: Map<string, WatchGroup> }>();
  for (const e of entries) {
    let t = byTarget.get(e.target);
    if (!t) byTarget.set(e.target, (t = { kinds: new Map(), watches: new Map() }));
    if (e.watch) {
      const w = t.watches.get(e.watch.folder) ?? { folder: e.watch.folder, kind: e.watch.kind, time: e.watch.time, entries: [] };
      w.entries.push(e);
      t.watches.set(e.watch.folder, w);
      continue;
    }
    const list = t.kinds.get(e.kind) ?? [];
    list.push(e);
    t.kinds.set(e.kind, list);
  }
  const newestFirst = (a: CaptureEntry, b: CaptureEntry) => b.time - a.time || b.fileName.localeCompare(a.fileName);
  const groups: TargetGroup[] = [];
  for (const [target, t] of byTarget) {
    const kindGroups: KindGroup[] = [];
    for (const [kind, list] of t.kinds) {
      list.sort(newestFirst);
      kindGroups.push({ kind, label: kind ? captureKind(kind).label : 'unknown kind', entries: list });
    }
    kindGroups.sort((a, b) => b.entries[0].time - a.entries[0].time || a.label.localeCompare(b.label));
    const watches = [...t.watches.values()];
    for (const w of watches) w.entries.sort(newestFirst);
    watches.sort((a, b) => b.time - a.time || b.folder.localeCompare(a.folder));
    const all = [...kindGroups.flatMap((k) => k.entries), ...watches.flatMap((w) => w.entries)];
    const withUrl = all.filter((x) => x.targetUrl).sort(newestFirst)[0];
    const newest = Math.max(...all.map((x) => x.time));
    groups.push({ target, baseUrl: withUrl?.targetUrl, newest, kinds: kindGroups, watches });
  }
  return groups.sort((a, b) => b.newest - a.newest || a.target.localeCompare(b.target));
}
