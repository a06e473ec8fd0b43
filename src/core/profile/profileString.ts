// Go's Profile.String() debug dump (pprof profile.go, as vendored by Go 1.27: "Doc:" after the
// comments, line columns in locations). What `-raw` prints, and the format of the .string goldens.
import { Location, Mapping, Profile, Sample } from './profile';

export function profileToString(p: Profile): string {
  const ss: string[] = [];
  for (const c of p.comments) ss.push('Comment: ' + c);
  if (p.docUrl) ss.push(`Doc: ${p.docUrl}`);
  if (p.periodType) ss.push(`PeriodType: ${p.periodType.type} ${p.periodType.unit}`);
  ss.push(`Period: ${p.period}`);
  if (p.timeNanos !== 0) ss.push(`Time: ${goTime(exactTime(p))}`);
  if (p.durationNanos !== 0) ss.push(`Duration: ${goDuration(p.durationNanos).slice(0, 4)}`);
  ss.push('Samples:');
  let sh = '';
  for (const st of p.sampleType) {
    sh += `${st.type}/${st.unit}${st.type === p.defaultSampleType ? '[dflt]' : ''} `;
  }
  ss.push(sh.trim());
  for (const s of p.sample) ss.push(sampleString(s));
  ss.push('Locations');
  for (const l of p.location) ss.push(locationString(l));
  ss.push('Mappings');
  for (const m of p.mapping) ss.push(mappingString(m));
  return ss.join('\n') + '\n';
}

function hex(v: bigint | number): string {
  return '0x' + v.toString(16);
}

function mappingString(m: Mapping): string {
  let bits = '';
  if (m.hasFunctions) bits += '[FN]';
  if (m.hasFilenames) bits += '[FL]';
  if (m.hasLineNumbers) bits += '[LN]';
  if (m.hasInlineFrames) bits += '[IN]';
  return `${m.id}: ${hex(m.start)}/${hex(m.limit)}/${hex(m.offset)} ${m.file} ${m.buildId} ${bits}`;
}

function locationString(l: Location): string {
  const ss: string[] = [];
  let locStr = `${String(l.id).padStart(6)}: ${hex(l.address)} `;
  if (l.mapping) locStr += `M=${l.mapping.id} `;
  if (l.isFolded) locStr += '[F] ';
  if (l.line.length === 0) ss.push(locStr);
  for (const ln of l.line) {
    const fn = ln.function;
    let s = '??';
    if (fn) {
      s = `${fn.name} ${fn.filename}:${ln.line}:${ln.column} s=${fn.startLine}`;
      if (fn.name !== fn.systemName) s += '(' + fn.systemName + ')';
    }
    ss.push(locStr + s);
    locStr = '             ';
  }
  return ss.join('\n');
}

function sampleString(s: Sample): string {
  let sv = '';
  for (const v of s.value) sv += ' ' + String(v).padStart(10);
  sv += ': ';
  for (const l of s.location) sv += `${l.id} `;
  const ss = [sv];
  const header = '                ';
  if (s.label && Object.keys(s.label).length > 0) {
    const ls = Object.keys(s.label).map((k) => `${k}:[${s.label![k].join(' ')}]`);
    ss.push(header + goSort(ls).join(' '));
  }
  if (s.numLabel && Object.keys(s.numLabel).length > 0) {
    const ls = Object.keys(s.numLabel).map((k) => {
      const v = s.numLabel![k];
      const units = s.numUnit?.[k] ?? [];
      if (units.length === v.length) return `${k}:[${v.map((x, i) => `${x} ${units[i]}`).join(' ')}]`;
      return `${k}:[${v.join(' ')}]`;
    });
    ss.push(header + goSort(ls).join(' '));
  }
  return ss.join('\n');
}

/** Go's sort.Strings order (byte-wise on UTF-8; equal to UTF-16 order outside surrogates). */
function goSort(a: string[]): string[] {
  return a.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

function exactTime(p: Profile): bigint {
  if (p.timeNanosExact !== undefined && Number(p.timeNanosExact) === p.timeNanos) return p.timeNanosExact;
  return BigInt(Math.round(p.timeNanos));
}

function goTime(nanos: bigint): string {
  let sec = nanos / 1000000000n;
  let ns = nanos % 1000000000n;
  if (ns < 0n) {
    ns += 1000000000n;
    sec -= 1n;
  }
  const d = new Date(Number(sec) * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const frac = ns === 0n ? '' : String(ns).padStart(9, '0').replace(/0+$/, '');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    (frac ? '.' + frac : '') +
    ' +0000 UTC'
  );
}

/** Go's time.Duration.String(). */
export function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    let unit: string;
    let div: number;
    if (u < 1e3) return (neg ? '-' : '') + u + 'ns';
    else if (u < 1e6) [unit, div] = ['µs', 1e3];
    else [unit, div] = ['ms', 1e6];
    out = fracString(u, div) + unit;
  } else {
    const h = Math.floor(u / 3.6e12);
    u -= h * 3.6e12;
    const m = Math.floor(u / 6e10);
    u -= m * 6e10;
    out = fracString(u, 1e9) + 's';
    if (h > 0 || m > 0) out = m + 'm' + out;
    if (h > 0) out = h + 'h' + out;
  }
  return (neg ? '-' : '') + out;
}

function fracString(v: number, div: number): string {
  const whole = Math.floor(v / div);
  const rest = v - whole * div;
  if (rest === 0) return String(whole);
  const digits = Math.round(Math.log10(div));
  return whole + '.' + String(rest).padStart(digits, '0').replace(/0+$/, '');
}
