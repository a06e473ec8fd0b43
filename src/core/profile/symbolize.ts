// pprof's name simplification step. `go tool pprof` runs its symbolizer over every profile it reads
// (driver/fetch.go: after the merge and the bases, before drop_frames), and the symbolizer ends with
// `Demangle` (internal/symbolizer/symbolizer.go of the pprof vendored in Go 1.27): a function whose
// name looks like C++ or Rust (templates, `::`, parameter lists) is shortened, the full name staying
// as its system name. That changes Rust names (`<a::B as c::D>::trace` prints as `::trace`) and Go
// generic instantiations whose shapes hold parameter lists (`f[go.shape.interface { M() error }]`
// becomes `f[go.shape.interface { M error }]`). `-symbolize=none` turns it off.
//
// Reproduced here: the mode parsing of `Symbolizer.Symbolize`, `Demangle` with its force step,
// `demangleSingleFunction` (the `_` retry, the heuristics `looksLikeDemangledCPlusPlus` and
// `removeMatching`), and from github.com/ianlancetaylor/demangle the old Rust scheme
// (`_ZN…17h<hash>E`, `oldRustToString`) and, in the default mode, the Itanium C++ names of the subset
// demangleCpp.ts reproduces. Not reproduced: other C++ names (lambdas, local names, vtables, …), C++
// in the `templates` and `full` modes, the Rust v0 scheme (`_R…`): those are left as they are; and
// local/remote symbolization from binaries (Pprof Lens never runs binutils or posts to symbolz).
import type { Profile, Function } from './profile';
import { demangleCppDefault } from './demangleCpp';

/** How a `-symbolize` value asks for names to be demangled. */
export interface SymbolizeMode {
  /** `none`/`no`: pprof returns before demangling; names are used as they are. */
  off: boolean;
  /** `:force`, or any `demangle=` choice: names already demangled are reset to their system names first. */
  force: boolean;
  /** pprof's demanglerMode: '' (default: no parameters, no templates), 'templates', 'full', 'none'. */
  demangler: '' | 'templates' | 'full' | 'none';
  /** pprof's two stderr lines for an option it does not know (printed, then the rest applies). */
  warnings: string[];
}

/**
 * Parses a `-symbolize` value as `Symbolizer.Symbolize` does: options separated by `:`, lower-cased;
 * `none`/`no` stops everything (even after an unknown option, whose warnings are still given).
 */
export function parseSymbolizeMode(mode: string): SymbolizeMode {
  const out: SymbolizeMode = { off: false, force: false, demangler: '', warnings: [] };
  for (const o of goToLower(mode).split(':')) {
    switch (o) {
      case '':
      case 'local':
      case 'fastlocal':
      case 'remote':
        continue; // which symbolizers run: none runs here (no binutils, no symbolz)
      case 'none':
      case 'no':
        out.off = true;
        return out;
      case 'force':
        out.force = true;
        continue;
      default: {
        const d = o.startsWith('demangle=') ? o.slice('demangle='.length) : o;
        if (d === 'full' || d === 'none' || d === 'templates') {
          out.demangler = d;
          out.force = true;
          continue;
        }
        if (d === 'default') continue;
        out.warnings.push(
          'ignoring unrecognized symbolization option: ' + mode,
          'expecting -symbolize=[local|fastlocal|remote|none][:force][:demangle=[none|full|templates|default]',
        );
      }
    }
  }
  return out;
}

/** Go's strings.ToLower on the ASCII a flag value holds (non-ASCII letters are left as they are). */
function goToLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/**
 * pprof's symbolization step as far as it changes a symbolized profile: the names of p's functions
 * demangled and simplified per `mode` (a `-symbolize` value; '' is pprof's default). Modifies p's
 * functions in place (the caller owns p); unknown options are reported through `warn`, once per line.
 */
export function symbolizeNames(p: Profile, mode = '', warn?: (line: string) => void): void {
  const m = parseSymbolizeMode(mode);
  if (warn) for (const w of m.warnings) warn(w);
  if (m.off) return;
  demangleProfile(p, m.force, m.demangler);
}

