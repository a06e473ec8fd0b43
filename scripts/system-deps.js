// The system packages Pprof Lens's demo and tests need: Chromium (the browser that drives the real
// VS Code), the Kerberos headers (code-server builds a native module against them), and Go. Go is the
// machine's own (/usr/local/go, then PATH) running Go 1.27.3 through GOTOOLCHAIN (scripts/go-env.js);
// Debian's golang-go (Go 1.19) is installed only as a last fallback on a machine with no Go at all, and
// never as a dependency of anything else. Delve is a pinned Go module, not Debian's (too old for
// today's binaries): scripts/go-env.js --tools installs it. Run before `demo`, `test` and `test:e2e`
// so that a fresh machine needs no separate set-up step: as root with apt-get it installs what is
// missing; otherwise it prints the one command to run and stops.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const { bootstrapGo } = require('./go-env');

const wantE2e = process.argv.includes('--e2e');

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const missing = [];
if (!bootstrapGo()) missing.push('golang-go'); // last fallback: it bootstraps GOTOOLCHAIN=go1.27.3
if (wantE2e && !fs.existsSync('/usr/bin/chromium')) missing.push('chromium');
if (wantE2e && !fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');

if (missing.length === 0) process.exit(0);

const cmd = `apt-get update && apt-get install -y ${missing.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !has('apt-get')) {
  console.error(`pprof-lens: missing system packages: ${missing.join(', ')}. Install them with:\n  sudo ${cmd}`);
  process.exit(1);
}
console.log(`[setup] installing system packages: ${missing.join(', ')}`);
const r = spawnSync('sh', ['-c', cmd], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
process.exit(r.status ?? 1);
