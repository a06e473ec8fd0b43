// -list (report.printSource): annotated source of the functions matching the regexp.
// Source files are read through the host's SourceReader; lookup candidates follow pprof's
// openSourceFile (trim_path, then each -source_path dir and its parents; default the cwd).
import type { Node } from '../graph/graph';
import { sortNodes } from '../graph/graph';
import { percentage } from '../measurement/measurement';
import { padLeft } from '../measurement/goFloatFormat';
import { ProfileError } from '../profile/profileError';
import type { Report } from './report';
import { OutputBuffer } from './outputBuffer';
import type { SourceReader } from './reportOptions';
import { splitList, trimPath } from './trimPath';
import { cleanPath } from '../graph/goPath';

export interface ListEnv {
  readSource: SourceReader;
  /** The directory pprof would search by default (its working directory). */
  cwd?: string;
}

export function printSource(rpt: Report, env: ListEnv): string {
  const o = rpt.options;
  const g = rpt.graphSource(false, true).build();
  const rx = o.symbol!;
  const functions: Node[] = [];
  const functionNodes = new Map<string, Node[]>();
  for (const n of g.nodes) {
    if (!rx.match(n.info.name)) continue;
    let list = functionNodes.get(n.info.name);
    if (!list) {
      functions.push(n);
      functionNodes.set(n.info.name, (list = []));
    }
    list.push(n);
  }
  sortNodes(functions, 'name');
  if (functionNodes.size === 0) throw new ProfileError(`no matches found for regexp: ${rx.source}`);

  const sourcePath = o.sourcePath !== '' ? o.sourcePath : env.cwd ?? '';
  const reader = new SourceLines(env.readSource, sourcePath, o.trimPath);
  const out = new OutputBuffer();
  out.push(`Total: ${rpt.formatValue(rpt.total)}\n`);
  for (const fn of functions) {
    const name = fn.info.name;
    const sourceFiles: Node[] = [];
    const fileNodes = new Map<string, Node[]>();
    for (const n of functionNodes.get(name)!) {
      if (n.info.file === '') continue;
      let list = fileNodes.get(n.info.file);
      if (!list) {
        sourceFiles.push(n);
        fileNodes.set(n.info.file, (list = []));
      }
      list.push(n);
    }
    if (sourceFiles.length === 0) {
      out.push(`No source information for ${name}\n`);
      continue;
    }
    sortNodes(sourceFiles, 'file');
    for (const fl of sourceFiles) {
      const filename = fl.info.file;
      const fns = fileNodes.get(filename)!;
      let flatSum = 0;
      let cumSum = 0;
      for (const n of fns) {
        flatSum += n.flat;
        cumSum += n.cum;
      }
      const r = sourceFromFile(filename, reader, fns);
      out.push(`ROUTINE ======================== ${name} in ${filename}\n`);
      out.push(`${padLeft(rpt.formatValue(flatSum), 10)} ${padLeft(rpt.formatValue(cumSum), 10)} (flat, cum) ${percentage(cumSum, rpt.total)} of Total\n`);
      if (r.error) {
        out.push(` Error: ${r.error}\n`);
        continue;
      }
      for (const l of r.lines) {
        out.push(`${padLeft(valueOrDot(l.flat, rpt), 10)} ${padLeft(valueOrDot(l.cum, rpt), 10)} ${padLeft(String(l.lineno), 6)}:${l.text}\n`);
      }
    }
  }
  return out.toString();
}

function valueOrDot(v: number, rpt: Report): string {
  return v === 0 ? '.' : rpt.formatValue(v);
}

interface SourceLine {
  lineno: number;
  text: string;
  flat: number;
  cum: number;
}

/** report.getSourceFromFile with start = end = 0. */
function sourceFromFile(file: string, reader: SourceLines, fns: Node[]): { lines: SourceLine[]; error?: string } {
  const margin = 5;
  const lineNodes = new Map<number, Node[]>();
  let start = fns[0].info.startLine !== 0 ? fns[0].info.startLine : fns[0].info.lineno - margin;
  let end = fns[0].info.lineno + margin;
  for (const n of fns) {
    const lineno = n.info.lineno;
    const nodeStart = n.info.startLine !== 0 ? n.info.startLine : lineno - margin;
    const nodeEnd = lineno + margin;
    if (nodeStart < start) start = nodeStart;
    else if (nodeEnd > end) end = nodeEnd;
    let l = lineNodes.get(lineno);
    if (!l) lineNodes.set(lineno, (l = []));
    l.push(n);
  }
  if (start < 1) start = 1;
  const lines: SourceLine[] = [];
  for (let lineno = start; lineno <= end; lineno++) {
    const text = reader.line(file, lineno);
    if (text === undefined) break;
    let flat = 0;
    let cum = 0;
    for (const n of lineNodes.get(lineno) ?? []) {
      flat += n.flat;
      cum += n.cum;
    }
    lines.push({ lineno, text, flat, cum });
  }
  const error = reader.error(file);
  if (error) return { lines: [], error };
  return { lines };
}

/** report.sourceReader: cached file lines, with pprof's lookup rules and error texts. */
class SourceLines {
  private readonly files = new Map<string, string[]>();
  private readonly errors = new Map<string, string>();

  constructor(
    private readonly read: SourceReader,
    private readonly searchPath: string,
    private readonly trim: string,
  ) {}

  error(path: string): string | undefined {
    return this.errors.get(path);
  }

  line(path: string, lineno: number): string | undefined {
    let lines = this.files.get(path);
    if (!lines) {
      lines = [''];
      const r = this.open(path);
      if (r.text === undefined) this.errors.set(path, r.error!);
      else lines.push(...scanLines(r.text));
      this.files.set(path, lines);
    }
    if (lineno <= 0 || lineno >= lines.length) return undefined;
    return lines[lineno];
  }

  /** openSourceFile. */
  private open(path: string): { text?: string; error?: string } {
    path = trimPath(path, this.trim, this.searchPath);
    if (path.startsWith('/')) {
      const text = this.read(path);
      return text !== undefined ? { text } : { error: `open ${path}: no such file or directory` };
    }
    if (this.searchPath === '') {
      // No search path known (host gave no cwd): let the host resolve the relative path itself.
      const text = this.read(path);
      return text !== undefined ? { text } : { error: `could not find file ${path} on path ${this.searchPath}` };
    }
    for (let dir of splitList(this.searchPath)) {
      for (;;) {
        const text = this.read(joinPath(dir, path));
        if (text !== undefined) return { text };
        const parent = dirName(dir);
        if (parent === dir) break;
        dir = parent;
      }
    }
    return { error: `could not find file ${path} on path ${this.searchPath}` };
  }
}

/** bufio.ScanLines: split on \n, drop one trailing \r per line, no empty last line. */
function scanLines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** filepath.Join. */
function joinPath(a: string, b: string): string {
  if (a === '') return b === '' ? '' : cleanPath(b);
  return cleanPath(a + '/' + b);
}

/** filepath.Dir. */
function dirName(p: string): string {
  const i = p.lastIndexOf('/');
  return cleanPath(i < 0 ? '.' : p.slice(0, i + 1));
}
