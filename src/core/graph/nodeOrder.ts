// Node and edge orders (pprof graph.Nodes.Sort, EdgeMap.Sort), with pprof's tie-breakers.
import type { Edge, Node } from './node';
import { compareStrings } from './node';
import type { EdgeTable } from './edgeTable';
import type { NodeInfo } from './nodeInfo';
import { goSprintNodeInfo, nodeInfoKey } from './nodeInfo';

export type NodeOrder = 'flatName' | 'flatCumName' | 'cumName' | 'name' | 'file' | 'address' | 'entropy';

/**
 * Sets each node's rank to the order of its name among these nodes' names (Go byte order), so
 * the sorts compare integers. Every node a sort can meet (graph nodes and edge endpoints) is
 * among the nodes materialized by one build.
 */
export function assignRanks(nodes: Node[]): void {
  const set = new Set<string>();
  let high = false;
  for (const n of nodes) {
    if (!set.has(n.name)) {
      set.add(n.name);
      if (!high && /[\ud800-\uffff]/.test(n.name)) high = true;
    }
  }
  // Native sort: UTF-16 order equals Go's byte order unless surrogates meet U+E000..U+FFFF.
  const uniq = Array.from(set);
  if (high) uniq.sort(compareStrings);
  else uniq.sort();
  const rankOf = new Map<string, number>();
  for (let i = 0; i < uniq.length; i++) rankOf.set(uniq[i], i);
  for (const n of nodes) n.rank = rankOf.get(n.name)!;
}

/** EdgeMap.Sort: by |weight| desc, then source name, then destination name. */
export function sortEdges(m: Edge[]): Edge[] {
  const el = m.slice();
  el.sort((a, b) => {
    if (a.weight !== b.weight) {
      const x = Math.abs(a.weight);
      const y = Math.abs(b.weight);
      return x > y ? -1 : x < y ? 1 : 0;
    }
    if (a.src.rank !== b.src.rank) return a.src.rank - b.src.rank;
    return a.dest.rank - b.dest.rank;
  });
  return el;
}

const sprintCache = new WeakMap<NodeInfo, string>();
function sprintOf(i: NodeInfo): string {
  let s = sprintCache.get(i);
  if (s === undefined) {
    s = goSprintNodeInfo(i);
    sprintCache.set(i, s);
  }
  return s;
}

/**
 * Go 1.27's NodeInfo.comparePrintableName after equal printable names (equal ranks): nodes whose
 * infos differ (e.g. the same name with another start line or object file) are neither less nor
 * greater, so the sort stops there (Go leaves them in input order or not, as its sort goes); only
 * nodes with equal infos (call tree nodes of one function) go on to the next criteria.
 */
function sameInfo(l: Node, r: Node): boolean {
  return l.info === r.info || nodeInfoKey(l.info) === nodeInfoKey(r.info);
}

function compareNodes(l: Node, r: Node): number {
  return compareStrings(sprintOf(l.info), sprintOf(r.info));
}

/** graph.Nodes.Sort. */
export function sortNodes(ns: Node[], order: NodeOrder, scores?: Map<Node, number | bigint>): void {
  let cmp: (l: Node, r: Node) => number;
  switch (order) {
    case 'flatName':
      cmp = (l, r) => {
        const iv = Math.abs(l.flat);
        const jv = Math.abs(r.flat);
        if (iv !== jv) return iv > jv ? -1 : 1;
        if (l.rank !== r.rank) return l.rank - r.rank;
        if (!sameInfo(l, r)) return 0;
        const ic = Math.abs(l.cum);
        const jc = Math.abs(r.cum);
        if (ic !== jc) return ic > jc ? -1 : 1;
        return compareNodes(l, r);
      };
      break;
    case 'flatCumName':
      cmp = (l, r) => {
        const iv = Math.abs(l.flat);
        const jv = Math.abs(r.flat);
        if (iv !== jv) return iv > jv ? -1 : 1;
        const ic = Math.abs(l.cum);
        const jc = Math.abs(r.cum);
        if (ic !== jc) return ic > jc ? -1 : 1;
        if (l.rank !== r.rank) return l.rank - r.rank;
        if (!sameInfo(l, r)) return 0;
        return compareNodes(l, r);
      };
      break;
    case 'name':
      cmp = (l, r) => compareStrings(l.info.name, r.info.name) || compareNodes(l, r);
      break;
    case 'file':
      cmp = (l, r) =>
        compareStrings(l.info.file, r.info.file) ||
        (l.info.startLine !== r.info.startLine ? (l.info.startLine < r.info.startLine ? -1 : 1) : compareNodes(l, r));
      break;
    case 'address':
      cmp = (l, r) => (l.info.address !== r.info.address ? (l.info.address < r.info.address ? -1 : 1) : compareNodes(l, r));
      break;
    case 'cumName':
    case 'entropy': {
      // Sort keys are |score| (number, or bigint for Go's int64 wrap-around cases).
      let score = scores;
      if (!score) {
        score = new Map<Node, number | bigint>();
        for (const n of ns) score.set(n, order === 'cumName' ? Math.abs(n.cum) : entropyScore(n));
      }
      const sc = score;
      cmp = (l, r) => {
        const iv = sc.get(l)!;
        const jv = sc.get(r)!;
        if (iv != jv) return iv > jv ? -1 : 1; // loose on purpose: a number and a bigint compare by value
        if (l.rank !== r.rank) return l.rank - r.rank;
        if (!sameInfo(l, r)) return 0;
        const fl = Math.abs(l.flat);
        const fr = Math.abs(r.flat);
        if (fl !== fr) return fl > fr ? -1 : 1;
        return compareNodes(l, r);
      };
      break;
    }
  }
  ns.sort(cmp);
}

