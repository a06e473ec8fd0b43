// Messages between the extension host and the "PGO gain" webview (Measure PGO gain).
import type { GainRow } from '../core/pgo/benchOutput';

/** Everything the panel shows: benchstat's table as it printed it and the runs for the chart. */
export interface PgoGainModel {
  title: string;
  /** "go test -bench … -count 6 -pgo=off" vs "-pgo=…". */
  command: string;
  /** benchstat's column names, in order: without and with the profile. */
  labels: [string, string];
  /** benchstat's output, shown as text. */
  table: string;
  rows: GainRow[];
}

export type HostToPgoGain = { type: 'gain'; model: PgoGainModel };
export type PgoGainToHost = { type: 'ready' };
