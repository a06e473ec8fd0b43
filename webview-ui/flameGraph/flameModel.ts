// The flame tree as the webview holds it: the host's columns turned into typed arrays, plus what
// drawing and navigation need (subtree ends for skipping, first child / next sibling, packages for
// colours) and the searches over it. No DOM here.
import type { FlameColumns } from '../../src/protocol/messages';
import { percentage, scaledLabel } from '../../src/core/measurement/measurement';

export class FlameModel {
  readonly size: number;
  readonly parent: Int32Array;
  readonly frame: Int32Array;
  readonly depth: Int32Array;
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  readonly width: Float64Array;
  readonly x: Float64Array;
  readonly inline: Uint8Array;
  /** One past the last node of each node's subtree (pre-order: the subtree is i..end[i]-1). */
  readonly end: Int32Array;
  /** Package index of each frame (colour key). */
  readonly framePackage: Int32Array;
  readonly packages: string[];

  constructor(readonly data: FlameColumns) {
    const n = data.parent.length;
    this.size = n;
    this.parent = Int32Array.from(data.parent);
    this.frame = Int32Array.from(data.frame);
    this.depth = Int32Array.from(data.depth);
    this.flat = Float64Array.from(data.flat);
    this.cum = Float64Array.from(data.cum);
    this.width = Float64Array.from(data.width);
    this.x = Float64Array.from(data.x);
    this.inline = Uint8Array.from(data.inline);
    this.end = new Int32Array(n);
    for (let i = n - 1; i >= 0; i--) {
      if (this.end[i] === 0) this.end[i] = i + 1;
      const p = this.parent[i];
      if (p >= 0 && this.end[i] > this.end[p]) this.end[p] = this.end[i];
    }
    const pkgIndex = new Map<string, number>();
    this.packages = [];
    this.framePackage = new Int32Array(data.names.length);
    for (let f = 0; f < data.names.length; f++) {
      const pkg = packageOf(data.names[f]);
      let k = pkgIndex.get(pkg);
      if (k === undefined) {
        k = this.packages.length;
        this.packages.push(pkg);
        pkgIndex.set(pkg, k);
      }
      this.framePackage[f] = k;
    }
  }

  name(i: number): string {
    return this.data.names[this.frame[i]];
  }

  file(i: number): string {
    return this.data.files[this.frame[i]];
  }

  line(i: number): number {
    return this.data.lines[this.frame[i]];
  }

  /** A value as `go tool pprof` prints it for this report (its output unit, -divide_by applied). */
  format(v: number): string {
    const r = this.data.ratio;
    return scaledLabel(r > 0 && r !== 1 ? Math.trunc(v * r) : v, this.data.unit, this.data.outputUnit);
  }

  /** pprof's percentage of the report total, e.g. "55.07%". */
  percentOfTotal(v: number): string {
    return percentage(v, this.data.total).trim();
  }

  firstChild(i: number): number {
    return i + 1 < this.end[i] ? i + 1 : -1;
  }

  nextSibling(i: number): number {
    const p = this.parent[i];
    if (p < 0) return -1;
    const j = this.end[i];
    return j < this.end[p] ? j : -1;
  }

  previousSibling(i: number): number {
    const p = this.parent[i];
    if (p < 0) return -1;
    let c = p + 1;
    let prev = -1;
    while (c < i) {
      prev = c;
      c = this.end[c];
    }
    return prev;
  }

  /** Path of names from the root's child down to node i (what state restores zoom from). */
  namePath(i: number): string[] {
    const out: string[] = [];
    for (let v = i; v > 0; v = this.parent[v]) out.push(this.name(v));
    return out.reverse();
  }

  /** The node at the end of a name path, or the deepest one found on the way. */
  findPath(path: string[]): number {
    let v = 0;
    for (const name of path) {
      let c = this.firstChild(v);
      while (c >= 0 && this.name(c) !== name) c = this.nextSibling(c);
      if (c < 0) break;
      v = c;
    }
    return v;
  }

  /** The widest node of a function (by exact name), -1 if none. */
  widestNode(name: string): number {
    let best = -1;
    for (let i = 1; i < this.size; i++) {
      if (this.name(i) === name && (best < 0 || this.width[i] > this.width[best])) best = i;
    }
    return best;
  }

  /**
   * Nodes whose frame name matches (1 = match) and the matched share: the value of the samples
   * through any match, each counted once (outermost matches only).
   */
  search(re: { test(s: string): boolean }): { matched: Uint8Array; value: number; width: number; count: number } {
    const frameHit = new Uint8Array(this.data.names.length);
    for (let f = 0; f < frameHit.length; f++) frameHit[f] = re.test(this.data.names[f]) ? 1 : 0;
    const matched = new Uint8Array(this.size);
    let value = 0;
    let width = 0;
    let count = 0;
    for (let i = 1; i < this.size; ) {
      if (frameHit[this.frame[i]]) {
        value += this.cum[i];
        width += this.width[i];
        for (let j = i; j < this.end[i]; j++) {
          if (frameHit[this.frame[j]]) {
            matched[j] = 1;
            count++;
          }
        }
        i = this.end[i];
      } else {
        i++;
      }
    }
    return { matched, value, width, count };
  }
}

/** The Go package of a symbol: "net/http.(*conn).serve" -> "net/http", "main.f.func1" -> "main". */
export function packageOf(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot > 0 ? name.slice(0, dot) : name;
}
