// Encoder for the Profile model: gzip-compressed profile.proto, as pprof's Profile.Write
// (encode.go preEncode + encode: the same string table order, packed repeated fields when > 2).
import { gzip } from 'pako';
import { Profile } from './profile';
import { ProtoWriter } from './protoWriter';

const utf8 = new TextEncoder();

export function encodeProfile(p: Profile): Uint8Array {
  return gzip(encodeProfileUncompressed(p));
}

export function encodeProfileUncompressed(p: Profile): Uint8Array {
  const table: string[] = [];
  const index = new Map<string, number>();
  const add = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = table.length;
      index.set(s, i);
      table.push(s);
    }
    return i;
  };
  add('');
  const w = new ProtoWriter();

  for (const st of p.sampleType) {
    const start = w.begin(1);
    w.intOpt(1, add(st.type));
    w.intOpt(2, add(st.unit));
    w.end(start);
  }
  const locIds: number[] = [];
  for (const s of p.sample) {
    const start = w.begin(2);
    locIds.length = s.location.length;
    for (let i = 0; i < s.location.length; i++) locIds[i] = s.location[i].id;
    w.ints(1, locIds);
    w.ints(2, s.value);
    if (s.label) {
      for (const k of Object.keys(s.label).sort(goLess)) {
        for (const v of s.label[k]) {
          const ls = w.begin(3);
          w.intOpt(1, add(k));
          w.intOpt(2, add(v));
          w.end(ls);
        }
      }
    }
    if (s.numLabel) {
      for (const k of Object.keys(s.numLabel).sort(goLess)) {
        const keyX = add(k);
        const units = s.numUnit?.[k] ?? [];
        const vs = s.numLabel[k];
        for (let i = 0; i < vs.length; i++) {
          const ls = w.begin(3);
          w.intOpt(1, keyX);
          w.intOpt(3, vs[i]);
          w.intOpt(4, units.length !== 0 ? add(units[i] ?? '') : 0);
          w.end(ls);
        }
      }
    }
    w.end(start);
  }
  for (const m of p.mapping) {
    const start = w.begin(3);
    w.intOpt(1, m.id);
    w.bigOpt(2, m.start);
    w.bigOpt(3, m.limit);
    w.bigOpt(4, m.offset);
    w.intOpt(5, add(m.file));
    w.intOpt(6, add(m.buildId));
    w.boolOpt(7, m.hasFunctions);
    w.boolOpt(8, m.hasFilenames);
    w.boolOpt(9, m.hasLineNumbers);
    w.boolOpt(10, m.hasInlineFrames);
    w.end(start);
  }
  for (const l of p.location) {
    const start = w.begin(4);
    w.intOpt(1, l.id);
    w.intOpt(2, l.mapping ? l.mapping.id : 0);
    w.bigOpt(3, l.address);
    for (const ln of l.line) {
      const ls = w.begin(4);
      w.intOpt(1, ln.function ? ln.function.id : 0);
      w.intOpt(2, ln.line);
      w.intOpt(3, ln.column);
      w.end(ls);
    }
    w.boolOpt(5, l.isFolded);
    w.end(start);
  }
  for (const f of p.function) {
    const start = w.begin(5);
    w.intOpt(1, f.id);
    w.intOpt(2, add(f.name));
    w.intOpt(3, add(f.systemName));
    w.intOpt(4, add(f.filename));
    w.intOpt(5, f.startLine);
    w.end(start);
  }
  const dropX = add(p.dropFrames);
  const keepX = add(p.keepFrames);
  const pt = p.periodType;
  const ptTypeX = pt ? add(pt.type) : 0;
  const ptUnitX = pt ? add(pt.unit) : 0;
  const commentX = p.comments.map(add);
  const defaultX = add(p.defaultSampleType);
  const docX = p.docUrl ? add(p.docUrl) : 0;

  for (const s of table) w.bytes(6, utf8.encode(s));
  w.intOpt(7, dropX);
  w.intOpt(8, keepX);
  if (p.timeNanosExact !== undefined && Number(p.timeNanosExact) === p.timeNanos) w.bigOpt(9, p.timeNanosExact);
  else w.intOpt(9, p.timeNanos);
  w.intOpt(10, p.durationNanos);
  if (pt && (ptTypeX !== 0 || ptUnitX !== 0)) {
    const start = w.begin(11);
    w.intOpt(1, ptTypeX);
    w.intOpt(2, ptUnitX);
    w.end(start);
  }
  w.intOpt(12, p.period);
  w.ints(13, commentX);
  w.int(14, defaultX);
  w.intOpt(15, docX);
  return w.finish();
}

function goLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
