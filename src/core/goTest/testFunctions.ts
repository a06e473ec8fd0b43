// The tests and benchmarks `go test` would run from one _test.go file, found in its text: top-level
// `func TestXxx(t *testing.T)` and `func BenchmarkXxx(b *testing.B)`, where Xxx does not start with
// a lower-case letter (cmd/go's isTest: "Test" alone counts, "Testing" does not). Comments and
// string literals are masked first, so a `func Test…` inside a raw string or block comment is not one.

export type TestFunctionKind = 'test' | 'benchmark';

export interface TestFunction {
  name: string;
  kind: TestFunctionKind;
  /** 0-based line of the `func` keyword. */
  line: number;
  /** 0-based column range of the name on that line. */
  nameStart: number;
  nameEnd: number;
  /** 0-based last line of the function (its closing brace at column 0, as gofmt writes it). */
  endLine: number;
}

/** Every test and benchmark function of a Go source file, in source order. */
export function findTestFunctions(source: string): TestFunction[] {
  const masked = maskCommentsAndStrings(source);
  const testing = testingPackageNames(source);
  const lines = masked.split('\n');
  const found: TestFunction[] = [];
  const decl = /^func\s+((Test|Benchmark)([\p{L}\p{N}_]*))\s*\(\s*(?:[\p{L}_][\p{L}\p{N}_]*\s+)?\*\s*(?:([\p{L}_][\p{L}\p{N}_]*)\s*\.\s*)?(T|B)\s*\)/u;
  for (let i = 0; i < lines.length; i++) {
    const m = decl.exec(lines[i]);
    if (!m) continue;
    const [, name, prefix, rest, pkg, type] = m;
    const kind: TestFunctionKind = prefix === 'Test' ? 'test' : 'benchmark';
    if ((kind === 'test') !== (type === 'T')) continue;
    if (!testing.has(pkg ?? '.')) continue;
    if (rest !== '' && /^\p{Ll}/u.test(rest)) continue;
    const nameStart = lines[i].indexOf(name, 4);
    found.push({ name, kind, line: i, nameStart, nameEnd: nameStart + name.length, endLine: endOfFunction(lines, i) });
  }
  return found;
}

/** The test function whose lines hold `line` (0-based), if any. */
export function testFunctionAt(functions: readonly TestFunction[], line: number): TestFunction | undefined {
  return functions.find((f) => line >= f.line && line <= f.endLine);
}

/** The line of the first `}` at column 0 after `start`, else the line before the next top-level declaration. */
function endOfFunction(lines: readonly string[], start: number): number {
  if (/\{.*\}\s*$/.test(lines[start])) return start; // func TestX(t *testing.T) { … } on one line
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i].startsWith('}')) return i;
    if (/^(func|type|var|const|import)\b/.test(lines[i])) return i - 1;
  }
  return lines.length - 1;
}

/**
 * The names under which the file imports "testing": "testing", an alias, or "." for a dot import.
 * Read from the unmasked text (the path is a string literal); with no import seen, "testing".
 */
function testingPackageNames(source: string): Set<string> {
  const names = new Set<string>();
  const re = /^\s*(?:import\s*\(?\s*)?([\p{L}_][\p{L}\p{N}_]*|\.)?\s*"testing"/gmu;
  for (let m = re.exec(source); m; m = re.exec(source)) names.add(m[1] ?? 'testing');
  if (names.size === 0) names.add('testing');
  return names;
}

/**
 * The source with the contents of comments, string and rune literals replaced by spaces, line breaks
 * kept: line and column numbers stay those of the original.
 */
export function maskCommentsAndStrings(source: string): string {
  const out: string[] = [];
  let i = 0;
  const n = source.length;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) out.push(source[k] === '\n' ? '\n' : ' ');
  };
  while (i < n) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '`') {
      const end = source.indexOf('`', i + 1);
      const stop = end < 0 ? n : end + 1;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      let k = i + 1;
      while (k < n && source[k] !== c && source[k] !== '\n') k += source[k] === '\\' ? 2 : 1;
      const stop = Math.min(n, source[k] === c ? k + 1 : k);
      blank(i, stop);
      i = stop;
    } else {
      out.push(c);
      i++;
    }
  }
  return out.join('');
}
