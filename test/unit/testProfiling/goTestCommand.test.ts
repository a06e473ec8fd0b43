// The go test command line of a profiled test or benchmark, and how it is described in the sidecar.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { benchtimeProblem, describeGoTest, goTestArgs, TEST_PROFILE_KINDS, testProfileKind } from '../../../src/core/goTest/goTestCommand';
import { goModModulePath, importPathOf, packageShortName } from '../../../src/core/goTest/goModule';

const test = { name: 'TestCountPrimes', kind: 'test' as const };
const bench = { name: 'BenchmarkCountPrimes', kind: 'benchmark' as const };

describe('go test command line', () => {
  it('a test: -run ^Name$, the profile flag, -o, the package', () => {
    assert.deepEqual(goTestArgs({ test, kind: 'cpu', profilePath: '/t/p', binaryPath: '/t/pkg.test' }),
      ['test', '-run', '^TestCountPrimes$', '-cpuprofile', '/t/p', '-o', '/t/pkg.test', '.']);
  });

  it('a benchmark: no tests (-run ^$), -bench ^Name$ and -benchtime', () => {
    assert.deepEqual(goTestArgs({ test: bench, kind: 'cpu', profilePath: '/t/p', benchtime: '3s' }),
      ['test', '-run', '^$', '-bench', '^BenchmarkCountPrimes$', '-benchtime', '3s', '-cpuprofile', '/t/p', '.']);
    assert.deepEqual(goTestArgs({ test: bench, kind: 'cpu', profilePath: '/t/p' }).slice(5, 7), ['-benchtime', '1s'], 'default 1s');
  });

  it('each kind has its flag; memory keeps Go\'s default rate (no -memprofilerate)', () => {
    const flags = TEST_PROFILE_KINDS.map((k) => goTestArgs({ test, kind: k.id, profilePath: '/p' }));
    assert.deepEqual(flags.map((a) => a[3]), ['-cpuprofile', '-memprofile', '-blockprofile', '-mutexprofile']);
    assert.ok(flags.every((a) => !a.some((x) => x.startsWith('-memprofilerate'))));
    assert.equal(testProfileKind('memory').label, 'Memory');
    assert.throws(() => testProfileKind('bogus' as never), /unknown test profile kind/);
  });

  it('the user\'s flags come first, as they are', () => {
    assert.deepEqual(goTestArgs({ test, kind: 'block', profilePath: '/p', extraFlags: ['-tags=integration', '-race'], packageArg: './x' }),
      ['test', '-tags=integration', '-race', '-run', '^TestCountPrimes$', '-blockprofile', '/p', './x']);
  });

  it('describes the command as one would type it: quoted regexps, the import path, no temp paths', () => {
    assert.equal(describeGoTest({ test, kind: 'cpu' }, 'example.com/sample-service'),
      "go test -run '^TestCountPrimes$' -cpuprofile example.com/sample-service");
    assert.equal(describeGoTest({ test: bench, kind: 'memory', benchtime: '100x', extraFlags: ['-tags=a b'] }),
      "go test '-tags=a b' -run '^$' -bench '^BenchmarkCountPrimes$' -benchtime 100x -memprofile .");
  });

  it('checks -benchtime values', () => {
    for (const ok of ['1s', '500ms', '1m30s', '1.5s', '100x', '2h']) assert.equal(benchtimeProblem(ok), undefined, ok);
    for (const bad of ['', '1', 's', '0x', 'fast', '1s;rm -rf /', '-1s']) assert.match(benchtimeProblem(bad) ?? '', /not a -benchtime/, bad);
  });
});

describe('Go package names', () => {
  it('reads the module path of a go.mod', () => {
    assert.equal(goModModulePath('// c\nmodule example.com/sample-service // why\n\ngo 1.19\n'), 'example.com/sample-service');
    assert.equal(goModModulePath('module "quoted/path"\n'), 'quoted/path');
    assert.equal(goModModulePath('go 1.19\n'), undefined);
  });

  it('import path of a folder below the module root, and its short name', () => {
    assert.equal(importPathOf('example.com/m', ''), 'example.com/m');
    assert.equal(importPathOf('example.com/m', 'internal/x'), 'example.com/m/internal/x');
    assert.equal(importPathOf('example.com/m', 'internal\\x'), 'example.com/m/internal/x');
    assert.equal(packageShortName('example.com/sample-service'), 'sample-service');
    assert.equal(packageShortName('example.com/api/v2'), 'api');
    assert.equal(packageShortName('v2'), 'v2');
    assert.equal(packageShortName(''), 'test');
  });
});
