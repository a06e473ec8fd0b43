// The sample Go service (examples/sample-service) for the e2e tests and the demo: build it, start it,
// capture a profile from its net/http/pprof endpoints. Shared so both do it the same way.
'use strict';

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { goEnv } = require('./go-env');
const { killOnExit, stopProcessGroup, waitForHttp } = require('./vscode-env');

const SOURCE_DIR = path.join(__dirname, '..', 'examples', 'sample-service');

/** `go build`s the service into outDir; returns the binary's path. */
function buildSampleService(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const bin = path.join(outDir, 'sample-service');
  execFileSync('go', ['build', '-o', bin, '.'], {
    cwd: SOURCE_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 5 * 60_000,
    env: { ...goEnv(), GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
  });
  return bin;
}

/** Starts the built service on addr ("127.0.0.1:PORT"); resolves once /debug/pprof/ answers. */
async function startSampleService(bin, addr, { logFile, timeoutMs = 15_000 } = {}) {
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(bin, ['-addr', addr], { stdio: ['ignore', out, out], detached: true });
  if (typeof out === 'number') fs.closeSync(out);
  killOnExit(child);
  const stop = () => stopProcessGroup(child, 2000);
  try {
    await waitForHttp(`http://${addr}/debug/pprof/`, timeoutMs, child);
  } catch (e) {
    await stop();
    throw e;
  }
  return { child, url: `http://${addr}`, stop };
}

/**
 * GETs `url` into `outPath` (through a temp file and a rename, so a partial download never looks like
 * a profile). Rejects on a non-200 answer or after timeoutMs.
 */
function download(url, outPath, timeoutMs) {
  return new Promise((resolve, reject) => {
    const tmp = `${outPath}.part-${process.pid}`;
    const req = http.get(url, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`GET ${url}: HTTP ${res.statusCode}`));
      }
      const file = fs.createWriteStream(tmp);
      res.pipe(file);
      file.on('finish', () => {
        file.close(() => {
          fs.renameSync(tmp, outPath);
          resolve(outPath);
        });
      });
      file.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => {
      fs.rmSync(tmp, { force: true });
      reject(e);
    });
  });
}

/** Captures a CPU profile of `seconds` from a running service into outPath. */
function captureCpuProfile(serviceUrl, seconds, outPath) {
  return download(`${serviceUrl}/debug/pprof/profile?seconds=${seconds}`, outPath, (seconds + 30) * 1000);
}

module.exports = { SOURCE_DIR, buildSampleService, startSampleService, captureCpuProfile, download };
