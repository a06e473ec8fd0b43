// Does this base URL serve net/http/pprof? A quick GET of /debug/pprof/ (the index page), with a
// short timeout, so that the ports of a debugged program can be tried one after another.
import * as http from 'http';
import * as https from 'https';
import { indexUrl } from './captureTarget';

/** True when <baseUrl>/debug/pprof/ answers 200 with net/http/pprof's index page. */
export function probePprof(baseUrl: string, timeoutMs = 1500, headers: Record<string, string> = {}): Promise<boolean> {
  return new Promise((resolve) => {
    let u: URL;
    try {
      u = new URL(indexUrl(baseUrl));
    } catch {
      resolve(false);
      return;
    }
    const mod = u.protocol === 'https:' ? https : http;
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(ok);
    };
    const req = mod.get(u, { agent: false, headers: { 'User-Agent': 'pprof-lens', ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        finish(false);
        return;
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
        if (looksLikePprofIndex(text)) finish(true);
        else if (text.length > 65536) finish(false);
      });
      res.on('end', () => finish(looksLikePprofIndex(text)));
      res.on('error', () => finish(false));
    });
    req.on('error', () => finish(false));
    const timer = setTimeout(() => finish(false), timeoutMs);
  });
}

/** net/http/pprof's index page links its profiles as "goroutine?debug=1" etc. and names itself. */
export function looksLikePprofIndex(html: string): boolean {
  return /\/debug\/pprof\//.test(html) && /(Types of profiles available|goroutine\?debug=|profile\?seconds=|allocs\?debug=)/.test(html);
}
