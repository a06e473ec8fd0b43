// Where "Show Goroutines" from the command palette takes its goroutines when no goroutine profile is
// shown: first a fresh goroutine dump captured from the program the captures use (named, so the user
// sees which), then the recent goroutine captures, then a file. No vscode here (unit-tested).
import type { CaptureEntry } from '../../collect/captureLibrary';
import type { NextTarget } from '../../collect/captureTarget';
import { labelText } from '../../core/text/untrustedText';

/** One choice of the picker: capture now, open a capture, or browse for a file. */
export type GoroutineSource =
  | { action: 'capture'; label: string; description: string; detail: string }
  | { action: 'open'; label: string; description: string; path: string }
  | { action: 'browse'; label: string };

const GOROUTINE_KINDS = new Set(['goroutine', 'goroutine-dump', 'goroutine-leak']);

/**
 * The choices in order: "Capture from <target>" first (the target the next capture uses, or "a running
 * program" when the user will be asked), then up to `max` goroutine captures of the library (not watch
 * snapshots), newest first, then "Browse…". `when` formats a capture's time.
 */
export function goroutineSources(next: NextTarget, library: readonly CaptureEntry[], when: (ms: number) => string, max = 10): GoroutineSource[] {
  const out: GoroutineSource[] = [];
  const detail = 'a goroutine dump (goroutine?debug=2) of the running program, saved like any capture';
  if (next.kind === 'current' || next.kind === 'only') {
    out.push({ action: 'capture', label: `$(cloud-download) Capture from ${labelText(next.target.name)}`, description: next.target.baseUrl, detail });
  } else {
    out.push({
      action: 'capture', label: '$(cloud-download) Capture from a running program…',
      description: next.kind === 'choose' ? `choose among ${next.count} targets` : 'enter its address (e.g. localhost:6060)', detail,
    });
  }
  // Watch snapshots stay in their watch's folder (one watch would fill the list).
  const recent = library.filter((e) => e.kind !== undefined && GOROUTINE_KINDS.has(e.kind) && !e.watch)
    .sort((a, b) => b.time - a.time || a.fileName.localeCompare(b.fileName)).slice(0, max);
  // File and target names come from the folder and the sidecars: shown as text, not as $(icons).
  for (const e of recent) out.push({ action: 'open', label: labelText(e.fileName), description: `${labelText(e.target)} · ${when(e.time)}`, path: e.path });
  out.push({ action: 'browse', label: '$(folder-opened) Browse…' });
  return out;
}
