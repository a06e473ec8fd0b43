#!/usr/bin/env node
// Builds the Go programs in test/fixtures/goprograms and examples/sample-service and writes real
// profiles into test/fixtures/generated/ (gitignored) for the golden tests and the benchmark.
// Cached: when manifest.json lists files that all exist, nothing is done (pass --force to redo).
// Runs Go 1.27.3 (scripts/go-env.js: GOTOOLCHAIN on top of the machine's Go); a manifest written by
// another Go version is regenerated. Takes well under two minutes.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const { goEnv, goVersion } = require('./go-env');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'test', 'fixtures', 'generated');
const binDir = path.join(outDir, 'bin');
const manifestPath = path.join(outDir, 'manifest.json');
const force = process.argv.includes('--force');
const t0 = Date.now();

function log(msg) { process.stderr.write(`gen-profiles: [${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`); }

function cached() {
  if (force || !fs.existsSync(manifestPath)) return false;
  try {
    const m = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    if (m.go !== goVersion(env)) return false;
    // A manifest from before a program was added here is regenerated too.
    if (!m.profiles.some((p) => p.program === 'generics')) return false;
    return m.profiles.every((p) => fs.existsSync(path.join(outDir, p.file)));
  } catch { return false; }
}

const env = goEnv();

function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env, ...opts });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${err}`)));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

function get(url, timeoutMs = 15000) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => res.statusCode === 200 ? resolve(Buffer.concat(chunks))
        : reject(new Error(`${url}: HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString().trim()}`)));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${url}: timeout`)));
    req.on('error', reject);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const profiles = [];
function record(file, kind, program, desc) { profiles.push({ file, kind, program, desc }); }

async function build() {
  fs.mkdirSync(binDir, { recursive: true });
  const gp = path.join(root, 'test', 'fixtures', 'goprograms');
  await Promise.all([
    run('go', ['build', '-o', path.join(binDir, 'sample-service'), '.'], { cwd: path.join(root, 'examples', 'sample-service') }),
    run('go', ['build', '-o', path.join(binDir, 'bigprofile'), './bigprofile'], { cwd: gp }),
    run('go', ['build', '-o', path.join(binDir, 'labeled'), './labeled'], { cwd: gp }),
    run('go', ['build', '-o', path.join(binDir, 'generics'), './generics'], { cwd: gp }),
  ]);
  log('built Go programs');
}

async function sampleService() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/debug/pprof`;
  const child = spawn(path.join(binDir, 'sample-service'), ['-addr', `127.0.0.1:${port}`, '-leak-every', '100ms'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  try {
    for (let i = 0; ; i++) {
      try { await get(`http://127.0.0.1:${port}/`, 1000); break; } catch (e) {
        if (i > 100 || child.exitCode !== null) throw new Error(`sample-service did not start: ${stderr}`, { cause: e });
        await sleep(100);
      }
    }
    await sleep(2500); // let it allocate (heap profiles are published at GC), contend and leak a little
    const save = async (endpoint, file, kind, desc) => {
      fs.writeFileSync(path.join(outDir, file), await get(`${base}/${endpoint}`));
      record(file, kind, 'sample-service', desc);
    };
    // A finished GC cycle publishes the heap profile (runtime.GC, which heap?gc=1 runs): on a loaded
    // machine none may have finished yet, and the heap and allocs profiles would have no in-use values.
    await get(`${base}/heap?gc=1`);
    const cpu1 = save('profile?seconds=2', 'service.cpu.pb.gz', 'cpu', 'CPU profile, 2s');
    await Promise.all([
      save('heap', 'service.heap.pb.gz', 'heap', 'heap profile'),
      save('allocs', 'service.allocs.pb.gz', 'heap', 'allocs profile'),
      save('goroutine', 'service.goroutine.pb.gz', 'goroutine', 'goroutine profile (proto)'),
      save('goroutine?debug=1', 'service.goroutine.debug1.txt', 'goroutine', 'goroutine profile (debug=1 text)'),
      save('goroutine?debug=2', 'service.goroutine.debug2.txt', 'goroutine-dump', 'goroutine dump (debug=2), not readable by pprof'),
      save('block', 'service.block.pb.gz', 'contention', 'block profile'),
      save('mutex', 'service.mutex.pb.gz', 'contention', 'mutex profile'),
      save('threadcreate', 'service.threadcreate.pb.gz', 'threadcreate', 'threadcreate profile'),
    ]);
    await cpu1;
    // A second capture of each, later, for -base / -diff_base pairs.
    const cpu2 = save('profile?seconds=2', 'service.cpu2.pb.gz', 'cpu', 'CPU profile, 2s, second capture');
    await sleep(1000);
    await get(`${base}/heap?gc=1`);
    await Promise.all([
      save('heap', 'service.heap2.pb.gz', 'heap', 'heap profile, second capture'),
      save('allocs', 'service.allocs2.pb.gz', 'heap', 'allocs profile, second capture'),
      save('goroutine', 'service.goroutine2.pb.gz', 'goroutine', 'goroutine profile, second capture'),
      save('block', 'service.block2.pb.gz', 'contention', 'block profile, second capture'),
    ]);
    await cpu2;
    log('captured sample-service profiles');
  } finally {
    child.kill('SIGKILL');
  }
}

