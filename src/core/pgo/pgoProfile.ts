// What the Go 1.27 compiler makes of a PGO profile (default.pgo): its call-edge weights and the call
// sites its inliner treats as hot. Reproduced from Go 1.27.3's sources, so the PGO view and
// `pprof-lens pgo hot` name the call sites the compiler names:
//  - cmd/internal/pgo/pprof.go FromPProf: the first sample type "samples/count" or "cpu/nanoseconds";
//    internal/profile's NewGraph, which counts only the last two frames of each stack (leaf location
//    and its caller location, inlined lines included) as call edges; createNamedEdgeMap: an edge is
//    (caller name, call line - caller's start line, callee name), totalWeight the sum of all edges;
//    sortByWeight: weight descending, then caller, callee, offset.
//  - cmd/internal/pgo/deserialize.go: the preprocessed form `go tool preprofile` writes ("GO PREPROFILE V1").
//  - cmd/compile/internal/inline/inl.go hotNodesFromCDF: the hottest edges, by that order, up to and
//    including the one whose cumulative weight first exceeds 99% of the total (inlineCDFHotCallSiteThresholdPercent);
//    the threshold it prints (hot-callsite-thres-from-CDF) is the last hot edge's share.
import type { Location, Profile } from '../profile/profile';
import { ProfileError } from '../profile/profileError';
import { parseProfile, type ParseOptions } from '../profile/parse';

/** One call edge as the compiler keys it (cmd/internal/pgo NamedCallEdge) with its weight. */
export interface PgoEdge {
  callerName: string;
  calleeName: string;
  /** Call line minus the caller's start line (Function.start_line). */
  callSiteOffset: number;
  weight: number;
  /** The caller's file and start line as the profile has them (absent in a preprocessed profile). */
  callerFile?: string;
  callerStartLine?: number;
}

/** The compiler's view of a profile: edges in its ByWeight order and their total. */
export interface PgoProfile {
  totalWeight: number;
  /** Every edge, heaviest first, ties by caller, callee, offset (sortByWeight). */
  edges: PgoEdge[];
}

/** The compiler's default CDF threshold of hot call sites, in percent (inl.go). */
export const HOT_CALLSITE_CDF_PERCENT = 99;

/** Header of `go tool preprofile`'s output (cmd/internal/pgo serializationHeader). */
export const PREPROFILE_HEADER = 'GO PREPROFILE V1\n';

interface Node {
  name: string;
  startLine: number;
  lineno: number;
  file: string;
  flat: number;
  cum: number;
  /** Out edges in insertion order: destination node -> weight. */
  out: Map<Node, number>;
}

/**
 * FromPProf of Go 1.27.3 on a decoded profile (as internal/profile.Parse reads it: no drop_frames, no
 * merge). Throws ProfileError with the compiler's words when it would refuse the profile; a profile
 * the compiler ignores (no samples, all zero) gives totalWeight 0 and no edges.
 */
