// -dot (report.printDOT + graph.ComposeDot): the call graph in Graphviz syntax, with pprof's
// labels, font sizes, colours, nodelets (tags) and edge attributes.
import { Graph, Node, Edge, Tag, TagMap, sortEdges, flatValue, cumValue, edgeWeightValue, goDiv, maxNodelets, compareStrings } from '../graph/graph';
import { nameComponents } from '../graph/nodeInfo';
import { baseName } from '../graph/goPath';
import { percentage, scale, label as measurementLabel } from '../measurement/measurement';
import { shortenFunctionName } from '../graph/shortenName';
import type { Report } from './report';
import { OutputBuffer } from './outputBuffer';

export function printDot(rpt: Report): string {
  const { g, origCount, droppedNodes, droppedEdges } = rpt.newTrimmedGraph();
  rpt.selectOutputUnit(g);
  const labels = rpt.reportLabels(g, origCount, droppedNodes, droppedEdges, true);
  return composeDot(g, {
    title: rpt.options.title,
    labels,
    formatValue: (v) => rpt.formatValue(v),
    total: rpt.total,
  });
}

export interface DotConfig {
  title: string;
  legendURL?: string;
  labels: string[];
  formatValue: (v: number) => string;
  total: number;
}

export function composeDot(g: Graph, c: DotConfig): string {
  const out = new OutputBuffer();
  const graphname = c.title !== '' ? c.title : 'unnamed';
  out.push(`digraph "${graphname}" {\n`);
  out.push(`node [style=filled fillcolor="#f8f8f8"]\n`);
  if (c.labels.length > 0) {
    let s = `subgraph cluster_L { "${escapeForDot(c.labels[0])}" [shape=box fontsize=16`;
    s += ` label="${c.labels.map(escapeForDot).join('\\l')}\\l"`;
    if (c.legendURL) s += ` URL="${c.legendURL}" target="_blank"`;
    if (c.title !== '') s += ` tooltip="${c.title}"`;
    s += '] }\n';
    out.push(s);
  }
  if (g.nodes.length > 0) {
    const nodeID = new Map<Node, number>();
    let maxFlat = Math.abs(flatValue(g.nodes[0]));
    g.nodes.forEach((n, i) => {
      nodeID.set(n, i + 1);
      const f = Math.abs(flatValue(n));
      if (f > maxFlat) maxFlat = f;
    });
    const hasNodelets = new Map<Node, boolean>();
    const edges: Edge[] = [];
    for (const n of g.nodes) {
      out.push(dotNode(n, nodeID.get(n)!, maxFlat, c));
      const nl = nodelets(n, nodeID.get(n)!, c);
      out.push(nl);
      hasNodelets.set(n, nl !== '');
      for (const e of n.out) edges.push(e);
    }
    for (const e of sortEdges(edges)) {
      out.push(dotEdge(e, nodeID.get(e.src) ?? 0, nodeID.get(e.dest) ?? 0, hasNodelets.get(e.src) ?? false, c));
    }
  }
  out.push('}\n');
  return out.toString();
}

function dotNode(node: Node, id: number, maxFlat: number, c: DotConfig): string {
  const flat = flatValue(node);
  const cum = cumValue(node);
  let label = multilinePrintableName(node);
  const flatText = c.formatValue(flat);
  if (flat !== 0) label += `${flatText} (${percentage(flat, c.total).trim()})`;
  else label += '0';
  let cumText = flatText;
  if (cum !== flat) {
    label += flat !== 0 ? '\\n' : ' ';
    cumText = c.formatValue(cum);
    label += `of ${cumText} (${percentage(cum, c.total).trim()})`;
  }
  let fontSize = 8;
  if (maxFlat !== 0 && flat !== 0 && Math.abs(flat) <= maxFlat) {
    fontSize += Math.ceil(16.0 * Math.sqrt(Math.abs(flat) / maxFlat));
  }
  const score = cum / Math.abs(c.total);
  return (
    `N${id} [label="${label}" id="node${id}" fontsize=${fontSize} shape=box tooltip="${escapeForDot(node.name)} (${cumText})" ` +
    `color="${dotColor(score, false)}" fillcolor="${dotColor(score, true)}"]\n`
  );
}