async function goTestBenches() {
  // `go test` leaves pkg.test binaries in its working directory: run it in a scratch dir.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-gotest-'));
  const benches = [
    ['compress/flate', 'flate', 'Encode/Digits/Speed|Decode/Twain/Default', '100ms'],
    ['strings', 'strings', 'Index|Fields|Replace|Split', '20ms'],
    ['sort', 'sort', 'SortInt|Stable', '50ms'],
  ];
  try {
    for (const [pkg, name, bench, benchtime] of benches) {
      const cpu = path.join(outDir, `gotest.${name}.cpu.pprof`);
      const mem = path.join(outDir, `gotest.${name}.mem.pprof`);
      await run('go', ['test', '-run=NONE', `-bench=${bench}`, `-benchtime=${benchtime}`,
        `-cpuprofile=${cpu}`, `-memprofile=${mem}`, pkg], { cwd: scratch });
      record(path.basename(cpu), 'cpu', `go test ${pkg}`, `go test -bench=${bench} -cpuprofile`);
      record(path.basename(mem), 'heap', `go test ${pkg}`, `go test -bench=${bench} -memprofile`);
    }
    log('ran go test benchmarks');
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function localPrograms() {
  await run(path.join(binDir, 'labeled'), ['-cpu', path.join(outDir, 'labeled.cpu.pb.gz'),
    '-heap', path.join(outDir, 'labeled.heap.pb.gz')], { cwd: outDir });
  record('labeled.cpu.pb.gz', 'cpu', 'labeled', 'CPU profile with pprof labels kind=hash|sort');
  record('labeled.heap.pb.gz', 'heap', 'labeled', 'heap profile with bytes numeric labels');
  await run(path.join(binDir, 'generics'), ['-cpu', path.join(outDir, 'generics.cpu.pb.gz'),
    '-heap', path.join(outDir, 'generics.heap.pb.gz')], { cwd: outDir });
  record('generics.cpu.pb.gz', 'cpu', 'generics', 'CPU profile of generic functions and methods of generic types');
  record('generics.heap.pb.gz', 'heap', 'generics', 'allocs profile of generic functions (type parameters in names)');
  const msg = await run(path.join(binDir, 'bigprofile'), ['-o', path.join(outDir, 'big.cpu.pb.gz')], { cwd: outDir });
  record('big.cpu.pb.gz', 'cpu-big', 'bigprofile', msg.trim());
  log('ran local programs');
}

async function main() {
  if (cached()) { log(`cached in ${path.relative(root, outDir)} (use --force to regenerate)`); return; }
  log(`using ${goVersion(env)}`); // throws, naming the problem, when Go cannot run
  fs.mkdirSync(outDir, { recursive: true });
  fs.rmSync(manifestPath, { force: true });
  await build();
  await Promise.all([sampleService(), goTestBenches(), localPrograms()]);
  profiles.sort((a, b) => a.file.localeCompare(b.file));
  const tmp = `${manifestPath}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ generated: new Date().toISOString(), go: goVersion(env), profiles }, null, 2));
  fs.renameSync(tmp, manifestPath);
  log(`wrote ${profiles.length} profiles to ${path.relative(root, outDir)}`);
}

main().catch((e) => { process.stderr.write(`gen-profiles: ${e.message}\n`); process.exitCode = 1; });
