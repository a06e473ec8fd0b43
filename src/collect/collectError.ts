// The one error type of the collect layer. `kind` lets the extension choose a hint or a retry
// button; `message` is already meant for the user (the CLI prints "pprof-lens: <url>: <message>").

export type CollectErrorKind =
  | 'bad-url'
  | 'refused' // nothing listens on the port
  | 'dns' // host name does not resolve
  | 'connect-timeout'
  | 'timeout' // the whole fetch took longer than allowed
  | 'reset' // connection reset / closed mid-response
  | 'cancelled'
  | 'not-found' // 404: usually net/http/pprof is not imported
  | 'not-served' // net/http/pprof is there but not this profile (the goroutine leak profile before Go 1.27)
  | 'http' // any other non-200 status
  | 'html' // a web page instead of a profile
  | 'not-profile' // a 200 answer that is not what the endpoint serves (e.g. a catch-all handler's text)
  | 'empty'
  | 'truncated'
  | 'too-large'
  | 'io';

export class CollectError extends Error {
  constructor(readonly kind: CollectErrorKind, message: string, readonly url?: string) {
    super(message);
    this.name = 'CollectError';
  }
}
