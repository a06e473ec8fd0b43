// Draws the flame graph on a canvas (never a DOM node per frame): only the rows in view and the
// frames at least a pixel wide are drawn; narrower siblings are merged into one grey block so the
// parent's width (the total) stays whole. Hover and selection outlines go on an overlay canvas so
// moving the mouse never redraws the frames. Labels are canvas text (fillText): profile strings
// are never parsed as HTML.
import type { FlameModel } from './flameModel';
import { diffColor, packageColors, palette, type Palette } from './flameColors';

export const ROW = 18;
const MIN_WIDTH = 1;

export interface ViewState {
  zoom: number;
  selected: number;
  hovered: number;
  icicle: boolean;
  /** Search matches (1 = matches); others are dimmed. */
  matched?: Uint8Array;
}

/** What is under the mouse: a node, or a block of merged tiny frames. */
export interface Hit {
  node: number;
  merged: number;
  /** For merged blocks, the summed width and value of the frames. */
  width: number;
  value: number;
  x: number;
  y: number;
  w: number;
}

export class FlameRenderer {
  readonly scroller: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly overlay: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly octx: CanvasRenderingContext2D;
  private model: FlameModel | undefined;
  private colors: string[] = [];
  private pal: Palette = palette();
  private charWidth = 7;
  private viewW = 0;
  private viewH = 0;
  private dpr = 1;
  // Frames drawn in the last paint, for hit testing (merged blocks: count > 1).
  private drawn = { n: 0, node: new Int32Array(4096), x: new Float32Array(4096), w: new Float32Array(4096), depth: new Int32Array(4096), count: new Int32Array(4096), width: new Float64Array(4096), value: new Float64Array(4096) };
  private pending = 0;
  lastDrawMillis = 0;
  drawnCount = 0;

  constructor(parent: HTMLElement, private view: ViewState, private readonly onScroll: () => void) {
    this.scroller = document.createElement('div');
    this.scroller.className = 'flame-scroller';
    this.stage = document.createElement('div');
    this.stage.className = 'flame-stage';
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'flame-canvas';
    this.canvas.setAttribute('role', 'img');
    this.canvas.tabIndex = 0;
    this.overlay = document.createElement('canvas');
    this.overlay.className = 'flame-overlay';
    this.overlay.setAttribute('aria-hidden', 'true');
    this.spacer = document.createElement('div');
    this.spacer.className = 'flame-spacer';
    this.stage.append(this.canvas, this.overlay);
    this.scroller.append(this.stage, this.spacer);
    parent.appendChild(this.scroller);
    this.ctx = this.canvas.getContext('2d', { alpha: false })!;
    this.octx = this.overlay.getContext('2d')!;
    this.scroller.addEventListener('scroll', () => {
      this.schedule();
      this.onScroll();
    });
    new ResizeObserver(() => this.resize()).observe(this.scroller);
  }

  get element(): HTMLCanvasElement {
    return this.canvas;
  }

  setModel(model: FlameModel): void {
    this.model = model;
    this.pal = palette();
    this.colors = packageColors(model.packages, this.pal);
    this.resize(false);
  }

  setView(view: ViewState): void {
    this.view = view;
    this.resize(false);
  }

  /** Theme changed: recompute colours. */
  refreshTheme(): void {
    if (!this.model) return;
    this.pal = palette();
    this.colors = packageColors(this.model.packages, this.pal);
    this.draw();
  }

  private rows(): number {
    return this.model ? this.model.data.maxDepth + 1 : 0;
  }

  private resize(redraw = true): void {
    this.viewW = Math.max(1, this.scroller.clientWidth);
    this.viewH = Math.max(1, this.scroller.clientHeight);
    this.dpr = window.devicePixelRatio || 1;
    const h = Math.min(this.viewH, this.rows() * ROW + 2);
    for (const c of [this.canvas, this.overlay]) {
      c.width = Math.round(this.viewW * this.dpr);
      c.height = Math.round(h * this.dpr);
      c.style.width = `${this.viewW}px`;
      c.style.height = `${h}px`;
    }
    this.stage.style.height = `${h}px`;
    // Sized to its content, from the top in both orientations: a short flame graph no longer
    // stands on the bottom edge under a panel of empty space.
    this.stage.style.marginTop = '0';
    this.spacer.style.height = `${Math.max(0, this.rows() * ROW + 2 - h)}px`;
    if (redraw || this.model) this.draw();
  }

