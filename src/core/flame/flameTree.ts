// The flame tree: one node per distinct call path (root first), built in one pass over the samples
// of the report pipeline (same sample type, filters, granularity and -trim_path as `go tool pprof`),
// stored as struct-of-arrays in depth-first pre-order so views lay it out without objects.
//
// Exactness: a node's cum is the sum of the values of the samples whose stack passes through its
// path, its flat the sum of those ending there; node identities (names) are the graph's, so the
// flat of a function summed over its nodes is pprof's flat, and the cum summed over its outermost
// nodes (no ancestor of the same name: recursion counted once per sample) is pprof's cum.
// The total is the report's (sum of |values|, or of the diff base), as pprof's percentages use.
import type { Profile } from '../profile/profile';
import { prepareReport } from '../report/generateReport';
import type { ReportOptions } from '../report/reportOptions';
import { defaultReportOptions } from '../report/reportOptions';
import { scale } from '../measurement/measurement';

export interface FlameTree {
  /** Number of nodes; node 0 is the root ("root": every sample). */
  size: number;
  /** Parent of each node (-1 for the root); parents come before their children. */
  parent: Int32Array;
  depth: Int32Array;
  /** Index into names/files/lines of the node's frame. */
  frame: Int32Array;
  flat: Float64Array;
  cum: Float64Array;
  /** Sum of |value| through the node: the layout width (equals cum unless values are negative). */
  width: Float64Array;
  /** Offset of the node's left edge from the root's, in width units (children follow their parent). */
  x: Float64Array;
  /** 1 when the frame is an inlined call (a non-outermost line of its location). */
  inline: Uint8Array;
  /** Printable node names (pprof's, for the granularity), their source file and line. */
  names: string[];
  files: string[];
  lines: Int32Array;
  /** The report total (percentages are of it) and its sample type. */
  total: number;
  sampleType: string;
  unit: string;
  /** Scale of values for display (-divide_by): shown = trunc(value * ratio). */
  ratio: number;
  /** The unit values print in, chosen as `-top` chooses it ("minimum" over the functions' values). */
  outputUnit: string;
  maxDepth: number;
  /** True when some sample value is negative (a comparison with a base profile). */
  diff: boolean;
  /** Frame index of merged small frames (buildFlameTree's maxNodes), -1 when nothing was merged. */
  mergedFrame: number;
  /** Nodes of the whole tree, before small frames were merged (equals size when none were). */
  fullSize: number;
}

/** Name of the frames standing for merged small subtrees. */
export const MERGED_FRAME_NAME = '(small frames merged)';

/**
 * The flame tree of `profile` for the report options (sample index, filters, granularity). With
 * view.callersOf, the inverted tree of that function: its node's cum is the function's cum, each
 * child a caller with the share of it that came through that caller.
 */
export interface FlameView {
  /** Build the callers tree of the function with this name: rooted at it, children its callers. */
  callersOf?: string;
  /**
   * Bottom-up (callers) tree of every function: the root's children are the leaf functions, each
   * with its flat as cum, their children the callers through which that time was spent.
   */
  inverted?: boolean;
}

/**
 * Builds the tree of `profile`'s call paths. With maxNodes, a tree of at most about that many nodes:
 * the widest call paths are kept (children are never wider than their parent, so the kept set is
 * closed under ancestors) and, per parent, the narrower ones are merged into one leaf "(small frames
 * merged)" carrying their summed values, so every kept node keeps its exact flat/cum/width and the
 * parents' totals stay whole.
 *
 * How: each sample's call path (in the view's direction) goes into one Int32Array, the samples are
 * sorted by path, and so every tree node is a contiguous range of sorted samples. Nodes are expanded
 * widest first (a max-heap) until the budget is spent; no object or hash entry per node, and the
 * cost of a big profile is its kept nodes, not its millions of distinct call paths.
 */
