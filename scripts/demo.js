// `npm run demo`: the sample Go service on 127.0.0.1:6060 with a fresh CPU profile in its .pprof/
// folder, and VS Code with the freshly packaged extension open on that folder — a local `code` when
// there is one, else the cached code-server at a printed URL. Ctrl+C stops everything.
// Go is Go 1.27.3 (scripts/go-env.js). With --until-served (CI) it stops everything and exits 0 once
// the URL answers, so a fresh machine's whole set-up path is checked.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const vscodeEnv = require('./vscode-env');
const { goEnv, goRoot, goVersion } = require('./go-env');
const { packageOnce } = require('./package-once');
const { SOURCE_DIR, buildSampleService, captureCpuProfile, startSampleService } = require('./sample-service');

const ROOT = path.join(__dirname, '..');
const WORK = path.join(ROOT, '.cache', 'demo');
const SERVICE_ADDR = process.env.PPROF_LENS_DEMO_ADDR || '127.0.0.1:6060';
const VSIX = path.join(ROOT, 'pprof-lens.vsix');

const cleanups = [];
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const c of cleanups.reverse()) await c().catch(() => {});
  process.exit(code);
}

const T0 = Date.now();
const untilServed = process.argv.includes('--until-served');

function log(m) {
  console.log(`[demo ${((Date.now() - T0) / 1000).toFixed(1).padStart(5)}s] ${m}`);
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

async function main() {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  log(`Go: ${goVersion(goEnv())}`);
  log('building the sample service (examples/sample-service)');
  const bin = buildSampleService(path.join(WORK, 'bin'));
  const service = await startSampleService(bin, SERVICE_ADDR, { logFile: path.join(WORK, 'sample-service.log') }).catch((e) => {
    throw new Error(`cannot start the sample service on ${SERVICE_ADDR} (is the port taken? set PPROF_LENS_DEMO_ADDR): ${e.message}`);
  });
  cleanups.push(service.stop);
  log(`sample service: ${service.url}/debug/pprof/`);

  const captures = path.join(SOURCE_DIR, '.pprof');
  fs.mkdirSync(captures, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const profile = path.join(captures, `cpu-${stamp}.pprof`);
  log('capturing a 5 s CPU profile');
  await captureCpuProfile(service.url, 5, profile);
  log(`captured ${path.relative(ROOT, profile)}`);

  log('building and packaging the extension (skipped when pprof-lens.vsix is newer than its sources)');
  const { packaged } = packageOnce();
  log(packaged ? 'packaged pprof-lens.vsix' : 'pprof-lens.vsix is up to date');
  const code = untilServed ? '' : process.env.PPROF_LENS_DEMO_CODE ?? which('code');
  if (code) {
    log(`opening VS Code (${code}) on ${SOURCE_DIR}`);
    execFileSync(code, ['--install-extension', VSIX, '--force'], { stdio: 'inherit' });
    execFileSync(code, [SOURCE_DIR, profile], { stdio: 'inherit', env: { ...process.env, PPROF_LENS_OPEN: profile } });
  } else {
    const l = vscodeEnv.ensureCodeServer(log);
    const extensionsDir = path.join(WORK, 'extensions');
    // The running sample service is the capture target from the start ("Profile 30s" just works).
    const userDataDir = vscodeEnv.makeUserDataDir(path.join(WORK, 'user-data'), {
      'pprofLens.targets': [{ name: 'sample-service', url: service.url }],
      // Profile Test runs this Go (the extension host's PATH comes from the login shell, maybe without go).
      'go.goroot': goRoot(),
      'git.openRepositoryInParentFolders': 'never',
    });
    vscodeEnv.installExtension(l, VSIX, extensionsDir);
    const wanted = Number(process.env.PPROF_LENS_DEMO_PORT || 8080);
    const port = (await portFree(wanted)) ? wanted : await vscodeEnv.freePort();
    const server = await vscodeEnv.startCodeServer(l, {
      port, userDataDir, extensionsDir, workspace: SOURCE_DIR, logFile: path.join(WORK, 'code-server.log'),
      // The extension opens it in the profile editor with its hottest source beside (openOnStartup.ts).
      env: { PPROF_LENS_OPEN: profile },
    });
    cleanups.push(server.stop);
    log('no local `code` found: VS Code (code-server) is running with the extension installed at');
    console.log(`\n    ${server.url}?folder=${encodeURIComponent(SOURCE_DIR)}\n`);
    log(`it opens on ${path.relative(SOURCE_DIR, profile)} in the profile editor, with its hottest source (cpu.go) beside it;`);
    log('the sample service is the capture target: try "Pprof Lens: Profile 30s" or "Watch Goroutines"');
    if (untilServed) {
      log(`VS Code answers at ${server.url}: set-up checked (--until-served), stopping`);
      return stopAll(0);
    }
  }
  log('Ctrl+C stops the sample service' + (code ? '' : ' and code-server'));
  await new Promise(() => {}); // until a signal
}

async function portFree(port) {
  const net = require('node:net');
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

main().catch((e) => {
  console.error(`[demo] ${e.message}`);
  void stopAll(1);
});
