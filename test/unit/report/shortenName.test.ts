// graph.ShortenFunctionName against pprof's own test table (google/pprof internal/graph/graph_test.go
// TestShortenFunctionName at 92041b743c96, the version Go 1.27.3 vendors; copied verbatim into
// test/fixtures/pprof/graph). Go 1.27's goRegExp keeps "foo.Foo[...]" and leaves "foo/xyz" whole.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { shortenFunctionName } from '../../../src/core/graph/shortenName';

const source = fs.readFileSync(
  path.join(__dirname, '../../../../test/fixtures/pprof/graph/graph_test.TestShortenFunctionName.go.txt'),
  'utf8',
);

/** The {"name", "want"} pairs of the Go table (Go interpreted string literals without escapes). */
function cases(): [string, string][] {
  const out: [string, string][] = [];
  const re = /\{\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)",\s*\}/g;
  for (let m = re.exec(source); m; m = re.exec(source)) out.push([JSON.parse(`"${m[1]}"`), JSON.parse(`"${m[2]}"`)]);
  return out;
}

test('the table was read', () => {
  const c = cases();
  assert.ok(c.length >= 25, `only ${c.length} cases parsed`);
  // The two cases Go 1.27's pprof added (generic names; no dot after the last slash).
  assert.ok(c.some(([n]) => n.endsWith('[...]')));
  assert.ok(c.some(([n]) => n === 'foo/xyz'));
});

for (const [name, want] of cases()) {
  test(`ShortenFunctionName(${JSON.stringify(name)})`, () => {
    assert.equal(shortenFunctionName(name), want);
  });
}
