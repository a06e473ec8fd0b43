// Frame colours: a hue per Go package (stable across profiles: hashed from the package name), with
// lightness and text colour chosen for the VS Code theme kind (light, dark, high contrast) so
// labels stay readable; comparisons are coloured by growth (red) and shrinkage (green) instead.

export type ThemeKind = 'light' | 'dark' | 'hc-dark' | 'hc-light';

export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'hc-light';
  if (c.contains('vscode-high-contrast')) return 'hc-dark';
  if (c.contains('vscode-light')) return 'light';
  return 'dark';
}

export interface Palette {
  kind: ThemeKind;
  text: string;
  /** Text on dimmed (not matching a search) frames. */
  dimText: string;
  dimFill: string;
  border: string;
  merged: string;
  highlight: string;
  selection: string;
  background: string;
  font: string;
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export function palette(): Palette {
  const kind = themeKind();
  const light = kind === 'light' || kind === 'hc-light';
  const hc = kind === 'hc-dark' || kind === 'hc-light';
  return {
    kind,
    text: light ? '#1e1e1e' : '#f0f0f0',
    dimText: light ? '#6e6e6e' : '#9d9d9d',
    dimFill: light ? '#e4e4e4' : '#3a3a3a',
    border: hc ? cssVar('--vscode-contrastBorder', light ? '#0f4a85' : '#6fc3df') : light ? '#ffffff' : '#1e1e1e',
    merged: light ? '#c8c8c8' : '#555555',
    highlight: cssVar('--vscode-editor-findMatchHighlightBackground', '#ea5c0055'),
    selection: cssVar('--vscode-focusBorder', '#007fd4'),
    background: cssVar('--vscode-editor-background', light ? '#ffffff' : '#1e1e1e'),
    font: cssVar('--vscode-editor-font-family', 'monospace'),
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Fill colour of each package (index-aligned with packages). */
export function packageColors(packages: string[], p: Palette): string[] {
  const light = p.kind === 'light' || p.kind === 'hc-light';
  return packages.map((pkg) => {
    const h = hash(pkg);
    // Go runtime frames in a neutral warm tone, main and user code in saturated hues.
    const hue = pkg === 'runtime' ? 30 : h % 360;
    const sat = 45 + (h >>> 9) % 25;
    const lig = light ? 72 + ((h >>> 17) % 12) : 30 + ((h >>> 17) % 10);
    return `hsl(${hue} ${sat}% ${lig}%)`;
  });
}

/** Comparison colour: red for growth, green for shrinkage, stronger with the change's size. */
export function diffColor(delta: number, scale: number, p: Palette): string {
  const light = p.kind === 'light' || p.kind === 'hc-light';
  const t = scale > 0 ? Math.min(1, Math.sqrt(Math.abs(delta) / scale)) : 0;
  const hue = delta > 0 ? 0 : delta < 0 ? 130 : 220;
  const sat = delta === 0 ? 5 : 25 + 55 * t;
  const lig = light ? 88 - 30 * t : 24 + 14 * t;
  return `hsl(${hue} ${sat}% ${lig}%)`;
}
