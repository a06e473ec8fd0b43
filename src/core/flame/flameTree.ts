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
  /** Frame index of merged small frames (see limitNodes), -1 when nothing was merged. */
  mergedFrame: number;
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

export function buildFlameTree(profile: Profile, options: Partial<ReportOptions> = {}, view: FlameView = {}): FlameTree {
  const rpt = prepareReport(profile, { ...defaultReportOptions(), ...options, format: 'text' });
  const src = rpt.graphSource(false, false);
  const samples = src.source.samples;
  const si = rpt.options.sampleIndex;
  const nf = src.size;

  // Growable columns in creation order; reordered into pre-order at the end.
  let cap = 1024;
  let parent = new Int32Array(cap);
  let frame = new Int32Array(cap);
  let flat = new Float64Array(cap);
  let cum = new Float64Array(cap);
  let width = new Float64Array(cap);
  let inline = new Uint8Array(cap);
  let n = 1;
  parent[0] = -1;
  frame[0] = nf; // the root's own name, appended below
  const child = new ChildTable();
  let diff = false;

  const grow = () => {
    cap *= 2;
    const g32 = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    const g64 = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    parent = g32(parent);
    frame = g32(frame);
    flat = g64(flat);
    cum = g64(cum);
    width = g64(width);
    const u = new Uint8Array(cap);
    u.set(inline);
    inline = u;
  };

  const locStart = src.locStart;
  const locIds = src.locIds;
  // Callers view: only samples through the function, drawn from it towards the roots.
  let target: Uint8Array | undefined;
  if (view.callersOf !== undefined) {
    target = new Uint8Array(nf);
    for (let i = 0; i < nf; i++) if (src.names[i] === view.callersOf) target[i] = 1;
  }
  let path = new Int32Array(256);
  let pathInline = new Uint8Array(256);
  for (let s = 0; s < samples.length; s++) {
    const sample = samples[s];
    const w = sample.value[si];
    if (w === 0) continue;
    // The stack root first, inlined frames before the function they are inlined into.
    let len = 0;
    const sl = sample.location;
    for (let i = sl.length - 1; i >= 0; i--) {
      const li = src.locIndex(sl[i]);
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
    if (target) {
      // The outermost call of the function (recursion counted once), then its callers.
      let j = 0;
      while (j < len && target[path[j]] === 0) j++;
      if (j === len) continue;
      from = j;
      to = -1;
      step = -1;
    } else if (view.inverted) {
      // Bottom-up: from the leaf (where the time is spent) towards the roots.
      if (len === 0) continue;
      from = len - 1;
      to = -1;
      step = -1;
    }
    if (w < 0) diff = true;
    const aw = w < 0 ? -w : w;
    let node = 0;
    cum[0] += w;
    width[0] += aw;
    for (let k = from; k !== to; k += step) {
      const id = path[k];
      let c = child.get(node, id);
      if (c < 0) {
        if (n === cap) grow();
        c = n++;
        parent[c] = node;
        frame[c] = id;
        inline[c] = step > 0 ? pathInline[k] : 0;
        child.set(node, id, c);
      }
      cum[c] += w;
      width[c] += aw;
      node = c;
    }
    if (!target && !view.inverted) flat[node] += w;
    else if (from === len - 1) flat[child.get(0, path[from])] += w;
  }

  // Pre-order, children by width (descending), then name: the widest call paths leftmost.
  const names = src.names.slice();
  names.push('root');
  const files: string[] = new Array(nf + 1);
  const lines = new Int32Array(nf + 1);
  for (let i = 0; i < nf; i++) {
    files[i] = src.sourceFile[i] ?? '';
    lines[i] = src.sourceLine[i] ?? 0;
  }
  files[nf] = '';
  const firstChild = new Int32Array(n).fill(-1);
  const childCount = new Int32Array(n);
  for (let i = 1; i < n; i++) childCount[parent[i]]++;
  const kids = new Int32Array(Math.max(0, n - 1));
  const kidStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) kidStart[i + 1] = kidStart[i] + childCount[i];
  const fill = kidStart.slice(0, n);
  for (let i = 1; i < n; i++) kids[fill[parent[i]]++] = i;
  const order = new Int32Array(n);
  const newIndex = new Int32Array(n);
  const stack = new Int32Array(n + 1);
  let sp = 0;
  let k = 0;
  stack[sp++] = 0;
  while (sp > 0) {
    const v = stack[--sp];
    newIndex[v] = k;
    order[k++] = v;
    const a = kidStart[v];
    const b = kidStart[v + 1];
    if (b - a > 1) {
      const sorted = Array.from(kids.subarray(a, b)).sort(
        (p, q) => width[q] - width[p] || (names[frame[p]] < names[frame[q]] ? -1 : names[frame[p]] > names[frame[q]] ? 1 : 0),
      );
      kids.set(sorted, a);
    }
    // Push in reverse so the first (widest) child is visited first.
    for (let j = b - 1; j >= a; j--) stack[sp++] = kids[j];
    firstChild[v] = b > a ? kids[a] : -1;
  }

  const t: FlameTree = {
    size: n,
    parent: new Int32Array(n),
    depth: new Int32Array(n),
    frame: new Int32Array(n),
    flat: new Float64Array(n),
    cum: new Float64Array(n),
    width: new Float64Array(n),
    x: new Float64Array(n),
    inline: new Uint8Array(n),
    names,
    files,
    lines,
    total: rpt.total,
    sampleType: rpt.options.sampleType,
    unit: rpt.options.sampleUnit,
    ratio: rpt.options.ratio,
    outputUnit: rpt.options.outputUnit,
    maxDepth: 0,
    diff,
    mergedFrame: -1,
  };
  // Next free x offset inside each (new-index) parent.
  const nextX = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = order[i];
    const p = v === 0 ? -1 : newIndex[parent[v]];
    t.parent[i] = p;
    t.frame[i] = frame[v];
    t.flat[i] = flat[v];
    t.cum[i] = cum[v];
    t.width[i] = width[v];
    t.inline[i] = inline[v];
    if (p >= 0) {
      t.depth[i] = t.depth[p] + 1;
      if (t.depth[i] > t.maxDepth) t.maxDepth = t.depth[i];
      t.x[i] = t.x[p] + nextX[p];
      nextX[p] += width[v];
    }
  }
  if (t.outputUnit === 'minimum') t.outputUnit = minimumUnit(t);
  return t;
}