export function buildFlameTree(profile: Profile, options: Partial<ReportOptions> = {}, view: FlameView = {}, maxNodes = Infinity): FlameTree {
  const rpt = prepareReport(profile, { ...defaultReportOptions(), ...options, format: 'text' });
  const src = rpt.graphSource(false, false);
  const rows = src.source.rows;
  const si = rpt.options.sampleIndex;
  const nf = src.size;
  const locStart = src.locStart;
  const locIds = src.locIds;

  // Callers view: only samples through the function, drawn from it towards the roots.
  let target: Uint8Array | undefined;
  if (view.callersOf !== undefined) {
    target = new Uint8Array(nf);
    for (let i = 0; i < nf; i++) if (src.names[i] === view.callersOf) target[i] = 1;
  }

  // 1. The samples' paths (view order, root's child first), their weights and where flat goes.
  const ns = rows.count;
  const weights = rows.valueColumn(si);
  // The rows' location table -> the graph source's location index (-1: not in it).
  const trans = new Int32Array(rows.locations.length);
  for (let i = 0; i < trans.length; i++) trans[i] = src.locIndex(rows.locations[i]);
  const rowStack = rows.stack;
  const rowStart = rows.start;
  const rowEnd = rows.end;
  // The paths' frames, sized once (growing by doubling held up to twice the frames of a big profile).
  let frames = 0;
  for (let s = 0; s < ns; s++) {
    if (weights[s] === 0) continue;
    for (let i = rowStart[s]; i < rowEnd[s]; i++) {
      const li = trans[rowStack[i]];
      if (li >= 0) frames += locStart[li + 1] - locStart[li];
    }
  }
  let P = new Int32Array(Math.max(16, frames));
  let I = new Uint8Array(P.length);
  let used = 0;
  const off = new Int32Array(ns);
  const plen = new Int32Array(ns);
  const W = new Float64Array(ns);
  const AW = new Float64Array(ns);
  /** Depth of the node whose flat the sample adds to (0: the root), -1 for none. */
  const flatDepth = new Int32Array(ns);
  // Per-frame totals over the whole tree (as frameTotals computes them), for the output unit.
  const frameFlat = new Float64Array(nf + 1);
  const frameCum = new Float64Array(nf + 1);
  const seen = new Int32Array(nf + 1).fill(-1);
  let rootCum = 0;
  let rootWidth = 0;
  let diff = false;
  let path = new Int32Array(256);
  let pathInline = new Uint8Array(256);
  let m = 0; // samples kept
  for (let s = 0; s < ns; s++) {
    const w = weights[s];
    if (w === 0) continue;
    // The stack root first, inlined frames before the function they are inlined into.
    let len = 0;
    const first = rowStart[s];
    for (let i = rowEnd[s] - 1; i >= first; i--) {
      const li = trans[rowStack[i]];
      if (li < 0) continue;
      const ls = locStart[li];
      const last = locStart[li + 1] - 1;
      if (len + last - ls + 1 > path.length) {
        const np = new Int32Array(path.length * 2 + last - ls + 1);
        np.set(path);
        path = np;
        const ni = new Uint8Array(np.length);
        ni.set(pathInline);
        pathInline = ni;
      }
      for (let k = last; k >= ls; k--) {
        path[len] = locIds[k];
        pathInline[len++] = k === last ? 0 : 1;
      }
    }
    let from = 0;
    let to = len;
    let step = 1;
    let fd: number;
    if (target) {
      // The outermost call of the function (recursion counted once), then its callers.
      let j = 0;
      while (j < len && target[path[j]] === 0) j++;
      if (j === len) continue;
      from = j;
      to = -1;
      step = -1;
      fd = from === len - 1 ? 1 : -1;
    } else if (view.inverted) {
      // Bottom-up: from the leaf (where the time is spent) towards the roots.
      if (len === 0) continue;
      from = len - 1;
      to = -1;
      step = -1;
      fd = 1;
    } else {
      fd = len;
    }
    const n = (to - from) * step;
    if (used + n > P.length) {
      const np = new Int32Array(Math.max(P.length * 2, used + n));
      np.set(P);
      P = np;
      const ni = new Uint8Array(np.length);
      ni.set(I);
      I = ni;
    }
    off[m] = used;
    plen[m] = n;
    for (let k = from; k !== to; k += step) {
      const f = path[k];
      P[used] = f;
      I[used++] = step > 0 ? pathInline[k] : 0;
      if (seen[f] !== m) {
        seen[f] = m;
        frameCum[f] += w;
      }
    }
    if (w < 0) diff = true;
    const aw = w < 0 ? -w : w;
    W[m] = w;
    AW[m] = aw;
    flatDepth[m] = fd;
    if (fd > 0) frameFlat[P[off[m] + fd - 1]] += w;
    rootCum += w;
    rootWidth += aw;
    m++;
  }

  // 2. Samples sorted by path (a path before its extensions): every node is a range of them.
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((a, b) => {
    const oa = off[a];
    const ob = off[b];
    const la = plen[a];
    const lb = plen[b];
    const l = la < lb ? la : lb;
    for (let k = 0; k < l; k++) {
      const d = P[oa + k] - P[ob + k];
      if (d !== 0) return d;
    }
    return la - lb;
  });
  // The sorted paths laid out one after another (so expanding a node reads memory in order), and
  // the nodes of the whole tree: the root plus, per sample, the steps it does not share with the
  // previous one.
  const sP = new Int32Array(used);
  const sI = new Uint8Array(used);
  const sOff = new Int32Array(m + 1);
  const sW = new Float64Array(m);
  const sAW = new Float64Array(m);
  const sFlat = new Int32Array(m);
  let fullSize = 1;
  for (let i = 0, o = 0; i < m; i++) {
    const b = order[i];
    const ob = off[b];
    const lb = plen[b];
    for (let k = 0; k < lb; k++) {
      sP[o + k] = P[ob + k];
      sI[o + k] = I[ob + k];
    }
    sOff[i] = o;
    sW[i] = W[b];
    sAW[i] = AW[b];
    sFlat[i] = flatDepth[b];
    let lcp = 0;
    if (i > 0) {
      const oa = sOff[i - 1];
      const l = Math.min(o - oa, lb);
      while (lcp < l && sP[oa + lcp] === sP[o + lcp]) lcp++;
    }
    fullSize += lb - lcp;
    o += lb;
    sOff[i + 1] = o;
  }
  const budget = fullSize <= maxNodes ? Infinity : Math.max(1, Math.floor(maxNodes / 2));

  // 3. Nodes: the root, then candidates (children of expanded nodes) expanded widest first.
  let cap = 1024;
  let nStart = new Int32Array(cap);
  let nEnd = new Int32Array(cap);
  let nParent = new Int32Array(cap);
  let nDepth = new Int32Array(cap);
  let nFrame = new Int32Array(cap);
  let nInline = new Uint8Array(cap);
  let nFlat = new Float64Array(cap);
  let nCum = new Float64Array(cap);
  let nWidth = new Float64Array(cap);
  let nKept = new Uint8Array(cap);
  let count = 0;
  const add = (start: number, end: number, parent: number, depth: number, frame: number, inline: number, cum: number, width: number): number => {
    if (count === cap) {
      cap *= 2;
      const g32 = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
      const g64 = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
      const g8 = (a: Uint8Array) => { const b = new Uint8Array(cap); b.set(a); return b; };
      nStart = g32(nStart); nEnd = g32(nEnd); nParent = g32(nParent); nDepth = g32(nDepth); nFrame = g32(nFrame);
      nInline = g8(nInline); nKept = g8(nKept);
      nFlat = g64(nFlat); nCum = g64(nCum); nWidth = g64(nWidth);
    }
    nStart[count] = start;
    nEnd[count] = end;
    nParent[count] = parent;
    nDepth[count] = depth;
    nFrame[count] = frame;
    nInline[count] = inline;
    nFlat[count] = 0;
    nCum[count] = cum;
    nWidth[count] = width;
    nKept[count] = 0;
    return count++;
  };
  add(0, m, -1, 0, nf, 0, rootCum, rootWidth);
  const heap = new NodeHeap(() => nWidth);
  heap.push(0);
  let kept = 0;
  while (heap.size > 0 && kept < budget) {
    const v = heap.pop();
    nKept[v] = 1;
    kept++;
    const d = nDepth[v];
    const end = nEnd[v];
    let i = nStart[v];
    let flat = 0;
    while (i < end) {
      const o = sOff[i];
      if (sOff[i + 1] - o <= d) {
        // The path ends here (its flat, or none in the inverted views).
        if (sFlat[i] === d) flat += sW[i];
        i++;
        continue;
      }
      // A run of samples with the same frame at this depth: one child.
      const f = sP[o + d];
      let cum = 0;
      let width = 0;
      let inline = 1;
      const runStart = i;
      for (; i < end; i++) {
        const q = sOff[i] + d;
        if (q >= sOff[i + 1] || sP[q] !== f) break;
        cum += sW[i];
        width += sAW[i];
        inline &= sI[q];
        if (sFlat[i] === d) flat += sW[i];
      }
      heap.push(add(runStart, i, v, d + 1, f, inline, cum, width));
    }
    nFlat[v] = flat;
  }

  // 4. The output: kept nodes, plus one merged leaf per parent for its candidates left over.
  const names = src.names.slice();
  names.push('root');
  const files: string[] = new Array(nf + 1);
  const lines = new Int32Array(nf + 1);
  for (let i = 0; i < nf; i++) {
    files[i] = src.sourceFile[i] ?? '';
    lines[i] = src.sourceLine[i] ?? 0;
  }
  files[nf] = '';
  let mergedFrame = -1;
  const mergedOf = new Int32Array(count).fill(-1);
  const total = count;
  for (let c = 0; c < total; c++) {
    if (nKept[c]) continue;
    if (mergedFrame < 0) {
      mergedFrame = names.length;
      names.push(MERGED_FRAME_NAME);
      files.push('');
    }
    const p = nParent[c];
    let mg = mergedOf[p];
    if (mg < 0) {
      mg = add(0, 0, p, nDepth[c], mergedFrame, 0, 0, 0);
      nKept[mg] = 1;
      mergedOf[p] = mg;
    }
    nFlat[mg] += nCum[c];
    nCum[mg] += nCum[c];
    nWidth[mg] += nWidth[c];
  }
  const outLines = mergedFrame < 0 ? lines : Int32Array.from([...lines, 0]);

  // Pre-order, children by width (descending), then name: the widest call paths leftmost; the
  // merged leaf last.
  const childCount = new Int32Array(count);
  let size = 0;
  for (let c = 0; c < count; c++) {
    if (!nKept[c]) continue;
    size++;
    if (c > 0) childCount[nParent[c]]++;
  }
  const kidStart = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) kidStart[i + 1] = kidStart[i] + childCount[i];
  const kids = new Int32Array(kidStart[count]);
  const fill = kidStart.slice(0, count);
  for (let c = 1; c < count; c++) if (nKept[c]) kids[fill[nParent[c]]++] = c;
  const byWidth = (p: number, q: number) => {
    if (nFrame[p] === mergedFrame || nFrame[q] === mergedFrame) return nFrame[p] === mergedFrame ? 1 : -1;
    const np = names[nFrame[p]];
    const nq = names[nFrame[q]];
    return nWidth[q] - nWidth[p] || (np < nq ? -1 : np > nq ? 1 : 0);
  };
  const t: FlameTree = {
    size,
    parent: new Int32Array(size),
    depth: new Int32Array(size),
    frame: new Int32Array(size),
    flat: new Float64Array(size),
    cum: new Float64Array(size),
    width: new Float64Array(size),
    x: new Float64Array(size),
    inline: new Uint8Array(size),
    names,
    files,
    lines: outLines,
    total: rpt.total,
    sampleType: rpt.options.sampleType,
    unit: rpt.options.sampleUnit,
    ratio: rpt.options.ratio,
    outputUnit: rpt.options.outputUnit,
    maxDepth: 0,
    diff,
    mergedFrame,
    fullSize,
  };
  const newIndex = new Int32Array(count);
  const nextX = new Float64Array(size);
  const stack = new Int32Array(size + 1);
  let sp = 0;
  let k = 0;
  stack[sp++] = 0;
  while (sp > 0) {
    const v = stack[--sp];
    const j = k++;
    newIndex[v] = j;
    const p = v === 0 ? -1 : newIndex[nParent[v]];
    t.parent[j] = p;
    t.frame[j] = nFrame[v];
    t.flat[j] = nFlat[v];
    t.cum[j] = nCum[v];
    t.width[j] = nWidth[v];
    t.inline[j] = nInline[v];
    if (p >= 0) {
      t.depth[j] = t.depth[p] + 1;
      if (t.depth[j] > t.maxDepth) t.maxDepth = t.depth[j];
      t.x[j] = t.x[p] + nextX[p];
      nextX[p] += nWidth[v];
    }
    const a = kidStart[v];
    const b = kidStart[v + 1];
    if (b - a > 1) kids.set(Array.from(kids.subarray(a, b)).sort(byWidth), a);
    // Push in reverse so the first (widest) child is visited first.
    for (let c = b - 1; c >= a; c--) stack[sp++] = kids[c];
  }
  if (t.outputUnit === 'minimum') t.outputUnit = minimumUnit(t, frameFlat, frameCum);
  return t;
}

