// -traces (report.printTraces): every sample's stack, with its labels and value.
import { GraphSource } from '../graph/graph';
import { label as measurementLabel } from '../measurement/measurement';
import { padLeft } from '../measurement/goFloatFormat';
import { compareStrings } from '../graph/graph';
import type { Report } from './report';
import { OutputBuffer } from './outputBuffer';
import type { Sample } from '../profile/profile';

function pushLabels(out: OutputBuffer, sample: Sample, numLabelUnits: Map<string, string>): void {
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
  for (const sample of rpt.state.samples) {
    let first = true;
    let any = false;
    const sl = sample.location;
    for (let j = 0; j < sl.length; j++) {
      const li = src.locIndex(sl[j]);
      if (li < 0) continue;
      const start = src.locStart[li];
      const end = src.locStart[li + 1];
      for (let i = start; i < end; i++) {
        const id = src.locIds[i];
        if (!any) {
          any = true;
          out.push(separator + '\n');
          pushLabels(out, sample, o.numLabelUnits);
        }
        if (first) {
          first = false;
          let v = sample.value[o.sampleIndex];
          const d = o.meanDivIndex >= 0 ? sample.value[o.meanDivIndex] : 0;
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
