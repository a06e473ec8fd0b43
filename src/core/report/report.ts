// A report in the making (pprof report.Report): the filtered profile, the report options
// resolved from the driver config, the total and the value formatter; plus the trimmed-graph
// construction and the legend lines every report shares.
import type { Profile } from '../profile/profile';
import type { SampleColumns } from '../profile/sampleColumns';
import type { ProfileState } from './profileState';
import { Aggregation, aggregation as makeAggregation } from './aggregate';
import { Graph, GraphSource, Node, flatValue, cumValue } from '../graph/graph';
import { scale, scaledLabel, label as measurementLabel, percentage } from '../measurement/measurement';
import { baseName } from '../graph/goPath';
import type { GoRegexp } from '../profile/goRegexp';
import { trimPath } from './trimPath';

export type OutputFormat = 'text' | 'traces' | 'tree' | 'list' | 'dot' | 'proto' | 'raw' | 'callgrind' | 'topproto' | 'tags' | 'comments';

/** report.Options. */
export interface ResolvedOptions {
  outputFormat: OutputFormat;
  cumSort: boolean;
  callTree: boolean;
  dropNegative: boolean;
  compactLabels: boolean;
  ratio: number;
  title: string;
  profileLabels: string[];
  activeFilters: string[];
  numLabelUnits: Map<string, string>;
  nodeCount: number;
  nodeFraction: number;
  edgeFraction: number;
  sampleIndex: number;
  /** -1 when not -mean. */
  meanDivIndex: number;
  sampleType: string;
  sampleUnit: string;
  outputUnit: string;
  symbol?: GoRegexp;
  sourcePath: string;
  trimPath: string;
  /** Formats Time: (pprof prints local time; the host decides the zone). */
  formatTime?: (timeNanos: number) => string;
}

export class Report {
  readonly total: number;

  /**
   * state: the samples after the filters that ran before report.New (with
   * -relative_percentages, all of them); the total is computed from it, as pprof does.
   */
  constructor(
    readonly state: ProfileState,
    readonly options: ResolvedOptions,
    public aggregation: Aggregation = makeAggregation('addresses', false),
  ) {
    this.total = computeTotal(state.rows, options.sampleIndex, options.meanDivIndex);
  }

  get prof(): Profile {
    return this.state.base;
  }

  private formatCache = new Map<number, string>();
  private formatCacheUnit = '';

  formatValue(v: number): string {
    // Reports format the same few values many times (edge weights in -tree/-peek): memoized per
    // output unit.
    if (this.formatCacheUnit !== this.options.outputUnit) {
      this.formatCache.clear();
      this.formatCacheUnit = this.options.outputUnit;
    }
    let text = this.formatCache.get(v);
    if (text === undefined) {
      const r = this.options.ratio;
      const x = r > 0 && r !== 1 ? Math.trunc(v * r) : v;
      text = scaledLabel(x, this.options.sampleUnit, this.options.outputUnit);
      if (this.formatCache.size < 100000) this.formatCache.set(v, text);
    }
    return text;
  }

  /**
   * The node identities report.newGraph would see: granularity applied, file paths cleaned up
   * by -trim_path/-source_path, only the "bytes" numeric label kept for tags.
   */
  graphSource(tags: boolean, objNames: boolean): GraphSource {
    const o = this.options;
    return new GraphSource(this.state, {
      sampleIndex: o.sampleIndex,
      meanDivIndex: o.meanDivIndex,
      objNames,
      dropNegative: o.dropNegative,
      tags,
      formatTag: (v, key) => scaledLabel(v, key, o.outputUnit),
      bytesUnit: o.numLabelUnits.get('bytes') ?? '',
      ...this.aggregation,
      mapFilename: (f) => trimPath(f, o.trimPath, o.sourcePath),
    });
  }

