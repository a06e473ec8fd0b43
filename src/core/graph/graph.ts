// The call graph of a profile (pprof internal/graph): nodes with flat/cum weights and weighted
// caller->callee edges, built in one pass over the samples.
//
// Node identities (NodeInfo) are interned once per location line, so the per-sample loop works
// on integer ids and typed arrays only. Semantics reproduced from graph.newGraph: a node's cum
// and an edge's weight count once per sample even under recursion; the leaf gets the flat value;
// frames dropped from the node set make the next edge "residual".
import type { Function as PFunction, Line, Location, Sample } from '../profile/profile';
import { NodeInfo, printableName, goSprintNodeInfo, cleanPath } from './nodeInfo';

export interface Tag {
  name: string;
  unit: string;
  value: number;
  flat: number;
  flatDiv: number;
  cum: number;
  cumDiv: number;
}

export type TagMap = Map<string, Tag>;

export interface Edge {
  src: Node;
  dest: Node;
  weight: number;
  weightDiv: number;
  residual: boolean;
  inline: boolean;
}

export interface Node {
  /** Interned NodeInfo id (stable across rebuilds of the same GraphSource). */
  id: number;
  info: NodeInfo;
  /** PrintableName() of info, cached. */
  name: string;
  /** Rank of name in Go string order among the source's names (equal names, equal ranks). */
  rank: number;
  flat: number;
  flatDiv: number;
  cum: number;
  cumDiv: number;
  /** Incoming / outgoing edges (pprof's EdgeMaps; at most one edge per node pair). */
  in: Edge[];
  out: Edge[];
  /** Only when tags were requested (DOT). */
  labelTags?: TagMap;
  numericTags?: Map<string, TagMap>;
}

export function flatValue(n: { flat: number; flatDiv: number }): number {
  return n.flatDiv === 0 ? n.flat : goDiv(n.flat, n.flatDiv);
}

export function cumValue(n: { cum: number; cumDiv: number }): number {
  return n.cumDiv === 0 ? n.cum : goDiv(n.cum, n.cumDiv);
}

export function edgeWeightValue(e: Edge): number {
  return e.weightDiv === 0 ? e.weight : goDiv(e.weight, e.weightDiv);
}

/** Go int64 division (truncates toward zero). */
export function goDiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

/** How locations become nodes: the report's granularity (Profile.Aggregate) and path clean-up. */
export interface GraphOptions {
  /** Index of the sample value to use. */
  sampleIndex: number;
  /** Index of the mean divisor value (-mean uses value 0), or -1. */
  meanDivIndex: number;
  /** Keep binary names (raw, list, disasm, callgrind reports). */
  objNames: boolean;
  origFnNames?: boolean;
  dropNegative: boolean;
  /** Collect label / numeric tags on nodes (DOT nodelets). */
  tags?: boolean;
  /** Formats a numeric tag value with its unit (report's FormatTag). */
  formatTag?: (v: number, unit: string) => string;
  /** Unit of the "bytes" numeric label (the only one the graph keeps as tags). */
  bytesUnit?: string;
  /** Aggregation (Profile.Aggregate): which parts of the identity to keep. */
  keepFunction?: boolean;
  keepFilename?: boolean;
  keepLineNumber?: boolean;
  keepAddress?: boolean;
  keepInlines?: boolean;
  /** Rewrites source file names before cleaning (report.trimPath); identity when absent. */
  mapFilename?: (f: string) => string;
}

/** The samples and (possibly filtered) location lines a graph is built from. */
export interface SampleSource {
  samples: Sample[];
  locations: Location[];
  lines(l: Location): Line[];
}

/**
 * The interned node identities of a profile: each location maps to the node ids of its lines
 * (innermost first). Reused by every graph built from the same profile state.
 */
