// Hover on an annotated line: its flat and cum (and % of total), its function's figures, the top
// callers and callees with their share (links to their source) and "inlined into …".
import * as vscode from 'vscode';
import type { CallShare, FileLineCost, SourceCosts } from '../../core/report/sourceCosts';
import type { SourceAnnotations } from './sourceAnnotations';
import { functionSummary } from './functionLens';

export const openSourceLocationCommand = 'pprofLens.openSourceLocation';

export class CostHover implements vscode.HoverProvider {
  constructor(private readonly annotations: SourceAnnotations) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const v = this.annotations.view(document);
    if (!v) return undefined;
    const lineNo = position.line + 1;
    const l = binarySearch(v.file.lines, lineNo);
    if (!l) return undefined;
    const c = v.costs;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [openSourceLocationCommand] };
    md.appendMarkdown(`**Pprof Lens** · ${esc(v.session.label)} · ${esc(c.sampleType.type)} (total ${esc(c.format(c.total))})\n\n`);
    md.appendMarkdown(`Line ${lineNo}: flat **${esc(c.formatOrDot(l.flat))}** (${esc(c.percent(l.flat))}) · cum **${esc(c.formatOrDot(l.cum))}** (${esc(c.percent(l.cum))})\n\n`);
    appendFunction(md, c, l);
    for (const o of l.others ?? []) {
      md.appendMarkdown(`Also on this line, \`${code(o.fn.name)}\`: flat ${esc(c.formatOrDot(o.flat))} · cum ${esc(c.formatOrDot(o.cum))}\n\n`);
    }
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }
}

function appendFunction(md: vscode.MarkdownString, c: SourceCosts, l: FileLineCost): void {
  const fn = l.fn;
  const calls = c.calls(fn);
  md.appendMarkdown(`\`${code(fn.name)}\`: ${esc(functionSummary(c, fn))}\n\n`);
  if (calls.inlinedInto.length > 0) {
    md.appendMarkdown(`Inlined into ${calls.inlinedInto.map((n) => `\`${code(n)}\``).join(', ')}\n\n`);
  }
  const list = (title: string, xs: CallShare[]) => {
    if (xs.length === 0) return;
    md.appendMarkdown(`${title}:\n`);
    for (const x of xs) {
      const share = `${(x.share * 100).toFixed(1)}%`;
      md.appendMarkdown(`- ${link(x)} ${esc(share)} (${esc(c.format(x.weight))})\n`);
    }
    md.appendMarkdown('\n');
  };
  list('Callers', calls.callers);
  list('Callees', calls.callees);
}

function link(x: CallShare): string {
  const label = esc(x.name);
  if (x.file === '') return label;
  const args = encodeURIComponent(JSON.stringify([x.file, x.line]));
  return `[${label}](command:${openSourceLocationCommand}?${args} "${esc(x.file)}:${x.line}")`;
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

/** Markdown-escapes untrusted text (function and file names come from the profile). */
function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~"&]/g, (ch) => '\\' + ch);
}

/** Text inside a code span: backticks cannot be escaped there, so replace them. */
function code(s: string): string {
  return s.replace(/`/g, "'");
}
