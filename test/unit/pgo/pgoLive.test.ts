// `pprof-lens pgo merge` and `pprof-lens pgo hot` against Go 1.27.3 itself, on two real CPU profiles
// of the sample service captured at test time: the merged file is what `go tool pprof -proto A B`
// writes (decoded bytes and -raw equal); its call edges are what `go tool preprofile` computes; and
// `go build` of the service with the written default.pgo (-pgo=auto) accepts it, and its PGO debug
// output (-d=pgodebug=3: the hot threshold, the hot call graph with hot edges in red, the weight of each
// call site of package main) names the hot call sites and weights `pgo hot` computes.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { main } from '../../../src/cli/main';
import { goFloatV, hotCallSites, pgoProfileFromBytes, serializePreprofile } from '../../../src/core/pgo/pgoProfile';
import { freePort, repoRoot } from '../../testEnv';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const svc = require(path.join(repoRoot, 'scripts', 'sample-service.js'));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-pgo-'));
const cpuA = path.join(tmp, 'a.cpu.pb.gz');
const cpuB = path.join(tmp, 'b.cpu.pb.gz');
const heap = path.join(tmp, 'heap.pb.gz');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (c) => { out += typeof c === 'string' ? c : Buffer.from(c).toString('latin1'); }, stderr: (t) => { err += t; } });
  return { code, out, err };
}

const go = (args: string[], cwd = tmp): Buffer => execFileSync('go', args, { cwd, maxBuffer: 256 * 2 ** 20, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });

