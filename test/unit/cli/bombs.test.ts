// Size limits on the real CLI process: inputs of about 200 KB that decompress to 140–200 MB of valid
// profile.proto (tens of millions of samples, strings, locations, comments, one sample of 190 million
// frames), of newlines (text profile, goroutine dump) and a gzip bomb. Each used to abort V8 or to
// climb past 1.8 GB; now each must end with exit status 1, one line "pprof-lens: FILE: profile too
// large: …", and a peak RSS (the process's own, from process.resourceUsage at exit) under 600 MB.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Bomb, commentBomb, field, gzipRepeated, longStackBomb, newlineBomb, PROFILE_HEAD, recordBomb, varint, zeroBomb } from '../profile/bombs';

const root = path.resolve(__dirname, '../../../..');
const cli = path.join(root, 'bin', 'pprof-lens.js');
const MB = 1e6;

interface Run {
  status: number | null;
  stderr: string[];
  maxRssMB: number;
}

/** Runs the CLI on a file with a V8 heap ceiling; its peak RSS comes from a preload that reports at exit. */
function runCli(dir: string, file: string, args: string[] = []): Run {
  const preload = path.join(dir, 'maxrss.js');
  fs.writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(2, `maxrss-kb=${process.resourceUsage().maxRSS}\\n`));\n");
  const r = spawnSync(process.execPath, ['--max-old-space-size=1024', '-r', preload, cli, '-top', ...args, file], { encoding: 'utf8', timeout: 120_000 });
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  const rss = lines.find((l) => l.startsWith('maxrss-kb='));
  return { status: r.status, stderr: lines.filter((l) => l !== rss), maxRssMB: rss ? (Number(rss.slice(10)) * 1024) / MB : NaN };
}

function check(dir: string, b: Bomb, args: string[] = [], maxRssMB = 600): void {
  const file = path.join(dir, 'bomb.pb.gz');
  fs.writeFileSync(file, b.data);
  const t0 = Date.now();
  const r = runCli(dir, file, args);
  const what = `${b.name} (${(b.data.length / 1000).toFixed(0)} KB → ${(b.size / MB).toFixed(0)} MB): ${r.stderr.join(' | ')}; ` +
    `peak RSS ${r.maxRssMB.toFixed(0)} MB in ${Date.now() - t0} ms`;
  assert.equal(r.status, 1, what);
  assert.equal(r.stderr.length, 1, what);
  assert.ok(r.stderr[0].startsWith(`pprof-lens: ${file}: `), what);
  assert.match(r.stderr[0], b.expect, what);
  assert.ok(r.maxRssMB < maxRssMB, what);
  console.log(what);
}

test('crafted ~200 KB inputs end with one clear error and a peak RSS under 600 MB', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-bombs-'));
  try {
    const bombs = [
      recordBomb('samples', 70_000_000),
      recordBomb('strings', 100_000_000),
      recordBomb('locations', 50_000_000),
      recordBomb('functions', 50_000_000),
      longStackBomb(190_000_000),
      commentBomb(190_000_000),
      newlineBomb(194_000_000),
      newlineBomb(190_000_000, 'goroutine 1 [running]:\n'),
    ];
    for (const b of bombs) {
      assert.ok(b.data.length < 210_000, `${b.name}: ${b.data.length} bytes`);
      check(dir, b);
    }
    // A 1 GiB gzip bomb (1 MB) stops at the -max_size_mib cap, named as the CLI's flag.
    check(dir, { ...zeroBomb(2 ** 30), expect: /^pprof-lens: .*: profile too large: decompressed data exceeds the 256 MiB limit \(-max_size_mib\)$/ }, ['-max_size_mib', '256']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a string longer than a JavaScript string can be is named as such, not "internal error"', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-bombs-'));
  try {
    const n = 600_000_000;
    const head = Uint8Array.from([...field(0x32, []), 0x32, ...varint(n)]);
    const b: Bomb = {
      name: 'a 600 MB string',
      data: gzipRepeated(head, Uint8Array.of(0x61), n),
      size: head.length + n,
      expect: /profile too large: string 1 of the string table of 600000000 bytes is longer than the longest JavaScript string \(536870888 characters\)$/,
    };
    // Within a raised limit, so that it is the string, not the limit, that is refused; the decompressed
    // 600 MB are held, so the memory bound is theirs plus a margin.
    check(dir, b, ['-max_size_mib', '1024'], 900);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('-max_size_mib is checked (a whole number of MiB, at least 1) and a small profile reads within it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-bombs-'));
  try {
    const file = path.join(dir, 'small.pb.gz');
    fs.writeFileSync(file, gzipRepeated(PROFILE_HEAD, field(0x12, [0x10, 1]), 10));
    const bad = spawnSync(process.execPath, [cli, '-top', '-max_size_mib', '0', file], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /-max_size_mib must be a whole number of MiB, at least 1 \(got 0\)/);
    const ok = spawnSync(process.execPath, [cli, '-raw', '-max_size_mib', '1', file], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /\nSamples:\nsamples\/count\n( {10}1: \n){10}Locations\n/);
    // Over a 1 MiB limit by file size: refused before reading, in the same words.
    const big = path.join(dir, 'big.pb');
    fs.writeFileSync(big, new Uint8Array(2 * 2 ** 20));
    const r = spawnSync(process.execPath, [cli, '-top', '-max_size_mib', '1', big], { encoding: 'utf8' });
    assert.equal(r.stderr, `pprof-lens: ${big}: profile too large: the file is 2 MiB, over the 1 MiB limit (-max_size_mib)\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
