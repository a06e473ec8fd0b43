// The graph of a report (pprof graph.Graph): its nodes in order, and the trimming steps of
// report.newTrimmedGraph (low-frequency nodes/edges/tags, top nodes, call-tree trimming,
// redundant residual edges).
import type { Edge, Node, TagMap } from './node';
import { maxNodelets } from './node';
import type { EdgeTable } from './edgeTable';
import { sortNodes, sortEdges, entropyScoresFromTable } from './nodeOrder';

export class Graph {
  /** The edges as a table, when the graph was built without edge objects. */
  edgeTable?: EdgeTable;

  constructor(public nodes: Node[]) {}

  /**
   * Per node id: bit 1 = has an inline in-edge, bit 2 = has a non-inline in-edge, counting the
   * edges that trimLowFrequencyEdges(cutoff) would keep (the -top "(inline)" marks), without
   * building edge objects.
   */
  inlineFlags(size: number, cutoff: number): Uint8Array {
    const flags = new Uint8Array(size);
    const t = this.edgeTable;
    if (t) {
      for (let e = 0; e < t.count; e++) {
        if (Math.abs(t.w[e]) < cutoff) continue;
        flags[t.dst[e]] |= t.inl[e] === 1 ? 1 : 2;
      }
    } else {
      for (const n of this.nodes) for (const e of n.in) if (Math.abs(e.weight) >= cutoff) flags[n.id] |= e.inline ? 1 : 2;
    }
    return flags;
  }

  /** Sum of raw flat and cum over nodes (graph.Nodes.Sum). */
  sum(): { flat: number; cum: number } {
    let flat = 0;
    let cum = 0;
    for (const n of this.nodes) {
      flat += n.flat;
      cum += n.cum;
    }
    return { flat, cum };
  }

  /** Node ids whose |cum| >= cutoff (DiscardLowFrequencyNodes), as a kept set. */
  discardLowFrequencyNodes(cutoff: number, size: number): Uint8Array {
    const kept = new Uint8Array(size);
    for (const n of this.nodes) if (Math.abs(n.cum) >= cutoff) kept[n.id] = 1;
    return kept;
  }

  countKept(kept: Uint8Array): number {
    let c = 0;
    for (const n of this.nodes) if (kept[n.id]) c++;
    return c;
  }

  sortNodes(cum: boolean, visualMode: boolean): void {
    if (visualMode && this.edgeTable) sortNodes(this.nodes, 'entropy', entropyScoresFromTable(this.nodes, this.edgeTable));
    else sortNodes(this.nodes, visualMode ? 'entropy' : cum ? 'cumName' : 'flatName');
  }

  trimLowFrequencyTags(cutoff: number): void {
    for (const n of this.nodes) {
      if (n.labelTags) n.labelTags = trimLowFreqTags(n.labelTags, cutoff);
      if (n.numericTags) for (const [s, nt] of n.numericTags) n.numericTags.set(s, trimLowFreqTags(nt, cutoff));
    }
  }

  trimLowFrequencyEdges(cutoff: number): number {
    let dropped = 0;
    const dead = new Set<Edge>();
    const srcs = new Set<Node>();
    for (const n of this.nodes) {
      let k = 0;
      for (const e of n.in) {
        if (Math.abs(e.weight) < cutoff) {
          dead.add(e);
          srcs.add(e.src);
          dropped++;
        } else n.in[k++] = e;
      }
      n.in.length = k;
    }
    for (const src of srcs) src.out = src.out.filter((e) => !dead.has(e));
    return dropped;
  }

  /** selectTopNodes: the first maxNodes nodes (in visual mode counting nodelets). */
  selectTopNodes(maxNodes: number, visualMode: boolean): Node[] {
    if (maxNodes > 0 && visualMode) {
      let count = 0;
      for (let i = 0; i < this.nodes.length; i++) {
        let tags = countTags(this.nodes[i]);
        if (tags > maxNodelets) tags = maxNodelets;
        count += tags + 1;
        if (count >= maxNodes) {
          maxNodes = i + 1;
          break;
        }
      }
    }
    if (maxNodes > this.nodes.length) maxNodes = this.nodes.length;
    return this.nodes.slice(0, maxNodes);
  }

  /** graph.TrimTree: drop the nodes not kept from a call tree, linking children to parents. */
  trimTree(kept: Set<Node>): void {
    const old = this.nodes;
    this.nodes = [];
    for (const cur of old) {
      if (kept.has(cur)) {
        this.nodes.push(cur);
        continue;
      }
      if (cur.in.length === 0) {
        for (const oe of cur.out) removeEdge(oe.dest.in, oe);
        continue;
      }
      const parent = cur.in[0].src;
      const pe = cur.in[0];
      const parentEdgeInline = pe.inline;
      removeEdge(parent.out, pe);
      for (const oe of cur.out) {
        // The child keeps the same edge object, now coming from the parent.
        oe.src = parent;
        oe.residual = true;
        oe.inline = parentEdgeInline && oe.inline;
        parent.out.push(oe);
      }
    }
    this.removeRedundantEdges();
  }

  removeRedundantEdges(): void {
    for (let i = this.nodes.length; i > 0; i--) {
      const n = this.nodes[i - 1];
      const ins = sortEdges(n.in);
      for (let j = ins.length; j > 0; j--) {
        const e = ins[j - 1];
        if (!e.residual) break;
        if (isRedundantEdge(e)) {
          removeEdge(e.src.out, e);
          removeEdge(e.dest.in, e);
        }
      }
    }
  }
}

function removeEdge(list: Edge[], e: Edge): void {
  const i = list.indexOf(e);
  if (i >= 0) list.splice(i, 1);
}

function countTags(n: Node): number {
  let count = 0;
  if (n.labelTags) for (const t of n.labelTags.values()) if (t.flat !== 0) count++;
  if (n.numericTags) for (const m of n.numericTags.values()) for (const t of m.values()) if (t.flat !== 0) count++;
  return count;
}

function trimLowFreqTags(tags: TagMap, min: number): TagMap {
  const kept: TagMap = new Map();
  for (const [s, t] of tags) if (Math.abs(t.flat) >= min || Math.abs(t.cum) >= min) kept.set(s, t);
  return kept;
}

function isRedundantEdge(e: Edge): boolean {
  const src = e.src;
  const seen = new Set<Node>([e.dest]);
  const queue: Node[] = [e.dest];
  for (let q = 0; q < queue.length; q++) {
    const n = queue[q];
    for (const ie of n.in) {
      if (e === ie || seen.has(ie.src)) continue;
      if (ie.src === src) return true;
      seen.add(ie.src);
      queue.push(ie.src);
    }
  }
  return false;
}
