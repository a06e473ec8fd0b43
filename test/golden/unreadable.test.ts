// Issue 20, part 3: files Go cannot read get one clear message. Recognisable non-pprof files
// (OTLP profiles in protobuf and JSON, a jemalloc heap dump, perf.data, a Go execution trace, an
// executable), written here in their formats, are refused by go tool pprof (run here) and by
// pprof-lens, ours saying what the file is and how to get a profile; profiles with a reserved id 0
// are refused with Go's own words, in Go's order.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { encodeProfile, encodeProfileUncompressed } from '../../src/core/profile/encode';
import { emptyProfile, Function, Location, Mapping, Profile } from '../../src/core/profile/profile';
import { parseProfile } from '../../src/core/profile/parse';
import { ProfileError } from '../../src/core/profile/profileError';
import { haveGo, repoRoot, runProcess } from './goldenHarness';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-unreadable-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

// A minimal protobuf writer for the foreign formats (OTLP is not profile.proto).
const varint = (n: number | bigint): number[] => {
  let v = BigInt(n);
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
};
const len = (field: number, bytes: number[]) => [...varint((field << 3) | 2), ...varint(bytes.length), ...bytes];
const vi = (field: number, v: number | bigint) => [...varint(field << 3), ...varint(v)];
const str = (field: number, s: string) => len(field, [...Buffer.from(s)]);

/** An OTLP ProfilesData (opentelemetry-proto profiles/v1development): resource, scope, one profile, and the dictionary. */
function otlpProfilesData(): Uint8Array {
  const keyValue = (k: string, v: string) => [...str(1, k), ...len(2, str(1, v))];
  const resource = len(1, [...len(1, keyValue('service.name', 'checkout')), ...len(1, keyValue('host.name', 'node-7'))]);
  const profile = [
    ...len(1, [...vi(1, 1), ...vi(2, 2)]), // sample_type
    ...len(2, [...vi(1, 1), ...len(2, varint(7))]), // a sample: stack index 1, values [7]
    ...vi(11, 1733600000000000000n),
    ...vi(12, 10_000_000_000),
    ...len(17, [...Buffer.alloc(16, 7)]), // profile_id
  ];
  const scope = len(2, [...len(1, [...str(1, 'go.opentelemetry.io/ebpf-profiler'), ...str(2, 'v0.0.202547')]), ...len(2, profile)]);
  const dictionary = len(2, [...len(3, [...vi(1, 1), ...vi(2, 2)]), ...str(5, ''), ...str(5, 'samples'), ...str(5, 'count'), ...str(5, 'main.work')]);
  return Uint8Array.from([...len(1, [...resource, ...scope, ...str(3, 'https://opentelemetry.io/schemas/1.34.0')]), ...dictionary]);
}

const otlpJson = JSON.stringify({
  resourceProfiles: [{
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
    scopeProfiles: [{ scope: { name: 'go.opentelemetry.io/ebpf-profiler' }, profiles: [{ sampleType: [{ typeStrindex: 1, unitStrindex: 2 }], timeNanos: '1733600000000000000' }] }],
  }],
  dictionary: { stringTable: ['', 'samples', 'count'] },
}, null, 2);

/** jemalloc's prof.dump output (prof_dump_header, per-backtrace records, /proc/self/maps). */
const jemallocHeap = [
  'heap_v2/524288',
  '  t*: 28106: 56637512 [0: 0]',
  '  t0: 20000: 40000000 [0: 0]',
  '  t1: 8106: 16637512 [0: 0]',
  '@ 0x7f3b2a4c1f8d 0x55d1c0a2b3c4 0x55d1c0a2a111',
  '  t*: 13: 6688 [0: 0]',
  '  t0: 13: 6688 [0: 0]',
  '',
  'MAPPED_LIBRARIES:',
  '55d1c0800000-55d1c0c00000 r-xp 00000000 08:01 1234                       /usr/bin/app',
  '7f3b2a400000-7f3b2a600000 r-xp 00000000 08:01 5678                       /usr/lib/libjemalloc.so.2',
  '',
].join('\n');

/** A perf.data header: "PERFILE2", header size, attr size, then the sections (contents irrelevant here). */
function perfData(): Uint8Array {
  const b = Buffer.alloc(104);
  b.write('PERFILE2', 0, 'latin1');
  b.writeBigUInt64LE(104n, 8);
  b.writeBigUInt64LE(136n, 16);
  return b;
}

/** An ELF header (64-bit, little endian, executable). */
function elf(): Uint8Array {
  const b = Buffer.alloc(64);
  b.write('\x7fELF', 0, 'latin1');
  b[4] = 2;
  b[5] = 1;
  b[6] = 1;
  b.writeUInt16LE(2, 16);
  return b;
}

const traceFixture = path.join(repoRoot, 'test/fixtures/trace/v2_DERIVED_tests_as_binary/go122-syscall-steal-proc-sitting-in-syscall.trace');

async function ours(args: string[]): Promise<{ stderr: string; code: number; stdout: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (c) => { out += typeof c === 'string' ? c : Buffer.from(c).toString(); }, stderr: (t) => { err += t; } });
  return { stderr: err, code, stdout: out };
}

