// End to end against `go tool pprof` reference outputs (test/fixtures/pprof/refs): our decoders and
// profile operations, written back with encodeProfile, must make `go tool pprof -top` print exactly
// what it prints for the original inputs (and for its own -base / -diff_base / -normalize).
// Skipped when go is not installed.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { parseProfile } from '../../../src/core/profile/parse';
import { encodeProfile } from '../../../src/core/profile/encode';
import { applyBase } from '../../../src/core/profile/merge';
import { Profile } from '../../../src/core/profile/profile';
import { fixture, fixtureText } from './fixturePath';

function haveGo(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const skip = !haveGo() && 'go not installed';

function pprofTop(p: Profile, args: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-'));
  try {
    const f = path.join(dir, 'p.pb.gz');
    fs.writeFileSync(f, encodeProfile(p));
    return execFileSync('go', ['tool', 'pprof', '-symbolize=none', '-top', ...args, f], {
      env: { ...process.env, TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const load = (dir: string, name: string) => parseProfile(fixture(dir, name), name);

const cases: [string, () => Profile, string[]][] = [
  ['sample.cpu.top.txt', () => load('synthetic', 'sample.cpu'), []],
  ['gobench.heap.top.txt', () => load('profile_testdata', 'gobench.heap'), []],
  ['gobench.heap.top.alloc_space.txt', () => load('profile_testdata', 'gobench.heap'), ['-sample_index=alloc_space']],
  ['go.godoc.thread.top.txt', () => load('profile_testdata', 'go.godoc.thread'), []],
  [
    'cppbench.contention.base_small.top.txt',
    () => applyBase(load('driver', 'cppbench.contention'), [load('driver', 'cppbench.small.contention')], 'base', false),
    [],
  ],
  [
    'cppbench.contention.base_small.normalize.top.txt',
    () => applyBase(load('driver', 'cppbench.contention'), [load('driver', 'cppbench.small.contention')], 'base', true),
    [],
  ],
  [
    'cppbench.contention.diffbase_small.top.txt',
    () => applyBase(load('driver', 'cppbench.contention'), [load('driver', 'cppbench.small.contention')], 'diff_base', false),
    [],
  ],
];

for (const [ref, make, args] of cases) {
  test(`go tool pprof -top ${args.join(' ')} on our profile = ${ref}`, { skip }, () => {
    assert.equal(pprofTop(make(), args), fixtureText('refs', ref));
  });
}
