// Issue 20, part 1: pprof's name simplification (its symbolizer's Demangle step, on by default,
// `-symbolize=none` off). Both sides run on the same files and must print the same bytes: a CPU
// profile written here with the repo's encoder, with names as profilers of Rust (pprof-rs:
// rustc-demangle'd names; perf-based converters: old-scheme mangled `_ZN…17h…E` symbols), C++
// (already demangled, with templates and parameter lists), Java, Python and Go write them; and a real
// allocation profile of a Go program (test/fixtures/goprograms/shapes) whose generic functions are
// instantiated with interface and func shapes (`main.encodeAll[go.shape.interface { MarshalJSON()
// ([]uint8, error) }]`), built and run here with Go 1.27.3.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { encodeProfile } from '../../src/core/profile/encode';
import { emptyProfile, Function, Location, Mapping, Profile } from '../../src/core/profile/profile';
import { parseProfile } from '../../src/core/profile/parse';
import { compareText, haveGo, repoRoot, runProcess } from './goldenHarness';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-symbolize-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** [name, system name]: what the profile's function table holds. */
const names: [string, string][] = [
  // pprof-rs (Rust): names demangled by rustc-demangle, name = system name.
  ['<pprof::backtrace::backtrace_rs::Trace as pprof::backtrace::Trace>::trace', ''],
  ['core::ptr::drop_in_place<alloc::vec::Vec<u8>>', ''],
  ['std::rt::lang_start::{{closure}}', ''],
  ['alloc::raw_vec::RawVec<T,A>::grow_one', ''],
  ['<hashbrown::map::HashMap<K,V,S,A> as core::iter::traits::collect::Extend<(K,V)>>::extend', ''],
  ['tokio::runtime::task::harness::Harness<T,S>::poll', ''],
  ['<F as core::future::into_future::IntoFuture>::into_future', ''],
  // Old-scheme mangled Rust symbols (perf script without demangling), one with macOS's extra '_'.
  ['_ZN4core3fmt5write17h9d3c5a3f6b7e8a21E', ''],
  ['_ZN3std2rt10lang_start28_$u7b$$u7b$closure$u7d$$u7d$17h0a1b2c3d4e5f6789E', ''],
  ['_ZN91_$LT$core..slice..iter..Iter$LT$T$GT$$u20$as$u20$core..iter..traits..iterator..Iterator$GT$4next17h2c3d4e5f6a7b8c9dE', ''],
  ['_ZN5alloc7raw_vec11finish_grow17hf00dfeed12345678E.llvm.1234567890', ''],
  ['__ZN4test3run17habcdef0123456789E', ''],
  // C++, already demangled (perf, gperftools with symbols).
  ['std::vector<int, std::allocator<int> >::_M_realloc_insert<int const&>(__gnu_cxx::__normal_iterator<int*, std::vector<int, std::allocator<int> > >, int const&)', ''],
  ['re2::RE2::Init(re2::StringPiece const&, re2::RE2::Options const&)', ''],
  ['(anonymous namespace)::Worker::Run(void*)', ''],
  ['Foo::operator<(Foo const&) const', ''],
  ['std::operator>>(std::istream&, int&)', ''],
  ['Bar::~Bar()', ''],
  // Java, Python, Node, perf's pseudo-symbols.
  ['java.lang.Thread.<init>', ''],
  ['com.example.Cache$Entry.get(java.lang.Object)', ''],
  ['<lambda>', ''],
  ['<module>', ''],
  ['(anonymous) /app/server.js', ''],
  ['[unknown]', ''],
  ['[kernel.kallsyms]', ''],
  // Go: generics (with interface and func shapes), methods of generic types, closures.
  ['reflect.TypeAssert[go.shape.interface { MarshalJSON() ([]uint8, error) }]', ''],
  ['main.(*Stack[go.shape.int]).Push', ''],
  ['main.apply[go.shape.func(int) (int, error)].func1', ''],
  ['type:.eq.[2]interface {}', ''],
  ['runtime.mapaccess1_faststr', ''],
  // Name and system name already differ (demangled by the profiler), or only a system name.
  ['foo::bar', 'foo::bar<int>(int)'],
  ['', 'alloc::raw_vec::RawVec<T,A>::grow_one'],
  ['kept<as is>(x)', ''],
];

/** A CPU profile over those functions: a few stacks mixing them, values that give distinct rows. */
function namesProfile(): Profile {
  const mapping: Mapping = {
    id: 1, start: 0x400000n, limit: 0x800000n, offset: 0n, file: '/nonexistent/app', buildId: '',
    hasFunctions: true, hasFilenames: true, hasLineNumbers: true, hasInlineFrames: false,
  };
  const p: Profile = {
    ...emptyProfile(),
    sampleType: [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }],
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period: 10_000_000,
    mapping: [mapping],
  };
  const fns: Function[] = names.map(([name, sys], i) => ({
    id: i + 1, name, systemName: sys === '' ? name : sys, filename: `src/f${i % 7}.rs`, startLine: 10 * i + 1,
  }));
  p.function = fns;
  const locs: Location[] = fns.map((f, i) => ({
    id: i + 1, mapping, address: BigInt(0x401000 + 0x40 * i), line: [{ function: f, line: 10 * i + 3, column: 0 }], isFolded: false,
  }));
  p.location = locs;
  const n = locs.length;
  for (let i = 0; i < n; i++) {
    // leaf i, then three callers spread over the table (so every name is a caller and a callee somewhere)
    const stack = [locs[i], locs[(i * 7 + 3) % n], locs[(i * 11 + 5) % n], locs[n - 1 - (i % 4)]];
    const uniq = stack.filter((l, k) => stack.indexOf(l) === k);
    p.sample.push({ location: uniq, value: [i + 1, (i + 1) * 10_000_000] });
  }
  return p;
}