/** graph.SortTags. */
function sortTags(ts: Tag[], flat: boolean): Tag[] {
  return ts.sort((a, b) => {
    if (!flat && a.cum !== b.cum) {
      const x = Math.abs(a.cum);
      const y = Math.abs(b.cum);
      return x > y ? -1 : x < y ? 1 : 0;
    }
    if (a.flat !== b.flat) {
      const x = Math.abs(a.flat);
      const y = Math.abs(b.flat);
      return x > y ? -1 : x < y ? 1 : 0;
    }
    return compareStrings(a.name, b.name);
  });
}

function tagFlat(t: Tag): number {
  return t.flatDiv === 0 ? t.flat : goDiv(t.flat, t.flatDiv);
}
function tagCum(t: Tag): number {
  return t.cumDiv === 0 ? t.cum : goDiv(t.cum, t.cumDiv);
}

function nodelets(node: Node, id: number, c: DotConfig): string {
  let s = '';
  let ts: Tag[] = Array.from((node.labelTags ?? new Map<string, Tag>()).values());
  const lnts = new Map<string, Tag[]>();
  for (const [l, tm] of node.numericTags ?? new Map<string, TagMap>()) {
    const list = Array.from(tm.values());
    if (list.length > 0) lnts.set(l, list);
  }
  const flatTags = node.out.length > 0;
  sortTags(ts, flatTags);
  if (ts.length > maxNodelets) ts = ts.slice(0, maxNodelets);
  ts.forEach((t, i) => {
    const w = flatTags ? tagFlat(t) : tagCum(t);
    if (w === 0) return;
    const weight = c.formatValue(w);
    s += `N${id}_${i} [label = "${t.name}" id="N${id}_${i}" fontsize=8 shape=box3d tooltip="${weight}"]\n`;
    s += `N${id} -> N${id}_${i} [label=" ${weight}" weight=100 tooltip="${weight}" labeltooltip="${weight}"]\n`;
    const nts = lnts.get(t.name);
    if (nts) s += numericNodelets(nts, maxNodelets, flatTags, `N${id}_${i}`, c);
  });
  const nts = lnts.get('');
  if (nts) s += numericNodelets(nts, maxNodelets, flatTags, `N${id}`, c);
  return s;
}

function numericNodelets(nts: Tag[], max: number, flatTags: boolean, source: string, c: DotConfig): string {
  let s = '';
  collapsedTags(nts, max, flatTags).forEach((t, j) => {
    let w = tagCum(t);
    let attr = ' style="dotted"';
    if (flatTags || tagFlat(t) === tagCum(t)) {
      w = tagFlat(t);
      attr = '';
    }
    if (w !== 0) {
      const weight = c.formatValue(w);
      s += `N${source}_${j} [label = "${t.name}" id="N${source}_${j}" fontsize=8 shape=box3d tooltip="${weight}"]\n`;
      s += `${source} -> N${source}_${j} [label=" ${weight}" weight=100 tooltip="${weight}" labeltooltip="${weight}"${attr}]\n`;
    }
  });
  return s;
}

function collapsedTags(ts: Tag[], count: number, flatTags: boolean): Tag[] {
  ts = sortTags(ts, flatTags);
  if (ts.length <= count) return ts;
  const groups: Tag[][] = ts.slice(0, count).map((t) => [t]);
  for (const t of ts.slice(count)) {
    let g = 0;
    let d = tagDistance(t, groups[0][0]);
    for (let i = 1; i < count; i++) {
      const nd = tagDistance(t, groups[i][0]);
      if (nd < d) {
        g = i;
        d = nd;
      }
    }
    groups[g].push(t);
  }
  const nts: Tag[] = groups.map((g) => {
    const r = tagGroupLabel(g);
    return { name: r.label, unit: '', value: 0, flat: r.flat, flatDiv: 0, cum: r.cum, cumDiv: 0 };
  });
  return sortTags(nts, flatTags);
}

