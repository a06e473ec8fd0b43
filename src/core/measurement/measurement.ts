// Unit scaling and value labels, as pprof's internal/measurement package: the same unit tables,
// auto-scaling rule and number formatting, so every printed value matches `go tool pprof`.
import { formatFixed, formatG } from './goFloatFormat';

interface Unit {
  canonicalName: string;
  aliases: string[];
  factor: number;
}

interface UnitType {
  defaultUnit: Unit;
  units: Unit[];
}

const unitTypes: UnitType[] = [
  {
    units: [
      { canonicalName: 'B', aliases: ['b', 'byte'], factor: 1 },
      { canonicalName: 'kB', aliases: ['kb', 'kbyte', 'kilobyte'], factor: 2 ** 10 },
      { canonicalName: 'MB', aliases: ['mb', 'mbyte', 'megabyte'], factor: 2 ** 20 },
      { canonicalName: 'GB', aliases: ['gb', 'gbyte', 'gigabyte'], factor: 2 ** 30 },
      { canonicalName: 'TB', aliases: ['tb', 'tbyte', 'terabyte'], factor: 2 ** 40 },
      { canonicalName: 'PB', aliases: ['pb', 'pbyte', 'petabyte'], factor: 2 ** 50 },
    ],
    defaultUnit: { canonicalName: 'B', aliases: ['b', 'byte'], factor: 1 },
  },
  {
    units: [
      { canonicalName: 'ns', aliases: ['ns', 'nanosecond'], factor: 1 },
      { canonicalName: 'us', aliases: ['μs', 'us', 'microsecond'], factor: 1e3 },
      { canonicalName: 'ms', aliases: ['ms', 'millisecond'], factor: 1e6 },
      { canonicalName: 's', aliases: ['s', 'sec', 'second'], factor: 1e9 },
      { canonicalName: 'hrs', aliases: ['hour', 'hr'], factor: 3600e9 },
    ],
    defaultUnit: { canonicalName: 's', aliases: [], factor: 1e9 },
  },
  {
    units: [
      { canonicalName: 'n*GCU', aliases: ['nanogcu'], factor: 1e-9 },
      { canonicalName: 'u*GCU', aliases: ['microgcu'], factor: 1e-6 },
      { canonicalName: 'm*GCU', aliases: ['milligcu'], factor: 1e-3 },
      { canonicalName: 'GCU', aliases: ['gcu'], factor: 1 },
      { canonicalName: 'k*GCU', aliases: ['kilogcu'], factor: 1e3 },
      { canonicalName: 'M*GCU', aliases: ['megagcu'], factor: 1e6 },
      { canonicalName: 'G*GCU', aliases: ['gigagcu'], factor: 1e9 },
      { canonicalName: 'T*GCU', aliases: ['teragcu'], factor: 1e12 },
      { canonicalName: 'P*GCU', aliases: ['petagcu'], factor: 1e15 },
    ],
    defaultUnit: { canonicalName: 'GCU', aliases: [], factor: 1 },
  },
];

function findByAlias(ut: UnitType, alias: string): Unit | undefined {
  for (const u of ut.units) {
    if (u.aliases.includes(alias)) return u;
  }
  return undefined;
}

function sniffUnit(ut: UnitType, unit: string): Unit | undefined {
  unit = unit.toLowerCase();
  // Go's len() counts bytes.
  if (utf8Length(unit) > 2 && unit.endsWith('s')) unit = unit.slice(0, -1);
  return findByAlias(ut, unit);
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function autoScale(ut: UnitType, value: number): [number, string] | undefined {
  let f = 0;
  let unit = '';
  for (const u of ut.units) {
    if (u.factor >= f && value / u.factor >= 1.0) {
      f = u.factor;
      unit = u.canonicalName;
    }
  }
  if (f === 0) return undefined;
  return [value / f, unit];
}

function convertUnit(ut: UnitType, value: number, fromUnitStr: string, toUnitStr: string): [number, string] | undefined {
  const fromUnit = sniffUnit(ut, fromUnitStr);
  if (!fromUnit) return undefined;
  const v = value * fromUnit.factor;
  if (toUnitStr === 'minimum' || toUnitStr === 'auto') {
    const r = autoScale(ut, v);
    if (r) return r;
    return [v / ut.defaultUnit.factor, ut.defaultUnit.canonicalName];
  }
  const toUnit = sniffUnit(ut, toUnitStr);
  if (!toUnit) return [v / ut.defaultUnit.factor, ut.defaultUnit.canonicalName];
  return [v / toUnit.factor, toUnit.canonicalName];
}

/** measurement.Scale: value (in fromUnit) converted to toUnit ("minimum"/"auto" pick the best). */
export function scale(value: number, fromUnit: string, toUnit: string): [number, string] {
  if (value < 0) {
    const [v, u] = scale(-value, fromUnit, toUnit);
    return [-v, u];
  }
  for (const ut of unitTypes) {
    const r = convertUnit(ut, value, fromUnit, toUnit);
    if (r) return r;
  }
  switch (toUnit) {
    case 'count':
    case 'sample':
    case 'unit':
    case 'minimum':
    case 'auto':
      return [value, ''];
    default:
      return [value, toUnit];
  }
}

/** measurement.Label: value with an automatically chosen unit. */
export function label(value: number, unit: string): string {
  return scaledLabel(value, unit, 'auto');
}

/** measurement.ScaledLabel. */
export function scaledLabel(value: number, fromUnit: string, toUnit: string): string {
  const [v, u] = scale(value, fromUnit, toUnit);
  let sv = formatFixed(v, 2);
  if (sv.endsWith('.00')) sv = sv.slice(0, -3);
  if (sv === '0' || sv === '-0') return '0';
  return sv + u;
}

/** measurement.Percentage: value/total as a 6-character percentage, e.g. " 10.42%", "  100%". */
export function percentage(value: number, total: number): string {
  let ratio = 0;
  if (total !== 0) ratio = Math.abs(value / total) * 100;
  if (ratio >= 99.95 && ratio <= 100.05) return '  100%';
  let s: string;
  if (ratio >= 1.0) s = formatFixed(ratio, 2);
  else s = formatG(ratio, 2);
  return (s.length < 5 ? ' '.repeat(5 - s.length) + s : s) + '%';
}

/** Whether a unit name is known to one of the unit tables (used by tag filters). */
export function isKnownUnit(unit: string): boolean {
  return unitTypes.some((ut) => sniffUnit(ut, unit) !== undefined);
}
