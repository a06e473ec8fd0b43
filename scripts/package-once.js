#!/usr/bin/env node
// `npm run package` only when pprof-lens.vsix is older than what goes into it (src, webview-ui,
// media, the manifest and the build configuration): the demo and the e2e tests share one package,
// and the second asker saves the ~1 min of webpack + vsce. `--force` always packages.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const VSIX = path.join(ROOT, 'pprof-lens.vsix');
const INPUTS = ['src', 'webview-ui', 'media', 'package.json', 'package-lock.json', 'webpack.config.js', 'tsconfig.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE'];

/** Newest modification time (ms) of a file or of any file under a folder; 0 when absent. */
function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs; // a deleted file shows as a newer folder
  for (const e of fs.readdirSync(p)) m = Math.max(m, newest(path.join(p, e)));
  return m;
}

/** True when pprof-lens.vsix exists and no input is newer than it. */
function vsixUpToDate() {
  let built;
  try {
    built = fs.statSync(VSIX).mtimeMs;
  } catch {
    return false;
  }
  return INPUTS.every((i) => newest(path.join(ROOT, i)) <= built);
}

/**
 * Packages the extension unless the .vsix is up to date. Returns { packaged, output }; throws with
 * the tail of npm's output when packaging fails.
 */
function packageOnce({ force = false } = {}) {
  if (!force && vsixUpToDate()) return { packaged: false, output: '' };
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`packaging the extension failed:\n${output.split('\n').slice(-40).join('\n')}`);
  return { packaged: true, output };
}

module.exports = { VSIX, packageOnce, vsixUpToDate };

if (require.main === module) {
  const t0 = Date.now();
  try {
    const r = packageOnce({ force: process.argv.includes('--force') });
    console.log(r.packaged ? `packaged pprof-lens.vsix in ${((Date.now() - t0) / 1000).toFixed(1)} s` : 'pprof-lens.vsix is up to date (nothing newer in src, webview-ui, media, package.json, …)');
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