/** report.selectOutputUnit over the per-function values (what `-top -nodefraction=0` prints). */
function minimumUnit(t: FlameTree): string {
  const { flat, cum } = frameTotals(t);
  let minValue = 0;
  for (let f = 0; f < t.names.length - 1; f++) {
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

/**
 * A tree of at most about maxNodes nodes: the narrowest subtrees are replaced, per parent, by one
 * leaf "(small frames merged)" carrying their summed values, so every kept node keeps its exact
 * flat/cum/width and the parents' totals stay whole. Returns the tree itself when it is small enough.
 */
export function limitNodes(t: FlameTree, maxNodes: number): FlameTree {
  if (t.size <= maxNodes || maxNodes < 2) return t;
  // Width threshold keeping about maxNodes/2 nodes (children are never wider than their parent,
  // so the kept set is closed under ancestors); the merged leaves add at most as many again.
  const sorted = Float64Array.from(t.width).sort();
  const thr = sorted[Math.max(0, t.size - Math.floor(maxNodes / 2))];
  const cap = Math.min(t.size, maxNodes + 1);
  let parent = new Int32Array(cap);
  let depth = new Int32Array(cap);
  let frame = new Int32Array(cap);
  let flat = new Float64Array(cap);
  let cum = new Float64Array(cap);
  let width = new Float64Array(cap);
  let x = new Float64Array(cap);
  let inline = new Uint8Array(cap);
  const mergedFrame = t.names.length;
  const newIdx = new Int32Array(t.size).fill(-1);
  const mergedOf = new Int32Array(t.size).fill(-1);
  let k = 0;
  const emit = (): number => {
    if (k === parent.length) {
      const n2 = parent.length * 2;
      const g32 = (a: Int32Array) => { const b = new Int32Array(n2); b.set(a); return b; };
      const g64 = (a: Float64Array) => { const b = new Float64Array(n2); b.set(a); return b; };
      parent = g32(parent); depth = g32(depth); frame = g32(frame);
      flat = g64(flat); cum = g64(cum); width = g64(width); x = g64(x);
      const u = new Uint8Array(n2); u.set(inline); inline = u;
    }
    return k++;
  };
  let maxDepth = 0;
  for (let i = 0; i < t.size; i++) {
    const p = t.parent[i];
    const pk = p >= 0 ? newIdx[p] : -1;
    if (i === 0 || (pk >= 0 && t.width[i] >= thr)) {
      const j = emit();
      newIdx[i] = j;
      parent[j] = pk;
      depth[j] = t.depth[i];
      frame[j] = t.frame[i];
      flat[j] = t.flat[i];
      cum[j] = t.cum[i];
      width[j] = t.width[i];
      x[j] = t.x[i];
      inline[j] = t.inline[i];
      if (depth[j] > maxDepth) maxDepth = depth[j];
    } else if (pk >= 0) {
      // Siblings come widest first: the dropped ones follow the kept ones, contiguous in x.
      let m = mergedOf[p];
      if (m < 0) {
        m = emit();
        mergedOf[p] = m;
        parent[m] = pk;
        depth[m] = t.depth[i];
        frame[m] = mergedFrame;
        flat[m] = 0;
        cum[m] = 0;
        width[m] = 0;
        x[m] = t.x[i];
        inline[m] = 0;
      }
      flat[m] += t.cum[i];
      cum[m] += t.cum[i];
      width[m] += t.width[i];
    }
  }
  return {
    ...t,
    size: k,
    parent: parent.slice(0, k),
    depth: depth.slice(0, k),
    frame: frame.slice(0, k),
    flat: flat.slice(0, k),
    cum: cum.slice(0, k),
    width: width.slice(0, k),
    x: x.slice(0, k),
    inline: inline.slice(0, k),
    names: [...t.names, MERGED_FRAME_NAME],
    files: [...t.files, ''],
    lines: Int32Array.from([...t.lines, 0]),
    maxDepth,
    mergedFrame,
  };
}

/** (parent node, frame) -> child node: open addressing over typed arrays (no Map entry per node). */
class ChildTable {
  private mask = (1 << 12) - 1;
  private keysP = new Int32Array(this.mask + 1).fill(-1);
  private keysF = new Int32Array(this.mask + 1);
  private vals = new Int32Array(this.mask + 1);
  private count = 0;

  private slot(p: number, f: number): number {
    let h = (Math.imul(p, 0x9e3779b1) ^ Math.imul(f + 1, 0x85ebca77)) >>> 0;
    h ^= h >>> 15;
    let i = h & this.mask;
    while (this.keysP[i] !== -1 && (this.keysP[i] !== p || this.keysF[i] !== f)) i = (i + 1) & this.mask;
    return i;
  }

  get(p: number, f: number): number {
    const i = this.slot(p, f);
    return this.keysP[i] === -1 ? -1 : this.vals[i];
  }

  set(p: number, f: number, v: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.rehash();
    const i = this.slot(p, f);
    if (this.keysP[i] === -1) this.count++;
    this.keysP[i] = p;
    this.keysF[i] = f;
    this.vals[i] = v;
  }

  private rehash(): void {
    const { keysP, keysF, vals } = this;
    this.mask = this.mask * 2 + 1;
    this.keysP = new Int32Array(this.mask + 1).fill(-1);
    this.keysF = new Int32Array(this.mask + 1);
    this.vals = new Int32Array(this.mask + 1);
    for (let i = 0; i < keysP.length; i++) {
      if (keysP[i] === -1) continue;
      const j = this.slot(keysP[i], keysF[i]);
      this.keysP[j] = keysP[i];
      this.keysF[j] = keysF[i];
      this.vals[j] = vals[i];
    }
  }
}
