// The profile as a report sees it while filtering, without copying it: the current samples as
// columns (filters make new columns that share the profile's stack and value arrays) and
// per-location line overrides (hide/show/show_from/prune_from). The caller's Profile is never
// modified. materialize() produces a real Profile (deep copy) when one is needed (-proto, -raw).
import type { Function as PFunction, Line, Location, Profile, Sample } from '../profile/profile';
import { SampleColumns, sampleColumnsOf, withSamples } from '../profile/sampleColumns';
import type { SampleSource } from '../graph/graph';

export class ProfileState implements SampleSource {
  /** The current samples (what the filters kept). */
  rows: SampleColumns;
  locations: Location[];
  functions: PFunction[];
  private readonly lineOverrides = new Map<Location, Line[]>();

  constructor(readonly base: Profile) {
    this.rows = sampleColumnsOf(base);
    this.locations = base.location;
    this.functions = base.function;
  }

  /**
   * Compatibility view for cold callers (materialize, for -raw and -proto): the current samples as
   * objects, made on each read; assigning replaces the rows. Reports and filters read `rows`.
   */
  get samples(): Sample[] {
    return this.rows.toSamples();
  }

  set samples(samples: Sample[]) {
    this.rows = SampleColumns.fromSamples(samples, this.rows.locations);
  }

  lines(l: Location): Line[] {
    return this.lineOverrides.get(l) ?? l.line;
  }

  setLines(l: Location, lines: Line[]): void {
    this.lineOverrides.set(l, lines);
  }

  /** A standalone Profile with the current samples and lines (shares nothing with base). */
  materialize(): Profile {
    const p = this.base;
    const fnMap = new Map<PFunction, PFunction>();
    const fnOf = (f: PFunction): PFunction => {
      let c = fnMap.get(f);
      if (!c) {
        c = { ...f };
        fnMap.set(f, c);
      }
      return c;
    };
    const functions = this.functions.map(fnOf);
    const mapMap = new Map(p.mapping.map((m) => [m, { ...m }]));
    const locMap = new Map<Location, Location>();
    const locOf = (l: Location): Location => {
      let c = locMap.get(l);
      if (!c) {
        c = {
          id: l.id,
          mapping: l.mapping ? mapMap.get(l.mapping) ?? { ...l.mapping } : undefined,
          address: l.address,
          line: this.lines(l).map((ln) => ({ function: ln.function ? fnOf(ln.function) : ln.function, line: ln.line, column: ln.column })),
          isFolded: l.isFolded,
        };
        locMap.set(l, c);
      }
      return c;
    };
    const locations = this.locations.map(locOf);
    const samples = this.samples.map((s) => {
      const c: Sample = { location: s.location.map(locOf), value: s.value.slice() };
      if (s.label) c.label = copyRecord(s.label);
      if (s.numLabel) c.numLabel = copyRecord(s.numLabel);
      if (s.numUnit) c.numUnit = copyRecord(s.numUnit);
      return c;
    });
    return {
      ...withSamples(p, samples),
      sampleType: p.sampleType.map((t) => ({ ...t })),
      mapping: Array.from(mapMap.values()),
      location: locations,
      function: functions,
      comments: p.comments.slice(),
      periodType: p.periodType ? { ...p.periodType } : undefined,
    };
  }
}

function copyRecord<T>(r: Record<string, T[]>): Record<string, T[]> {
  const c: Record<string, T[]> = {};
  for (const k of Object.keys(r)) c[k] = r[k].slice();
  return c;
}
