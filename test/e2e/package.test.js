// The packaged .vsix (what `npm run package` writes, and what the other e2e files install) holds only
// what runs: the extension and webview bundles, media and the package documents; no sources, tests,
// source maps, node_modules or the CLI bundle. Read from the zip's central directory (no unzip needed).
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const wb = require('./workbench');

const VSIX = process.env.PPROF_LENS_VSIX || path.join(wb.ROOT, 'pprof-lens.vsix');

/** File names in a zip archive, from its central directory. */
function zipEntries(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.ok(eocd >= 0, 'a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'a central directory entry');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

test('the .vsix holds only what runs', () => {
  const names = zipEntries(fs.readFileSync(VSIX)).filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
  for (const want of ['package.json', 'readme.md', 'changelog.md', 'dist/extension.js', 'media/shared.css']) assert.ok(names.includes(want), `has ${want}`);
  const webviews = fs.readdirSync(path.join(wb.ROOT, 'webview-ui')).filter((d) => d !== 'shared');
  for (const w of webviews) assert.ok(names.includes(`dist/webview/${w}.js`), `has the ${w} webview bundle`);
  const unwanted = names.filter((n) => /\.map$|^dist\/cli\.js|^src\/|^test\/|^out\/|node_modules\/|^webview-ui\/|^examples\/|\.ts$/.test(n));
  assert.deepEqual(unwanted, [], 'nothing that does not run');
  assert.ok(fs.statSync(VSIX).size < 2 * 2 ** 20, `under 2 MiB (${fs.statSync(VSIX).size} bytes)`);
});
