// Untrusted text made safe for VS Code's Markdown, labels and messages. The Markdown is rendered by a
// real CommonMark parser (markdown-it, with raw HTML and linkify on, stricter than VS Code's hovers):
// whatever the text, it renders as that text and nothing else: no tag, link, image or code block.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { hostileNames } from './hostileNames';
import { commandUri, labelText, markdownCode, markdownText, messageText, oneLine } from '../../../src/core/text/untrustedText';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- markdown-it (with @vscode/vsce) has no types here
const MarkdownIt = require('markdown-it');
const md = new MarkdownIt({ html: true, linkify: true });


/** The text content of rendered HTML (tags dropped, entities decoded). */
function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}
/** Tag names in rendered HTML. */
function tags(html: string): string[] {
  return [...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]);
}
// eslint-disable-next-line no-control-regex
const controlsAsSpaces = (s: string) => s.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ');

test('markdownText: hostile names render as their text in one paragraph, no tag but <p>', () => {
  for (const name of hostileNames) {
    const html = md.render(`before ${markdownText(name)} after`);
    assert.deepEqual([...new Set(tags(html))], ['p'], html);
    assert.equal(textOf(html).trim(), `before ${controlsAsSpaces(name)} after`, html);
  }
});

test('markdownText: any text renders as itself (property)', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
    const html = md.render(`a ${markdownText(s)} z`);
    assert.deepEqual([...new Set(tags(html))], ['p'], html);
    // markdown-it turns U+0000 into U+FFFD and trims the paragraph; the text is otherwise exact.
    assert.equal(textOf(html).trim(), `a ${controlsAsSpaces(s)} z`.trim());
  }), { numRuns: 2000 });
});

test('markdownCode: hostile names stay inside one code span, shown exactly', () => {
  for (const name of hostileNames) {
    const html = md.render(`x ${markdownCode(name)} y`);
    assert.deepEqual(tags(html), ['p', 'code', 'code', 'p'], html);
    const code = /<code>([\s\S]*)<\/code>/.exec(html)![1];
    assert.equal(textOf(code), controlsAsSpaces(name), html);
  }
});

test('markdownCode: any text is one code span showing it (property)', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 10 }), (a, b) => {
    const s = a + b;
    const html = md.render(`x ${markdownCode(s)} y`);
    const shown = controlsAsSpaces(s);
    if (shown === '') return;
    assert.deepEqual(tags(html), ['p', 'code', 'code', 'p'], html);
    assert.equal(textOf(/<code>([\s\S]*)<\/code>/.exec(html)![1]), shown);
  }), { numRuns: 2000 });
});

test('commandUri: the link destination holds, whatever the arguments', () => {
  for (const file of ['/src/a)b.go', "/src/x'y(z).go", '/src/ sp"ace*!.go', ...hostileNames]) {
    const html = md.render(`[open](${commandUri('pprofLens.openSourceLocation', [file, 7])} "t")`);
    const href = /<a href="([^"]*)"/.exec(html)![1].replace(/&amp;/g, '&');
    assert.ok(href.startsWith('command:pprofLens.openSourceLocation?'), href);
    assert.deepEqual(JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1))), [file, 7]);
    assert.equal(textOf(html).trim(), 'open');
  }
});

test('labelText: "$(icon)" shown as text, controls as spaces', () => {
  assert.equal(labelText('main.k $(zap) $(sync~spin) $(not an icon) $x'), 'main.k \\$(zap) \\$(sync~spin) $(not an icon) $x');
  assert.equal(labelText('a\nb\tc\u202ed'), 'a b c d');
  // Once escaped, VS Code's icon pattern finds no unescaped icon.
  for (const name of hostileNames) assert.doesNotMatch(labelText(name), /(^|[^\\])\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/);
});

test('oneLine: no terminal escapes or control characters', () => {
  assert.equal(oneLine('\x1b[31merror\x1b[0m:\r\n  \x1b]8;;http://x\x07link\x1b]8;;\x07 \x00done  '), 'error: link done');
  assert.equal(oneLine('a'.repeat(10), 5), 'aaaa…');
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(oneLine(s), /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  }));
});

test('messageText: no link VS Code\'s notifications would make clickable, one line', () => {
  // VS Code's parseLinkedText (base/common/linkedText.ts), which notifications use (links run with allowCommands).
  const linked = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
  assert.match('[x](command:workbench.action.terminal.sendSequence?%7B%7D)', linked);
  for (const name of [...hostileNames, 'go: [run](command:x) [web](https://a.example) [f](file:///etc/passwd)', '[a]\n(command:y)', '[b]  (https://b.example)']) {
    const m = messageText(name);
    assert.doesNotMatch(m, linked, m);
    assert.doesNotMatch(m, /\n/);
  }
  assert.equal(messageText('main.(*T).m failed: [x](command:y)'), 'main.(*T).m failed: [x] (command:y)');
  assert.equal(messageText('x'.repeat(20), 10).length, 10);
});
