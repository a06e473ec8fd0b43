// Matching with Go regexp semantics in linear time. pprof's legacy parsers use unanchored Go regexps
// such as `(\d+) *(\d+) @`; the same pattern in a backtracking engine is cubic on a long run of
// digits. matchGo tries an anchored, unambiguous JS pattern first (it matches the usual lines, and
// where it matches it yields the groups Go's leftmost-first match would), then falls back to re2js.
import { RE2JS } from 're2js';

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
