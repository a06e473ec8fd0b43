// Sample labels as node tags (pprof graph.Node.LabelTags / NumericTags), for DOT nodelets.
import type { LabelSet } from '../profile/profile';
import { Tag, TagMap, compareStrings } from './node';

/** graph.joinLabels: sorted "key:value" pairs joined by a literal backslash-n. */
export function joinLabels(s: LabelSet): string {
  if (!s.label) return '';
  const labels: string[] = [];
  for (const key of Object.keys(s.label)) {
    // report.newGraph removes the diff-base marker label before building the graph.
    if (key === 'pprof::base') continue;
    for (const v of s.label[key]) labels.push(key + ':' + v);
  }
  if (labels.length === 0) return '';
  labels.sort(compareStrings);
  return labels.join('\\n');
}

export class TagCollector {
  labelTags: (TagMap | undefined)[];
  numericTags: (Map<string, TagMap> | undefined)[];
  constructor(
    n: number,
    private readonly format: ((v: number, unit: string) => string) | undefined,
    private readonly bytesUnit: string,
    private readonly only?: Uint8Array,
  ) {
    this.labelTags = new Array(n);
    this.numericTags = new Array(n);
  }
  add(id: number, dw: number, w: number, labels: string, s: LabelSet, flat: boolean): void {
    if (this.only !== undefined && this.only[id] === 0) return;
    if (labels !== '') {
      let m = this.labelTags[id];
      if (!m) m = this.labelTags[id] = new Map();
      const t = findOrAddTag(m, labels, '', 0);
      addTo(t, dw, w, flat);
    }
    let nm = this.numericTags[id];
    if (!nm) nm = this.numericTags[id] = new Map();
    let numericTags = nm.get(labels);
    if (!numericTags) {
      numericTags = new Map();
      nm.set(labels, numericTags);
    }
    // report.newGraph keeps only the "bytes" numeric label, with the unit of its key.
    const vals = s.numLabel?.['bytes'];
    if (!vals) return;
    const unit = this.bytesUnit;
    let names = this.formatted.get(s);
    if (!names) {
      const format = this.format ?? ((v: number) => String(v));
      names = vals.map((v) => format(v, unit));
      this.formatted.set(s, names);
    }
    for (let i = 0; i < vals.length; i++) addTo(findOrAddTag(numericTags, names[i], unit, vals[i]), dw, w, flat);
  }
  private readonly formatted = new Map<LabelSet, string[]>();
}

function findOrAddTag(m: TagMap, label: string, unit: string, value: number): Tag {
  let t = m.get(label);
  if (!t) {
    t = { name: label, unit, value, flat: 0, flatDiv: 0, cum: 0, cumDiv: 0 };
    m.set(label, t);
  }
  return t;
}

function addTo(t: Tag, dw: number, w: number, flat: boolean): void {
  if (flat) {
    t.flatDiv += dw;
    t.flat += w;
  } else {
    t.cumDiv += dw;
    t.cum += w;
  }
}