export class GraphSource {
  readonly infos: NodeInfo[] = [];
  readonly names: string[] = [];
  /** For each node id, the file and line of the first location line mapped to it (for views). */
  readonly sourceFile: (string | undefined)[] = [];
  readonly sourceLine: number[] = [];
  private readonly keyToId = new Map<string | number, number>();
  /** Per location index, node ids of its lines (innermost first). */
  /** Per location index, node ids of its lines (innermost first), as CSR: ids locStart[i]..locStart[i+1]. */
  readonly locStart: Int32Array;
  readonly locIds: Int32Array;
  private readonly locIndexById: Int32Array | undefined;
  private readonly locIndexMap: Map<number, number> | undefined;

  constructor(readonly source: SampleSource, readonly options: GraphOptions) {
    const locs = source.locations;
    let maxId = 0;
    for (const l of locs) if (l.id > maxId) maxId = l.id;
    if (maxId <= 4 * locs.length + 1024) {
      this.locIndexById = new Int32Array(maxId + 1).fill(-1);
      for (let i = 0; i < locs.length; i++) this.locIndexById[locs[i].id] = i;
    } else {
      this.locIndexMap = new Map();
      for (let i = 0; i < locs.length; i++) this.locIndexMap.set(locs[i].id, i);
    }
    const fileCache = new Map<string, string>();
    const mapFile = (f: string): string => {
      let r = fileCache.get(f);
      if (r === undefined) {
        const m = this.options.mapFilename ? this.options.mapFilename(f) : f;
        r = m !== '' ? cleanPath(m) : '';
        fileCache.set(f, r);
      }
      return r;
    };
    const perLoc: Int32Array[] = locs.map((l) => this.locationNodes(l, mapFile));
    let total = 0;
    for (const a of perLoc) total += a.length;
    this.locStart = new Int32Array(locs.length + 1);
    this.locIds = new Int32Array(total);
    let k = 0;
    for (let i = 0; i < perLoc.length; i++) {
      this.locStart[i] = k;
      this.locIds.set(perLoc[i], k);
      k += perLoc[i].length;
    }
    this.locStart[perLoc.length] = k;
  }

  /**
   * graph.New with CallTree: a node per distinct call path (recursion not merged), every frame
   * counted (no once-per-sample rule). Node ids are per tree node; names are the info's.
   */
  buildTree(): Graph {
    this.flatten();
    const o = this.options;
    const tags = o.tags ? new TagCollector(0, o.formatTag, o.bytesUnit ?? '', undefined) : undefined;
    const ranks = this.nameRanks();
    const all: Node[] = [];
    // Children of each tree node by info id; index 0 = the virtual root.
    const children: Map<number, Node>[] = [new Map()];
    const childMapOf: number[] = [];
    const newNode = (info: number): Node => {
      const nd: Node = {
        id: all.length,
        info: this.infos[info],
        name: this.names[info],
        rank: ranks[info],
        flat: 0,
        flatDiv: 0,
        cum: 0,
        cumDiv: 0,
        in: [],
        out: [],
      };
      all.push(nd);
      childMapOf.push(-1);
      return nd;
    };
    const samples = this.source.samples;
    for (let s = 0; s < samples.length; s++) {
      const w = this.sampleW[s];
      const dw = this.sampleDW[s];
      if (dw === 0 && w === 0) continue;
      const labels = tags ? this.sampleLabels(s) : '';
      let parent: Node | undefined;
      for (let f = this.sampleStart[s]; f < this.sampleStart[s + 1]; f++) {
        const info = this.frameNode[f];
        let mi = parent ? childMapOf[parent.id] : 0;
        if (mi < 0) {
          mi = children.length;
          children.push(new Map());
          childMapOf[parent!.id] = mi;
        }
        const m = children[mi];
        let n = m.get(info);
        if (!n) {
          n = newNode(info);
          m.set(info, n);
        }
        n.cum += w;
        n.cumDiv += dw;
        if (tags) tags.add(n.id, dw, w, labels, samples[s], false);
        if (parent) addToEdge(parent, n, dw, w, false, this.frameOuter[f] === 0);
        parent = n;
      }
      if (parent) {
        parent.flat += w;
        parent.flatDiv += dw;
        if (tags) tags.add(parent.id, dw, w, labels, samples[s], true);
      }
    }
    const out: Node[] = [];
    for (const n of all) {
      if (tags) {
        n.labelTags = tags.labelTags[n.id] ?? new Map();
        n.numericTags = tags.numericTags[n.id] ?? new Map();
      }
      if (n.cum === 0 && n.flat === 0) continue;
      if (o.dropNegative && isNegative(n)) continue;
      out.push(n);
    }
    return new Graph(out);
  }