function tagDistance(t: Tag, u: Tag): number {
  const [v] = scale(u.value, u.unit, t.unit);
  return v < t.value ? t.value - v : v - t.value;
}

function tagGroupLabel(g: Tag[]): { label: string; flat: number; cum: number } {
  if (g.length === 1) {
    const t = g[0];
    return { label: measurementLabel(t.value, t.unit), flat: tagFlat(t), cum: tagCum(t) };
  }
  let min = g[0];
  let max = g[0];
  let df = min.flatDiv;
  let f = min.flat;
  let dc = min.cumDiv;
  let cc = min.cum;
  for (const t of g.slice(1)) {
    if (Math.trunc(scale(t.value, t.unit, min.unit)[0]) < min.value) min = t;
    if (Math.trunc(scale(t.value, t.unit, max.unit)[0]) > max.value) max = t;
    f += t.flat;
    df += t.flatDiv;
    cc += t.cum;
    dc += t.cumDiv;
  }
  if (df !== 0) f = goDiv(f, df);
  if (dc !== 0) cc = goDiv(cc, dc);
  return { label: measurementLabel(min.value, min.unit) + '..' + measurementLabel(max.value, max.unit), flat: f, cum: cc };
}

function dotEdge(e: Edge, from: number, to: number, hasNodelets: boolean, c: DotConfig): string {
  const inline = e.inline ? '\\n (inline)' : '';
  const wv = edgeWeightValue(e);
  const w = c.formatValue(wv);
  let attr = `label=" ${w}${inline}"`;
  if (c.total !== 0) {
    const weight = 1 + Math.min(Math.abs(goDiv(wv * 100, c.total)), 100);
    if (weight > 1) attr += ` weight=${weight}`;
    const width = 1 + Math.min(Math.abs(goDiv(wv * 5, c.total)), 5);
    if (width > 1) attr += ` penwidth=${width}`;
    attr += ` color="${dotColor(wv / Math.abs(c.total), false)}"`;
  }
  const arrow = e.residual ? '...' : '->';
  const tooltip = `"${escapeForDot(e.src.name)} ${arrow} ${escapeForDot(e.dest.name)} (${w})"`;
  attr += ` tooltip=${tooltip} labeltooltip=${tooltip}`;
  if (e.residual) attr += ' style="dotted"';
  if (hasNodelets) attr += ' minlen=2';
  return `N${from} -> N${to} [${attr}]\n`;
}

/** graph.dotColor. */
export function dotColor(score: number, isBackground: boolean): string {
  const shift = 0.7;
  let saturation = isBackground ? 0.1 : 1.0;
  const value = isBackground ? 0.93 : 0.7;
  score = Math.max(-1.0, Math.min(1.0, score));
  if (Math.abs(score) < 0.2) saturation *= Math.abs(score) / 0.2;
  if (score > 0.0) score = Math.pow(score, 1.0 - shift);
  if (score < 0.0) score = -Math.pow(-score, 1.0 - shift);
  let r: number;
  let g: number;
  if (score < 0.0) {
    g = value;
    r = value * (1 + saturation * score);
  } else {
    r = value;
    g = value * (1 - saturation * score);
  }
  const b = value * (1 - saturation);
  const hex = (x: number) => (Math.trunc(x * 255.0) & 0xff).toString(16).padStart(2, '0');
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}

function multilinePrintableName(n: Node): string {
  let name = escapeForDot(shortenFunctionName(n.info.name));
  name = name.split('::').join('\\n');
  name = name.split('[...]').join('[…]');
  name = name.split('.').join('\\n');
  const info = { ...n.info, name, file: n.info.file !== '' ? baseName(n.info.file) : '' };
  return nameComponents(info).join('\\n') + '\\n';
}

export function escapeForDot(s: string): string {
  return s.split('\\').join('\\\\').split('"').join('\\"').split('\n').join('\\l');
}
