// -traces (report.printTraces): every sample's stack, with its labels and value.
import { GraphSource } from '../graph/graph';
import { label as measurementLabel } from '../measurement/measurement';
import { padLeft } from '../measurement/goFloatFormat';
import { compareStrings } from '../graph/graph';
import type { Report } from './report';
import { OutputBuffer } from './outputBuffer';
import type { LabelSet } from '../profile/profile';

function pushLabels(out: OutputBuffer, sample: LabelSet, numLabelUnits: Map<string, string>): void {
  if (sample.label) {
    const labels: string[] = [];
    for (const k of Object.keys(sample.label)) labels.push(`${padLeft(k, 10)}:  ${sample.label[k].join(' ')}\n`);
    labels.sort(compareStrings);
    out.push(labels.join(''));
  }
  if (sample.numLabel) {
    const numLabels: string[] = [];
    for (const key of Object.keys(sample.numLabel)) {
      const unit = numLabelUnits.get(key) ?? '';
      const vals = sample.numLabel[key].map((v) => measurementLabel(v, unit));
      numLabels.push(`${padLeft(key, 10)}:  ${vals.join(' ')}\n`);
    }
    numLabels.sort(compareStrings);
    out.push(numLabels.join(''));
  }
}

const separator = '-----------+-------------------------------------------------------';

export function printTraces(rpt: Report): string {
  const out = new OutputBuffer();
  out.push(rpt.profileLabels().join('\n') + '\n');
  const o = rpt.options;
  // graph.CreateNodes with default options: no binary names, no trimming.
  const src = new GraphSource(rpt.state, {
    sampleIndex: o.sampleIndex,
    meanDivIndex: -1,
    objNames: false,
    dropNegative: false,
    ...rpt.aggregation,
  });
  // Per node: "   name\n" and "   name (inline)\n", built once.
  const plain: (string | undefined)[] = new Array(src.size);
  const inlined: (string | undefined)[] = new Array(src.size);
  const blank = ' '.repeat(10);
  const rows = rpt.state.rows;
  // The rows' location table -> the source's location index (-1: not in it).
  const trans = new Int32Array(rows.locations.length);
  for (let i = 0; i < trans.length; i++) trans[i] = src.locIndex(rows.locations[i]);
  for (let s = 0; s < rows.count; s++) {
    let first = true;
    let any = false;
    for (let j = rows.start[s]; j < rows.end[s]; j++) {
      const li = trans[rows.stack[j]];
      if (li < 0) continue;
      const start = src.locStart[li];
      const end = src.locStart[li + 1];
      for (let i = start; i < end; i++) {
        const id = src.locIds[i];
        if (!any) {
          any = true;
          out.push(separator + '\n');
          pushLabels(out, rows.labels(s), o.numLabelUnits);
        }
        if (first) {
          first = false;
          let v = rows.value(s, o.sampleIndex);
          const d = o.meanDivIndex >= 0 ? rows.value(s, o.meanDivIndex) : 0;
          if (d !== 0) v = Math.trunc(v / d);
          out.push(padLeft(rpt.formatValue(v), 10));
        } else out.push(blank);
        const inl = i !== end - 1;
        let line = inl ? inlined[id] : plain[id];
        if (line === undefined) {
          line = '   ' + src.names[id] + (inl ? ' (inline)\n' : '\n');
          if (inl) inlined[id] = line;
          else plain[id] = line;
        }
        out.push(line);
      }
    }
  }
  out.push(separator + '\n');
  return out.toString();
}