  /** Per sample (root first), node ids and "outermost line of its location" flags, flattened. */
  private flattened = false;
  private sampleStart!: Int32Array;
  private frameNode!: Int32Array;
  private frameOuter!: Uint8Array;
  private sampleW!: Float64Array;
  private sampleDW!: Float64Array;

  private flatten(): void {
    if (this.flattened) return;
    this.flattened = true;
    const samples = this.source.samples;
    const si = this.options.sampleIndex;
    const di = this.options.meanDivIndex;
    const start = new Int32Array(samples.length + 1);
    const sw = new Float64Array(samples.length);
    const sdw = new Float64Array(samples.length);
    let node = new Int32Array(1024);
    let outer = new Uint8Array(1024);
    let k = 0;
    const locIndexById = this.locIndexById;
    const locStart = this.locStart;
    const locIds = this.locIds;
    for (let s = 0; s < samples.length; s++) {
      start[s] = k;
      const sample = samples[s];
      sw[s] = sample.value[si];
      sdw[s] = di >= 0 ? sample.value[di] : 0;
      const sl = sample.location;
      for (let i = sl.length - 1; i >= 0; i--) {
        const li = locIndexById !== undefined ? locIndexById[sl[i].id] ?? -1 : this.locIndex(sl[i]);
        if (li < 0) continue;
        const ls = locStart[li];
        const le = locStart[li + 1];
        const last = le - 1;
        if (k + (le - ls) > node.length) {
          const nn = new Int32Array(node.length * 2 + (le - ls));
          nn.set(node);
          node = nn;
          const no = new Uint8Array(nn.length);
          no.set(outer);
          outer = no;
        }
        for (let ni = last; ni >= ls; ni--) {
          node[k] = locIds[ni];
          outer[k] = ni === last ? 1 : 0;
          k++;
        }
      }
    }
    start[samples.length] = k;
    this.sampleStart = start;
    this.frameNode = node;
    this.frameOuter = outer;
    this.sampleW = sw;
    this.sampleDW = sdw;
  }

  private ranks: Int32Array | undefined;
  private labelCache: string[] | undefined;

  /** joinLabels of sample s, computed once per source. */
  private sampleLabels(s: number): string {
    if (!this.labelCache) this.labelCache = new Array(this.source.samples.length);
    let l = this.labelCache[s];
    if (l === undefined) l = this.labelCache[s] = joinLabels(this.source.samples[s]);
    return l;
  }

