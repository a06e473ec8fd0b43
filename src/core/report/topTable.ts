// Structured form of pprof's `-top` report, for the views (profile editor, top table panel).
// Numbers and their text are exactly those of the `-top` text report for the same options.
// CONTRACT (owned by the report engine; the extension codes against it):
import type { Profile } from '../profile/profile';
import type { ReportOptions } from './reportOptions';

export interface TopRow {
  name: string;
  /** Source file of the node ("" when unknown) and line (0 when unknown). */
  file: string;
  line: number;
  flat: number;
  cum: number;
  /** Column texts exactly as printed by `-top`: e.g. "1.20s", "10.42%", "55.10%". */
  flatText: string;
  flatPercent: string;
  sumPercent: string;
  cumText: string;
  cumPercent: string;
}

export interface TopTable {
  /** The header lines `-top` prints before the table (File:, Type:, Time:, Duration:, Showing ...). */
  legend: string[];
  /** Sample type used, e.g. "cpu/nanoseconds". */
  sampleType: string;
  /** Total of the selected sample type over the whole (unfiltered) profile, in its unit, and as text. */
  total: number;
  totalText: string;
  rows: TopRow[];
}

export declare function topTable(profile: Profile, options: ReportOptions): TopTable;