const flagSets: string[][] = [
  ['-top'], ['-top', '-cum'], ['-traces'], ['-raw'], ['-peek=.'], ['-tree'], ['-dot'], ['-top', '-lines'],
  ['-top', '-focus=trace|::'], ['-top', '-hide=^std::'], ['-top', '-nodecount=8'],
  ['-raw', '-symbolize=none'], ['-top', '-symbolize=none'],
  ['-raw', '-symbolize=demangle=templates'], ['-raw', '-symbolize=demangle=full'], ['-raw', '-symbolize=demangle=none'],
  ['-raw', '-symbolize=force'], ['-raw', '-symbolize=local:demangle=default'], ['-raw', '-symbolize=Remote'],
];

async function ours(args: string[]): Promise<{ stdout: Buffer; stderr: string; code: number }> {
  const out: Buffer[] = [];
  let err = '';
  const code = await main(args, {
    stdout: (c) => out.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c.buffer, c.byteOffset, c.byteLength)),
    stderr: (t) => { err += t; },
  });
  return { stdout: Buffer.concat(out), stderr: err, code };
}

async function assertSame(file: string, flags: string[]): Promise<void> {
  const want = await runProcess('go', ['tool', 'pprof', ...flags, file], { cwd: tmp });
  assert.equal(want.code, 0, `go tool pprof ${flags.join(' ')} failed: ${want.stderr}`);
  const got = await ours([...flags, file]);
  assert.equal(got.code, 0, `pprof-lens failed: ${got.stderr}`);
  const c = compareText(`symbolize ${path.basename(file)} ${flags.join(' ')}`, want.stdout, got.stdout);
  assert.ok(c.equal, c.detail);
}

describe('pprof name simplification: the same names as go tool pprof', () => {
  const synthetic = path.join(tmp, 'names.cpu.pb.gz');
  const shapes = path.join(tmp, 'shapes.allocs.pb.gz');
  before(async () => {
    assert.ok(await haveGo(), 'go is required (npm test runs scripts/go-env.js)');
    fs.writeFileSync(synthetic, encodeProfile(namesProfile()));
    const bin = path.join(tmp, 'shapes');
    const dir = path.join(repoRoot, 'test', 'fixtures', 'goprograms');
    const b = await runProcess('go', ['build', '-o', bin, './shapes'], { cwd: dir, timeoutMs: 300_000 });
    assert.equal(b.code, 0, `go build ./shapes: ${b.stderr}`);
    const r = await runProcess(bin, [shapes], { cwd: tmp });
    assert.equal(r.code, 0, `shapes: ${r.stderr}`);
    // A forced mode (-symbolize=demangle=…) makes pprof symbolize again from the binary the profile
    // names, which Pprof Lens never does: remove it, as for a profile read on another machine.
    fs.rmSync(bin);
  });

  it('the profiles hold the names the step changes', () => {
    // Without this the comparisons below could pass with the step missing on both sides.
    const sys = parseProfile(new Uint8Array(fs.readFileSync(shapes))).function.map((f) => f.systemName);
    assert.ok(sys.some((n) => n.includes('[go.shape.interface { MarshalJSON() ([]uint8, error) }]')), sys.join('\n'));
    assert.ok(sys.some((n) => n.includes('[go.shape.func(int) (int, error)]')), sys.join('\n'));
  });

  for (const flags of flagSets) {
    it(`generated Rust/C++/Java/Python/Go names: ${flags.join(' ')}`, () => assertSame(synthetic, flags));
  }
  for (const flags of [['-top'], ['-raw'], ['-traces'], ['-peek=encodeAll|apply'], ['-dot'], ['-raw', '-symbolize=none'], ['-tree', '-symbolize=demangle=templates']]) {
    it(`real Go generic shapes (allocs): ${flags.join(' ')}`, () => assertSame(shapes, flags));
  }

  it('the names printed differ with and without -symbolize=none (the step is exercised)', async () => {
    const on = (await ours(['-raw', synthetic])).stdout.toString();
    const off = (await ours(['-raw', '-symbolize=none', synthetic])).stdout.toString();
    assert.notEqual(on, off);
    assert.match(on, / ::trace /);
    assert.match(on, / core::fmt::write /);
    assert.match(off, /<pprof::backtrace::backtrace_rs::Trace as pprof::backtrace::Trace>::trace /);
  });

  it('an unknown -symbolize option gives pprof\'s two warnings and the default step', async () => {
    const want = await runProcess('go', ['tool', 'pprof', '-top', '-symbolize=bogus', synthetic], { cwd: tmp });
    const got = await ours(['-top', '-symbolize=bogus', synthetic]);
    const warnings = (s: string) => s.split('\n').filter((l) => /symboliz/.test(l));
    assert.deepEqual(warnings(got.stderr), warnings(want.stderr));
    assert.equal(warnings(got.stderr).length, 2);
    assert.ok(compareText('symbolize bogus', want.stdout, got.stdout).equal);
  });
});
