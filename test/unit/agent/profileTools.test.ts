// The agent tools (src/agent/profileTools.ts) on the real generated profiles: each report tool's text
// equals the `pprof-lens` CLI's (a separate process, same flags written out here by hand) and, for
// -top, -list and -diff_base, Go 1.27.3's `go tool pprof`; each wrong call gets one clear error; long
// outputs are cut at a line with a note.
import { before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { capText, PROFILE_TOOLS, runTool, type ToolContext } from '../../../src/agent/profileTools';
import { liveTrace } from '../trace/liveTraces';
import { compareText, generatedDir, haveGo, manifest, repoRoot, runPprof, runProcess } from '../../golden/goldenHarness';

const ctx: ToolContext = { folders: [generatedDir] };
const bin = path.join(repoRoot, 'bin', 'pprof-lens.js');
const serviceSources = fs.readdirSync(path.join(repoRoot, 'examples', 'sample-service')).filter((f) => f.endsWith('.go'))
  .map((f) => path.join(repoRoot, 'examples', 'sample-service', f));

async function cli(args: string[]): Promise<string> {
  const r = await runProcess(process.execPath, [bin, ...args], { timeoutMs: 120_000 });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.toString('utf8');
}

async function tool(name: string, args: Record<string, unknown>, c: ToolContext = ctx) {
  return runTool(name, args, c);
}

function assertSame(name: string, want: string | Buffer, got: string): void {
  const cmp = compareText(`agent-${name}`, Buffer.isBuffer(want) ? want : Buffer.from(want), Buffer.from(got));
  assert.ok(cmp.equal, cmp.detail);
}

describe('agent tools: reports as the CLI and go tool pprof print them', () => {
  it('has the generated profiles (node scripts/gen-profiles.js)', () => assert.ok(manifest(), 'test/fixtures/generated is missing'));

  it('profile_top = pprof-lens -top = go tool pprof -top (sample type, cum sort, node count, focus)', async () => {
    const r = await tool('profile_top', { profile: 'service.cpu.pb.gz', sample_index: 'cpu', sort: 'cum', nodecount: 8, focus: 'main\\.' });
    assert.equal(r.isError, false, r.text);
    const flags = ['-top', '-sample_index=cpu', '-focus=main\\.', '-cum', '-nodecount=8'];
    assertSame('top-cli', await cli([...flags, path.join(generatedDir, 'service.cpu.pb.gz')]), r.text);
    assert.match(r.text, /Showing top 8 nodes/);
    assert.ok(await haveGo(), 'go is on PATH (scripts/go-env.js)');
    const go = await runPprof([...flags, 'service.cpu.pb.gz'], ['service.cpu.pb.gz']);
    assert.equal(go.code, 0, go.stderr);
    assertSame('top-go', go.stdout, r.text);
  });

  it('profile_top of a heap profile by another sample type and granularity = go tool pprof', async () => {
    const r = await tool('profile_top', { profile: 'service.heap.pb.gz', sample_index: 'alloc_space', granularity: 'lines' });
    assert.equal(r.isError, false, r.text);
    const go = await runPprof(['-top', '-sample_index=alloc_space', '-lines', 'service.heap.pb.gz'], ['service.heap.pb.gz']);
    assertSame('top-heap-go', go.stdout, r.text);
  });

  it('profile_list = pprof-lens -list = go tool pprof -list', async () => {
    const re = 'main\\.(isPrime|buildReport)$';
    // The sample service's sources are where the profile names them: a source root of the tool context.
    const r = await tool('profile_list', { profile: 'service.cpu.pb.gz', function: re }, { ...ctx, sourceRoots: [path.join(repoRoot, 'examples')] });
    assert.equal(r.isError, false, r.text);
    assert.match(r.text, /ROUTINE =+ main\.isPrime/);
    assertSame('list-cli', await cli([`-list=${re}`, path.join(generatedDir, 'service.cpu.pb.gz')]), r.text);
    const go = await runPprof([`-list=${re}`, 'service.cpu.pb.gz'], ['service.cpu.pb.gz'], serviceSources);
    assert.equal(go.code, 0, go.stderr);
    assertSame('list-go', go.stdout, r.text);
  });

  it('profile_list prints source files only from the folders and source roots it was given', async () => {
    // A crafted profile naming a file outside them (as a profile from anywhere may): its text never reaches the agent.
    const { parseProfile } = await import('../../../src/core/profile/parse');
    const { encodeProfile } = await import('../../../src/core/profile/encode');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-agent-sources-'));
    try {
      const secrets = path.join(tmp, 'home');
      fs.mkdirSync(secrets);
      const secret = path.join(secrets, 'credentials.go');
      fs.writeFileSync(secret, Array.from({ length: 200 }, (_, i) => `TOKEN=hunter2-${i}`).join('\n'));
      const p = parseProfile(fs.readFileSync(path.join(generatedDir, 'service.cpu.pb.gz')), 'cpu');
      for (const f of p.function) if (f.name === 'main.isPrime') f.filename = secret;
      const profiles = path.join(tmp, 'profiles');
      fs.mkdirSync(profiles);
      fs.writeFileSync(path.join(profiles, 'crafted.pb.gz'), encodeProfile(p));
      const outside = await tool('profile_list', { profile: 'crafted.pb.gz', function: 'main\\.isPrime$' }, { folders: [profiles] });
      assert.equal(outside.isError, false, outside.text);
      assert.match(outside.text, /ROUTINE =+ main\.isPrime in .*credentials\.go/);
      assert.doesNotMatch(outside.text, /hunter2/);
      // A link inside an allowed folder pointing out of it is not followed either.
      fs.symlinkSync(secret, path.join(profiles, 'link.go'));
      for (const f of p.function) if (f.name === 'main.isPrime') f.filename = path.join(profiles, 'link.go');
      fs.writeFileSync(path.join(profiles, 'linked.pb.gz'), encodeProfile(p));
      const linked = await tool('profile_list', { profile: 'linked.pb.gz', function: 'main\\.isPrime$' }, { folders: [profiles] });
      assert.doesNotMatch(linked.text, /hunter2/);
      // Given as a source root, the same file is shown.
      const inside = await tool('profile_list', { profile: 'crafted.pb.gz', function: 'main\\.isPrime$' }, { folders: [profiles], sourceRoots: [secrets] });
      assert.match(inside.text, /hunter2/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('profile_peek and profile_tree = pprof-lens -peek / -tree', async () => {
    const peek = await tool('profile_peek', { profile: 'service.cpu.pb.gz', function: 'main\\.countPrimes$', hide: 'runtime\\.' });
    assert.equal(peek.isError, false, peek.text);
    assertSame('peek-cli', await cli(['-peek=main\\.countPrimes$', '-hide=runtime\\.', path.join(generatedDir, 'service.cpu.pb.gz')]), peek.text);
    const tree = await tool('profile_tree', { profile: 'labeled.cpu.pb.gz', nodecount: 6, tagfocus: 'worker=a' });
    assert.equal(tree.isError, false, tree.text);
    assertSame('tree-cli', await cli(['-tree', '-tagfocus=worker=a', '-nodecount=6', path.join(generatedDir, 'labeled.cpu.pb.gz')]), tree.text);
  });

  it('profile_compare = go tool pprof -top -diff_base and pprof-lens -base -normalize', async () => {
    const r = await tool('profile_compare', { profile: 'service.allocs2.pb.gz', base: 'service.allocs.pb.gz', nodecount: 10 });
    assert.equal(r.isError, false, r.text);
    const go = await runPprof(['-top', '-nodecount=10', '-diff_base=service.allocs.pb.gz', 'service.allocs2.pb.gz'], ['service.allocs.pb.gz', 'service.allocs2.pb.gz']);
    assert.equal(go.code, 0, go.stderr);
    assertSame('diff-go', go.stdout, r.text);
    const b = await tool('profile_compare', { profile: 'service.cpu2.pb.gz', base: 'service.cpu.pb.gz', mode: 'base', normalize: true });
    assert.equal(b.isError, false, b.text);
    assertSame('base-cli', await cli(['-top', `-base=${path.join(generatedDir, 'service.cpu.pb.gz')}`, '-normalize', path.join(generatedDir, 'service.cpu2.pb.gz')]), b.text);
  });
});

describe('agent tools: list_profiles and goroutine_groups', () => {
  it('list_profiles names every generated profile with its kind and sample types', async () => {
    const r = await tool('list_profiles', {});
    assert.equal(r.isError, false, r.text);
    for (const p of manifest() ?? []) {
      if (!/\.(pb\.gz|pprof|txt)$/.test(p.file)) continue;
      assert.ok(r.text.includes(path.join(generatedDir, p.file)), `lists ${p.file}`);
    }
    assert.match(r.text, /service\.heap\.pb\.gz\n {2}kind: heap · time: \S+ · sample types: alloc_objects\/count alloc_space\/bytes inuse_objects\/count inuse_space\/bytes · total: /);
  });

  it('goroutine_groups of a debug=2 dump: counts sum to the goroutines in the file', async () => {
    const file = path.join(generatedDir, 'service.goroutine.debug2.txt');
    const n = (fs.readFileSync(file, 'utf8').match(/^goroutine \d+ .*\[/gm) ?? []).length;
    const r = await tool('goroutine_groups', { profile: 'service.goroutine.debug2.txt', max_groups: 1000 });
    assert.equal(r.isError, false, r.text);
    assert.ok(r.text.startsWith(`${n} goroutines in `), r.text.slice(0, 100));
    const counts = [...r.text.matchAll(/^(\d+) goroutines? · /gm)].map((m) => Number(m[1]));
    assert.equal(counts.reduce((a, b) => a + b, 0), n);
    assert.match(r.text, /created by main\.leakLoop/);
  });

  it('goroutine_groups of the protobuf goroutine profile matches its total', async () => {
    const top = await cli(['-top', '-nodecount=1', path.join(generatedDir, 'service.goroutine.pb.gz')]);
    const total = Number(/of (\d+) total/.exec(top)?.[1]);
    const r = await tool('goroutine_groups', { profile: 'service.goroutine.pb.gz', max_groups: 3 });
    assert.equal(r.isError, false, r.text);
    assert.ok(r.text.startsWith(`${total} goroutines in `), r.text.slice(0, 100));
    assert.match(r.text, /more groups .*raise max_groups/);
  });
});

describe('agent tools: trace_summary', () => {
  const trace = path.join(generatedDir, 'trace', 'live-go1.27.3.trace');
  // The live trace of the sample service is made (or taken from the cache) by the trace tests' set-up;
  // in a fresh clone these tests may run first.
  before(async () => {
    assert.equal(await liveTrace('go1.27.3'), trace);
  }, { timeout: 600_000 });

  it('the top of a trace-derived profile = go tool pprof -top of go tool trace -pprof', async () => {
    const r = await tool('trace_summary', { profile: 'trace/live-go1.27.3.trace', profiles: 'sync', nodecount: 5, max_groups: 3 });
    assert.equal(r.isError, false, r.text);
    const section = r.text.split('== sync: go tool trace -pprof=sync, then pprof -top -nodecount=5 ==\n')[1];
    assert.ok(section, r.text);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-agent-trace-'));
    try {
      const prof = await runProcess('go', ['tool', 'trace', '-pprof=sync', trace], { timeoutMs: 300_000 });
      assert.equal(prof.code, 0, prof.stderr);
      fs.writeFileSync(path.join(dir, 'sync.pb.gz'), prof.stdout);
      const go = await runProcess('go', ['tool', 'pprof', '-top', '-nodecount=5', path.join(dir, 'sync.pb.gz')], { timeoutMs: 300_000 });
      assert.equal(go.code, 0, go.stderr);
      assertSame('trace-sync-go', go.stdout, section);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.doesNotMatch(r.text, /== (net|syscall|sched):/);
  });

  it('duration, Ps, GC and the goroutine table, whose groups add up', async () => {
    const r = await tool('trace_summary', { profile: 'trace/live-go1.27.3.trace', profiles: '', max_groups: 1000 });
    assert.equal(r.isError, false, r.text);
    assert.match(r.text, /^Duration: \d+ms · Ps: [1-9]\d* · GC cycles: [1-9]\d* \(/m);
    const m = /\((\d+) goroutines, (\d+) groups;/.exec(r.text)!;
    const rows = r.text.split('\n').filter((l) => /^\d+\t/.test(l));
    assert.equal(rows.length, Number(m[2]));
    assert.equal(rows.reduce((a, l) => a + Number(l.split('\t')[0]), 0), Number(m[1]));
    assert.ok(rows.some((l) => l.endsWith('\tmain.cpuLoop')), 'the sample service\'s CPU loop');
  });

  it('refuses a profile that is no trace, and an unknown trace profile', async () => {
    const a = await tool('trace_summary', { profile: 'service.cpu.pb.gz' });
    assert.equal(a.isError, true);
    assert.match(a.text, /is not an execution trace/);
    const b = await tool('trace_summary', { profile: 'trace/live-go1.27.3.trace', profiles: 'cpu' });
    assert.equal(b.isError, true);
    assert.match(b.text, /^unknown trace profile "cpu" \(one of net, sync, syscall, sched\)$/);
  });
});

describe('agent tools: errors the agent can act on', () => {
  const cases: [string, string, Record<string, unknown>, RegExp][] = [
    ['unknown profile', 'profile_top', { profile: 'nope.pb.gz' }, /^unknown profile "nope\.pb\.gz": .*call list_profiles/],
    ['a file outside the folders', 'profile_top', { profile: '../../../package.json' }, /^unknown profile/],
    ['an absolute path outside', 'profile_top', { profile: path.join(repoRoot, 'package.json') }, /^unknown profile/],
    ['wrong sample type', 'profile_top', { profile: 'service.cpu.pb.gz', sample_index: 'alloc_space' }, /sample_index "alloc_space" must be one of: \[samples cpu\]/],
    ['bad focus regexp', 'profile_top', { profile: 'service.cpu.pb.gz', focus: 'main.(' }, /parsing focus regexp: .*missing closing \)/],
    ['bad function regexp', 'profile_list', { profile: 'service.cpu.pb.gz', function: '[a-' }, /regexp/],
    ['missing argument', 'profile_list', { profile: 'service.cpu.pb.gz' }, /^missing argument "function"/],
    ['unknown argument', 'profile_top', { profile: 'service.cpu.pb.gz', seconds: 3 }, /^unknown argument "seconds"/],
    ['wrong type', 'profile_top', { profile: 'service.cpu.pb.gz', nodecount: '5' }, /^argument "nodecount" must be an integer/],
    ['not in the enum', 'profile_top', { profile: 'service.cpu.pb.gz', sort: 'size' }, /^argument "sort" must be one of flat, cum/],
    ['not a goroutine profile', 'goroutine_groups', { profile: 'service.cpu.pb.gz' }, /is not a goroutine profile/],
    ['mismatched comparison', 'profile_compare', { profile: 'service.cpu.pb.gz', base: 'service.heap.pb.gz' }, /service\.heap\.pb\.gz: incompatible profiles/],
    ['capture without a capturer', 'capture_profile', { kind: 'cpu' }, /not offered here/],
    ['an unknown tool', 'profile_flame', {}, /^unknown tool "profile_flame"/],
  ];
  for (const [what, name, args, re] of cases) {
    it(what, async () => {
      const r = await tool(name, args);
      assert.equal(r.isError, true, r.text);
      assert.match(r.text, re);
      assert.equal(r.text.trim().split('\n').length, 1, `one line: ${r.text}`);
      assert.doesNotMatch(r.text, /internal error|\n\s+at /);
    });
  }

  it('a symlink in the folder that points outside is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-agent-'));
    try {
      fs.symlinkSync(path.join(repoRoot, 'package.json'), path.join(dir, 'escape.pb.gz'));
      fs.copyFileSync(path.join(generatedDir, 'service.cpu.pb.gz'), path.join(dir, 'cpu.pb.gz'));
      const bad = await tool('profile_top', { profile: 'escape.pb.gz' }, { folders: [dir] });
      assert.equal(bad.isError, true);
      assert.match(bad.text, /^unknown profile/);
      const good = await tool('profile_top', { profile: 'cpu.pb.gz', nodecount: 2 }, { folders: [dir] });
      assert.equal(good.isError, false, good.text);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('agent tools: output cap', () => {
  it('cuts at a whole line and says what was cut and how to narrow', async () => {
    const full = await tool('profile_top', { profile: 'service.cpu.pb.gz' });
    const cut = await tool('profile_top', { profile: 'service.cpu.pb.gz' }, { ...ctx, maxChars: 600 });
    assert.equal(cut.isError, false);
    const lines = cut.text.trimEnd().split('\n');
    const note = lines.pop() ?? '';
    assert.match(note, /^\[output cut: showing (\d+) of (\d+) lines \((\d+) of (\d+) characters\); to see the rest, narrow the request: set nodecount/);
    const kept = `${lines.join('\n')}\n`;
    assert.ok(full.text.startsWith(kept), 'the kept part is the start of the full text');
    assert.ok(kept.length <= 600);
    const m = /showing (\d+) of (\d+) lines \((\d+) of (\d+)/.exec(note)!;
    assert.equal(Number(m[1]), lines.length);
    assert.equal(Number(m[2]), full.text.trimEnd().split('\n').length);
    assert.equal(Number(m[4]), full.text.length);
  });

  it('leaves short text alone', () => assert.equal(capText('a\nb\n', 10, 'x'), 'a\nb\n'));
});

describe('agent tools: definitions', () => {
  it('every tool has a description and an object schema whose required arguments exist', () => {
    const names = new Set<string>();
    for (const t of PROFILE_TOOLS) {
      assert.match(t.name, /^[a-z_]+$/);
      assert.ok(!names.has(t.name));
      names.add(t.name);
      assert.ok(t.description.length > 40, t.name);
      assert.equal(t.inputSchema.type, 'object');
      for (const r of t.inputSchema.required ?? []) assert.ok(r in t.inputSchema.properties, `${t.name}.${r}`);
    }
    assert.deepEqual(PROFILE_TOOLS.filter((t) => t.acts).map((t) => t.name), ['capture_profile']);
  });
});
