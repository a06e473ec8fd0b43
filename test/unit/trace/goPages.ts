// Reading Go 1.27's `go tool trace` HTML pages in the tests, and Go's time.Duration.String.
export const unescapeHtml = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

function fmtFrac(v: number, prec: number): string {
  const p = 10 ** prec;
  const int = Math.floor(v / p);
  const frac = String(v % p).padStart(prec, '0').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : `${int}`;
}

/** Go's time.Duration.String for an integer number of nanoseconds. */
export function goDuration(ns: number): string {
  if (!Number.isInteger(ns)) throw new Error(`not an integer duration: ${ns}`);
  if (ns === 0) return '0s';
  const neg = ns < 0;
  const u = Math.abs(ns);
  let s: string;
  if (u < 1e3) s = `${u}ns`;
  else if (u < 1e6) s = `${fmtFrac(u, 3)}µs`;
  else if (u < 1e9) s = `${fmtFrac(u, 6)}ms`;
  else {
    const secs = Math.floor(u / 1e9);
    s = `${fmtFrac(u % 60e9, 9)}s`;
    const mins = Math.floor(secs / 60);
    if (mins > 0) {
      s = `${mins % 60}m${s}`;
      if (mins >= 60) s = `${Math.floor(mins / 60)}h${s}`;
    }
  }
  return neg ? `-${s}` : s;
}

/** The `<table class="details">` tables of a page: header cells and rows of cell texts (bar-graph cells dropped). */
export function detailTables(html: string): { headers: string[]; rows: string[][] }[] {
  const out: { headers: string[]; rows: string[][] }[] = [];
  for (const m of html.matchAll(/<table class="details">([\s\S]*?)<\/table>/g)) {
    const body = m[1];
    const headers = [...body.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((h) => unescapeHtml(h[1].trim()));
    const rows: string[][] = [];
    for (const tr of body.split(/<tr>/).slice(1)) {
      const cells = [...tr.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => c[1]).filter((c) => !c.includes('stacked-bar-graph'));
      if (cells.length === 0) continue;
      rows.push(cells.map((c) => unescapeHtml(c.replace(/<[^>]*>/g, '').trim())));
    }
    out.push({ headers, rows });
  }
  return out;
}
