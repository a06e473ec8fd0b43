// Function and file names a hostile profile may carry, for the tests of what shows profile text.

/** Hostile names: each tries to leave its code span or paragraph and inject Markdown or HTML. */
export const hostileNames: readonly string[] = [
  'main.f\n\n![beacon](http://attacker.example/b.png)',
  'main.g\n\n[run me](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
  'main.h <img src=x onerror=alert(1)> <b>bold</b> <!-- c -->',
  'main.i`` `break out` ``![x](http://a.example/x)',
  '`main.j`',
  '```\nfenced\n```',
  '# heading\r\n- list\u2028> quote\u2029|a|b|',
  'main.k $(zap) $(sync~spin) www.attacker.example http://attacker.example/x',
  'main.l &amp; &#60;script&#62; \\[esc\\] *em* _em_ ~~del~~',
  'main.(*T).m[go.shape.int] \x1b[31mred\x1b[0m \x00\x07\x7f\x9b',
  '    indented code\ttab',
];