  /** Ranks of the node names in Go's string order, so sorts compare integers. */
  nameRanks(): Int32Array {
    if (this.ranks) return this.ranks;
    const names = this.names;
    const n = names.length;
    const ranks = new Int32Array(n);
    let high = false;
    for (let i = 0; i < n && !high; i++) high = /[\ud800-\uffff]/.test(names[i]);
    if (!high) {
      // Native sort of the distinct names (UTF-16 order == Go's byte order here).
      const uniq = Array.from(new Set(names)).sort();
      const rankOf = new Map<string, number>();
      for (let i = 0; i < uniq.length; i++) rankOf.set(uniq[i], i);
      for (let i = 0; i < n; i++) ranks[i] = rankOf.get(names[i])!;
    } else {
      const order = new Array<number>(n);
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => compareStrings(names[a], names[b]));
      let r = 0;
      for (let i = 0; i < n; i++) {
        if (i > 0 && names[order[i]] !== names[order[i - 1]]) r++;
        ranks[order[i]] = r;
      }
    }
    this.ranks = ranks;
    return ranks;
  }

  get size(): number {
    return this.infos.length;
  }

  locIndex(l: Location): number {
    if (this.locIndexById) return this.locIndexById[l.id] ?? -1;
    return this.locIndexMap!.get(l.id) ?? -1;
  }

  /** Ids of the name/file part of node infos ("fn key"), so node keys stay short. */
  private readonly partIds = new Map<string, number>();
  private readonly fnPart = new Map<PFunction, number>();

  private partId(name: string, origName: string, file: string, startLine: number, objfile: string): number {
    const key = `${name}\u0000${origName}\u0000${file}\u0000${startLine}\u0000${objfile}`;
    let id = this.partIds.get(key);
    if (id === undefined) {
      id = this.partIds.size;
      this.partIds.set(key, id);
    }
    return id;
  }

  private intern(part: number, lineno: number, address: bigint, make: () => NodeInfo): number {
    const key = address === 0n ? (lineno === 0 ? part : `${part}:${lineno}`) : `${part}:${lineno}:${address}`;
    let id = this.keyToId.get(key);
    if (id === undefined) {
      id = this.infos.length;
      const info = make();
      this.infos.push(info);
      this.names.push(printableName(info));
      this.keyToId.set(key, id);
    }
    return id;
  }

  private locationNodes(l: Location, mapFile: (f: string) => string): Int32Array {
    const objfile = l.mapping && l.mapping.file !== '' ? l.mapping.file : '';
    const o = this.options;
    const address = o.keepAddress === false ? 0n : l.address;
    let lines = this.source.lines(l);
    if (o.keepInlines === false && lines.length > 1) lines = lines.slice(lines.length - 1);
    const noFunction = (): number =>
      this.intern(this.partId('', '', '', 0, objfile), 0, address, () => ({
        name: '',
        origName: '',
        address,
        file: '',
        startLine: 0,
        lineno: 0,
        objfile,
      }));
    if (lines.length === 0) {
      const ids = new Int32Array(1);
      ids[0] = noFunction();
      return ids;
    }
    const ids = new Int32Array(lines.length);
    const keepFn = o.keepFunction !== false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const fn = line.function;
      if (!fn) {
        ids[i] = noFunction();
        continue;
      }
      const name = keepFn ? fn.name : '';
      const origName = o.origFnNames && keepFn ? fn.systemName : '';
      const fname = o.keepFilename === false ? '' : fn.filename;
      const withObj = o.objNames || (name === '' && origName === '');
      let part: number | undefined = withObj ? undefined : this.fnPart.get(fn);
      let file = '';
      if (part === undefined) {
        file = fname !== '' ? mapFile(fname) : '';
        part = this.partId(name, origName, file, withObj ? fn.startLine : 0, withObj ? objfile : '');
        if (!withObj) this.fnPart.set(fn, part);
      }
      const lineno = o.keepLineNumber === false ? 0 : line.line;
      const id = (ids[i] = this.intern(part, lineno, address, () => ({
        name,
        origName,
        address,
        file: fname !== '' ? mapFile(fname) : '',
        startLine: withObj ? fn.startLine : 0,
        lineno,
        objfile: withObj ? objfile : '',
      })));
      if (this.sourceFile[id] === undefined && fn.filename !== '') {
        // Where the node's code lives, even when the granularity dropped it from the identity.
        this.sourceFile[id] = mapFile(fn.filename);
        this.sourceLine[id] = line.line;
      }
    }
    return ids;
  }

  /**
   * graph.New (non call-tree). kept: if given, only node ids with kept[id] != 0 are used.
   * withEdges=false computes node weights only (cheaper; used to find the node cutoff).
   */
  build(kept?: Uint8Array, withEdges = true, edgeObjects = true, tagsFor?: Uint8Array | 'none'): Graph {
    const n = this.infos.length;
    const o = this.options;
    const flat = new Float64Array(n);
    const flatDiv = new Float64Array(n);
    const cum = new Float64Array(n);
    const cumDiv = new Float64Array(n);
    const seenNode = new Int32Array(n);
    const edges = new EdgeTable();
    // Tags (DOT nodelets) are costly: collect them only for the nodes asked for.
    const tags =
      o.tags && tagsFor !== 'none' ? new TagCollector(n, o.formatTag, o.bytesUnit ?? '', tagsFor) : undefined;
    this.flatten();
    const samples = this.source.samples;
    const start = this.sampleStart;
    const frameNode = this.frameNode;
    const frameOuter = this.frameOuter;
    const sw = this.sampleW;
    const sdw = this.sampleDW;
    const ns = samples.length;
    let stamp = 0;
    for (let s = 0; s < ns; s++) {
      const w = sw[s];
      const dw = sdw[s];
      if (dw === 0 && w === 0) continue;
      stamp++;
      let parent = -1;
      let residual = false;
      const labels = tags ? this.sampleLabels(s) : '';
      const end = start[s + 1];
      for (let f = start[s]; f < end; f++) {
        const id = frameNode[f];
        if (kept !== undefined && kept[id] === 0) {
          residual = true;
          continue;
        }
        if (seenNode[id] !== stamp) {
          seenNode[id] = stamp;
          cum[id] += w;
          cumDiv[id] += dw;
          if (tags) tags.add(id, dw, w, labels, samples[s], false);
        }
        if (withEdges && parent >= 0 && id !== parent) {
          edges.add(parent, id, stamp, w, dw, residual, frameOuter[f] === 0);
        }
        parent = id;
        residual = false;
      }
      if (parent >= 0 && !residual) {
        flat[parent] += w;
        flatDiv[parent] += dw;
        if (tags) tags.add(parent, dw, w, labels, samples[s], true);
      }
    }
    // Materialize nodes and edges.
    const ranks = this.nameRanks();
    const nodes: (Node | undefined)[] = new Array(n);
    const mk = (id: number): Node => {
      let nd = nodes[id];
      if (!nd) {
        nd = {
          id,
          info: this.infos[id],
          name: this.names[id],
          rank: ranks[id],
          flat: flat[id],
          flatDiv: flatDiv[id],
          cum: cum[id],
          cumDiv: cumDiv[id],
          in: [],
          out: [],
        };
        if (tags) {
          nd.labelTags = tags.labelTags[id] ?? new Map();
          nd.numericTags = tags.numericTags[id] ?? new Map();
        }
        nodes[id] = nd;
      }
      return nd;
    };
    for (let e = 0; e < (edgeObjects ? edges.count : 0); e++) {
      const src = mk(edges.src[e]);
      const dst = mk(edges.dst[e]);
      const edge: Edge = {
        src,
        dest: dst,
        weight: edges.w[e],
        weightDiv: edges.wd[e],
        residual: edges.res[e] === 1,
        inline: edges.inl[e] === 1,
      };
      src.out.push(edge);
      dst.in.push(edge);
    }
    const out: Node[] = [];
    for (let id = 0; id < n; id++) {
      if (cum[id] === 0 && flat[id] === 0) continue;
      const nd = mk(id);
      if (o.dropNegative && isNegative(nd)) continue;
      out.push(nd);
    }
    const g = new Graph(out);
    if (withEdges && !edgeObjects) g.edgeTable = edges;
    return g;
  }
}

