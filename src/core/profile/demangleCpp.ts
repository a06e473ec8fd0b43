// Itanium C++ demangling as pprof's symbolizer prints it by default (github.com/ianlancetaylor/demangle
// with NoParams, NoEnclosingParams and NoTemplateParams, as vendored in Go 1.27): the qualified name
// of a function or variable, without its parameters, template arguments, qualifiers or clone suffixes
// (`_ZNSt6vectorIiSaIiEE9push_backERKi` prints as `std::vector::push_back`). Profiles converted from
// perf.data (perf_to_profile) carry such mangled names. As Go without parameters, only the name is
// parsed (its template arguments' types too, so that a name Go would refuse is refused); what follows
// it is not read. Only a subset of the grammar is reproduced: nested and unscoped names, constructors, destructors, operators, `std::`,
// anonymous namespaces, template arguments of types and literals, substitutions as types. Anything
// else (local names, lambdas, special names such as vtables, ABI tags, expressions, conversion
// operators, substitutions inside a name) returns undefined: the caller then treats the name as Go
// would treat a name it cannot demangle, which differs from Go for those names.

/** The default-mode demangled name of a C++ symbol, or undefined (not mangled, or outside the subset). */
export function demangleCppDefault(name: string): string | undefined {
  if (!name.startsWith('_Z')) return undefined;
  const p = new CppParser(name, 2);
  try {
    return p.encoding();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

class Unsupported extends Error {}
const fail = (): never => {
  throw new Unsupported();
};

/** Two-letter operator codes and how Go prints them after "operator" (demangle.go's operators). */
const OPERATORS: Record<string, string> = {
  aN: '&=', aS: '=', aa: '&&', ad: '&', an: '&', cl: '()', cm: ',', co: '~', dV: '/=', da: 'delete[]', de: '*', dl: 'delete',
  dv: '/', eO: '^=', eo: '^', eq: '==', ge: '>=', gt: '>', ix: '[]', lS: '<<=', le: '<=', ls: '<<', lt: '<', mI: '-=',
  mL: '*=', mi: '-', ml: '*', mm: '--', na: 'new[]', ne: '!=', ng: '-', nt: '!', nw: 'new', oR: '|=', oo: '||', or: '|',
  pL: '+=', pl: '+', pm: '->*', pp: '++', ps: '+', pt: '->', rM: '%=', rS: '>>=', rm: '%', rs: '>>', ss: '<=>',
};

/** The standard abbreviations as a prefix: [name, name before a constructor or destructor]. */
const STD_ABBREVIATIONS: Record<string, [string, string]> = {
  a: ['allocator', 'allocator'],
  b: ['basic_string', 'basic_string'],
  s: ['string', 'basic_string'],
  i: ['istream', 'basic_istream'],
  o: ['ostream', 'basic_ostream'],
  d: ['iostream', 'basic_iostream'],
};

const MAX_DEPTH = 256;

const BUILTIN = new Set('vwbcahstijlmxynofdegz');
const BUILTIN_D = new Set('dfehisuacn'); // Dd Df De Dh Di Ds Du Da Dc Dn

class CppParser {
  i: number;
  /**
   * How many substitution candidates are known so far. Counted where Go surely adds one (name
   * prefixes, template prefixes, non-builtin types), never more than Go counts: a reference past it
   * is refused, so no index Go would refuse as out of range is accepted (some valid ones may be).
   */
  private subs = 0;
  /** Inside a literal template argument: its type is not counted. */
  private inLiteral = 0;
  private depth = 0;
  constructor(readonly s: string, start: number) {
    this.i = start;
  }

  private addSub(): void {
    if (this.inLiteral === 0) this.subs++;
  }

  private peek(k = 0): string {
    return this.s[this.i + k] ?? '';
  }

  private eat(c: string): boolean {
    if (this.s.startsWith(c, this.i)) {
      this.i += c.length;
      return true;
    }
    return false;
  }

  /**
   * <encoding> ::= <name> [<bare-function-type>]: the printed name. Without parameters (NoParams) Go
   * parses the name only: what follows it (parameter types, clone suffixes, `@@VERSION`) is not read.
   */
  encoding(): string {
    const c = this.peek();
    if (c === '' || c === 'T' || c === 'G' || c === 'Z') fail(); // special and local names
    return this.name();
  }

  private name(): string {
    const c = this.peek();
    if (c === 'N') return this.nestedName();
    if (c === 'S') {
      if (this.peek(1) !== 't') fail(); // a substitution as a name
      this.i += 2;
      const u = this.unqualifiedName(undefined);
      if (this.peek() === 'I') {
        this.addSub();
        this.templateArgs();
      }
      return 'std::' + u;
    }
    this.eat('L');
    const u = this.unqualifiedName(undefined);
    if (this.peek() === 'I') {
      this.addSub(); // the unscoped template name
      this.templateArgs();
    }
    return u;
  }

  /**
   * N [<CV-qualifiers>] [<ref-qualifier>] <prefix> <unqualified-name> E. `inType`: a type being
   * skipped, whose prefix may also start with a substitution or a template parameter.
   */
  private nestedName(inType = false): string {
    this.i++; // N
    while (this.peek() !== '' && 'rVK'.includes(this.peek())) this.i++;
    if (this.peek() === 'R' || this.peek() === 'O') this.i++;
    const parts: string[] = [];
    const abbr = this.peek() === 'S' ? STD_ABBREVIATIONS[this.peek(1)] : undefined;
    if (this.eat('St')) parts.push('std');
    else if (abbr) {
      // Sa Sb Ss Si So Sd: std::allocator … std::iostream; before a constructor or destructor the
      // long form (std::basic_string::basic_string), as Go prints them.
      this.i += 2;
      const long = this.peek() === 'C' || this.peek() === 'D';
      parts.push('std', long ? abbr[1] : abbr[0]);
    } else if (inType && this.peek() === 'S') {
      this.substitution();
      parts.push('?');
    }
    // Each prefix is a substitution candidate (and a type's whole name); the function's own name is not.
    const more = () => this.peek() !== 'E' || inType;
    while (!this.eat('E')) {
      if (this.i >= this.s.length) fail();
      const c = this.peek();
      if (c === 'I') {
        if (parts.length === 0) fail();
        this.templateArgs();
        if (more()) this.addSub();
        continue;
      }
      if (c === 'S' || c === 'T' || (c === 'D' && !'0125'.includes(this.peek(1))) || c === 'M' || c === 'B' || c === 'U') fail();
      this.eat('L');
      parts.push(this.unqualifiedName(parts[parts.length - 1]));
      if (this.peek() === 'I' || more()) this.addSub();
    }
    if (parts.length === 0) fail();
    return parts.join('::');
  }

  /**
   * A substitution (S_, S0_ …, Sa … Sd, St<name>), skipped; an index past the candidates counted so
   * far is refused. Template parameters (T_) are refused: in a name they refer to nothing yet.
   */
  private substitution(): void {
    this.i++; // S
    const d = this.peek();
    if (d === 't') {
      this.i++;
      this.unqualifiedName(undefined);
      this.addSub();
    } else if (d !== '' && 'absiod'.includes(d)) {
      this.i++;
    } else {
      const m = /^([0-9A-Z]*)_/.exec(this.s.slice(this.i));
      if (!m) fail();
      this.i += m![0].length;
      const index = m![1] === '' ? 0 : parseInt(m![1], 36) + 1;
      if (!Number.isSafeInteger(index) || index >= this.subs) fail();
    }
  }

  /** An unqualified name and its ABI tags (`B5cxx11`, printed `[abi:cxx11]`). */
  private unqualifiedName(last: string | undefined): string {
    let n = this.untaggedName(last);
    while (this.peek() === 'B') {
      this.i++;
      n += `[abi:${this.sourceName()}]`;
    }
    return n;
  }

  /** A source name, a constructor or destructor (named after `last`), or an operator. */
  private untaggedName(last: string | undefined): string {
    if (last !== undefined && last.includes('[abi:') && (this.peek() === 'C' || this.peek() === 'D')) fail();
    const c = this.peek();
    if (c >= '0' && c <= '9') return this.sourceName();
    if (c === 'C') {
      if (!'1235'.includes(this.peek(1)) || last === undefined) fail();
      this.i += 2;
      return last!;
    }
    if (c === 'D') {
      if (!'0125'.includes(this.peek(1)) || last === undefined) fail();
      this.i += 2;
      return '~' + last!;
    }
    const op = OPERATORS[this.s.slice(this.i, this.i + 2)];
    if (op === undefined) fail();
    this.i += 2;
    return 'operator' + (/^[a-z]/.test(op) ? ' ' : '') + op;
  }

  private number(): number {
    const m = /^\d+/.exec(this.s.slice(this.i));
    if (!m || (m[0].length > 1 && m[0][0] === '0')) fail();
    this.i += m![0].length;
    return Number(m![0]);
  }

  private sourceName(): string {
    const n = this.number();
    if (n === 0 || this.i + n > this.s.length) fail();
    const id = this.s.slice(this.i, this.i + n);
    this.i += n;
    if (/^_GLOBAL_[._$]N/.test(id)) return '(anonymous namespace)';
    return id;
  }

  /** I <template-arg>+ E */
  private templateArgs(): void {
    this.i++; // I
    if (this.peek() === 'E') fail();
    while (!this.eat('E')) {
      if (this.i >= this.s.length) fail();
      this.templateArg();
    }
  }

  private templateArg(): void {
    const c = this.peek();
    if (c === 'L') {
      this.i++;
      if (this.peek() === '_') fail(); // an external name
      this.inLiteral++;
      this.type();
      this.inLiteral--;
      const m = /^n?[0-9a-f]*E/.exec(this.s.slice(this.i));
      if (!m) fail();
      this.i += m![0].length;
      return;
    }
    if (c === 'J') {
      this.i++;
      while (!this.eat('E')) {
        if (this.i >= this.s.length) fail();
        this.templateArg();
      }
      return;
    }
    if (c === 'X') fail();
    this.type();
  }

  /** A type, parsed to its end and discarded (NoParams, NoTemplateParams print none). */
  type(): void {
    // Hostile names nest without end ("PPPP…", "IIII…"): refused beyond a depth no compiler writes.
    if (++this.depth > MAX_DEPTH) fail();
    try {
      this.typeBody();
    } finally {
      this.depth--;
    }
  }

  private typeBody(): void {
    const c = this.peek();
    if (c === '') fail();
    if (BUILTIN.has(c)) {
      this.i++;
      return;
    }
    switch (c) {
      case 'r':
      case 'V':
      case 'K':
        while (this.peek() !== '' && 'rVK'.includes(this.peek())) this.i++;
        this.type();
        this.addSub(); // the qualified type
        return;
      case 'P':
      case 'R':
      case 'O':
      case 'C':
      case 'G':
        this.i++;
        this.type();
        this.addSub();
        return;
      case 'u':
        this.i++;
        this.sourceName();
        return;
      case 'D': {
        const d = this.peek(1);
        if (BUILTIN_D.has(d)) {
          this.i += 2;
          return;
        }
        if (d === 'p') {
          this.i += 2;
          this.type();
          return;
        }
        if (d === 'F') {
          this.i += 2;
          this.number();
          if (!this.eat('_') && !this.eat('x')) fail();
          return;
        }
        return fail();
      }
      case 'F':
        this.i++;
        this.eat('Y');
        this.type(); // return type
        while (!this.eat('E')) {
          if (this.i >= this.s.length) fail();
          if ((this.peek() === 'R' || this.peek() === 'O') && this.peek(1) === 'E') {
            this.i++;
            continue;
          }
          this.type();
        }
        this.addSub();
        return;
      case 'A': {
        this.i++;
        if (this.peek() !== '_') this.number();
        if (!this.eat('_')) fail();
        this.type();
        this.addSub();
        return;
      }
      case 'M':
        this.i++;
        this.type();
        this.type();
        this.addSub();
        return;
      case 'S':
        this.substitution();
        if (this.peek() === 'I') {
          this.templateArgs();
          this.addSub();
        }
        return;
      case 'N':
        this.nestedName(true);
        return;
      default:
        if (c >= '0' && c <= '9') {
          this.sourceName();
          this.addSub();
          if (this.peek() === 'I') {
            this.templateArgs();
            this.addSub();
          }
          return;
        }
        return fail();
    }
  }
}