/** report.selectOutputUnit over the per-function values (what `-top -nodefraction=0` prints). */
function minimumUnit(t: FlameTree, flat: Float64Array, cum: Float64Array): string {
  let minValue = 0;
  for (let f = 0; f < flat.length - 1; f++) {
    let v = Math.abs(flat[f]);
    if (v === 0) v = Math.abs(cum[f]);
    if (v > 0 && (minValue === 0 || v < minValue)) minValue = v;
  }
  let maxValue = t.total;
  if (minValue === 0) minValue = maxValue;
  if (t.ratio > 0 && t.ratio !== 1) {
    minValue = Math.trunc(minValue * t.ratio);
    maxValue = Math.trunc(maxValue * t.ratio);
  }
  const minUnit = scale(minValue, t.unit, 'minimum')[1];
  const maxUnit = scale(maxValue, t.unit, 'minimum')[1];
  let unit = minUnit;
  if (minUnit !== maxUnit && minValue * 100 < maxValue) unit = scale(100 * minValue, t.unit, 'minimum')[1];
  return unit !== '' ? unit : t.unit;
}

/**
 * Per-frame totals over the tree (as `-top` computes them per node): flat summed over every node
 * of the frame, cum over its outermost nodes only (recursion counted once).
 */
export function frameTotals(t: FlameTree): { flat: Float64Array; cum: Float64Array } {
  const nf = t.names.length;
  const flat = new Float64Array(nf);
  const cum = new Float64Array(nf);
  // Open frames on the current root path (pre-order walk with a depth stack).
  const open = new Int32Array(nf);
  const path = new Int32Array(t.maxDepth + 2);
  let depth = -1;
  for (let i = 0; i < t.size; i++) {
    const d = t.depth[i];
    while (depth >= d) open[path[depth--]]--;
    const f = t.frame[i];
    flat[f] += t.flat[i];
    if (open[f] === 0) cum[f] += t.cum[i];
    open[f]++;
    path[++depth] = f;
  }
  return { flat, cum };
}

/** A max-heap of node indices by a Float64Array key (ties: the lower index first). */
class NodeHeap {
  private items = new Int32Array(1024);
  size = 0;

  constructor(private readonly key: () => Float64Array) {}

  private above(a: number, b: number): boolean {
    const k = this.key();
    return k[a] > k[b] || (k[a] === k[b] && a < b);
  }

  push(v: number): void {
    if (this.size === this.items.length) {
      const g = new Int32Array(this.items.length * 2);
      g.set(this.items);
      this.items = g;
    }
    const h = this.items;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(v, h[p])) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = v;
  }

  pop(): number {
    const h = this.items;
    const top = h[0];
    const last = h[--this.size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.above(h[c + 1], h[c])) c++;
      if (!this.above(h[c], last)) break;
      h[i] = h[c];
      i = c;
    }
    if (this.size > 0) h[i] = last;
    return top;
  }
}
