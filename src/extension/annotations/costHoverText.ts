// The cost hover's Markdown, as a string (pure: no VS Code API, so it is tested on its own): the line's
// flat and cum (and % of total), its function's figures, the top callers and callees with their share
// (command links to their source) and "inlined into …". Every name, file and label comes from the
// profile, which anyone can write: each is escaped (markdownText, markdownCode), so the only links in the
// hover are the ones built here, running openSourceLocationCommand (the one command the hover enables).
import { commandUri, markdownCode, markdownText as esc } from '../../core/text/untrustedText';
import type { CallShare, FileCosts, FileLineCost, FunctionCost, SourceCosts } from '../../core/report/sourceCosts';

/** The command behind the hover's caller and callee links: (file, line) → that line in an editor. */
export const openSourceLocationCommand = 'pprofLens.openSourceLocation';

/** The command of the stale figures' link: (local path) → the file at the profile's commit, annotated. */
export const openProfiledSourceCommand = 'pprofLens.openProfiledSource';

/** The commands the hover's Markdown may run (its isTrusted.enabledCommands): none other. */
export const costHoverCommands: readonly string[] = [openSourceLocationCommand, openProfiledSourceCommand];

/** `-list` ROUTINE figures of a function: "flat 190ms (27.54%) · cum 190ms (27.54%)". */
export function functionSummary(costs: SourceCosts, fn: FunctionCost): string {
  return `flat ${costs.format(fn.flat)} (${costs.percent(fn.flat)}) · cum ${costs.format(fn.cum)} (${costs.percent(fn.cum)})`;
}

/**
 * The hover of 1-based line `lineNo` of `file` in the profile labelled `label`, as Markdown; undefined
 * when the line has no samples. Safe to render with only costHoverCommands enabled and no HTML.
 */
export function costHoverMarkdown(
  label: string,
  c: SourceCosts,
  file: FileCosts,
  lineNo: number,
  where: { shownAt?: number; stale?: string; profiledAt?: { path: string; commit: string } } = {},
): string | undefined {
  const l = binarySearch(file.lines, lineNo);
  if (!l) return undefined;
  let md = `**Pprof Lens** · ${esc(label)} · ${esc(c.sampleType.type)} (total ${esc(c.format(c.total))})\n\n`;
  if (where.stale !== undefined) {
    md += `**Stale:** these figures are of line ${lineNo} as it was profiled, not of the code here now: ${esc(where.stale)}.\n\n`;
    if (where.profiledAt) {
      md += `[Open the file at commit ${esc(where.profiledAt.commit.slice(0, 7))}](${commandUri(openProfiledSourceCommand, [where.profiledAt.path])}), with these figures on the code they measured.\n\n`;
    }
  } else if (where.shownAt !== undefined && where.shownAt !== lineNo) {
    md += `Line ${lineNo} in the profile: its function moved by ${esc(String(where.shownAt - lineNo))} line(s) since, and these figures with it.\n\n`;
  }
  md += `Line ${lineNo}: flat **${esc(c.formatOrDot(l.flat))}** (${esc(c.percent(l.flat))}) · cum **${esc(c.formatOrDot(l.cum))}** (${esc(c.percent(l.cum))})\n\n`;
  md += functionPart(c, l);
  for (const o of l.others ?? []) {
    md += `Also on this line, ${markdownCode(o.fn.name)}: flat ${esc(c.formatOrDot(o.flat))} · cum ${esc(c.formatOrDot(o.cum))}\n\n`;
  }
  return md;
}

function functionPart(c: SourceCosts, l: FileLineCost): string {
  const fn = l.fn;
  const calls = c.calls(fn);
  let md = `${markdownCode(fn.name)}: ${esc(functionSummary(c, fn))}\n\n`;
  if (calls.inlinedInto.length > 0) {
    md += `Inlined into ${calls.inlinedInto.map((n) => markdownCode(n)).join(', ')}\n\n`;
  }
  const list = (title: string, xs: CallShare[]) => {
    if (xs.length === 0) return;
    md += `${title}:\n`;
    for (const x of xs) {
      const share = `${(x.share * 100).toFixed(1)}%`;
      md += `- ${link(x)} ${esc(share)} (${esc(c.format(x.weight))})\n`;
    }
    md += '\n';
  };
  list('Callers', calls.callers);
  list('Callees', calls.callees);
  return md;
}

function link(x: CallShare): string {
  const label = esc(x.name);
  if (x.file === '') return label;
  return `[${label}](${commandUri(openSourceLocationCommand, [x.file, x.line])} "${esc(x.file)}:${x.line}")`;
}

function binarySearch(lines: FileLineCost[], line: number): FileLineCost | undefined {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = lines[mid].line;
    if (v === line) return lines[mid];
    if (v < line) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