  /** report.newTrimmedGraph. */
  newTrimmedGraph(edgeObjects = true): {
    g: Graph;
    origCount: number;
    droppedNodes: number;
    droppedEdges: number;
    src: GraphSource;
    edgeCutoff: number;
  } {
    const o = this.options;
    const visualMode = o.outputFormat === 'dot';
    const objNames = o.outputFormat === 'raw' || o.outputFormat === 'list' || o.outputFormat === 'callgrind';
    const src = this.graphSource(visualMode, objNames);
    if (o.callTree && (o.outputFormat === 'dot' || o.outputFormat === 'callgrind')) return { ...this.newTrimmedTree(src, visualMode), src, edgeCutoff: 0 };
    const size = src.size;
    // First pass: node weights only (pprof builds the full graph and discards it when nodes
    // are dropped; the edges it would build are never looked at before that).
    // (With no node fraction the cutoff is 0 whatever the total: no separate weights pass.)
    const g0 = o.nodeFraction === 0 && o.edgeFraction === 0 ? undefined : src.weights();
    if (!g0) {
      const g = src.build(undefined, true, edgeObjects);
      const origCount = g.nodes.length;
      g.sortNodes(o.cumSort, visualMode);
      if (o.nodeCount > 0) {
        // Unreachable through applyCommandOverrides (no trimming sets all three to 0), kept for API users.
        const top = g.selectTopNodes(o.nodeCount, visualMode);
        if (top.length !== g.nodes.length) {
          const keptTop = new Uint8Array(size);
          for (const n of top) keptTop[n.id] = 1;
          const g2 = src.build(keptTop, true, edgeObjects);
          g2.sortNodes(o.cumSort, visualMode);
          if (visualMode) g2.removeRedundantEdges();
          return { g: g2, origCount, droppedNodes: 0, droppedEdges: 0, src, edgeCutoff: 0 };
        }
      }
      if (visualMode) g.removeRedundantEdges();
      return { g, origCount, droppedNodes: 0, droppedEdges: 0, src, edgeCutoff: 0 };
    }
    let totalValue = 0;
    for (const id of g0.ids) totalValue += g0.flat[id];
    const nodeCutoff = Math.abs(Math.trunc(totalValue * o.nodeFraction));
    const edgeCutoff = Math.abs(Math.trunc(totalValue * o.edgeFraction));
    let droppedNodes = 0;
    let kept: Uint8Array | undefined;
    let keptCount = g0.ids.length;
    if (nodeCutoff > 0) {
      const k = new Uint8Array(size);
      let nk = 0;
      for (const id of g0.ids) {
        if (Math.abs(g0.cum[id]) >= nodeCutoff) {
          k[id] = 1;
          nk++;
        }
      }
      if (nk !== g0.ids.length) {
        droppedNodes = g0.ids.length - nk;
        kept = k;
        keptCount = nk;
      }
    }
    // When the node count limit will force another rebuild and the order does not depend on
    // edges (non-visual modes), this graph's edges are never used either.
    const willRebuild = !visualMode && o.nodeCount > 0 && keptCount > o.nodeCount;
    // In visual mode with a node limit, tags matter only for the nodes that can be selected
    // (the first nodeCount in order), so they are attached after sorting; and the edges are
    // only needed as numbers for the entropy order until the final graph is built.
    const lateTags = visualMode && o.nodeCount > 0;
    const objects = edgeObjects && !lateTags;
    let g = src.build(kept, !willRebuild, objects, lateTags ? 'none' : undefined);
    const origCount = g.nodes.length;
    g.sortNodes(o.cumSort, visualMode);
    if (lateTags) {
      const first = new Uint8Array(size);
      for (const n of g.nodes.slice(0, o.nodeCount)) first[n.id] = 1;
      const tagged = src.build(kept, false, false, first);
      const byId = new Map(tagged.nodes.map((n) => [n.id, n]));
      for (const n of g.nodes) {
        const t = byId.get(n.id);
        n.labelTags = t?.labelTags ?? new Map();
        n.numericTags = t?.numericTags ?? new Map();
      }
    }
    if (o.nodeCount > 0) {
      g.trimLowFrequencyTags(nodeCutoff);
      // (pprof trims edges here too; that only matters when the graph is not rebuilt below.)
      const top = g.selectTopNodes(o.nodeCount, visualMode);
      if (top.length !== g.nodes.length) {
        const keptTop = new Uint8Array(size);
        for (const n of top) keptTop[n.id] = 1;
        g = src.build(keptTop, true, edgeObjects);
        g.sortNodes(o.cumSort, visualMode);
      } else if (willRebuild || objects !== edgeObjects) {
        // The edges were skipped: build them after all (same nodes, same order).
        const order = new Map(g.nodes.map((n, i) => [n.id, i]));
        g = src.build(kept, true, edgeObjects);
        g.nodes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
        g.trimLowFrequencyTags(nodeCutoff);
        g.trimLowFrequencyEdges(edgeCutoff);
      } else {
        g.trimLowFrequencyEdges(edgeCutoff);
      }
    }
    g.trimLowFrequencyTags(nodeCutoff);
    const droppedEdges = g.trimLowFrequencyEdges(edgeCutoff);
    if (visualMode) g.removeRedundantEdges();
    return { g, origCount, droppedNodes, droppedEdges, src, edgeCutoff };
  }

