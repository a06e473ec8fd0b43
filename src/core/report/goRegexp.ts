// Go RE2 regexps for user-supplied patterns (re2js), with pprof's error messages.
import { RE2JS } from 're2js';
import { ProfileError } from '../profile/profileError';
import { errorMessage } from '../text/errorMessage';

export interface GoRegexp {
  source: string;
  /** regexp.MatchString: true if the pattern matches anywhere in s. */
  match(s: string): boolean;
}

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
