// Graph nodes and edges (pprof graph.Node, graph.Edge, graph.Tag) and their value helpers.
import type { NodeInfo } from './nodeInfo';

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
  /** Rank of name in Go string order among the nodes of its graph (equal names, equal ranks). */
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

export const maxNodelets = 4;

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
