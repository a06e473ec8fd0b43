// -raw: Profile.String() of Go 1.19's pprof (no line columns, no DocURL), after filtering.
// Time is printed in UTC ("+0000 UTC"); pprof prints the host's local zone.
import type { Location, Mapping, Profile, Sample } from '../profile/profile';
import { goDuration } from '../profile/profileString';
import { compareStrings } from '../graph/graph';

export function profileString(p: Profile): string {
  const ss: string[] = [];
  for (const c of p.comments) ss.push('Comment: ' + c);
  if (p.periodType) ss.push(`PeriodType: ${p.periodType.type} ${p.periodType.unit}`);
  ss.push(`Period: ${p.period}`);
  if (p.timeNanos !== 0) ss.push(`Time: ${goTimeUTC(p.timeNanos, (p as { timeNanosExact?: bigint }).timeNanosExact)}`);
  if (p.durationNanos !== 0) ss.push(`Duration: ${Array.from(goDuration(p.durationNanos)).slice(0, 4).join('')}`);
  ss.push('Samples:');
  let sh = '';
  for (const st of p.sampleType) sh += `${st.type}/${st.unit}${st.type === p.defaultSampleType ? '[dflt]' : ''} `;
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
      s = `${fn.name} ${fn.filename}:${ln.line} s=${fn.startLine}`;
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
    ss.push(header + ls.sort(compareStrings).join(' '));
  }
  if (s.numLabel && Object.keys(s.numLabel).length > 0) {
    const ls = Object.keys(s.numLabel).map((k) => {
      const v = s.numLabel![k];
      const units = s.numUnit?.[k] ?? [];
      if (units.length === v.length) return `${k}:[${v.map((x, i) => `${x} ${units[i]}`).join(' ')}]`;
      return `${k}:[${v.join(' ')}]`;
    });
    ss.push(header + ls.sort(compareStrings).join(' '));
  }
  return ss.join('\n');
}

/** time.Unix(0, ns).String() in UTC: "2006-01-02 15:04:05.999999999 +0000 UTC". */
function goTimeUTC(nanos: number, exact?: bigint): string {
  const ms = Math.floor(nanos / 1e6);
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const full = exact !== undefined && Number(exact) === nanos ? exact : BigInt(Math.round(nanos));
  const ns = full % 1000000000n;
  const nsPos = ns < 0n ? ns + 1000000000n : ns;
  const frac = nsPos === 0n ? '' : '.' + String(nsPos).padStart(9, '0').replace(/0+$/, '');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac} +0000 UTC`
  );
}
