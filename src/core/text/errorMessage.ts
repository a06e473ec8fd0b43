// What to say about a caught value: `catch (e)` receives anything a callee threw (an Error, a string,
// a rejected promise's reason), and every layer shows it to the user the same way. Pure, so core,
// collect, the CLI, the extension and the webviews all import this one copy.

/** The message of an Error, or the thrown value as a string when it is not an Error. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