/** symbolizer.Demangle: force resets names to system names; then each function is demangled. */
export function demangleProfile(p: Profile, force: boolean, demangler: SymbolizeMode['demangler']): void {
  if (force) {
    for (const f of p.function) if (f.name !== '' && f.systemName !== '') f.name = f.systemName;
  }
  const opts = demanglerOptions(demangler);
  if (opts.length === 0) return;
  const noParams = opts.includes('NoParams');
  const noTemplates = opts.includes('NoTemplateParams');
  for (const f of p.function) demangleFunction(f, noParams, noTemplates);
}

type DemangleOption = 'NoParams' | 'NoEnclosingParams' | 'NoTemplateParams' | 'NoClones';

/** symbolizer.demanglerModeToOptions, in the same order (the heuristics apply them in it). */
function demanglerOptions(mode: SymbolizeMode['demangler']): DemangleOption[] {
  switch (mode) {
    case '':
      return ['NoParams', 'NoEnclosingParams', 'NoTemplateParams'];
    case 'templates':
      return ['NoParams', 'NoEnclosingParams'];
    case 'full':
      return ['NoClones'];
    case 'none':
      return [];
  }
}

/** symbolizer.demangleSingleFunction. */
function demangleFunction(fn: Function, noParams: boolean, noTemplates: boolean): void {
  if (fn.name !== '' && fn.systemName !== fn.name) return; // already demangled
  const sys = fn.systemName;
  const cpp = noParams && noTemplates; // the mode whose C++ output demangleCpp.ts reproduces
  const d = demangleFilter(sys, cpp);
  if (d !== undefined) {
    fn.name = d;
    return;
  }
  // macOS prefixes every symbol with one more '_'.
  if (sys.startsWith('_')) {
    const d2 = demangleFilter(sys.slice(1), cpp);
    if (d2 !== undefined) {
      fn.name = d2;
      return;
    }
  }
  let name = sys;
  if (looksLikeDemangledCPlusPlus(name)) {
    // In the options' order: NoParams before NoTemplateParams.
    if (noParams) name = removeMatching(name, '(', ')');
    if (noTemplates) name = removeMatching(name, '<', '>');
  }
  fn.name = name;
}

/**
 * demangle.Filter where we reproduce it: the demangled name of an old-scheme Rust symbol, or with
 * `cpp` (the default mode) of a C++ symbol in demangleCpp.ts's subset; undefined when the name is
 * neither (Go's Filter then returns the name unchanged, or, for other C++ and Rust v0 symbols, their
 * demangled form, which is not reproduced here).
 */
export function demangleFilter(name: string, cpp = false): string | undefined {
  if (!name.startsWith('_Z')) return undefined;
  if (name.startsWith('_ZN')) {
    let r = utf8Bytes(name);
    const pos = r.lastIndexOf('E.');
    if (pos > 0) r = r.slice(0, pos + 1);
    if (r.endsWith('E') && r.length > 23 && r.slice(r.length - 20, r.length - 17) === '17h') {
      const s = oldRustToString(r);
      if (s !== undefined) return fromUtf8Bytes(s);
    }
  }
  if (!cpp) return undefined;
  if (!/^[\x21-\x7e]*$/.test(name)) return undefined; // mangled names are printable ASCII
  return demangleCppDefault(name);
}

