// Go regexps (RE2 semantics, linear time) in one place. Two uses:
// - pprof's legacy parsers use unanchored Go regexps such as `(\d+) *(\d+) @`; the same pattern in a
//   backtracking engine is cubic on a long run of digits. GoPattern tries an anchored, unambiguous JS
//   pattern first (it matches the usual lines, and where it matches it yields the groups Go's
//   leftmost-first match would), then falls back to re2js.
// - user-supplied patterns (-focus, -ignore, -tagfocus, -list …) compiled with re2js, refused with
//   pprof's error messages.
import { RE2JS } from 're2js';
import { ProfileError } from './profileError';
import { errorMessage } from '../text/errorMessage';

export class GoPattern {
  private re2?: RE2JS;

  /**
   * @param fast a JS pattern that agrees with `go` wherever it matches
   * @param go the Go (RE2) pattern
   * @param maxFastLength lines longer than this skip the JS pattern (for patterns that are only
   *   polynomial, not linear, in a backtracking engine)
   */
  constructor(
    private readonly fast: RegExp,
    private readonly go: string,
    private readonly maxFastLength = Infinity,
  ) {}

  /** Like Go's FindStringSubmatch: groups that did not participate are "". */
  exec(line: string): string[] | null {
    let m: (string | undefined)[] | null = line.length <= this.maxFastLength ? this.fast.exec(line) : null;
    if (!m) {
      this.re2 ??= RE2JS.compile(this.go);
      if (!this.re2.test(line)) return null; // the DFA answers "no" fast; captures cost more
      m = this.re2.exec(line) as (string | undefined)[] | null;
    }
    return m ? m.map((g) => g ?? '') : null;
  }
}

/** pprof reads legacy text with bufio.Scanner, whose default token limit is 64 KiB. */
export const MAX_LINE = 64 * 1024;

/** A compiled user-supplied regexp and its source text. */
export interface GoRegexp {
  source: string;
  /** regexp.MatchString: true if the pattern matches anywhere in s. */
  match(s: string): boolean;
}

/** A user-supplied Go (RE2) regexp; match results are cached per string (pprof tests the same names often). */
export function compileGoRegexp(pattern: string): GoRegexp {
  const re = RE2JS.compile(pattern);
  const cache = new Map<string, boolean>();
  return {
    source: pattern,
    match(s: string): boolean {
      let r = cache.get(s);
      if (r === undefined) {
        r = re.test(s);
        if (cache.size < 100000) cache.set(s, r);
      }
      return r;
    },
  };
}

/** driver.compileRegexOption: undefined for "", ProfileError "parsing <name> regexp: ..." when invalid. */
export function compileRegexOption(name: string, value: string): GoRegexp | undefined {
  if (value === '') return undefined;
  try {
    return compileGoRegexp(value);
  } catch (e) {
    throw new ProfileError(`parsing ${name} regexp: ${errorMessage(e)}`);
  }
}

/** The -list/-peek/-disasm argument regexp ("parsing argument regexp X: ..."). */
export function compileSymbolRegexp(value: string): GoRegexp {
  try {
    return compileGoRegexp(value);
  } catch (e) {
    throw new ProfileError(`parsing argument regexp ${value}: ${errorMessage(e)}`);
  }
}
