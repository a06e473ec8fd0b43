// Text from outside (function and file names of a profile, a Go tool's stderr, a server's answer) made
// safe for where VS Code shows it: Markdown hovers and tooltips, labels that render "$(icon)" syntax
// (CodeLens titles, quick picks, status bar text), and notification messages. Every function keeps the
// text readable: what it shows is the text itself, never something the text asks to be rendered as.

/** Terminal escape sequences: CSI (colours, cursor), OSC (titles, hyperlinks), and two-byte ESC forms. */
// eslint-disable-next-line no-control-regex
const TERMINAL_ESCAPES = /\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])/g;
/** C0 and C1 controls (line breaks and tabs too), DEL, Unicode line/paragraph separators, bidi overrides. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/**
 * One line of plain text: terminal escape sequences removed, control characters (line breaks included)
 * and bidi overrides replaced by a space, whitespace runs collapsed, trimmed, and cut to `max`
 * characters (the last one then "…"). For text put into a notification or a log line's message.
 */
export function oneLine(s: string, max = Infinity): string {
  const text = s.replace(TERMINAL_ESCAPES, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

/**
 * Markdown source that renders as exactly the (one-line) text: every ASCII punctuation character is
 * backslash-escaped (CommonMark allows it for all of them), so no emphasis, link, image, autolink,
 * HTML tag, entity, heading, list or "$(icon)" can start; control characters become spaces, so the
 * text cannot end its paragraph or code span.
 */
export function markdownText(s: string): string {
  return s.replace(CONTROLS, ' ').replace(/[!-/:-@[-`{-~]/g, (ch) => '\\' + ch);
}

/**
 * A Markdown code span showing the (one-line) text as it is: fenced by more backticks than its longest
 * run of backticks, padded with a space when it starts or ends with one (CommonMark code spans);
 * control characters become spaces, so a blank line cannot end the span and the paragraph.
 */
export function markdownCode(s: string): string {
  const text = s.replace(CONTROLS, ' ');
  if (text === '') return '';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * The destination of a Markdown link running `command` with `args`: "command:id?<JSON>" with the JSON
 * percent-encoded, parentheses and quotes included, so the destination cannot end early.
 */
export function commandUri(command: string, args: unknown[]): string {
  const encoded = encodeURIComponent(JSON.stringify(args)).replace(/[!'()*]/g, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase());
  return `command:${command}?${encoded}`;
}

/**
 * Plain text for a label VS Code renders with "$(icon)" syntax (CodeLens titles, quick pick labels,
 * descriptions and details, status bar text): each "$(name)" that would become an icon is escaped as
 * "\$(name)", which VS Code shows as the text "$(name)"; control characters become spaces.
 */
export function labelText(s: string): string {
  // VS Code's renderLabelWithIcons: /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/ (escaped when the backslash is there).
  return s.replace(CONTROLS, ' ').replace(/\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g, (m) => '\\' + m);
}

/**
 * Text for a notification (showErrorMessage and the like): oneLine, with link syntax broken up ("] ("
 * for "]("), since VS Code turns "[label](command:…)", "(https://…)" or "(file:…)" in a notification into
 * a link whose click runs that command; cut to `max` characters.
 */
export function messageText(s: string, max = Infinity): string {
  return oneLine(oneLine(s).replace(/\]\s*\(/g, '] ('), max);
}