/** Open-addressing hash table of edges keyed by (src, dst) node ids, on typed arrays. */
export class EdgeTable {
  count = 0;
  src = new Int32Array(1024);
  dst = new Int32Array(1024);
  w = new Float64Array(1024);
  wd = new Float64Array(1024);
  res = new Uint8Array(1024);
  inl = new Uint8Array(1024);
  seen = new Int32Array(1024);
  private slots = new Int32Array(4096).fill(-1);
  private mask = 4095;

  add(parent: number, id: number, stamp: number, w: number, dw: number, residual: boolean, inline: boolean): void {
    let h = (Math.imul(parent, 0x9e3779b1) ^ Math.imul(id, 0x85ebca6b)) & this.mask;
    let e: number;
    for (;;) {
      e = this.slots[h];
      if (e < 0) {
        e = this.insert(parent, id, h);
        break;
      }
      if (this.src[e] === parent && this.dst[e] === id) break;
      h = (h + 1) & this.mask;
    }
    if (this.seen[e] !== stamp) {
      this.seen[e] = stamp;
      this.w[e] += w;
      this.wd[e] += dw;
      if (residual) this.res[e] = 1;
      if (!inline) this.inl[e] = 0;
    }
  }

  private insert(parent: number, id: number, slot: number): number {
    if (this.count === this.src.length) this.grow();
    const e = this.count++;
    this.src[e] = parent;
    this.dst[e] = id;
    this.inl[e] = 1;
    this.slots[slot] = e;
    if (this.count * 2 > this.slots.length) this.rehash();
    return e;
  }

