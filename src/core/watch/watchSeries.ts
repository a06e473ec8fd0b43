// Snapshots over time of one quantity split into keyed parts (goroutine groups, heap functions), as
// "Watch Goroutines" / "Watch Heap" poll them, with gaps where the target did not answer,
// and the parts whose value keeps growing flagged as suspected leaks.

export interface WatchPart {
  key: string;
  value: number;
  /** Short name, e.g. the group's function. */
  title: string;
  /** Where it comes from, e.g. "created by main.leakLoop at main.go:40". */
  site?: string;
  file?: string;
  line?: number;
}

export type WatchPoint =
  | { time: number; gap: false; total: number; values: Map<string, number>; file?: string }
  | { time: number; gap: true; message: string };

export interface LeakSuspect {
  key: string;
  title: string;
  site?: string;
  file?: string;
  line?: number;
  /** Value when the current growth run started, and now. */
  from: number;
  to: number;
  /** Snapshots in a row (ignoring gaps) where it grew, since it last shrank. */
  increases: number;
}

export class WatchSeries {
  readonly points: WatchPoint[] = [];
  private readonly parts = new Map<string, WatchPart>();

  addSnapshot(time: number, total: number, parts: WatchPart[], file?: string): void {
    const values = new Map<string, number>();
    for (const p of parts) {
      values.set(p.key, (values.get(p.key) ?? 0) + p.value);
      this.parts.set(p.key, { ...p });
    }
    this.points.push({ time, gap: false, total, values, file });
  }

  addGap(time: number, message: string): void {
    this.points.push({ time, gap: true, message });
  }

  /** The last points are gaps: the target is away now. */
  get away(): boolean {
    const last = this.points[this.points.length - 1];
    return !!last && last.gap;
  }

  snapshots(): Extract<WatchPoint, { gap: false }>[] {
    return this.points.filter((p): p is Extract<WatchPoint, { gap: false }> => !p.gap);
  }

  part(key: string): WatchPart | undefined {
    return this.parts.get(key);
  }

  /** Keys of the n largest parts of the latest snapshot (ties by key). */
  topKeys(n: number): string[] {
    const snaps = this.snapshots();
    const last = snaps[snaps.length - 1];
    if (!last) return [];
    return [...last.values.entries()]
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, n)
      .map(([k]) => k);
  }

  /** Values of a part per point (null at gaps, 0 where the part was absent). */
  series(key: string): (number | null)[] {
    return this.points.map((p) => (p.gap ? null : p.values.get(key) ?? 0));
  }

  /**
   * Parts that grew in at least `minIncreases` snapshots since they last shrank (gaps ignored; a part
   * absent from a snapshot counts 0, so a restarted program starts over). minIncreases 2 flags a group
   * that grew twice in a row: within three snapshots of a steady leak.
   */
  suspects(minIncreases: number): LeakSuspect[] {
    const snaps = this.snapshots();
    const out: LeakSuspect[] = [];
    const keys = new Set<string>();
    for (const s of snaps) for (const k of s.values.keys()) keys.add(k);
    for (const key of keys) {
      let prev: number | undefined;
      let increases = 0;
      let from = 0;
      for (const s of snaps) {
        const v = s.values.get(key) ?? 0;
        if (prev === undefined) from = v;
        else if (v < prev) {
          increases = 0;
          from = v;
        } else if (v > prev) {
          if (increases === 0) from = prev;
          increases++;
        }
        prev = v;
      }
      if (increases >= minIncreases && (prev ?? 0) > 0) {
        const p = this.parts.get(key)!;
        out.push({ key, title: p.title, site: p.site, file: p.file, line: p.line, from, to: prev ?? 0, increases });
      }
    }
    return out.sort((a, b) => b.to - b.from - (a.to - a.from) || (a.key < b.key ? -1 : 1));
  }
}
