// The editor decorations of the source annotations: the figures after each line (one decoration
// type; the text is per line) and the heat — whole-line background, overview-ruler mark and gutter
// bar — in heatLevels steps of cum. Colours are contributed (package.json contributes.colors),
// so themes can override them; the gutter bar is an SVG per level and theme kind.
import * as vscode from 'vscode';
import type { FileAnnotations, LineAnnotation } from '../../core/report/lineAnnotations';
import { heatLevels, placeAnnotations, visualWidth, type AnnotationAlignment } from './annotationLayout';

const gutterColor = { dark: '#ff8c42', light: '#d9480f' };

function gutterIcon(level: number, kind: 'dark' | 'light'): vscode.Uri {
  const opacity = (0.25 + (0.75 * level) / heatLevels).toFixed(2);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">` +
    `<rect x="2" y="0" width="4" height="16" fill="${gutterColor[kind]}" fill-opacity="${opacity}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`);
}

export class AnnotationDecorations implements vscode.Disposable {
  private readonly figures = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('pprofLens.annotationForeground'), fontStyle: 'normal', fontWeight: 'normal' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  /** Figures of code that changed since the profile: dimmed, italic, no heat (the hover says why). */
  private readonly staleFigures = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('pprofLens.staleAnnotationForeground'), fontStyle: 'italic', fontWeight: 'normal' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly heat: vscode.TextEditorDecorationType[] = [];

  constructor() {
    for (let level = 1; level <= heatLevels; level++) {
      this.heat.push(
        vscode.window.createTextEditorDecorationType({
          isWholeLine: true,
          backgroundColor: new vscode.ThemeColor(`pprofLens.heat${level}Background`),
          overviewRulerColor: new vscode.ThemeColor(`pprofLens.heat${level}Ruler`),
          overviewRulerLane: vscode.OverviewRulerLane.Right,
          dark: { gutterIconPath: gutterIcon(level, 'dark'), gutterIconSize: 'contain' },
          light: { gutterIconPath: gutterIcon(level, 'light'), gutterIconSize: 'contain' },
          rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        }),
      );
    }
  }

  /** Draws `ann` on the editor (replacing what was there), and `stale` figures dimmed at their profile lines. */
  apply(editor: vscode.TextEditor, ann: FileAnnotations, stale: readonly { annotation: LineAnnotation }[] = []): number {
    const doc = editor.document;
    const tabSize = typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 4;
    const alignment = vscode.workspace.getConfiguration('pprofLens', doc.uri).get<AnnotationAlignment>('annotations.alignment', 'function');
    const placed = placeAnnotations(ann, (i) => (i < doc.lineCount ? visualWidth(doc.lineAt(i).text, tabSize) : -1), alignment);
    const figures: vscode.DecorationOptions[] = [];
    const heat: vscode.Range[][] = Array.from({ length: heatLevels }, () => []);
    // A comparison (signed values) shows growth in red and shrink in green.
    const signed = ann.lines.some((l) => l.cost.cum < 0 || l.cost.flat < 0);
    const deltaColor = (i: number): vscode.ThemeColor | undefined => {
      const c = ann.lines[i]?.cost;
      if (!signed || !c) return undefined;
      const v = c.cum !== 0 ? c.cum : c.flat;
      return v > 0 ? new vscode.ThemeColor('pprofLens.deltaGrowthForeground') : v < 0 ? new vscode.ThemeColor('pprofLens.deltaShrinkForeground') : undefined;
    };
    for (const p of placed) {
      const end = doc.lineAt(p.line).range.end;
      const range = new vscode.Range(end, end);
      figures.push({
        range,
        renderOptions: {
          after: {
            contentText: p.text,
            color: deltaColor(p.index) ?? (p.level >= heatLevels - 1 ? new vscode.ThemeColor('pprofLens.hotAnnotationForeground') : undefined),
          },
        },
      });
      if (p.level > 0) heat[p.level - 1].push(new vscode.Range(p.line, 0, p.line, 0));
    }
    editor.setDecorations(this.figures, figures);
    const taken = new Set(placed.map((p) => p.line));
    const staleFigures: vscode.DecorationOptions[] = [];
    for (const { annotation: a } of stale) {
      const line = a.line - 1;
      if (line < 0 || line >= doc.lineCount || taken.has(line)) continue;
      taken.add(line);
      const end = doc.lineAt(line).range.end;
      staleFigures.push({
        range: new vscode.Range(end, end),
        renderOptions: { after: { contentText: '\u00a0\u00a0\u00a0' + a.flatText + ' · ' + a.cumText + ' · stale' } },
      });
    }
    editor.setDecorations(this.staleFigures, staleFigures);
    for (let l = 0; l < heatLevels; l++) editor.setDecorations(this.heat[l], heat[l]);
    return placed.length;
  }

  clear(editor: vscode.TextEditor): void {
    editor.setDecorations(this.figures, []);
    editor.setDecorations(this.staleFigures, []);
    for (const t of this.heat) editor.setDecorations(t, []);
  }

  dispose(): void {
    this.figures.dispose();
    this.staleFigures.dispose();
    for (const t of this.heat) t.dispose();
  }
}
