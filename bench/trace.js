#!/usr/bin/env node
// Trace reader benchmark: read time and memory against file size for the real Go 1.22+
// traces in ../shared/testdata/trace/v2_real_world (never committed: licence unknown; skipped with
// a note when absent), plus the Go 1.11–1.21 traces of the fixtures and the generated ones, where
// `go tool trace -pprof` (Go 1.27.3: run under `node scripts/go-env.js -- node bench/trace.js`) is
// measured in the same run as the reference. Targets (v2 real trace, 4.1 MB):
// read < 1 s, heap < 10× the file. Run after `npx tsc -p .`:  node bench/trace.js [--runs=5] [FILE...]
// Memory is measured in a fresh child per file: retained = heap + array buffers held by the result
// after a full GC; peak = the highest heap + array-buffer use (live or not yet collected) sampled at
// each generation boundary and at the end of the read.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const runs = Number((args.find((a) => a.startsWith('--runs=')) || '--runs=5').slice(7));
const extra = args.filter((a) => !a.startsWith('--'));
const realDir = [path.join(root, '..', 'shared', 'testdata', 'trace', 'v2_real_world'), '/work/shared/testdata/trace/v2_real_world']
  .find((d) => fs.existsSync(d));
const fixtures = path.join(root, 'test', 'fixtures', 'trace');
const mod = path.join(root, 'out', 'src', 'core', 'trace', 'readTrace.js');
if (!fs.existsSync(mod)) {
  console.error('bench/trace.js: build first (npx tsc -p .)');
  process.exit(1);
}

// The child: reads FILE `runs` times, reports median time, then memory of one more read.
const child = `
const fs = require('fs');
const { readTrace } = require(${JSON.stringify(mod)});
const [file, runs] = [process.argv[1], Number(process.argv[2])];
const buf = new Uint8Array(fs.readFileSync(file));
// Memory first, in a process that has read only a tiny warm-up trace (code compiled, nothing big freed
// yet: freed array buffers are accounted lazily).
readTrace(new Uint8Array(fs.readFileSync(${JSON.stringify(path.join(root, 'test', 'fixtures', 'trace', 'v2_DERIVED_tests_as_binary', 'go122-annotations.trace'))})));
global.gc();
const use = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
const base = use();
let peak = base;
let d = readTrace(buf, { onGeneration: () => { peak = Math.max(peak, use()); } });
peak = Math.max(peak, use());
const settle = () => { global.gc(); const until = Date.now() + 200; while (Date.now() < until); global.gc(); };
settle(); // array buffers of garbage are released by a background sweeper: give it time
const retained = use() - base;
const columns = d.events.byteSize();
const generations = d.generations;
d = undefined;
const times = [];
let events = 0;
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  events = readTrace(buf).events.length;
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ events, median: times[Math.floor(times.length / 2)], min: times[0], retained, peak: peak - base,
  columns, generations }));
`;

function measure(file) {
  const n = fs.statSync(file).size > 20 * 1048576 ? 1 : runs; // big generated traces: one timed read
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '-e', child, file, String(n)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${file}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function goTracePprof(file) {
  const go = spawnSync('go', ['version']);
  if (go.status !== 0) return undefined;
  const times = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const t0 = Date.now();
    const r = spawnSync('go', ['tool', 'trace', '-pprof=sync', file], { maxBuffer: 1 << 28 });
    if (r.status !== 0) return undefined;
    times.push(Date.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function oursPprof(file) {
  const times = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'pprof-lens.js'), 'trace', '-pprof=sync', file], { maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(r.stderr.toString());
    times.push(Date.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const mb = (n) => (n / 1048576).toFixed(2);
const rows = [];
const files = [];
if (realDir) {
  for (const f of fs.readdirSync(realDir).sort()) files.push(path.join(realDir, f));
} else {
  console.log('note: ../shared/testdata/trace/v2_real_world is absent: the 4.1 MB real-trace targets are skipped');
}
for (const f of ['v1_gotraceui_trace_testdata/stress_1_20_good', 'v1_golang-go_src_internal_trace_testdata/stress_1_21_good']) {
  files.push(path.join(fixtures, f));
}
const gen = path.join(root, 'test', 'fixtures', 'generated', 'trace');
if (fs.existsSync(gen)) {
  for (const f of fs.readdirSync(gen).sort()) if (/^(tracegen|live)-.*\.trace$|^tracegen-big\.trace$/.test(f)) files.push(path.join(gen, f));
}
files.push(...extra);

console.log(`trace reader, median of ${runs} reads (node ${process.version})`);
console.log('file'.padEnd(34) + 'MB'.padStart(7) + 'events'.padStart(9) + 'read ms'.padStart(9) + 'ev/s'.padStart(10) +
  'retained×'.padStart(10) + 'peak×'.padStart(7) + '  go tool trace -pprof=sync vs ours (ms)');
for (const file of files) {
  const size = fs.statSync(file).size;
  const m = measure(file);
  const header = fs.readFileSync(file).subarray(0, 16).toString('latin1');
  let ref = '';
  if (/go 1\.\d+ trace/.test(header) && size < 20 * 1048576) {
    const g = goTracePprof(file);
    if (g !== undefined) {
      const o = oursPprof(file);
      ref = `  ${g} vs ${o} (${(g / o).toFixed(2)}× ${g >= o ? 'faster' : 'slower'}, incl. process start)`;
    }
  }
  rows.push({ file: path.basename(file), size, ...m });
  console.log(path.basename(file).slice(0, 33).padEnd(34) + mb(size).padStart(7) + String(m.events).padStart(9) +
    m.median.toFixed(1).padStart(9) + (m.events / m.median * 1000 / 1e6).toFixed(2).padStart(8) + 'M ' +
    (m.retained / size).toFixed(2).padStart(9) + (m.peak / size).toFixed(2).padStart(7) + ref);
}
const big = rows.find((r) => r.file === 'anhphix-test-go123.trace');
if (big) {
  const okTime = big.median < 1000;
  const okMem = big.peak < 10 * big.size;
  console.log(`\n4.1 MB real trace: read ${big.median.toFixed(0)} ms (target < 1000: ${okTime ? 'met' : 'MISSED'}), ` +
    `peak heap ${mb(big.peak)} MB = ${(big.peak / big.size).toFixed(1)}× file (target < 10×: ${okMem ? 'met' : 'MISSED'}), ` +
    `event columns ${mb(big.columns)} MB for ${big.events} events`);
}
