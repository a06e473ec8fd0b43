// A capture's row in the Profiles view, in words: what it is (kind, duration, total, size) and, for a
// profile of `go test`, which test. No vscode here (unit-tested).
import type { CaptureKindId } from '../../collect/captureKind';
import type { CaptureEntry } from '../../collect/captureLibrary';
import type { ProfileFacts } from '../../collect/profileFacts';
import { label } from '../../core/measurement/measurement';

/**
 * A capture's row in the Profiles view: the label (its time; a test profile's test name and time) and
 * the description: kind, duration, total and size, e.g. "CPU · 30s · total 2.41s · 12.3 KB". Duration
 * from the sidecar (seconds asked for) or the profile; total as pprof prints it; "no samples" when empty.
 */
export function captureRowText(e: CaptureEntry, facts: ProfileFacts | undefined): { label: string; description: string } {
  const kind = e.kind ? SHORT_KIND[e.kind] : facts?.kind;
  const duration = e.seconds ? `${e.seconds}s` : facts && facts.durationNanos > 0 ? label(facts.durationNanos, 'nanoseconds') : '';
  const total = facts?.samples === 0 && facts.kind !== 'trace' ? 'no samples' : facts?.totalText !== undefined
    ? (facts.kind === 'goroutine dump' || facts.kind === 'crash' || facts.kind === 'goroutine' ? `${facts.totalText} goroutines` : `total ${facts.totalText}`) : '';
  const parts = [kind ?? '', duration, leakedText(e), total, formatBytes(e.bytes)].filter(Boolean);
  return { label: e.test ? `${e.test.name} · ${formatTime(e.time)}` : formatTime(e.time), description: parts.join(' · ') };
}

const SHORT_KIND: Record<CaptureKindId, string> = {
  cpu: 'CPU', heap: 'heap', allocs: 'allocs', goroutine: 'goroutine', 'goroutine-dump': 'goroutine dump', 'goroutine-leak': 'goroutine leak',
  block: 'block', mutex: 'mutex', threadcreate: 'threadcreate', trace: 'trace',
};

/** "54 leaked" for a goroutine leak profile whose sidecar counted them. */
export function leakedText(e: CaptureEntry): string {
  return e.kind === 'goroutine-leak' && e.leaked !== undefined ? `${e.leaked} leaked` : '';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-11-27 21:30:05", local time: sorts and reads well in a narrow side bar. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A file size for a row: "812 B", "12.3 KB", "4.0 MB" (1024-based). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
