// The one error type every parser and report throws for bad input. Its message is meant to be
// shown to the user as is (CLI: "pprof-lens: <source>: <message>"; extension: in the editor).
export class ProfileError extends Error {
  constructor(message: string, readonly source?: string) {
    super(source ? `${source}: ${message}` : message);
    this.name = 'ProfileError';
  }
}
