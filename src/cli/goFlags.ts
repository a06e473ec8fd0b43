// A command-line parser with the rules of Go's `flag` package, which `go tool pprof` uses: a flag is
// written -name or --name; a value as -name=value, or as the next argument for non-boolean flags;
// booleans take only the -name=value form (true/false/1/0/t/f...); "--" ends the flags. One
// difference from Go: flags may also follow the sources (Go stops at the first non-flag argument,
// which for pprof only ever turns a misplaced flag into a confusing "file not found").

export type FlagKind = 'bool' | 'int' | 'float' | 'string';

export interface FlagSpec {
  kind: FlagKind;
  help: string;
  /** Repeatable: every occurrence is kept (e.g. -base a -base b). */
  list?: boolean;
}

export type FlagValue = boolean | number | string;

export interface ParsedFlags {
  /** Last value of each flag given; list flags in `lists`. */
  values: Map<string, FlagValue>;
  lists: Map<string, string[]>;
  args: string[];
  help: boolean;
}

export class FlagError extends Error {}

export function parseGoFlags(argv: string[], specs: Record<string, FlagSpec>): ParsedFlags {
  const out: ParsedFlags = { values: new Map(), lists: new Map(), args: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.args.push(...argv.slice(i + 1));
      break;
    }
    if (a.length < 2 || a[0] !== '-') {
      out.args.push(a);
      continue;
    }
    const body = a.startsWith('--') ? a.slice(2) : a.slice(1);
    if (body === '' || body[0] === '-' || body[0] === '=') throw new FlagError(`bad flag syntax: ${a}`);
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    let value: string | undefined = eq < 0 ? undefined : body.slice(eq + 1);
    const spec = specs[name];
    if (!spec) {
      if (name === 'h' || name === 'help') {
        out.help = true;
        continue;
      }
      throw new FlagError(`flag provided but not defined: -${name}`);
    }
    if (spec.kind === 'bool') {
      out.values.set(name, value === undefined ? true : parseBool(name, value));
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: -${name}`);
      value = argv[++i];
    }
    const v = spec.kind === 'int' ? parseGoInt(name, value) : spec.kind === 'float' ? parseGoFloat(name, value) : value;
    out.values.set(name, v);
    if (spec.list) {
      const l = out.lists.get(name) ?? [];
      l.push(value);
      out.lists.set(name, l);
    }
  }
  return out;
}

// strconv.ParseBool.
function parseBool(name: string, v: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  throw new FlagError(`invalid boolean value ${JSON.stringify(v)} for -${name}: parse error`);
}

// strconv.ParseInt(s, 0, 64) as flag.Int uses it: sign, 0x/0o/0b/0 prefixes, underscores between digits.
function parseGoInt(name: string, v: string): number {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(v);
  if (!m || /__|_$/.test(m[2])) {
    throw new FlagError(`invalid value ${JSON.stringify(v)} for flag -${name}: parse error`);
  }
  const digits = m[2].replace(/_/g, '');
  let n: bigint;
  if (/^0[xX]/.test(digits)) n = BigInt(digits);
  else if (/^0[oO]/.test(digits)) n = BigInt(digits);
  else if (/^0[bB]/.test(digits)) n = BigInt(digits);
  else if (digits.length > 1 && digits[0] === '0') n = BigInt(`0o${digits.slice(1)}`);
  else n = BigInt(digits);
  if (m[1] === '-') n = -n;
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new FlagError(`invalid value ${JSON.stringify(v)} for flag -${name}: value out of range`);
  }
  return Number(n);
}

// strconv.ParseFloat(s, 64): decimal or hex floats, inf/nan, underscores only with a base prefix.
function parseGoFloat(name: string, v: string): number {
  const s = v.trim() === v ? v : '';
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  throw new FlagError(`invalid value ${JSON.stringify(v)} for flag -${name}: parse error`);
}