  private grow(): void {
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as { new (n: number): T })(a.length * 2);
      b.set(a);
      return b;
    };
    this.src = g(this.src);
    this.dst = g(this.dst);
    this.w = g(this.w);
    this.wd = g(this.wd);
    this.res = g(this.res);
    this.inl = g(this.inl);
    this.seen = g(this.seen);
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let e = 0; e < this.count; e++) {
      let h = (Math.imul(this.src[e], 0x9e3779b1) ^ Math.imul(this.dst[e], 0x85ebca6b)) & this.mask;
      while (this.slots[h] >= 0) h = (h + 1) & this.mask;
      this.slots[h] = e;
    }
  }
}

function isNegative(n: Node): boolean {
  return n.flat < 0 || (n.flat === 0 && n.cum < 0);
}

/** graph.joinLabels: sorted "key:value" pairs joined by a literal backslash-n. */
export function joinLabels(s: Sample): string {
  if (!s.label) return '';
  const labels: string[] = [];
  for (const key of Object.keys(s.label)) {
    // report.newGraph removes the diff-base marker label before building the graph.
    if (key === 'pprof::base') continue;
    for (const v of s.label[key]) labels.push(key + ':' + v);
  }
  if (labels.length === 0) return '';
  labels.sort(compareStrings);
  return labels.join('\\n');
}

/** Go string comparison (byte order of UTF-8 == code point order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length < b.length ? -1 : 1;
  const ca = a.charCodeAt(i);
  const cb = b.charCodeAt(i);
  // UTF-16 order differs from Go's byte (code point) order only for surrogates vs U+E000..U+FFFF.
  if (ca >= 0xd800 && cb >= 0xd800) {
    const sa = ca <= 0xdfff;
    const sb = cb <= 0xdfff;
    if (sa !== sb) return sa ? 1 : -1;
  }
  return ca < cb ? -1 : 1;
}

/** Node.AddToEdgeDiv on edge lists. */
function addToEdge(src: Node, dest: Node, dw: number, w: number, residual: boolean, inline: boolean): void {
  for (const e of src.out) {
    if (e.dest === dest) {
      e.weightDiv += dw;
      e.weight += w;
      if (residual) e.residual = true;
      if (!inline) e.inline = false;
      return;
    }
  }
  const e: Edge = { src, dest, weight: w, weightDiv: dw, residual, inline };
  src.out.push(e);
  dest.in.push(e);
}

