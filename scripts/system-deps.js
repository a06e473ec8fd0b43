// The system packages Pprof Lens's demo and tests need: Go (the sample service and the
// `go tool pprof` oracle), Chromium (the browser that drives the real VS Code), Delve (debug sessions
// in the e2e tests) and the Kerberos headers (code-server builds a native module against them). Run before `demo`, `test` and `test:e2e`
// so that a fresh machine needs no separate set-up step: as root with apt-get it installs what is
// missing; otherwise it prints the one command to run and stops.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const wantE2e = process.argv.includes('--e2e');

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const missing = [];
if (!has('go')) missing.push('golang-go');
if (wantE2e && !fs.existsSync('/usr/bin/chromium')) missing.push('chromium');
if (wantE2e && !fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
if (wantE2e && !has('dlv')) missing.push('delve'); // the real Go debugger, for debug-session discovery

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
