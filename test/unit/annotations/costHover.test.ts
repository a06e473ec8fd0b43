// The cost hover of a profile whose function and file names are hostile (blank lines, images that
// beacon, command links, HTML, backticks): built from a real profile by the real source index, rendered
// by a CommonMark parser. The only links are the hover's own openSourceLocation links, with the exact
// (file, line) arguments; every name shows as its text.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { emptyProfile, type Function as ProfileFunction, type Location, type Profile } from '../../../src/core/profile/profile';
import { indexSourceCosts } from '../../../src/core/report/sourceCosts';
import { costHoverCommands, costHoverMarkdown, openSourceLocationCommand } from '../../../src/extension/annotations/costHoverText';
import { hostileNames } from '../text/hostileNames';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- markdown-it (with @vscode/vsce) has no types here
const MarkdownIt = require('markdown-it');
const md = new MarkdownIt({ html: true, linkify: true });

const file = '/src/svc/main.go';
const hostileFile = '/src/svc/x)"y\n\n![f](http://attacker.example/f.png).go';

/** main calls each hostile function at line 10+i (in `file`); each hostile function runs at line 100. */
function hostileProfile(): Profile {
  const p = emptyProfile();
  p.sampleType = [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }];
  p.period = 10_000_000;
  p.periodType = { type: 'cpu', unit: 'nanoseconds' };
  const fn = (name: string, filename: string): ProfileFunction => {
    const f = { id: p.function.length + 1, name, systemName: name, filename, startLine: 0 };
    p.function.push(f);
    return f;
  };
  const loc = (f: ProfileFunction, line: number): Location => {
    const l = { id: p.location.length + 1, address: BigInt(0x1000 + p.location.length), line: [{ function: f, line, column: 0 }], isFolded: false };
    p.location.push(l);
    return l;
  };
  const main = fn('main.main', file);
  hostileNames.forEach((name, i) => {
    const callee = fn(name, i === hostileNames.length - 1 ? hostileFile : file); // the heaviest callee
    p.sample.push({ location: [loc(callee, 100 + i), loc(main, 10 + i)], value: [i + 1, (i + 1) * 10_000_000] });
  });
  return p;
}

const costs = indexSourceCosts(hostileProfile(), { sampleIndex: 'cpu' });

function links(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}
const tags = (html: string) => [...new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]))].sort();

test('hover of a hostile function: its name in one code span, no HTML, no image, no foreign link', () => {
  const fc = costs.file(file)!;
  const l = fc.lines.find((x) => x.fn.name === hostileNames[1])!;
  assert.ok(l, 'the hostile function has a line in main.go');
  const text = costHoverMarkdown('label <b>x</b>\n\n![i](http://a.example/i)', costs, fc, l.line)!;
  const html = md.render(text);
  assert.deepEqual(tags(html), ['a', 'code', 'li', 'p', 'strong', 'ul'], html);
  assert.doesNotMatch(html, /<img|attacker\.example/);
  // One link: its caller, main.main, at the call site.
  assert.deepEqual(links(html), [`command:${openSourceLocationCommand}?${encodeURIComponent(JSON.stringify([file, 11]))}`]);
  // The name as it is (its blank line a space), inside the code span.
  assert.match(html, /<code>main\.g \[run me\]\(command:workbench\.action\.terminal\.sendSequence\?%7B%22text%22%3A%22rm%22%7D\)<\/code>/);
  assert.match(html, /label &lt;b&gt;x&lt;\/b&gt; !\[i\]\(http:\/\/a\.example\/i\)/);
});

test('hover of main: callees are the only links, each runs openSourceLocation with its (file, line)', () => {
  const fc = costs.file(file)!;
  const l = fc.lines.find((x) => x.fn.name === 'main.main')!;
  const html = md.render(costHoverMarkdown('cpu.pb.gz', costs, fc, l.line)!);
  assert.doesNotMatch(html, /<img|<b>|<script/);
  const hrefs = links(html);
  const calls = costs.calls(l.fn).callees;
  assert.ok(calls.length >= 5, `${calls.length} callees`);
  assert.equal(hrefs.length, calls.filter((c) => c.file !== '').length, html);
  for (const [i, href] of hrefs.entries()) {
    const [cmd, query] = href.replace(/^command:/, '').split('?');
    assert.ok(costHoverCommands.includes(cmd), href);
    assert.equal(cmd, openSourceLocationCommand);
    assert.deepEqual(JSON.parse(decodeURIComponent(query)), [calls[i].file, calls[i].line]);
  }
  // The hostile file name (a ")" and a blank line in it) is still one argument, not a way out.
  const hostile = calls.find((c) => c.file.includes('x)"y\n\n![f]('));
  assert.ok(hostile, 'the hostile file is a callee\'s file (as pprof cleans it)');
  assert.ok(hrefs.some((h) => JSON.parse(decodeURIComponent(h.split('?')[1]))[0] === hostile.file));
  // Every callee's name is shown as text.
  const text = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  // eslint-disable-next-line no-control-regex
  for (const c of calls) assert.ok(text.includes(c.name.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ')), c.name);
});

test('a line without samples has no hover', () => {
  assert.equal(costHoverMarkdown('x', costs, costs.file(file)!, 1), undefined);
});