class TagCollector {
  labelTags: (TagMap | undefined)[];
  numericTags: (Map<string, TagMap> | undefined)[];
  constructor(
    n: number,
    private readonly format: ((v: number, unit: string) => string) | undefined,
    private readonly bytesUnit: string,
    private readonly only?: Uint8Array,
  ) {
    this.labelTags = new Array(n);
    this.numericTags = new Array(n);
  }
  add(id: number, dw: number, w: number, labels: string, s: Sample, flat: boolean): void {
    if (this.only !== undefined && this.only[id] === 0) return;
    if (labels !== '') {
      let m = this.labelTags[id];
      if (!m) m = this.labelTags[id] = new Map();
      const t = findOrAddTag(m, labels, '', 0);
      addTo(t, dw, w, flat);
    }
    let nm = this.numericTags[id];
    if (!nm) nm = this.numericTags[id] = new Map();
    let numericTags = nm.get(labels);
    if (!numericTags) {
      numericTags = new Map();
      nm.set(labels, numericTags);
    }
    // report.newGraph keeps only the "bytes" numeric label, with the unit of its key.
    const vals = s.numLabel?.['bytes'];
    if (!vals) return;
    const unit = this.bytesUnit;
    let names = this.formatted.get(s);
    if (!names) {
      const format = this.format ?? ((v: number) => String(v));
      names = vals.map((v) => format(v, unit));
      this.formatted.set(s, names);
    }
    for (let i = 0; i < vals.length; i++) addTo(findOrAddTag(numericTags, names[i], unit, vals[i]), dw, w, flat);
  }
  private readonly formatted = new Map<Sample, string[]>();
}

function findOrAddTag(m: TagMap, label: string, unit: string, value: number): Tag {
  let t = m.get(label);
  if (!t) {
    t = { name: label, unit, value, flat: 0, flatDiv: 0, cum: 0, cumDiv: 0 };
    m.set(label, t);
  }
  return t;
}

function addTo(t: Tag, dw: number, w: number, flat: boolean): void {
  if (flat) {
    t.flatDiv += dw;
    t.flat += w;
  } else {
    t.cumDiv += dw;
    t.cum += w;
  }
}

export type NodeOrder = 'flatName' | 'flatCumName' | 'cumName' | 'name' | 'file' | 'address' | 'entropy';

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

export const maxNodelets = 4;

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

function compareNodes(l: Node, r: Node): number {
  return compareStrings(sprintOf(l.info), sprintOf(r.info));
}

/** graph.Nodes.Sort. */
export function sortNodes(ns: Node[], order: NodeOrder, scores?: Map<Node, number>): void {
  let cmp: (l: Node, r: Node) => number;
  switch (order) {
    case 'flatName':
      cmp = (l, r) => {
        const iv = Math.abs(l.flat);
        const jv = Math.abs(r.flat);
        if (iv !== jv) return iv > jv ? -1 : 1;
        if (l.rank !== r.rank) return l.rank - r.rank;
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
      let score = scores;
      if (!score) {
        score = new Map<Node, number>();
        for (const n of ns) score.set(n, order === 'cumName' ? n.cum : entropyScore(n));
      }
      const sc = score;
      cmp = (l, r) => {
        const iv = Math.abs(sc.get(l)!);
        const jv = Math.abs(sc.get(r)!);
        if (iv !== jv) return iv > jv ? -1 : 1;
        if (l.rank !== r.rank) return l.rank - r.rank;
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

/** entropyScore for every node, reading the edges from an edge table. */
function entropyScoresFromTable(ns: Node[], t: EdgeTable): Map<Node, number> {
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
  const scores = new Map<Node, number>();
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
    scores.set(n, Math.trunc(score * n.cum) + n.flat);
  }
  return scores;
}

function entropyScore(n: Node): number {
  let score = 0;
  if (n.in.length === 0) score++;
  else score += edgeEntropyScore(n.in, 0);
  if (n.out.length === 0) score++;
  else score += edgeEntropyScore(n.out, n.flat);
  return Math.trunc(score * n.cum) + n.flat;
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