async function goPprof(file: string): Promise<{ stderr: string; code: number }> {
  assert.ok(await haveGo(), 'go is required');
  const r = await runProcess('go', ['tool', 'pprof', '-top', file], { cwd: tmp });
  return { stderr: r.stderr, code: r.code };
}

describe('recognisable files that are not pprof profiles', () => {
  const cases: [string, () => Uint8Array, RegExp][] = [
    ['otlp.pb', otlpProfilesData, /OpenTelemetry \(OTLP\) profiles message in protobuf/],
    ['otlp.pb.gz', () => encodeGzip(otlpProfilesData()), /OpenTelemetry \(OTLP\) profiles message in protobuf/],
    ['otlp.json', () => Buffer.from(otlpJson), /OpenTelemetry \(OTLP\) profiles message in JSON/],
    ['jeprof.1234.0.f.heap', () => Buffer.from(jemallocHeap), /jemalloc heap profile.*jeprof.*jemalloc_pprof/],
    ['perf.data', perfData, /perf\.data file.*perf_to_profile.*github\.com\/google\/perf_data_converter/],
    ['app', elf, /ELF executable/],
    ['trace.out', () => fs.readFileSync(traceFixture), /Go execution trace.*pprof-lens trace -pprof=/],
  ];
  for (const [name, make, what] of cases) {
    it(`${name}: refused by go tool pprof and by us, in one line saying what it is`, async () => {
      const f = path.join(tmp, name);
      fs.writeFileSync(f, make());
      const go = await goPprof(f);
      assert.notEqual(go.code, 0, 'go tool pprof refuses it too');
      const r = await ours(['-top', f]);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.ok(lines[0].startsWith(`pprof-lens: ${f}: not a profile: this is `), lines[0]);
      assert.match(lines[0], what);
      if (name === 'perf.data') assert.match(go.stderr, /github\.com\/google\/perf_data_converter/, 'Go names the same converter');
    });
  }

  it('real profiles of every kind still read (the recognisers run only after the decoders fail)', () => {
    const dir = path.join(repoRoot, 'test/fixtures/generated');
    const files = fs.readdirSync(dir).filter((f) => /\.(pb\.gz|pprof|txt)$/.test(f));
    assert.ok(files.length >= 10, 'generated profiles (node scripts/gen-profiles.js)');
    for (const f of files) assert.ok(parseProfile(new Uint8Array(fs.readFileSync(path.join(dir, f))), f).sampleType.length > 0, f);
  });
});

function encodeGzip(b: Uint8Array): Uint8Array {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('zlib').gzipSync(b);
}

describe('reserved id 0: Go\'s words, in Go\'s order', () => {
  /** A one-sample profile; ids as given (0 is reserved). */
  function profile(fid: number, mid: number, lid: number, lineFid = fid): Profile {
    const m: Mapping = { id: mid, start: 0x1000n, limit: 0x2000n, offset: 0n, file: 'app', buildId: '', hasFunctions: true, hasFilenames: true, hasLineNumbers: true, hasInlineFrames: false };
    const f: Function = { id: fid, name: 'main.f', systemName: 'main.f', filename: 'f.go', startLine: 1 };
    const g: Function = { id: lineFid, name: 'main.g', systemName: 'main.g', filename: 'f.go', startLine: 9 };
    const other: Location = { id: 5, mapping: m, address: 0x1200n, line: [{ function: f, line: 4, column: 0 }], isFolded: false };
    const l: Location = { id: lid, mapping: m, address: 0x1100n, line: [{ function: lineFid === fid ? f : g, line: 3, column: 0 }], isFolded: false };
    return { ...emptyProfile(), sampleType: [{ type: 'samples', unit: 'count' }], mapping: [m], function: [f], location: [l, other], sample: [{ location: [l, other], value: [1] }] };
  }
  const cases: [string, Profile][] = [
    ['function id 0 (a line refers to it)', profile(0, 1, 1)],
    ['function id 0 and mapping id 0', profile(0, 0, 1)],
    ['location id 0', profile(1, 1, 0)],
    ['a line whose function is missing (no reserved id)', profile(1, 1, 1, 7)],
  ];
  for (const [name, p] of cases) {
    for (const gz of [false, true]) {
      it(`${name}${gz ? ' (gzipped)' : ''}: the message of go tool pprof`, async () => {
        const f = path.join(tmp, `reserved-${name.replace(/\W+/g, '-')}${gz ? '.pb.gz' : '.pb'}`);
        fs.writeFileSync(f, gz ? encodeProfile(p) : encodeProfileUncompressed(p));
        const go = await goPprof(f);
        assert.notEqual(go.code, 0);
        const goLine = go.stderr.split('\n').find((l) => l.startsWith(`${f}: `));
        assert.ok(goLine, go.stderr);
        const r = await ours(['-top', f]);
        assert.equal(r.code, 1);
        assert.equal(r.stderr.trim(), `pprof-lens: ${goLine}`);
        assert.throws(() => parseProfile(new Uint8Array(fs.readFileSync(f)), 'x'), (e: unknown) => e instanceof ProfileError && `x: ${goLine.slice(f.length + 2)}` === (e as Error).message);
      });
    }
  }
});
