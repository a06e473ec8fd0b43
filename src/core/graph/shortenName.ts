// graph.ShortenFunctionName: drop package paths (Go), packages (Java) and namespaces (C++) from
// function names for graph labels. The patterns are pprof's; they use only constructs whose
// JS RegExp semantics equal Go RE2's (ASCII \w, leftmost-first), with [^\n] for Go's ".".
const javaRegExp = /^(?:[a-z]\w*\.)*([A-Z][\w$]*\.(?:<init>|[a-z][\w$]*(?:\$\d+)?))(?:(?:\()|$)/;
// Go 1.27's pprof: the kept part must hold a '.' ("foo/xyz" stays whole; "a/b.F[...]" -> "b.F[...]").
const goRegExp = /^(?:[\w\-.]+\/)+([^.]+\.[^\n]+)/;
const goVerRegExp = /^([^\n]*?)\/v(?:[2-9]|[1-9][0-9]+)([./][^\n]*)$/;
const cppRegExp = /^(?:[_a-zA-Z]\w*::)+(_*[A-Z]\w*::~?[_a-zA-Z]\w*(?:<[^\n]*>)?)/;
const cppAnonymousPrefixRegExp = /^\(anonymous namespace\)::/;

export function shortenFunctionName(f: string): string {
  f = f.replace(cppAnonymousPrefixRegExp, '');
  f = f.replace(goVerRegExp, '$1$2');
  for (const re of [goRegExp, javaRegExp, cppRegExp]) {
    const m = re.exec(f);
    if (m && m.length >= 2) return m.slice(1).map((x) => x ?? '').join('');
  }
  return f;
}
