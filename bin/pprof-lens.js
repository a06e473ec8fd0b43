#!/usr/bin/env node
'use strict';
const fs = require('fs');
const path = require('path');

// The CLI is out/src/cli/main.js (tsc, `npm run build`, also run by `npm ci`), or the same code as one
// file, dist/cli.js (webpack, `npm run compile`), which starts faster: one file to resolve, read and
// compile instead of ~60. The bundle is used only when it is not older than tsc's output, so that a
// stale bundle never hides a rebuild of out/.
function cliModule() {
  const root = path.join(__dirname, '..');
  const bundle = path.join(root, 'dist', 'cli.js');
  const compiled = path.join(root, 'out', 'src', 'cli', 'main.js');
  const mtime = (f) => fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs;
  const b = mtime(bundle);
  const c = mtime(compiled);
  return b !== undefined && (c === undefined || b >= c) ? bundle : compiled;
}

require(cliModule()).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`pprof-lens: ${err && err.message ? err.message : err}\n`); process.exitCode = 1; });