export function pgoProfileOf(p: Profile): PgoProfile {
  const empty: PgoProfile = { totalWeight: 0, edges: [] };
  const samples = p.sample;
  if (samples.length === 0) return empty;
  const valueIndex = p.sampleType.findIndex((s) => (s.type === 'samples' && s.unit === 'count') || (s.type === 'cpu' && s.unit === 'nanoseconds'));
  if (valueIndex < 0) throw new ProfileError('profile does not contain a sample index with value/type "samples/count" or cpu/nanoseconds"');

  // CreateNodes: one node per (address, name, start line, line) of each location line (a location
  // without lines gets one nameless node keyed by its address).
  const byKey = new Map<string, Node>();
  const locNodes = new Map<Location, Node[]>();
  const nodeFor = (l: Location, name: string, startLine: number, lineno: number, file: string): Node => {
    const key = `${l.address}\u0000${name}\u0000${startLine}\u0000${lineno}`;
    let n = byKey.get(key);
    if (!n) {
      n = { name, startLine, lineno, file, flat: 0, cum: 0, out: new Map() };
      byKey.set(key, n);
    }
    return n;
  };
  const nodesOf = (l: Location): Node[] => {
    let ns = locNodes.get(l);
    if (!ns) {
      ns = l.line.length === 0
        ? [nodeFor(l, '', 0, 0, '')]
        : l.line.map((ln) => ln.function ? nodeFor(l, ln.function.name, ln.function.startLine, ln.line, ln.function.filename) : nodeFor(l, '', 0, 0, ''));
      locNodes.set(l, ns);
    }
    return ns;
  };

  // NewGraph, counting only the last two frames of each sample.
  const seenNode = new Set<Node>();
  const seenEdge = new Map<Node, Set<Node | null>>();
  for (const s of samples) {
    const w = s.value[valueIndex] ?? 0;
    if (w === 0) continue;
    seenNode.clear();
    seenEdge.clear();
    let parent: Node | null = null;
    let i = Math.min(1, s.location.length - 1);
    for (; i >= 0; i--) {
      const ns = nodesOf(s.location[i]);
      for (let ni = ns.length - 1; ni >= 0; ni--) {
        const n = ns[ni];
        const sawNode = seenNode.has(n);
        if (!sawNode) {
          seenNode.add(n);
          n.cum += w;
        }
        if (parent !== null && n !== parent && (!sawNode || !seenEdge.get(n)?.has(parent))) {
          let set = seenEdge.get(n);
          if (!set) seenEdge.set(n, (set = new Set()));
          set.add(parent);
          parent.out.set(n, (parent.out.get(n) ?? 0) + w);
        }
        parent = n;
      }
    }
    if (parent !== null) parent.flat += w;
  }

  // selectNodesForGraph + createNamedEdgeMap.
  const kept = [...byKey.values()].filter((n) => !(n.cum === 0 && n.flat === 0));
  if (kept.length === 0) return empty;
  let seenStartLine = false;
  let totalWeight = 0;
  const weight = new Map<string, PgoEdge>();
  for (const n of kept) {
    seenStartLine ||= n.startLine !== 0;
    const offset = n.lineno - n.startLine;
    for (const [dest, w] of n.out) {
      totalWeight += w;
      const key = `${n.name}\u0000${dest.name}\u0000${offset}`;
      const e = weight.get(key);
      if (e) e.weight += w;
      else weight.set(key, { callerName: n.name, calleeName: dest.name, callSiteOffset: offset, weight: w, callerFile: n.file, callerStartLine: n.startLine });
    }
  }
  if (!seenStartLine) {
    throw new ProfileError('profile missing Function.start_line data (Go version of profiled application too old? Go 1.20+ automatically adds this to profiles)');
  }
  if (totalWeight === 0) return empty;
  const edges = [...weight.values()].sort(byWeight);
  return { totalWeight, edges };
}

/** sortByWeight of cmd/internal/pgo: weight descending, then caller, callee (Go's byte order), offset. */
function byWeight(a: PgoEdge, b: PgoEdge): number {
  if (a.weight !== b.weight) return b.weight - a.weight;
  if (a.callerName !== b.callerName) return goLess(a.callerName, b.callerName) ? -1 : 1;
  if (a.calleeName !== b.calleeName) return goLess(a.calleeName, b.calleeName) ? -1 : 1;
  return a.callSiteOffset - b.callSiteOffset;
}

/** Go's string < (UTF-8 bytes), which is code point order, not JS's UTF-16 unit order. */
function goLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y;
    if (x > 0xffff) i++;
  }
  return a.length < b.length;
}

/** Whether bytes (gunzipped or not) are `go tool preprofile` output rather than a pprof profile. */
export function isPreprofile(bytes: Uint8Array): boolean {
  if (bytes.length < PREPROFILE_HEADER.length) return false;
  for (let i = 0; i < PREPROFILE_HEADER.length; i++) if (bytes[i] !== PREPROFILE_HEADER.charCodeAt(i)) return false;
  return true;
}

/** FromSerialized: the preprocessed form, in its (already sorted) order. Throws ProfileError in Go's words. */
export function parsePreprofile(text: string): PgoProfile {
  if (!text.startsWith(PREPROFILE_HEADER)) throw new ProfileError(`preprocessed profile malformed header; want ${JSON.stringify(PREPROFILE_HEADER)}`);
  const lines = text.slice(PREPROFILE_HEADER.length).split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const edges: PgoEdge[] = [];
  const seen = new Set<string>();
  let totalWeight = 0;
  for (let i = 0; i < lines.length; i += 3) {
    if (i + 1 >= lines.length) throw new ProfileError('preprocessed profile entry missing callee');
    if (i + 2 >= lines.length) throw new ProfileError('preprocessed profile entry missing weight');
    const split = lines[i + 2].split(' ');
    if (split.length !== 2) throw new ProfileError(`preprocessed profile entry got ${JSON.stringify(split)} want 2 fields`);
    if (!/^[+-]?\d+$/.test(split[0]) || !/^[+-]?\d+$/.test(split[1])) {
      throw new ProfileError(`preprocessed profile error processing call line ${JSON.stringify(lines[i + 2])}`);
    }
    const e: PgoEdge = { callerName: lines[i], calleeName: lines[i + 1], callSiteOffset: Number(split[0]), weight: Number(split[1]) };
    const key = `${e.callerName}\u0000${e.calleeName}\u0000${e.callSiteOffset}`;
    if (seen.has(key)) throw new ProfileError(`preprocessed profile contains duplicate edge ${e.callerName} -> ${e.calleeName} at offset ${e.callSiteOffset}`);
    seen.add(key);
    edges.push(e);
    totalWeight += e.weight;
  }
  return { totalWeight, edges };
}

