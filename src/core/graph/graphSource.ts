// The call graph of a profile (pprof internal/graph): nodes with flat/cum weights and weighted
// caller->callee edges, built in one pass over the samples.
//
// Node identities (NodeInfo) are interned once per location line, so the per-sample loop works
// on integer ids and typed arrays only. Semantics reproduced from graph.newGraph: a node's cum
// and an edge's weight count once per sample even under recursion; the leaf gets the flat value;
// frames dropped from the node set make the next edge "residual".
import type { Function as PFunction, Line, Location } from '../profile/profile';
import type { SampleColumns } from '../profile/sampleColumns';
import { NodeInfo, printableName, cleanPath } from './nodeInfo';
import type { Edge, Node } from './node';
import { IdBuffer, EdgeTable } from './edgeTable';
import { TagCollector, joinLabels } from './tags';
import { assignRanks } from './nodeOrder';
import { Graph } from './graphModel';

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
  /** Keep line columns (-showcolumns; only with keepLineNumber). */
  keepColumn?: boolean;
  keepAddress?: boolean;
  keepInlines?: boolean;
  /** Rewrites source file names before cleaning (report.trimPath); identity when absent. */
  mapFilename?: (f: string) => string;
}

/** The samples and (possibly filtered) location lines a graph is built from. */
export interface SampleSource {
  /** The samples, as columns (their stacks index rows.locations). */
  rows: SampleColumns;
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
    this.locStart = new Int32Array(locs.length + 1);
    const ids = new IdBuffer(locs.length + 16);
    for (let i = 0; i < locs.length; i++) {
      this.locStart[i] = ids.length;
      this.locationNodes(locs[i], mapFile, ids);
    }
    this.locStart[locs.length] = ids.length;
    this.locIds = ids.array();
  }

  /**
   * graph.New with CallTree: a node per distinct call path (recursion not merged), every frame
   * counted (no once-per-sample rule). Node ids are per tree node; names are the info's.
   */
  buildTree(): Graph {
    this.flatten();
    const o = this.options;
    const tags = o.tags ? new TagCollector(0, o.formatTag, o.bytesUnit ?? '', undefined) : undefined;
    const all: Node[] = [];
    // Children of each tree node by info id; index 0 = the virtual root.
    const children: Map<number, Node>[] = [new Map()];
    const childMapOf: number[] = [];
    const newNode = (info: number): Node => {
      const nd: Node = {
        id: all.length,
        info: this.infos[info],
        name: this.names[info],
        rank: -1,
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
    const rows = this.source.rows;
    const { stack, start: rs, end: re } = rows;
    const trans = this.rowLoc;
    const locStart = this.locStart;
    const locIds = this.locIds;
    for (let s = 0; s < rows.count; s++) {
      const w = this.sampleW[s];
      const dw = this.sampleDW[s];
      if (dw === 0 && w === 0) continue;
      const labels = tags ? this.sampleLabels(s) : '';
      let parent: Node | undefined;
      // Root first; a location's inlined lines before its own (outermost) line.
      for (let i = re[s] - 1; i >= rs[s]; i--) {
        const li = trans[stack[i]];
        if (li < 0) continue;
        const last = locStart[li + 1] - 1;
        for (let f = last; f >= locStart[li]; f--) {
          const info = locIds[f];
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
          if (tags) tags.add(n.id, dw, w, labels, rows.labels(s), false);
          if (parent) addToEdge(parent, n, dw, w, false, f !== last);
          parent = n;
        }
      }
      if (parent) {
        parent.flat += w;
        parent.flatDiv += dw;
        if (tags) tags.add(parent.id, dw, w, labels, rows.labels(s), true);
      }
    }
    assignRanks(all);
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

  /** Per sample its weights; the rows' location table mapped to this source's location indices. */
  private flattened = false;
  private rowLoc!: Int32Array;
  private sampleW!: Float64Array;
  private sampleDW!: Float64Array;

  /**
   * Reads the sample columns once: value columns and location translation. The loops below walk each
   * stack root first, expanding each location into its lines (inlined frames first) through the CSR
   * locStart/locIds: no per-frame array is built (it would double the memory of the stacks).
   */
  private flatten(): void {
    if (this.flattened) return;
    this.flattened = true;
    const rows = this.source.rows;
    const ns = rows.count;
    const si = this.options.sampleIndex;
    const di = this.options.meanDivIndex;
    this.sampleW = rows.valueColumn(si);
    this.sampleDW = di >= 0 ? rows.valueColumn(di) : new Float64Array(ns);
    // The rows' location table -> this source's location index (by id, -1: not in the source).
    const table = rows.locations;
    const trans = new Int32Array(table.length);
    for (let i = 0; i < table.length; i++) trans[i] = this.locIndex(table[i]);
    this.rowLoc = trans;
  }

  private labelCache: string[] | undefined;

  /** joinLabels of sample s, computed once per label set. */
  private sampleLabels(s: number): string {
    const rows = this.source.rows;
    if (!this.labelCache) this.labelCache = new Array(rows.labelSets.length);
    const ls = rows.labelSet[s];
    let l = this.labelCache[ls];
    if (l === undefined) l = this.labelCache[ls] = joinLabels(rows.labelSets[ls]);
    return l;
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
    // Common case (function granularity): the name alone identifies the part; names never hold NULs.
    const key =
      origName === '' && file === '' && startLine === 0 && objfile === '' && name !== ''
        ? name
        : `${name}\u0000${origName}\u0000${file}\u0000${startLine}\u0000${objfile}\u0000`;
    let id = this.partIds.get(key);
    if (id === undefined) {
      id = this.partIds.size;
      this.partIds.set(key, id);
    }
    return id;
  }

  private intern(
    part: number,
    lineno: number,
    columnno: number,
    address: bigint,
    name: string,
    origName: string,
    file: string,
    startLine: number,
    objfile: string,
  ): number {
    const lc = columnno === 0 ? `${lineno}` : `${lineno}.${columnno}`;
    const key = address === 0n ? (lineno === 0 && columnno === 0 ? part : `${part}:${lc}`) : `${part}:${lc}:${address}`;
    let id = this.keyToId.get(key);
    if (id === undefined) {
      id = this.infos.length;
      const info: NodeInfo = { name, origName, address, file, startLine, lineno, columnno, objfile };
      this.infos.push(info);
      this.names.push(printableName(info));
      this.keyToId.set(key, id);
    }
    return id;
  }

  /** Appends the node ids of a location's lines (innermost first) to out. */
  private locationNodes(l: Location, mapFile: (f: string) => string, out: IdBuffer): void {
    const objfile = l.mapping && l.mapping.file !== '' ? l.mapping.file : '';
    const o = this.options;
    const address = o.keepAddress === false ? 0n : l.address;
    let lines = this.source.lines(l);
    if (o.keepInlines === false && lines.length > 1) lines = lines.slice(lines.length - 1);
    if (lines.length === 0) {
      out.push(this.intern(this.partId('', '', '', 0, objfile), 0, 0, address, '', '', '', 0, objfile));
      return;
    }
    const keepFn = o.keepFunction !== false;
    const keepFile = o.keepFilename !== false;
    const keepLine = o.keepLineNumber !== false;
    const keepColumn = keepLine && o.keepColumn !== false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const fn = line.function;
      if (!fn) {
        out.push(this.intern(this.partId('', '', '', 0, objfile), 0, 0, address, '', '', '', 0, objfile));
        continue;
      }
      const name = keepFn ? fn.name : '';
      const origName = o.origFnNames && keepFn ? fn.systemName : '';
      const withObj = o.objNames || (name === '' && origName === '');
      let part = withObj ? undefined : this.fnPart.get(fn);
      if (part === undefined) {
        const file = keepFile && fn.filename !== '' ? mapFile(fn.filename) : '';
        part = this.partId(name, origName, file, withObj ? fn.startLine : 0, withObj ? objfile : '');
        if (!withObj) this.fnPart.set(fn, part);
      }
      const lineno = keepLine ? line.line : 0;
      const columnno = keepColumn ? line.column : 0;
      const id = this.intern(
        part,
        lineno,
        columnno,
        address,
        name,
        origName,
        keepFile && fn.filename !== '' ? mapFile(fn.filename) : '',
        withObj ? fn.startLine : 0,
        withObj ? objfile : '',
      );
      out.push(id);
      if (this.sourceFile[id] === undefined && fn.filename !== '') {
        // Where the node's code lives, even when the granularity dropped it from the identity.
        this.sourceFile[id] = mapFile(fn.filename);
        this.sourceLine[id] = line.line;
      }
    }
  }

  /**
   * Node weights only (the first pass of newTrimmedGraph): flat and cum per node id, and the ids
   * graph.New would keep (non-zero, not dropped as negative). No node objects are made.
   */
  weights(): { flat: Float64Array; cum: Float64Array; ids: number[] } {
    this.flatten();
    const n = this.infos.length;
    const flat = new Float64Array(n);
    const cum = new Float64Array(n);
    const seenNode = new Int32Array(n);
    const rows = this.source.rows;
    const { stack, start: rs, end: re } = rows;
    const trans = this.rowLoc;
    const locStart = this.locStart;
    const locIds = this.locIds;
    const sw = this.sampleW;
    const sdw = this.sampleDW;
    const ns = rows.count;
    let stamp = 0;
    for (let s = 0; s < ns; s++) {
      const w = sw[s];
      if (sdw[s] === 0 && w === 0) continue;
      stamp++;
      let parent = -1;
      for (let i = re[s] - 1; i >= rs[s]; i--) {
        const li = trans[stack[i]];
        if (li < 0) continue;
        const first = locStart[li];
        for (let f = locStart[li + 1] - 1; f >= first; f--) {
          const id = locIds[f];
          if (seenNode[id] !== stamp) {
            seenNode[id] = stamp;
            cum[id] += w;
          }
          parent = id;
        }
      }
      if (parent >= 0) flat[parent] += w;
    }
    const ids: number[] = [];
    const dropNegative = this.options.dropNegative;
    for (let id = 0; id < n; id++) {
      if (cum[id] === 0 && flat[id] === 0) continue;
      if (dropNegative && (flat[id] < 0 || (flat[id] === 0 && cum[id] < 0))) continue;
      ids.push(id);
    }
    return { flat, cum, ids };
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
    const rows = this.source.rows;
    const { stack, start: rs, end: re } = rows;
    const trans = this.rowLoc;
    const locStart = this.locStart;
    const locIds = this.locIds;
    const sw = this.sampleW;
    const sdw = this.sampleDW;
    const ns = rows.count;
    let stamp = 0;
    for (let s = 0; s < ns; s++) {
      const w = sw[s];
      const dw = sdw[s];
      if (dw === 0 && w === 0) continue;
      stamp++;
      let parent = -1;
      let residual = false;
      const labels = tags ? this.sampleLabels(s) : '';
      for (let i = re[s] - 1; i >= rs[s]; i--) {
        const li = trans[stack[i]];
        if (li < 0) continue;
        const last = locStart[li + 1] - 1;
        for (let f = last; f >= locStart[li]; f--) {
          const id = locIds[f];
          if (kept !== undefined && kept[id] === 0) {
            residual = true;
            continue;
          }
          if (seenNode[id] !== stamp) {
            seenNode[id] = stamp;
            cum[id] += w;
            cumDiv[id] += dw;
            if (tags) tags.add(id, dw, w, labels, rows.labels(s), false);
          }
          if (withEdges && parent >= 0 && id !== parent) {
            edges.add(parent, id, stamp, w, dw, residual, f !== last);
          }
          parent = id;
          residual = false;
        }
      }
      if (parent >= 0 && !residual) {
        flat[parent] += w;
        flatDiv[parent] += dw;
        if (tags) tags.add(parent, dw, w, labels, rows.labels(s), true);
      }
    }
    // Materialize nodes and edges (names ranked among this graph's nodes, below).
    const nodes: (Node | undefined)[] = new Array(n);
    const mk = (id: number): Node => {
      let nd = nodes[id];
      if (!nd) {
        nd = {
          id,
          info: this.infos[id],
          name: this.names[id],
          rank: -1,
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
    const made: Node[] = [];
    for (const nd of nodes) if (nd) made.push(nd);
    assignRanks(made);
    const g = new Graph(out);
    if (withEdges && !edgeObjects) g.edgeTable = edges;
    return g;
  }
}

function isNegative(n: Node): boolean {
  return n.flat < 0 || (n.flat === 0 && n.cum < 0);
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