/**
 * int64(score*cum) + flat as Go computes it on amd64, returned as the |value| pprof sorts by.
 * A NaN score (an edge whose weights cancelled to 0 gives 0*log2(0)) converts to math.MinInt64;
 * adding flat then wraps around, so such nodes sort first (flat != 0) or last (flat == 0).
 */
function entropySortKey(score: number, cum: number, flat: number): number | bigint {
  const v = score * cum;
  if (Number.isNaN(v) || !Number.isFinite(v) || Math.abs(v) >= 2 ** 63) {
    return flat === 0 ? -(2n ** 63n) : 2n ** 63n - BigInt(Math.abs(flat));
  }
  return Math.abs(Math.trunc(v) + flat);
}

/** entropyScore for every node, reading the edges from an edge table. */
export function entropyScoresFromTable(ns: Node[], t: EdgeTable): Map<Node, number | bigint> {
  let size = 0;
  for (const n of ns) if (n.id >= size) size = n.id + 1;
  for (let e = 0; e < t.count; e++) size = Math.max(size, t.src[e] + 1, t.dst[e] + 1);
  const flat = new Float64Array(size);
  for (const n of ns) flat[n.id] = n.flat;
  // Per node: edge counts and the totals edgeEntropyScore divides by.
  const inCount = new Int32Array(size);
  const outCount = new Int32Array(size);
  const inTotal = new Float64Array(size);
  const outTotal = new Float64Array(size);
  for (let e = 0; e < t.count; e++) {
    const src = t.src[e];
    const dst = t.dst[e];
    const w = t.w[e];
    inCount[dst]++;
    outCount[src]++;
    if (w > 0) {
      inTotal[dst] += w;
      outTotal[src] += w;
    }
  }
  const inScore = new Float64Array(size);
  const outScore = new Float64Array(size);
  for (let e = 0; e < t.count; e++) {
    const src = t.src[e];
    const dst = t.dst[e];
    const aw = Math.abs(t.w[e]);
    const ti = inTotal[dst];
    if (ti !== 0) {
      const frac = aw / ti;
      inScore[dst] += -frac * Math.log2(frac);
    }
    const to = outTotal[src] + flat[src];
    if (to !== 0) {
      const frac = aw / to;
      outScore[src] += -frac * Math.log2(frac);
    }
  }
  const scores = new Map<Node, number | bigint>();
  for (const n of ns) {
    let score = 0;
    if (inCount[n.id] === 0) score++;
    else score += inScore[n.id];
    if (outCount[n.id] === 0) score++;
    else {
      let s2 = outScore[n.id];
      const total = outTotal[n.id] + n.flat;
      if (total !== 0 && n.flat > 0) {
        const frac = Math.abs(n.flat) / total;
        s2 += -frac * Math.log2(frac);
      }
      score += s2;
    }
    scores.set(n, entropySortKey(score, n.cum, n.flat));
  }
  return scores;
}

function entropyScore(n: Node): number | bigint {
  let score = 0;
  if (n.in.length === 0) score++;
  else score += edgeEntropyScore(n.in, 0);
  if (n.out.length === 0) score++;
  else score += edgeEntropyScore(n.out, n.flat);
  return entropySortKey(score, n.cum, n.flat);
}

function edgeEntropyScore(edges: Edge[], self: number): number {
  let score = 0;
  let total = self;
  for (const e of edges) if (e.weight > 0) total += Math.abs(e.weight);
  if (total !== 0) {
    for (const e of edges) {
      const frac = Math.abs(e.weight) / total;
      score += -frac * Math.log2(frac);
    }
    if (self > 0) {
      const frac = Math.abs(self) / total;
      score += -frac * Math.log2(frac);
    }
  }
  return score;
}
