// File names of captures: "<target>-<kind>-<YYYYMMDD-HHMMSS>.<ext>" (local time), e.g.
// "localhost-6060-cpu-20261127-213005.pb.gz". Readable, sortable by time within a target and kind,
// and safe on every file system. saveCapture adds ".1", ".2"… before the extension on a clash.
import { CaptureKind, CaptureKindId, KIND_IDS_LONGEST_FIRST } from './captureKind';

/** A target name made safe for a file name: letters, digits, '.', '_' and '-' only. */
export function targetSlug(name: string): string {
  const s = name
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return (s || 'target').slice(0, 80);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** YYYYMMDD-HHMMSS in local time. */
export function captureTimestamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

export function captureFileName(targetName: string, kind: CaptureKind, when: Date): string {
  return `${targetSlug(targetName)}-${kind.id}-${captureTimestamp(when)}.${kind.ext}`;
}

export interface ParsedCaptureName {
  target: string;
  kind: CaptureKindId;
  /** Local time the name records. */
  time: Date;
}

const kindAlternatives = KIND_IDS_LONGEST_FIRST.map((k) => k.replace(/-/g, '\\-')).join('|');
const nameRe = new RegExp(`^(.+)-(${kindAlternatives})-(\\d{4})(\\d{2})(\\d{2})-(\\d{2})(\\d{2})(\\d{2})(?:\\.\\d+)?\\.(?:pb\\.gz|txt|trace)$`);

/** Reads target, kind and time back from a name we gave; undefined for any other name. */
export function parseCaptureFileName(fileName: string): ParsedCaptureName | undefined {
  const m = nameRe.exec(fileName);
  if (!m) return undefined;
  const [, target, kind, y, mo, d, h, mi, s] = m;
  const time = new Date(+y, +mo - 1, +d, +h, +mi, +s);
  if (Number.isNaN(time.getTime())) return undefined;
  return { target, kind: kind as CaptureKindId, time };
}

/** What a watch is of: Watch Goroutines or Watch Heap. */
export type WatchFolderKind = 'goroutines' | 'heap';

/**
 * The folder one watch keeps its snapshots in, inside the capture folder (one folder per
 * watch, not two files per snapshot beside the captures): "watch-goroutines-<YYYYMMDD-HHMMSS>".
 */
export function watchFolderName(kind: WatchFolderKind, started: Date): string {
  return `watch-${kind}-${captureTimestamp(started)}`;
}

/** Kind and start time back from a watch folder's name; undefined for any other name. */
export function parseWatchFolderName(name: string): { kind: WatchFolderKind; time: Date } | undefined {
  const m = /^watch-(goroutines|heap)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:\.\d+)?$/.exec(name);
  if (!m) return undefined;
  const [, kind, y, mo, d, h, mi, s] = m;
  const time = new Date(+y, +mo - 1, +d, +h, +mi, +s);
  return Number.isNaN(time.getTime()) ? undefined : { kind: kind as WatchFolderKind, time };
}

/** The folder next to a trace capture that holds its trace-derived profiles: "<trace file>.profiles". */
export function traceProfilesFolderName(traceFileName: string): string {
  return `${traceFileName}.profiles`;
}
