// The one error type every trace reader throws: a clear one-line message, never a crash.
export class TraceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceError';
  }
}
