#!/usr/bin/env node
// npm run bench: parse + `-top` of pprof-lens against `go tool pprof -top` on the same files, in
// the same run (docs/ARCHITECTURE.md: ratios against the reference tool, not absolute times).
// Inputs: pprof's large.cpu (read from ../shared/testdata when that checkout is there), the
// 360,000-sample profile of test/fixtures/goprograms/bigprofile (scripts/gen-profiles.js), and a
// generated 300,000-sample profile with ~40,000 functions, ~100,000 locations and stacks 8-60 deep
// (bench/genWideProfile.js, written once into test/fixtures/generated/), plus any files given.
// Reports CPU time (user+sys) and wall time of both tools (median of --runs, same run), peak RSS
// (/usr/bin/time -v, else process.resourceUsage in a wrapper) and peak RSS relative to the
// uncompressed profile. Targets: on the big profiles (>= 10 MB uncompressed) CPU time
// <= 0.25x go tool pprof's and peak RSS <= 4x the uncompressed size; on large.cpu wall time <= 0.33x.
'use strict';
const { spawn, spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const runs = Number((args.find((a) => a.startsWith('--runs=')) || '--runs=3').slice(7));
const extraFiles = args.filter((a) => !a.startsWith('--'));
const bin = path.join(root, 'bin', 'pprof-lens.js');
const haveTime = fs.existsSync('/usr/bin/time');
const { ensureWideProfile } = require('./genWideProfile');
/** Profiles at least this big (uncompressed) are "big" for the targets. */
const BIG_BYTES = 10 * 1048576;
const CPU_TARGET = 0.25; // our CPU time / go tool pprof's, big profiles
const MEM_TARGET = 4; // our peak RSS / uncompressed size, big profiles
const WALL_TARGET_SMALL = 0.33; // our wall time / go tool pprof's, large.cpu

function pprofBinary() {
  try {
    return execFileSync('go', ['tool', '-n', 'pprof']).toString().trim();
  } catch {
    return undefined;
  }
}

function uncompressedSize(file) {
  const data = fs.readFileSync(file);
  if (data[0] === 0x1f && data[1] === 0x8b) return zlib.gunzipSync(data).length;
  return data.length;
}

/** Runs cmd once; returns wall ms, peak RSS bytes and stdout. */
function measure(cmd, argv, env) {
  return new Promise((resolve, reject) => {
    const tmp = path.join(os.tmpdir(), `pprof-lens-bench-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const full = haveTime ? ['/usr/bin/time', ['-v', '-o', tmp, cmd, ...argv]] : [cmd, argv];
    const t0 = process.hrtime.bigint();
    const child = spawn(full[0], full[1], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC', ...env } });
    const out = [];
    let err = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      let rss = NaN;
      let cpuMs = NaN;
      if (haveTime) {
        const text = fs.readFileSync(tmp, 'utf8');
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
        const u = /User time \(seconds\): ([\d.]+)/.exec(text);
        const sy = /System time \(seconds\): ([\d.]+)/.exec(text);
        fs.rmSync(tmp, { force: true });
        if (m) rss = Number(m[1]) * 1024;
        if (u && sy) cpuMs = (Number(u[1]) + Number(sy[1])) * 1000;
      } else {
        const m = /^bench-maxrss (\d+)$/m.exec(err);
        if (m) rss = Number(m[1]);
      }
      resolve({ code, wallMs, cpuMs, rss, stdout: Buffer.concat(out), stderr: err });
    });
  });
}

async function series(label, cmd, argv, env) {
  const rs = [];
  for (let i = 0; i < runs; i++) {
    const r = await measure(cmd, argv, env);
    rs.push(r);
    if (r.code !== 0) break;
    if (r.wallMs > 15000) break; // one run of a slow tool is enough
  }
  const walls = rs.map((r) => r.wallMs).sort((a, b) => a - b);
  const cpus = rs.map((r) => r.cpuMs).sort((a, b) => a - b);
  return {
    label, code: rs[rs.length - 1].code, stderr: rs[rs.length - 1].stderr, stdout: rs[0].stdout,
    wallMs: walls[Math.floor(walls.length / 2)], cpuMs: cpus[Math.floor(cpus.length / 2)], minMs: walls[0], rss: Math.max(...rs.map((r) => r.rss)), n: rs.length,
  };
}

/** In-process breakdown of our time, along the CLI's path: read, parse (gunzip + decode), merge, report. */
function breakdown(file) {
  const out = (m) => JSON.stringify(path.join(root, 'out', 'src', m));
  const script = `
    process.env.TZ = 'UTC';
    const fs = require('fs');
    const { decodeForMerge, mergeFetched, finishFetched } = require(${out('core/profile/loadProfile.js')});
    const { nodeGunzip } = require(${out('collect/nativeGunzip.js')});
    const { generateReport } = require(${out('core/report/generateReport.js')});
    const { defaultReportOptions } = require(${out('core/report/reportOptions.js')});
    const t0 = performance.now();
    const data = fs.readFileSync(${JSON.stringify(file)});
    const t1 = performance.now();
    let p = decodeForMerge(data, ${JSON.stringify(file)}, { nativeGunzip: nodeGunzip });
    const t2 = performance.now();
    p = finishFetched(mergeFetched([p]));
    const t3 = performance.now();
    generateReport(p, defaultReportOptions(), { readSource: () => undefined });
    const t4 = performance.now();
    console.log(JSON.stringify({ read: t1 - t0, parse: t2 - t1, merge: t3 - t2, report: t4 - t3 }));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`note: the in-process breakdown failed: ${r.stderr.trim().split('\n').slice(0, 3).join(' | ')}`);
    return undefined;
  }
  try { return JSON.parse(r.stdout.trim().split('\n').pop()); } catch { return undefined; }
}

const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
const sec = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${ms.toFixed(0)}ms`);

async function main() {
  if (!fs.existsSync(path.join(root, 'out', 'src', 'cli', 'main.js'))) {
    console.error('bench: build first (npm run build)');
    process.exitCode = 1;
    return;
  }
  const files = [];
  const large = path.resolve(root, '..', 'shared', 'testdata', 'pprof', 'internal_proftest_testdata', 'large.cpu');
  if (fs.existsSync(large)) files.push(large);
  else console.log(`note: ${large} is absent: benchmarking without pprof's large.cpu`);
  const big = path.join(root, 'test', 'fixtures', 'generated', 'big.cpu.pb.gz');
  if (!fs.existsSync(big)) {
    console.log('note: generating test/fixtures/generated (node scripts/gen-profiles.js) ...');
    spawnSync(process.execPath, [path.join(root, 'scripts', 'gen-profiles.js')], { stdio: 'inherit' });
  }
  if (fs.existsSync(big)) files.push(big);
  else console.log(`note: ${big} could not be generated (is go installed?)`);
  const wide = path.join(root, 'test', 'fixtures', 'generated', 'wide.cpu.pb.gz');
  const shape = ensureWideProfile(wide);
  console.log(`wide.cpu.pb.gz (bench/genWideProfile.js): ${shape.samples} samples, ${shape.functions} functions, ${shape.locations} locations, ${shape.stackEntries} stack entries`);
  files.push(wide);
  files.push(...extraFiles);

  const pprof = pprofBinary();
  if (!pprof) console.log('note: go tool pprof not found: reporting pprof-lens alone');
  else console.log(`reference: go tool pprof of ${execFileSync('go', ['version']).toString().trim()} (${pprof})`);
  console.log(`bench: ${runs} run(s) each (median wall time; slow runs are not repeated), peak RSS by ${haveTime ? '/usr/bin/time -v' : 'process.resourceUsage'}; node ${process.version}, ${os.cpus().length} CPUs\n`);

  // bin/pprof-lens.js runs the webpack bundle when it is not older than tsc's output (see there).
  const mtime = (f) => fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs;
  const bundleMs = mtime(path.join(root, 'dist', 'cli.js'));
  const usesBundle = bundleMs !== undefined && bundleMs >= mtime(path.join(root, 'out', 'src', 'cli', 'main.js'));
  console.log(`pprof-lens runs ${usesBundle ? 'dist/cli.js (webpack bundle)' : 'out/src/cli/main.js (tsc; npm run compile builds the faster-starting bundle)'}`);

  // Node's own footprint, for reading the memory ratio on small files.
  const baseline = await measure(process.execPath, ['-e', '']);
  console.log(`node baseline (empty script): peak RSS ${mb(baseline.rss)}\n`);
  const rows = [];
  for (const file of files) {
    const size = uncompressedSize(file);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-bench-home-'));
    const env = { HOME: home, PPROF_TMPDIR: home };
    const ours = await series('pprof-lens', process.execPath, [bin, '-top', file], env);
    const theirs = pprof ? await series('go tool pprof', pprof, ['-top', file], env) : undefined;
    fs.rmSync(home, { recursive: true, force: true });
    const same = theirs && ours.code === 0 && theirs.code === 0
      ? ours.stdout.toString().replace(/^Time:.*\n/m, '') === theirs.stdout.toString().replace(/^Time:.*\n/m, '') : undefined;
    const bd = breakdown(file);
    rows.push({ file, size, ours, theirs, same, bd });
    const name = path.basename(file);
    console.log(`${name}: ${fs.statSync(file).size} bytes on disk, ${mb(size)} uncompressed`);
    if (ours.code !== 0) console.log(`  pprof-lens FAILED (exit ${ours.code}): ${ours.stderr.trim().split('\n').pop()}`);
    const isBig = size >= BIG_BYTES;
    const memRatio = ours.rss / size;
    console.log(`  pprof-lens   : wall ${sec(ours.wallMs).padStart(7)} (min ${sec(ours.minMs)}), CPU ${sec(ours.cpuMs).padStart(7)}, peak RSS ${mb(ours.rss).padStart(9)} (${memRatio.toFixed(2)}x uncompressed` +
      `${isBig ? `; target <= ${MEM_TARGET}x: ${memRatio <= MEM_TARGET ? 'MET' : 'NOT MET'}` : ''})` +
      (bd ? `  [read ${sec(bd.read)}, parse ${sec(bd.parse)}, merge ${sec(bd.merge)}, report ${sec(bd.report)}]` : ''));
    console.log(`                 above node baseline: ${mb(ours.rss - baseline.rss)} (${((ours.rss - baseline.rss) / size).toFixed(2)}x uncompressed)`);
    if (theirs) {
      console.log(`  go tool pprof: wall ${sec(theirs.wallMs).padStart(7)} (min ${sec(theirs.minMs)}), CPU ${sec(theirs.cpuMs).padStart(7)}, peak RSS ${mb(theirs.rss).padStart(9)} (${(theirs.rss / size).toFixed(2)}x uncompressed)`);
      const wall = ours.wallMs / theirs.wallMs;
      const cpu = ours.cpuMs / theirs.cpuMs;
      const verdict = (v, t) => `target <= ${t}x: ${v <= t ? 'MET' : 'NOT MET'}`;
      console.log(`  pprof-lens / go tool pprof: CPU ${cpu.toFixed(3)}x${isBig ? ` (${verdict(cpu, CPU_TARGET)})` : ''}, ` +
        `wall ${wall.toFixed(3)}x${isBig ? '' : ` (${verdict(wall, WALL_TARGET_SMALL)})`}; -top output ${same === undefined ? 'not compared' : same ? 'identical' : 'DIFFERS'}`);
    }
    console.log('');
  }
  const resultsDir = path.join(root, 'test-results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'bench.json'), JSON.stringify({ nodeBaselineRss: baseline.rss, files: rows.map((r) => ({
    file: r.file, uncompressedBytes: r.size, identical: r.same, breakdownMs: r.bd, peakRssPerUncompressed: r.ours.rss / r.size,
    cpuRatio: r.theirs && r.ours.cpuMs / r.theirs.cpuMs, wallRatio: r.theirs && r.ours.wallMs / r.theirs.wallMs,
    ours: { wallMs: r.ours.wallMs, cpuMs: r.ours.cpuMs, peakRss: r.ours.rss, exit: r.ours.code, runs: r.ours.n },
    pprof: r.theirs && { wallMs: r.theirs.wallMs, cpuMs: r.theirs.cpuMs, peakRss: r.theirs.rss, exit: r.theirs.code, runs: r.theirs.n },
  })) }, null, 2));
}

main().catch((e) => { console.error(`bench: ${e.message}`); process.exitCode = 1; });
