// The profile shape of `go tool trace -pprof=TYPE` (cmd/trace pprof.go buildProfile): sample types
// contentions/count and delay/nanoseconds, one location per PC, one function per file+name.
import type { Function as ProfFunction, Location, Profile } from '../profile/profile';
import { emptyProfile } from '../profile/profile';

export interface DelayFrame { pc: number; fn: string; file: string; line: number }
export interface DelayRecord { frames: DelayFrame[]; n: number; time: number }

export function buildDelayProfile(records: Iterable<DelayRecord>): Profile {
  const p = emptyProfile();
  p.periodType = { type: 'trace', unit: 'count' };
  p.period = 1;
  p.sampleType = [{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: 'nanoseconds' }];
  const locs = new Map<number, Location>();
  const funcs = new Map<string, ProfFunction>();
  for (const rec of records) {
    const sloc: Location[] = [];
    for (const fr of rec.frames) {
      let loc = locs.get(fr.pc);
      if (!loc) {
        const key = fr.file + fr.fn;
        let fn = funcs.get(key);
        if (!fn) {
          fn = { id: p.function.length + 1, name: fr.fn, systemName: fr.fn, filename: fr.file, startLine: 0 };
          p.function.push(fn);
          funcs.set(key, fn);
        }
        loc = { id: p.location.length + 1, address: BigInt(fr.pc), line: [{ function: fn, line: fr.line, column: 0 }], isFolded: false };
        p.location.push(loc);
        locs.set(fr.pc, loc);
      }
      sloc.push(loc);
    }
    p.sample.push({ location: sloc, value: [rec.n, rec.time] });
  }
  return p;
}
