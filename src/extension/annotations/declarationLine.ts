// Where a profiled function is declared in the source as it is now (pure: no vscode, no fs). Go 1.20+
// profiles carry the function's start line; older ones do not, and the source may have changed since
// the profile was taken, so the declaration is looked up by the function's own name first (a plain
// function or a method with its receiver type), nearest to its first line with samples; closures and
// names that cannot be matched fall back to the nearest `func` above that line.

export interface DeclaredFunction {
  /** pprof's function name, e.g. "main.spin", "example.com/x.(*Server).Handle", "main.run.func1". */
  name: string;
  /** First line of the function from the profile (1-based; 0 when the profile does not say). */
  startLine: number;
  /** Lowest line with samples (1-based). */
  firstLine: number;
}

/** A regexp matching the line that declares `name` (pprof's spelling), or undefined for closures. */
export function declarationPattern(name: string): RegExp | undefined {
  // Generic instantiations: "Map[...]", "pdqsortCmpFunc[go.shape.*uint8]" (shapes may hold '/' and '.').
  let plain = name;
  for (let prev = ''; prev !== plain; ) [prev, plain] = [plain, plain.replace(/\[[^[\]]*\]/g, '')];
  const base = plain.slice(plain.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  if (dot < 0) return undefined;
  const rest = base.slice(dot + 1);
  const method = /^\(\*?([A-Za-z_]\w*)\)\.([A-Za-z_]\w*)$/.exec(rest) ?? /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(rest);
  if (method && !/^func\d+$/.test(method[2])) {
    const [, type, fn] = method;
    // func (s *Server) Handle(   func (Server) Handle(   func (s *Server[T]) Handle[
    return new RegExp(`^\\s*func\\s*\\(\\s*(?:[A-Za-z_]\\w*\\s+)?\\*?\\s*${type}\\b[^)]*\\)\\s*${fn}\\s*[[(]`);
  }
  if (/^[A-Za-z_]\w*$/.test(rest)) return new RegExp(`^\\s*func\\s+${rest}\\s*[[(]`);
  return undefined; // closures (main.run.func1), init.0, …
}

/** 0-based line of the function's `func` in a document of `lineCount` lines read by `lineAt`. */
export function declarationLine(fn: DeclaredFunction, lineCount: number, lineAt: (i: number) => string): number {
  if (fn.startLine > 0 && fn.startLine <= lineCount) return fn.startLine - 1;
  const first = Math.min(Math.max(fn.firstLine, 1), lineCount) - 1;
  const byName = declarationPattern(fn.name);
  if (byName) {
    // The declaration at or above the first sampled line, else the nearest one anywhere (moved code).
    let best = -1;
    for (let i = 0; i < lineCount; i++) {
      if (!byName.test(lineAt(i))) continue;
      const better = best < 0 || (i <= first ? best > first || i > best : best > first && i - first < best - first);
      if (better) best = i;
    }
    if (best >= 0) return best;
  }
  for (let i = first; i >= 0 && i > first - 400; i--) {
    if (/^\s*func\b|\bfunc\s*\(/.test(lineAt(i))) return i;
  }
  return first;
}
