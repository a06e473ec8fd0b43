// One snapshot of a watch, from the bytes of a capture: the total and its parts (goroutine groups
// of a debug=2 dump; heap functions by in-use bytes, as `pprof -top -sample_index=inuse_space`).
// No vscode here.
import { parseGoroutineDump } from '../../core/goroutine/goroutineDump';
import { groupDump, groupTitle, userFrame } from '../../core/goroutine/goroutineGroups';
import { loadProfileWithZlib } from '../../collect/nativeGunzip';
import { label } from '../../core/measurement/measurement';
import { defaultReportOptions } from '../../core/report/reportOptions';
import { topTable } from '../../core/report/topTable';
import type { WatchPart } from '../../core/watch/watchSeries';
import { isLeakedState } from '../../core/goroutine/goroutineLeaks';

export type WatchKind = 'goroutines' | 'heap';

export interface Snapshot {
  total: number;
  parts: WatchPart[];
  /** Goroutine leak profile (debug=2): the parts whose goroutines the GC found leaked, by key. */
  leaked?: Map<string, number>;
}

const base = (f: string) => f.split(/[\\/]/).pop() ?? f;

export function goroutineSnapshot(text: string): Snapshot {
  const g = groupDump(parseGoroutineDump(text));
  // Across snapshots a group is its stack, state and creator; labels and wait times change freely.
  // A leak profile's dump marks leaked goroutines' state "(leaked)": those groups are confirmed leaks.
  const leaked = new Map<string, number>();
  for (const x of g.groups) if (isLeakedState(x.state)) leaked.set(x.key, x.count);
  return {
    total: g.total,
    leaked,
    parts: g.groups.map((x) => {
      const u = userFrame(x);
      const site = x.createdBy ? `created by ${x.createdBy.func} at ${base(x.createdBy.file)}:${x.createdBy.line}` : undefined;
      return {
        key: x.key,
        value: x.count,
        title: `${groupTitle(x)}${x.state ? ` [${x.state}]` : ''}`,
        site,
        file: x.createdBy?.file ?? u?.file,
        line: x.createdBy?.line ?? u?.line,
      };
    }),
  };
}

export function heapSnapshot(bytes: Uint8Array, name: string): Snapshot {
  const p = loadProfileWithZlib(bytes, name);
  const idx = p.sampleType.findIndex((t) => t.type === 'inuse_space');
  if (idx < 0) throw new Error(`${name} has no inuse_space sample type: not a heap profile`);
  const t = topTable(p, { ...defaultReportOptions(), sampleIndex: String(idx) });
  return {
    total: t.total,
    parts: t.rows.filter((r) => r.flat !== 0).map((r) => ({ key: r.name, value: r.flat, title: r.name, file: r.file, line: r.line,
      site: r.file ? `${base(r.file)}:${r.line}` : undefined })),
  };
}

/** A watched value in words: a goroutine count, or in-use bytes as pprof prints them ("9.04MB"). */
export function watchValueLabel(kind: WatchKind, value: number): string {
  return kind === 'goroutines' ? String(value) : label(value, 'bytes');
}
