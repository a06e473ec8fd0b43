// -tagfocus / -tagignore filters (driver.compileTagFilter and parseTagFilterRange): either a
// numeric range with units ("32kb", ":64kb", "4mb:", "12kb:64mb") or comma-separated regexps.
import type { LabelSet } from '../profile/profile';
import { scale } from '../measurement/measurement';
import { compileGoRegexp, GoRegexp } from '../profile/goRegexp';
import { ProfileError } from '../profile/profileError';
import { errorMessage } from '../text/errorMessage';

type NumFilter = (v: number, unit: string) => boolean;

/** parseTagFilterRange. */
export function parseTagFilterRange(filter: string): NumFilter | undefined {
  const rx = /([+-]?[0-9]+)([A-Za-z]+)?/g;
  const ranges: RegExpExecArray[] = [];
  let m: RegExpExecArray | null;
  while (ranges.length < 2 && (m = rx.exec(filter)) !== null) ranges.push(m);
  if (ranges.length === 0) return undefined;
  const v = parseGoInt(ranges[0][1]);
  const u0 = ranges[0][2] ?? '';
  const [scaledValue, unit] = scale(v, u0, u0);
  if (ranges.length === 1) {
    const match = ranges[0][0];
    if (filter === match) {
      return (x, u) => {
        const [sv, su] = scale(x, u, unit);
        return su === unit && sv === scaledValue;
      };
    }
    if (filter === match + ':') {
      return (x, u) => {
        const [sv, su] = scale(x, u, unit);
        return su === unit && sv >= scaledValue;
      };
    }
    if (filter === ':' + match) {
      return (x, u) => {
        const [sv, su] = scale(x, u, unit);
        return su === unit && sv <= scaledValue;
      };
    }
    return undefined;
  }
  if (filter !== ranges[0][0] + ':' + ranges[1][0]) return undefined;
  const v2 = parseGoInt(ranges[1][1]);
  const [scaledValue2, unit2] = scale(v2, ranges[1][2] ?? '', unit);
  if (unit !== unit2) return undefined;
  return (x, u) => {
    const [sv, su] = scale(x, u, unit);
    return su === unit && sv >= scaledValue && sv <= scaledValue2;
  };
}

function parseGoInt(s: string): number {
  return Number.parseInt(s, 10);
}

/** driver.compileTagFilter. */
export function compileTagFilter(
  name: string,
  value: string,
  numLabelUnits: Map<string, string>,
  warn: (m: string) => void,
): ((s: LabelSet) => boolean) | undefined {
  if (value === '') return undefined;
  let wantKey = '';
  const eq = value.indexOf('=');
  if (eq >= 0) {
    wantKey = value.slice(0, eq);
    value = value.slice(eq + 1);
  }
  const numFilter = parseTagFilterRange(value);
  if (numFilter) {
    warn(`${name}:Interpreted '${value}' as range, not regexp`);
    const labelFilter = (vals: number[], unit: string): boolean => vals.some((v) => numFilter(v, unit));
    const unitOf = (key: string): string => numLabelUnits.get(key) ?? '';
    if (wantKey === '') {
      return (s) => {
        if (!s.numLabel) return false;
        for (const key of Object.keys(s.numLabel)) if (labelFilter(s.numLabel[key], unitOf(key))) return true;
        return false;
      };
    }
    return (s) => {
      const vals = s.numLabel?.[wantKey];
      return vals !== undefined && labelFilter(vals, unitOf(wantKey));
    };
  }
  const rfx: GoRegexp[] = [];
  for (const tagf of value.split(',')) {
    try {
      rfx.push(compileGoRegexp(tagf));
    } catch (e) {
      throw new ProfileError(`parsing ${name} regexp: ${errorMessage(e)}`);
    }
  }
  if (wantKey === '') {
    return (s) => {
      outer: for (const rx of rfx) {
        if (s.label) {
          for (const key of Object.keys(s.label)) {
            for (const val of s.label[key]) {
              if (rx.match(key + ':' + val)) continue outer;
            }
          }
        }
        return false;
      }
      return true;
    };
  }
  return (s) => {
    const vals = s.label?.[wantKey];
    if (vals !== undefined) {
      for (const rx of rfx) for (const val of vals) if (rx.match(val)) return true;
    }
    return false;
  };
}