/** A hot call site: an edge with its share of the total and, when the profile says, its source line. */
export interface HotCallSite extends PgoEdge {
  /** weight / totalWeight * 100 (pgo.WeightInPercentage). */
  percent: number;
  /** The call's line: the caller's start line + the offset (absent for a preprocessed profile). */
  line?: number;
}

/** The hot call sites of a profile and the threshold the compiler prints. */
export interface HotCallSites {
  totalWeight: number;
  /** hot-callsite-thres-from-CDF: the share of the last hot edge (0 when every edge is hot). */
  thresholdPercent: number;
  cdfPercent: number;
  sites: HotCallSite[];
}

/** pgo.WeightInPercentage. */
export function weightInPercentage(value: number, total: number): number {
  return (value / total) * 100;
}

/**
 * hotNodesFromCDF of Go 1.27.3's inliner: the edges, heaviest first, up to and including the one that
 * takes the cumulative share over cdfPercent (99 unless -d=pgoinlinecdfthreshold says otherwise).
 */
export function hotCallSites(prof: PgoProfile, cdfPercent = HOT_CALLSITE_CDF_PERCENT): HotCallSites {
  const site = (e: PgoEdge): HotCallSite => ({
    ...e,
    percent: weightInPercentage(e.weight, prof.totalWeight),
    line: e.callerStartLine ? e.callerStartLine + e.callSiteOffset : undefined,
  });
  let cum = 0;
  for (let i = 0; i < prof.edges.length; i++) {
    const w = prof.edges[i].weight;
    cum += w;
    if (weightInPercentage(cum, prof.totalWeight) > cdfPercent) {
      return { totalWeight: prof.totalWeight, thresholdPercent: weightInPercentage(w, prof.totalWeight), cdfPercent, sites: prof.edges.slice(0, i + 1).map(site) };
    }
  }
  return { totalWeight: prof.totalWeight, thresholdPercent: 0, cdfPercent, sites: prof.edges.map(site) };
}

/** Go's %v of a float64 (strconv 'g', shortest: an exponent below 1e-4 and from 1e6): what the compiler prints for the threshold. */
export function goFloatV(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const exp = Math.floor(Math.log10(Math.abs(x)));
  const s = String(x);
  if (exp < -4 || exp >= 6) {
    const [m, e] = x.toExponential().split('e');
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return s;
}

/** What makes a profile usable as default.pgo by this project's rule: a CPU profile. */
export function isCpuProfile(p: Profile): boolean {
  return p.periodType?.type === 'cpu' || p.sampleType.some((s) => s.type === 'cpu' && s.unit === 'nanoseconds');
}

/** How a profile is named in a refusal: its sample types. */
export function profileKindText(p: Profile): string {
  if (p.sampleType.length === 0) return 'no sample types';
  return p.sampleType.map((s) => `${s.type}/${s.unit}`).join(', ');
}

/**
 * A PGO profile file as the compiler reads it (pgoir.New): `go tool preprofile` output, or a pprof
 * profile decoded without drop_frames and without merging. Throws ProfileError naming `source`.
 */
export function pgoProfileFromBytes(bytes: Uint8Array, source: string, options: Omit<ParseOptions, 'keepAllFrames'> = {}): PgoProfile {
  if (bytes.length === 0) return { totalWeight: 0, edges: [] }; // FromPProf: an empty file is an empty profile
  try {
    if (isPreprofile(bytes)) return parsePreprofile(new TextDecoder().decode(bytes));
    return pgoProfileOf(parseProfile(bytes, undefined, { ...options, keepAllFrames: true }));
  } catch (e) {
    if (e instanceof ProfileError) throw new ProfileError(e.message, source);
    throw e;
  }
}

/** The text `go tool preprofile` writes for this profile (cmd/internal/pgo serialize.go WriteTo). */
export function serializePreprofile(prof: PgoProfile): string {
  const out: string[] = [PREPROFILE_HEADER];
  for (const e of prof.edges) out.push(`${e.callerName}\n${e.calleeName}\n${e.callSiteOffset} ${e.weight}\n`);
  return out.join('');
}