before(async () => {
  const bin = svc.buildSampleService(path.join(tmp, 'bin'));
  const s = await svc.startSampleService(bin, `127.0.0.1:${await freePort()}`);
  try {
    await svc.captureCpuProfile(s.url, 2, cpuA);
    await svc.captureCpuProfile(s.url, 2, cpuB);
    await svc.download(`${s.url}/debug/pprof/heap`, heap, 15_000);
  } finally {
    await s.stop();
  }
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('pgo merge writes what go tool pprof -proto A B writes', { timeout: 120_000 }, async () => {
  const ours = path.join(tmp, 'merged.pgo');
  const r = await cli(['pgo', 'merge', '-o', ours, cpuA, cpuB]);
  assert.equal(r.code, 0, r.err);
  const theirs = go(['tool', 'pprof', '-proto', cpuA, cpuB]);
  assert.ok(zlib.gunzipSync(fs.readFileSync(ours)).equals(zlib.gunzipSync(theirs)), 'the decoded profile.proto bytes are equal');
  const theirsFile = path.join(tmp, 'go-merged.pb.gz');
  fs.writeFileSync(theirsFile, theirs);
  const raw = (f: string) => go(['tool', 'pprof', '-raw', f]).toString();
  const ourRaw = raw(ours);
  assert.equal(ourRaw, raw(theirsFile));
  assert.match(ourRaw, /main\.countPrimes/);
});

test('pgo merge refuses non-CPU profiles, naming them, and writes nothing', async () => {
  const out = path.join(tmp, 'refused.pgo');
  const r = await cli(['pgo', 'merge', '-o', out, cpuA, heap]);
  assert.equal(r.code, 1);
  assert.match(r.err, /^pprof-lens: pgo merge: not a CPU profile: .*heap\.pb\.gz \(alloc_objects\/count, alloc_space\/bytes, inuse_objects\/count, inuse_space\/bytes\)/);
  assert.doesNotMatch(r.err, /a\.cpu\.pb\.gz/);
  assert.equal(r.err.split('\n').length, 2, 'one line');
  assert.equal(fs.existsSync(out), false);
  assert.equal((await cli(['pgo', 'merge', cpuA])).code, 2, 'no -o: usage error');
  const missing = await cli(['pgo', 'hot', path.join(tmp, 'nope.pgo')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /nope\.pgo: no such file or directory/);
});

test('the call edges are what go tool preprofile computes; the hot call sites are what the compiler prints', { timeout: 300_000 }, async () => {
  const merged = path.join(tmp, 'merged.pgo');
  if (!fs.existsSync(merged)) assert.equal((await cli(['pgo', 'merge', '-o', merged, cpuA, cpuB])).code, 0);
  const prof = pgoProfileFromBytes(fs.readFileSync(merged), merged);
  assert.ok(prof.edges.length > 5, `${prof.edges.length} edges`);

  // Every edge, its weight and the order: go tool preprofile's serialization.
  const pre = path.join(tmp, 'merged.pre');
  go(['tool', 'preprofile', '-i', merged, '-o', pre]);
  assert.equal(serializePreprofile(prof), fs.readFileSync(pre, 'utf8'));
  // The CLI reads the preprocessed form the same way.
  const fromPre = await cli(['pgo', 'hot', pre]);
  const fromPprof = await cli(['pgo', 'hot', merged]);
  assert.equal(fromPre.code, 0, fromPre.err);
  const strip = (s: string) => s.split('\n').map((l) => l.replace(/ {2}\S+:\d+$| {2}\+\d+ lines into .*$/, '')).join('\n');
  assert.equal(strip(fromPre.out), strip(fromPprof.out), 'same sites, with or without lines');

  // go build with the file as default.pgo in a copy of the service (-pgo=auto, the default).
  const hot = hotCallSites(prof);
  const pkg = path.join(tmp, 'svc');
  fs.cpSync(svc.SOURCE_DIR, pkg, { recursive: true });
  fs.copyFileSync(merged, path.join(pkg, 'default.pgo'));
  const exe = path.join(tmp, 'svc-pgo');
  // The compiler's debug output comes on go build's stderr.
  const built = spawnSync('go', ['build', '-o', exe, '-gcflags=-d=pgodebug=3', '.'], {
    cwd: pkg, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 2 ** 20, env: { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
  });
  assert.equal(built.status, 0, `go build accepts default.pgo: ${built.stderr}`);
  const log = `${built.stdout}${built.stderr}`;
  assert.match(go(['version', '-m', exe]).toString(), new RegExp(`-pgo=${path.join(pkg, 'default.pgo').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), 'the build used default.pgo');

  // 1. The threshold the inliner derives from the CDF.
  const thres = /^hot-callsite-thres-from-CDF=(.*)$/m.exec(log);
  assert.ok(thres, 'the compiler printed its threshold');
  assert.equal(thres![1], goFloatV(hot.thresholdPercent));

  // 2. The hot call graph of package main: red edges are the hot edges over the threshold.
  const dot = log.slice(log.indexOf('digraph G {'), log.indexOf('\n}\n', log.indexOf('digraph G {')));
  const red: string[] = [];
  const edgeRe = /^edge \[color=(\w+), style=\w+\];\n"([^"]+)" -> "([^"]+)" \[label="([\d.]+)"\];$/gm;
  let m: RegExpExecArray | null;
  let printed = 0;
  while ((m = edgeRe.exec(dot))) {
    printed++;
    if (m[1] === 'red') red.push(`${m[2]} -> ${m[3]}`);
  }
  assert.ok(printed > 5, `${printed} edges in the compiler's graph`);
  const oursRed = hot.sites.filter((s) => s.callerName.startsWith('main.') && s.percent > hot.thresholdPercent).map((s) => `${s.callerName} -> ${s.calleeName}`);
  assert.deepEqual(red.sort(), oursRed.sort());
  assert.ok(red.includes('main.countPrimes -> main.isPrime'), `the sample service's hot loop is hot: ${red.join(', ')}`);

  // 3. Each call site of package main the compiler weighs: the same weight on the same line.
  let weighed = 0;
  for (const line of log.split('\n')) {
    if (!line.startsWith('{"Pkg":"main"')) continue;
    const rec = JSON.parse(line) as { Pos: string; Caller: string; Hottest: string; HottestWeight: number };
    if (rec.HottestWeight === 0) continue;
    const [file, lineNo] = rec.Pos.split(':');
    const site = prof.edges.find((e) => e.callerName === rec.Caller && e.calleeName === rec.Hottest && (e.callerStartLine ?? 0) + e.callSiteOffset === Number(lineNo));
    assert.ok(site, `our edges have ${rec.Caller} → ${rec.Hottest} at ${rec.Pos}`);
    assert.equal(site!.weight, rec.HottestWeight, rec.Pos);
    assert.equal(path.basename(site!.callerFile ?? ''), path.basename(file));
    weighed++;
  }
  assert.ok(weighed >= 2, `${weighed} weighed call sites`);

  // 4. Functions the inliner gives the hot budget are callees of hot sites.
  const callees = new Set(hot.sites.map((s) => s.calleeName));
  for (const [, fn] of log.matchAll(/^hot-node enabled increased budget=\d+ for func=(\S+)$/gm)) assert.ok(callees.has(fn), fn);

  // The CLI's listing: the hottest site with its share and line.
  assert.match(fromPprof.out, new RegExp(`^hot-callsite-thres-from-CDF=${thres![1].replace('.', '\\.')}$`, 'm'));
  assert.match(fromPprof.out, /\d+\.\d\d% {2}main\.countPrimes → main\.isPrime {2}\S+\/cpu\.go:26$/m);
});
