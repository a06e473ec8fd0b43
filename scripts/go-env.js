#!/usr/bin/env node
// The Go that Pprof Lens is built, tested and demonstrated against: Go 1.27.3, fetched by the go
// command from the module proxy (GOTOOLCHAIN=go1.27.3) on top of whatever Go the machine has. One
// module so that every script (tests, demo, benchmarks, profile generation) picks the same `go`, and a
// stale `go` earlier on PATH (Debian's golang-go is Go 1.19) can never silently become the oracle.
//
//   node scripts/go-env.js -- CMD ARGS…   runs CMD with that Go first on PATH and GOTOOLCHAIN set,
//                                          after printing `go version` (and installs pinned Go tools
//                                          such as Delve when --tools is given)
//   require('./go-env').goEnv()           the environment for child processes
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The Go release the project targets (the oracle of the golden tests). */
const GO_TOOLCHAIN = 'go1.27.3';

/** Go tools the tests need, installed with `go install` at these versions through the module proxy. */
const GO_TOOLS = {
  dlv: 'github.com/go-delve/delve/cmd/dlv@v1.27.2',
};

/** Where pinned Go tools are cached (one folder per tool and version). */
function toolsDir() {
  return process.env.PPROF_LENS_GO_TOOLS || path.join(os.homedir(), '.cache', 'pprof-lens', 'go-tools');
}

function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The `go` binary that bootstraps GO_TOOLCHAIN: $PPROF_LENS_GO when set, else the machine's Go in
 * /usr/local/go, else a `go` on PATH, else Debian's (/usr/lib/go/bin/go) as a last fallback.
 * Undefined when the machine has no Go at all.
 */
function bootstrapGo(env = process.env) {
  const candidates = [env.PPROF_LENS_GO, '/usr/local/go/bin/go'];
  for (const dir of (env.PATH || '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, 'go'));
  candidates.push('/usr/lib/go/bin/go');
  return candidates.find((c) => c && isExecutable(c));
}

/**
 * The environment for child processes that run Go: the bootstrap Go's folder first on PATH (and the
 * pinned tools' folder before it), GOTOOLCHAIN=go1.27.3 unless PPROF_LENS_GOTOOLCHAIN overrides it.
 */
function goEnv(base = process.env) {
  const go = bootstrapGo(base);
  const dirs = [path.join(toolsDir(), 'bin')];
  if (go) dirs.push(path.dirname(fs.realpathSync(go)));
  const PATH = [...dirs, base.PATH || ''].join(path.delimiter);
  // Pinned to today's HOME: a test that runs Go with another HOME (pprof's own temp dirs) must not
  // make the go command fetch the 76 MB toolchain again into that HOME's module cache.
  const GOPATH = base.GOPATH || path.join(os.homedir(), 'go');
  const GOMODCACHE = base.GOMODCACHE || path.join(GOPATH.split(path.delimiter)[0], 'pkg', 'mod');
  const GOCACHE = base.GOCACHE || path.join(os.homedir(), '.cache', 'go-build');
  // The pinned Delve by absolute path too: VS Code's server rebuilds PATH from the user's login shell
  // for its extension host, so a PATH entry alone does not reach the e2e tests' debug adapter.
  const PPROF_LENS_DLV = base.PPROF_LENS_DLV || path.join(toolsDir(), 'bin', 'dlv');
  return { ...base, PATH, GOPATH, GOMODCACHE, GOCACHE, PPROF_LENS_DLV, GOTOOLCHAIN: base.PPROF_LENS_GOTOOLCHAIN || GO_TOOLCHAIN };
}

/** `go version` under goEnv(); throws a clear error when there is no Go or the toolchain cannot be had. */
function goVersion(env = goEnv()) {
  const r = spawnSync('go', ['version'], { env, encoding: 'utf8', timeout: 5 * 60_000 });
  if (r.error || r.status !== 0) {
    throw new Error(`cannot run ${env.GOTOOLCHAIN} (is Go installed, and the module proxy reachable?): ${(r.stderr || r.error?.message || '').trim()}`);
  }
  return r.stdout.trim();
}

/** GOROOT of GO_TOOLCHAIN (the downloaded toolchain's folder in the module cache). */
function goRoot(env = goEnv()) {
  const r = spawnSync('go', ['env', 'GOROOT'], { env, encoding: 'utf8', timeout: 5 * 60_000 });
  if (r.error || r.status !== 0) throw new Error(`go env GOROOT failed: ${(r.stderr || r.error?.message || '').trim()}`);
  return r.stdout.trim();
}

/**
 * Installs the pinned Go tools (GO_TOOLS) into toolsDir()/bin unless that version is there already.
 * Each version gets a marker file written after a successful install.
 */
function ensureGoTools(names = Object.keys(GO_TOOLS), env = goEnv(), log = (m) => console.error(m)) {
  const bin = path.join(toolsDir(), 'bin');
  fs.mkdirSync(bin, { recursive: true });
  for (const name of names) {
    const mod = GO_TOOLS[name];
    const marker = path.join(toolsDir(), `.installed-${name}@${mod.split('@')[1]}-${env.GOTOOLCHAIN}`);
    if (fs.existsSync(marker) && isExecutable(path.join(bin, name))) continue;
    const t0 = Date.now();
    log(`[go-env] installing ${mod} with ${env.GOTOOLCHAIN} into ${bin} (once, ~1 min)`);
    const r = spawnSync('go', ['install', mod], { env: { ...env, GOBIN: bin, GOFLAGS: '' }, stdio: 'inherit', timeout: 15 * 60_000 });
    if (r.status !== 0) throw new Error(`go install ${mod} failed (exit ${r.status})`);
    fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
    log(`[go-env] ${name} installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  return bin;
}

module.exports = { GO_TOOLCHAIN, GO_TOOLS, bootstrapGo, goEnv, goVersion, goRoot, ensureGoTools, toolsDir };

if (require.main === module) {
  const args = process.argv.slice(2);
  const sep = args.indexOf('--');
  const opts = sep >= 0 ? args.slice(0, sep) : args;
  const cmd = sep >= 0 ? args.slice(sep + 1) : [];
  try {
    const env = goEnv();
    if (!bootstrapGo()) throw new Error('no Go found: install Go (https://go.dev/dl/) into /usr/local/go, or run `apt-get install golang-go` as a last resort');
    console.error(`[go-env] ${goVersion(env)} (GOTOOLCHAIN=${env.GOTOOLCHAIN}, bootstrapped by ${bootstrapGo()})`);
    if (opts.includes('--tools')) ensureGoTools(undefined, env);
    if (cmd.length === 0) process.exit(0);
    const r = spawnSync(cmd[0], cmd.slice(1), { env, stdio: 'inherit' });
    if (r.error) throw r.error;
    process.exit(r.status ?? 1);
  } catch (e) {
    console.error(`pprof-lens: ${e.message}`);
    process.exit(1);
  }
}
