// Structured form of pprof's `-top` report, for the views (profile editor, top table panel).
// Numbers and their text are exactly those of the `-top` text report for the same options.
// CONTRACT (owned by the report engine; the extension codes against it):
import type { Profile } from '../profile/profile';
import type { ReportOptions } from './reportOptions';
import { prepareReport } from './generateReport';
import { textItems } from './textReport';
import { percentage } from '../measurement/measurement';

export interface TopRow {
  name: string;
  /** "(inline)" / "(partial-inline)" as -top prints after the name, or "" (optional for older callers). */
  inline?: string;
  /**
   * Source file of the node ("" when unknown) and line (0 when unknown): where its code is, even
   * when the granularity (e.g. functions) leaves the file out of the node's identity.
   */
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
  /** Formats a value as the flat and cum columns print (same output unit, -divide_by applied). */
  formatValue(v: number): string;
}

export function topTable(profile: Profile, options: ReportOptions): TopTable {
  const rpt = prepareReport(profile, { ...options, format: 'text' });
  const { items, labels } = textItems(rpt);
  let flatSum = 0;
  const rows: TopRow[] = items.map((it) => {
    flatSum += it.flat;
    return {
      name: it.name,
      inline: it.inlineLabel,
      file: it.file,
      line: it.line,
      flat: it.flat,
      cum: it.cum,
      flatText: it.flatFormat,
      flatPercent: percentage(it.flat, rpt.total).trim(),
      sumPercent: percentage(flatSum, rpt.total).trim(),
      cumText: it.cumFormat,
      cumPercent: percentage(it.cum, rpt.total).trim(),
    };
  });
  const st = profile.sampleType[rpt.options.sampleIndex];
  return {
    legend: labels.flatMap((l) => l.split('\n')),
    sampleType: `${st.type}/${st.unit}`,
    total: rpt.total,
    totalText: rpt.formatValue(rpt.total),
    rows,
    formatValue: (v) => rpt.formatValue(v),
  };
}
