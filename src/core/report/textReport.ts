// -top / -text (report.TextItems + printText).
import { flatValue, cumValue } from '../graph/graph';
import { percentage } from '../measurement/measurement';
import { padLeft } from '../measurement/goFloatFormat';
import type { Report } from './report';
import { OutputBuffer } from './outputBuffer';

export interface TextItem {
  name: string;
  inlineLabel: string;
  flat: number;
  cum: number;
  flatFormat: string;
  cumFormat: string;
  file: string;
  line: number;
}

export function textItems(rpt: Report): { items: TextItem[]; labels: string[] } {
  // Text needs only each node's inline marks: skip building edge objects.
  const { g, origCount, droppedNodes, src, edgeCutoff } = rpt.newTrimmedGraph(false);
  const inl = g.inlineFlags(src.size, edgeCutoff);
  rpt.selectOutputUnit(g);
  const labels = rpt.reportLabels(g, origCount, droppedNodes, 0, false);
  const items: TextItem[] = [];
  for (const n of g.nodes) {
    const flat = flatValue(n);
    const cum = cumValue(n);
    const f = inl[n.id];
    const inlineLabel = f & 1 ? (f & 2 ? '(partial-inline)' : '(inline)') : '';
    items.push({
      name: n.name,
      inlineLabel,
      flat,
      cum,
      flatFormat: rpt.formatValue(flat),
      cumFormat: rpt.formatValue(cum),
      file: src.sourceFile[n.id] ?? n.info.file,
      line: src.sourceFile[n.id] !== undefined ? src.sourceLine[n.id] : n.info.lineno,
    });
  }
  return { items, labels };
}

export function printText(rpt: Report): string {
  const { items, labels } = textItems(rpt);
  const out = new OutputBuffer();
  out.push(labels.join('\n') + '\n');
  out.push(`${padLeft('flat', 10)} ${padLeft('flat', 5)}% ${padLeft('sum', 5)}% ${padLeft('cum', 10)} ${padLeft('cum', 5)}%\n`);
  let flatSum = 0;
  for (const item of items) {
    const inl = item.inlineLabel !== '' ? ' ' + item.inlineLabel : '';
    flatSum += item.flat;
    out.push(
      `${padLeft(item.flatFormat, 10)} ${percentage(item.flat, rpt.total)} ${percentage(flatSum, rpt.total)} ${padLeft(item.cumFormat, 10)} ${percentage(item.cum, rpt.total)}  ${item.name}${inl}\n`,
    );
  }
  return out.toString();
}