  /** Scrolls so the root row is visible (the bottom in flame orientation). */
  scrollToRoot(): void {
    this.scroller.scrollTop = this.view.icicle ? 0 : this.scroller.scrollHeight;
  }

  /** Scrolls node i's row into view. */
  reveal(i: number): void {
    if (!this.model) return;
    const y = this.contentY(this.model.depth[i]);
    const top = this.scroller.scrollTop;
    if (y < top) this.scroller.scrollTop = y;
    else if (y + ROW > top + this.viewH) this.scroller.scrollTop = y + ROW - this.viewH;
  }

  private contentY(depth: number): number {
    return this.view.icicle ? depth * ROW : (this.rows() - 1 - depth) * ROW;
  }

  schedule(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.draw();
    });
  }

  /** Paints the frames; returns the time it took (ms). */
  draw(): number {
    const t0 = performance.now();
    const m = this.model;
    const ctx = this.ctx;
    const pal = this.pal;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.fillStyle = pal.background;
    ctx.fillRect(0, 0, this.viewW, this.viewH);
    this.drawn.n = 0;
    if (!m || m.size === 0) return 0;
    ctx.font = `12px ${pal.font}`;
    ctx.textBaseline = 'middle';
    this.charWidth = ctx.measureText('abcdefghijklmnopqrstuvwxyz.ABCDEFGHIJ/()*').width / 42 || 7;
    const scrollTop = this.scroller.scrollTop;
    const W = this.viewW;
    const H = this.viewH;
    const z = Math.min(Math.max(0, this.view.zoom), m.size - 1);
    const x0 = m.x[z];
    const scale = W / (m.width[z] || 1);
    const matched = this.view.matched;
    const diffScale = m.data.diff ? Math.max(1, m.width[0]) * 0.05 : 0;
    const icicle = this.view.icicle;
    const rows = this.rows();

    // Ancestors of the zoomed frame span the whole width (the breadcrumb in the picture).
    for (let v = z; v >= 0; v = m.parent[v]) this.frame(v, 0, W, m.depth[v], scrollTop, matched, diffScale);

    // Runs of merged tiny frames, per depth.
    const runStart = new Float64Array(rows);
    const runEnd = new Float64Array(rows);
    const runCount = new Int32Array(rows);
    const runFirst = new Int32Array(rows);
    const runWidth = new Float64Array(rows);
    const runValue = new Float64Array(rows);
    const flush = (d: number) => {
      if (runCount[d] === 0) return;
      const y = this.contentY(d) - scrollTop;
      if (y + ROW > 0 && y < H) {
        ctx.fillStyle = pal.merged;
        const w = Math.max(runEnd[d] - runStart[d], 0.5);
        ctx.fillRect(runStart[d], y, w, ROW - 1);
        this.record(runFirst[d], runStart[d], w, d, runCount[d], runWidth[d], runValue[d]);
      }
      runCount[d] = 0;
    };
    const end = m.end[z];
    for (let i = z + 1; i < end; ) {
      const d = m.depth[i];
      const px = (m.x[i] - x0) * scale;
      const pw = m.width[i] * scale;
      const y = this.contentY(d) - scrollTop;
      if (pw < MIN_WIDTH) {
        if (runCount[d] > 0 && px - runEnd[d] < 0.5) {
          runEnd[d] = px + pw;
          runCount[d]++;
          runWidth[d] += m.width[i];
          runValue[d] += m.cum[i];
        } else {
          flush(d);
          runStart[d] = px;
          runEnd[d] = px + pw;
          runCount[d] = 1;
          runFirst[d] = i;
          runWidth[d] = m.width[i];
          runValue[d] = m.cum[i];
        }
        i = m.end[i];
        continue;
      }
      flush(d);
      if ((icicle && y >= H) || (!icicle && y + ROW <= 0)) {
        // Every descendant is further out of view.
        i = m.end[i];
        continue;
      }
      if (y + ROW > 0 && y < H) this.frame(i, px, pw, d, scrollTop, matched, diffScale);
      i++;
    }
    for (let d = 0; d < rows; d++) flush(d);
    this.drawOverlay();
    this.drawnCount = this.drawn.n;
    this.lastDrawMillis = performance.now() - t0;
    return this.lastDrawMillis;
  }

  private frame(i: number, px: number, pw: number, d: number, scrollTop: number, matched: Uint8Array | undefined, diffScale: number): void {
    const m = this.model!;
    const ctx = this.ctx;
    const pal = this.pal;
    const y = this.contentY(d) - scrollTop;
    if (y + ROW <= 0 || y >= this.viewH) return;
    const dim = matched !== undefined && matched[i] === 0;
    ctx.fillStyle = dim
      ? pal.dimFill
      : m.frame[i] === m.data.mergedFrame
        ? pal.merged
        : diffScale > 0
        ? diffColor(m.cum[i], diffScale, pal)
        : this.colors[m.framePackage[m.frame[i]]];
    const w = Math.max(pw - 1, 0.5);
    ctx.fillRect(px, y, w, ROW - 1);
    if (matched !== undefined && matched[i] === 1) {
      ctx.strokeStyle = pal.selection;
      ctx.lineWidth = 1;
      ctx.strokeRect(px + 0.5, y + 0.5, w - 1, ROW - 2);
    }
    if (m.inline[i]) {
      // Inlined frames: a marker stripe on the left and an italic label.
      ctx.fillStyle = pal.text;
      ctx.globalAlpha = 0.55;
      ctx.fillRect(px, y, Math.min(3, w), ROW - 1);
      ctx.globalAlpha = 1;
    }
    if (pw > this.charWidth * 3) {
      const name = m.name(i);
      const fit = Math.floor((pw - 8) / this.charWidth);
      const text = name.length <= fit ? name : fit > 1 ? name.slice(0, fit - 1) + '…' : '';
      if (text) {
        ctx.fillStyle = dim ? pal.dimText : pal.text;
        if (m.inline[i]) ctx.font = `italic 12px ${pal.font}`;
        ctx.fillText(text, px + 5, y + ROW / 2);
        if (m.inline[i]) ctx.font = `12px ${pal.font}`;
      }
    }
    this.record(i, px, w, d, 1, m.width[i], m.cum[i]);
  }

  private record(node: number, x: number, w: number, depth: number, count: number, width: number, value: number): void {
    const dr = this.drawn;
    if (dr.n === dr.node.length) {
      const grow = <T extends Int32Array | Float32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      dr.node = grow(dr.node);
      dr.x = grow(dr.x);
      dr.w = grow(dr.w);
      dr.depth = grow(dr.depth);
      dr.count = grow(dr.count);
      dr.width = grow(dr.width);
      dr.value = grow(dr.value);
    }
    const k = dr.n++;
    dr.node[k] = node;
    dr.x[k] = x;
    dr.w[k] = w;
    dr.depth[k] = depth;
    dr.count[k] = count;
    dr.width[k] = width;
    dr.value[k] = value;
  }

  /** The frame under canvas coordinates (CSS pixels), if any. */
  hit(mx: number, my: number): Hit | undefined {
    if (!this.model) return undefined;
    const cy = my + this.scroller.scrollTop;
    const row = Math.floor(cy / ROW);
    const d = this.view.icicle ? row : this.rows() - 1 - row;
    const dr = this.drawn;
    for (let k = dr.n - 1; k >= 0; k--) {
      if (dr.depth[k] === d && mx >= dr.x[k] && mx < dr.x[k] + Math.max(dr.w[k], 1)) {
        return { node: dr.node[k], merged: dr.count[k], width: dr.width[k], value: dr.value[k], x: dr.x[k], y: this.contentY(d) - this.scroller.scrollTop, w: dr.w[k] };
      }
    }
    return undefined;
  }

  /** Canvas rectangle (CSS pixels) of node i as last drawn, if it was drawn by itself. */
  rectOf(i: number): { x: number; y: number; w: number; h: number } | undefined {
    const dr = this.drawn;
    for (let k = 0; k < dr.n; k++) {
      if (dr.node[k] === i && dr.count[k] === 1) return { x: dr.x[k], y: this.contentY(dr.depth[k]) - this.scroller.scrollTop, w: dr.w[k], h: ROW - 1 };
    }
    return undefined;
  }

  /** Hover and selection outlines only (cheap: no frame is redrawn). */
  drawOverlay(): number {
    const t0 = performance.now();
    const o = this.octx;
    o.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    o.clearRect(0, 0, this.viewW, this.viewH);
    const outline = (i: number, color: string, width: number) => {
      if (i < 0) return;
      const r = this.rectOf(i);
      if (!r) return;
      o.strokeStyle = color;
      o.lineWidth = width;
      o.strokeRect(r.x + width / 2, r.y + width / 2, Math.max(r.w - width, 1), r.h - width);
    };
    outline(this.view.hovered, this.pal.text, 1);
    outline(this.view.selected, this.pal.selection, 2);
    return performance.now() - t0;
  }
}