/** demangle's oldRustToString on a byte string known to start with _ZN and end in 17h<16>E. */
function oldRustToString(name: string): string | undefined {
  name = name.slice(3);
  const hexDigit = (c: string): number => {
    if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
    if (c >= 'a' && c <= 'f') return c.charCodeAt(0) - 87;
    return -1;
  };
  // The 16 hash characters are hex digits, at least 5 of them distinct.
  let seen = 0;
  for (let i = name.length - 17; i < name.length - 1; i++) {
    const d = hexDigit(name[i]);
    if (d < 0) return undefined;
    seen |= 1 << d;
  }
  let distinct = 0;
  for (let b = seen; b !== 0; b &= b - 1) distinct++;
  if (distinct < 5) return undefined;
  name = name.slice(0, name.length - 20);

  const codes: Record<string, string> = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')' };
  let sb = '';
  while (name.length > 0) {
    if (!isDigit(name[0])) return undefined;
    let val = 0;
    while (name.length > 0 && isDigit(name[0])) {
      const add = name.charCodeAt(0) - 48;
      if (val >= Math.trunc(2147483647 / 10) - add) return undefined;
      val = val * 10 + add;
      name = name.slice(1);
    }
    // An optional '_' separates the length from the identifier.
    if (name.length > 0 && name[0] === '_') {
      name = name.slice(1);
      val--;
    }
    if (val < 0 || name.length < val) return undefined; // (Go would panic slicing at -1)
    let id = name.slice(0, val);
    name = name.slice(val);
    if (sb.length > 0) sb += '::';
    if (id.startsWith('_$')) id = id.slice(1);
    escape: while (id.length > 0) {
      const c = id[0];
      if (c === '$') {
        let valid = true;
        if (id.length > 2 && id[1] === 'C' && id[2] === '$') {
          sb += ',';
          id = id.slice(3);
        } else if (id.length > 4 && id[1] === 'u' && id[4] === '$') {
          const d1 = hexDigit(id[2]);
          const d2 = hexDigit(id[3]);
          const v = ((d1 & 0xf) << 4) | (d2 & 0xf);
          if (d1 < 0 || d2 < 0 || d1 > 7 || v < 0x20) {
            valid = false;
          } else {
            sb += String.fromCharCode(v);
            id = id.slice(5);
          }
        } else if (id.length > 3 && id[3] === '$') {
          const code = codes[id.slice(1, 3)];
          if (code === undefined) {
            valid = false;
          } else {
            sb += code;
            id = id.slice(4);
          }
        } else {
          valid = false;
        }
        if (!valid) {
          sb += id;
          break escape;
        }
      } else if (c === '.') {
        if (id.startsWith('..')) {
          sb += '::';
          id = id.slice(2);
        } else {
          sb += c;
          id = id.slice(1);
        }
      } else {
        sb += c;
        id = id.slice(1);
      }
    }
  }
  return sb;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/**
 * symbolizer.looksLikeDemangledCPlusPlus: templates, brackets or `::`, except Java's `class.<init>`
 * and Go's `pkg.(*T[...]).Method`.
 */
export function looksLikeDemangledCPlusPlus(name: string): boolean {
  if (name.includes('.<')) return false;
  if (name.includes(']).')) return false;
  return /[<>[\]]/.test(name) || name.includes('::');
}

/**
 * symbolizer.removeMatching: removes each outermost start…end group; an end without its start
 * leaves the name as it is from there (Go returns the name as edited so far).
 */
export function removeMatching(name: string, start: string, end: string): string {
  let nesting = 0;
  let first = 0;
  let current = 0;
  for (;;) {
    let index = -1;
    for (let i = current; i < name.length; i++) {
      const c = name[i];
      if (c === start || c === end) {
        index = i;
        break;
      }
    }
    if (index === -1) break;
    current = index;
    if (name[current] === start) {
      nesting++;
      if (nesting === 1) first = current;
    } else {
      nesting--;
      if (nesting < 0) return name;
      if (nesting === 0) {
        name = name.slice(0, first) + name.slice(current + 1);
        current = first - 1;
      }
    }
    current++;
  }
  return name;
}

/** The UTF-8 bytes of s as a string of code units 0–255 (Go's indexing is by byte). */
function utf8Bytes(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  let out = '';
  for (const b of new TextEncoder().encode(s)) out += String.fromCharCode(b);
  return out;
}

function fromUtf8Bytes(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  return new TextDecoder().decode(Uint8Array.from(s, (c) => c.charCodeAt(0)));
}