  /** newTrimmedGraph with -call_tree (DOT / callgrind). */
  private newTrimmedTree(src: GraphSource, visualMode: boolean): { g: Graph; origCount: number; droppedNodes: number; droppedEdges: number } {
    const o = this.options;
    const g = src.buildTree();
    const totalValue = g.sum().flat;
    const nodeCutoff = Math.abs(Math.trunc(totalValue * o.nodeFraction));
    const edgeCutoff = Math.abs(Math.trunc(totalValue * o.edgeFraction));
    let droppedNodes = 0;
    if (nodeCutoff > 0) {
      const kept = new Set(g.nodes.filter((n) => Math.abs(n.cum) >= nodeCutoff));
      if (kept.size !== g.nodes.length) {
        droppedNodes = g.nodes.length - kept.size;
        g.trimTree(kept);
      }
    }
    const origCount = g.nodes.length;
    g.sortNodes(o.cumSort, visualMode);
    if (o.nodeCount > 0) {
      g.trimLowFrequencyTags(nodeCutoff);
      g.trimLowFrequencyEdges(edgeCutoff);
      const kept = new Set(g.selectTopNodes(o.nodeCount, visualMode));
      if (kept.size !== g.nodes.length) {
        g.trimTree(kept);
        g.sortNodes(o.cumSort, visualMode);
      }
    }
    g.trimLowFrequencyTags(nodeCutoff);
    const droppedEdges = g.trimLowFrequencyEdges(edgeCutoff);
    if (visualMode) g.removeRedundantEdges();
    return { g, origCount, droppedNodes, droppedEdges };
  }

  /** report.selectOutputUnit. */
  selectOutputUnit(g: Graph): void {
    const o = this.options;
    if (o.outputUnit !== 'minimum' || g.nodes.length === 0) return;
    let minValue = 0;
    for (const n of g.nodes) {
      let nodeMin = Math.abs(flatValue(n));
      if (nodeMin === 0) nodeMin = Math.abs(cumValue(n));
      if (nodeMin > 0 && (minValue === 0 || nodeMin < minValue)) minValue = nodeMin;
    }
    let maxValue = this.total;
    if (minValue === 0) minValue = maxValue;
    const r = o.ratio;
    if (r > 0 && r !== 1) {
      minValue = Math.trunc(minValue * r);
      maxValue = Math.trunc(maxValue * r);
    }
    const minUnit = scale(minValue, o.sampleUnit, 'minimum')[1];
    const maxUnit = scale(maxValue, o.sampleUnit, 'minimum')[1];
    let unit = minUnit;
    if (minUnit !== maxUnit && minValue * 100 < maxValue && o.outputFormat !== 'callgrind') {
      unit = scale(100 * minValue, o.sampleUnit, 'minimum')[1];
    }
    o.outputUnit = unit !== '' ? unit : o.sampleUnit;
  }

