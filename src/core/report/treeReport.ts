// -tree and -peek (report.printTree): each node with its callers above and callees below.
import { flatValue, cumValue, sortEdges } from '../graph/graph';
import { percentage } from '../measurement/measurement';
import { padLeft } from '../measurement/goFloatFormat';
import { ProfileError } from '../profile/profileError';
import type { Report } from './report';
import { OutputBuffer } from './outputBuffer';

const separator = '----------------------------------------------------------+-------------';
const legend = '      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t ';

export function printTree(rpt: Report): string {
  const { g, origCount, droppedNodes } = rpt.newTrimmedGraph();
  rpt.selectOutputUnit(g);
  const out = new OutputBuffer();
  out.push(rpt.reportLabels(g, origCount, droppedNodes, 0, false).join('\n') + '\n');
  out.push(separator + '\n');
  out.push(legend + '\n');
  let flatSum = 0;
  const rx = rpt.options.symbol;
  let matched = 0;
  for (const n of g.nodes) {
    const name = n.name;
    const flat = flatValue(n);
    const cum = cumValue(n);
    if (rx && !rx.match(name)) continue;
    matched++;
    out.push(separator + '\n');
    for (const e of sortEdges(n.in)) {
      out.push(
        `${padLeft(rpt.formatValue(e.weight), 50)} ${percentage(e.weight, cum)} |   ${e.src.name}${e.inline ? ' (inline)' : ''}\n`,
      );
    }
    flatSum += flat;
    out.push(
      `${padLeft(rpt.formatValue(flat), 10)} ${percentage(flat, rpt.total)} ${percentage(flatSum, rpt.total)} ${padLeft(rpt.formatValue(cum), 10)} ${percentage(cum, rpt.total)}                | ${name}\n`,
    );
    for (const e of sortEdges(n.out)) {
      out.push(
        `${padLeft(rpt.formatValue(e.weight), 50)} ${percentage(e.weight, cum)} |   ${e.dest.name}${e.inline ? ' (inline)' : ''}\n`,
      );
    }
  }
  if (g.nodes.length > 0) out.push(separator + '\n');
  if (rx && matched === 0) {
    throw new ProfileError(`no matches found for regexp: ${rx.source}`, undefined);
  }
  return out.toString();
}