  /** report.ProfileLabels. */
  profileLabels(): string[] {
    const lbl: string[] = [];
    const prof = this.prof;
    const o = this.options;
    if (prof.mapping.length > 0) {
      if (prof.mapping[0].file !== '') lbl.push('File: ' + baseName(prof.mapping[0].file));
      if (prof.mapping[0].buildId !== '') lbl.push('Build ID: ' + prof.mapping[0].buildId);
    }
    for (const c of prof.comments) if (!c.startsWith('#')) lbl.push(c);
    if (o.sampleType !== '') lbl.push('Type: ' + o.sampleType);
    if (prof.docUrl !== '') lbl.push('Doc: ' + prof.docUrl);
    if (prof.timeNanos !== 0) lbl.push('Time: ' + (o.formatTime ?? defaultFormatTime)(prof.timeNanos));
    if (prof.durationNanos !== 0) {
      const duration = measurementLabel(prof.durationNanos, 'nanoseconds');
      const [totalNanos, totalUnit] = scale(this.total, o.sampleUnit, 'nanoseconds');
      let ratio = '';
      if (totalUnit === 'ns' && totalNanos !== 0) ratio = '(' + percentage(Math.trunc(totalNanos), prof.durationNanos) + ')';
      lbl.push(`Duration: ${duration}, Total samples = ${this.formatValue(this.total)} ${ratio}`);
    }
    return lbl;
  }

  /** report.reportLabels. */
  reportLabels(g: Graph, origCount: number, droppedNodes: number, droppedEdges: number, fullHeaders: boolean): string[] {
    const o = this.options;
    const nodeCount = g.nodes.length;
    let lbl: string[] = [];
    if (o.profileLabels.length > 0) lbl.push(...o.profileLabels);
    else if (fullHeaders || !o.compactLabels) lbl = this.profileLabels();
    let flatSum = 0;
    for (const n of g.nodes) flatSum += flatValue(n);
    if (o.activeFilters.length > 0) lbl.push(...legendActiveFilters(o.activeFilters));
    lbl.push(
      `Showing nodes accounting for ${this.formatValue(flatSum)}, ${percentage(flatSum, this.total).trim()} of ${this.formatValue(this.total)} total`,
    );
    if (this.total !== 0) {
      if (droppedNodes > 0) {
        lbl.push(genLabel(droppedNodes, 'node', 'cum', this.formatValue(Math.abs(Math.trunc(this.total * o.nodeFraction)))));
      }
      if (droppedEdges > 0) {
        lbl.push(genLabel(droppedEdges, 'edge', 'freq', this.formatValue(Math.abs(Math.trunc(this.total * o.edgeFraction)))));
      }
      if (nodeCount > 0 && nodeCount < origCount) lbl.push(`Showing top ${nodeCount} nodes out of ${origCount}`);
    }
    if (fullHeaders) lbl.push('\nSee https://git.io/JfYMW for how to read the graph');
    return lbl;
  }
}

export function legendActiveFilters(activeFilters: string[]): string[] {
  const out = ['Active filters:'];
  for (let s of activeFilters) {
    // Go slices bytes: s[:80].
    const bytes = new TextEncoder().encode(s);
    if (bytes.length > 80) s = new TextDecoder().decode(bytes.slice(0, 80)) + '…';
    out.push('   ' + s);
  }
  return out;
}

function genLabel(d: number, n: string, l: string, f: string): string {
  if (d > 1) n = n + 's';
  return `Dropped ${d} ${n} (${l} <= ${f})`;
}

/** report.computeTotal: sum of |value| (divided for -mean); only the diff base when present. */
export function computeTotal(rows: SampleColumns, si: number, di: number): number {
  let div = 0;
  let total = 0;
  let diffDiv = 0;
  let diffTotal = 0;
  // Per label set: does it carry the diff base marker (pprof::base=true)? 0 unknown, 1 no, 2 yes.
  const isBase = new Uint8Array(rows.labelSets.length);
  for (let i = 0; i < rows.count; i++) {
    let v = rows.value(i, si);
    const d = di >= 0 ? rows.value(i, di) : 0;
    if (v < 0) v = -v;
    total += v;
    div += d;
    const ls = rows.labelSet[i];
    if (isBase[ls] === 0) isBase[ls] = rows.labelSets[ls].label?.['pprof::base']?.includes('true') ? 2 : 1;
    if (isBase[ls] === 2) {
      diffTotal += v;
      diffDiv += d;
    }
  }
  if (diffTotal > 0) {
    total = diffTotal;
    div = diffDiv;
  }
  if (div !== 0) return Math.trunc(total / div);
  return total;
}

/** Go layout "2006-01-02 15:04:05 MST" in UTC (hosts pass a local-time formatter). */
export function defaultFormatTime(timeNanos: number): string {
  const d = new Date(Math.floor(timeNanos / 1e6));
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC`;
}

export type { Node };
