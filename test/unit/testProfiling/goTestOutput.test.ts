// Reading go test's output: a build failure's compiler lines, a failing test's messages.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildFailureLines, failureExcerpt, ranNothing } from '../../../src/core/goTest/goTestOutput';

// Printed by Go 1.19's go test (copied from real runs).
const BUILD_FAILED = `# example.com/sample-service [example.com/sample-service.test]
./cpu_test.go:7:2: undefined: nope
./cpu_test.go:8:9: cannot use "x" (untyped string constant) as int value in return statement
FAIL	example.com/sample-service [build failed]
`;
// Compiler lines go to stderr, the FAIL line to stdout: in a merged stream the FAIL line may come first.
const SETUP_FAILED = `FAIL	example.com/m [setup failed]
FAIL
go: finding module for package example.com/missing
# example.com/m
x_test.go:5:1: cannot find module providing package example.com/missing: module lookup disabled by GOPROXY=off
`;
const NO_MODULE = 'go: go.mod file not found in current directory or any parent directory; see \'go help modules\'\n';
const TEST_FAILED = `--- FAIL: TestCountPrimes (0.00s)
    cpu_test.go:7: countPrimes(20000) = 2262, want 1
        and a continuation line
--- FAIL: TestOther (0.00s)
    cpu_test.go:20: boom
FAIL
exit status 1
FAIL	example.com/sample-service	0.019s
`;
const PANICKED = `panic: runtime error: index out of range [3] with length 3

goroutine 6 [running]:
example.com/m.TestX(0xc000007860)
	/m/x_test.go:9 +0x1d
testing.tRunner(0xc000007860, 0x5360f8)
	/usr/lib/go/src/testing/testing.go:1446 +0x10b
FAIL	example.com/m	0.005s
`;
const BENCH_OK = `goos: linux
goarch: amd64
pkg: example.com/sample-service
cpu: AMD EPYC
BenchmarkCountPrimes-2   	    2079	    582666 ns/op
PASS
ok  	example.com/sample-service	2.415s
`;

describe('go test output', () => {
  it('a build failure gives the compiler\'s lines', () => {
    assert.deepEqual(buildFailureLines(BUILD_FAILED), [
      './cpu_test.go:7:2: undefined: nope',
      './cpu_test.go:8:9: cannot use "x" (untyped string constant) as int value in return statement',
    ]);
    assert.deepEqual(buildFailureLines(SETUP_FAILED), [
      'x_test.go:5:1: cannot find module providing package example.com/missing: module lookup disabled by GOPROXY=off',
    ]);
    assert.deepEqual(buildFailureLines(NO_MODULE), [NO_MODULE.trim()]);
    assert.equal(buildFailureLines(TEST_FAILED), undefined);
    assert.equal(buildFailureLines(BENCH_OK), undefined);
  });

  it('long compiler output is cut, saying how much was left out', () => {
    const many = `# p\n${Array.from({ length: 30 }, (_, i) => `./a.go:${i + 1}:1: error ${i}`).join('\n')}\nFAIL\tp [build failed]\n`;
    const lines = buildFailureLines(many, 5)!;
    assert.equal(lines.length, 5);
    assert.equal(lines[4], '… (26 more lines)');
  });

  it('a failing test gives its --- FAIL blocks', () => {
    assert.deepEqual(failureExcerpt(TEST_FAILED), [
      '--- FAIL: TestCountPrimes (0.00s)',
      'cpu_test.go:7: countPrimes(20000) = 2262, want 1',
      'and a continuation line',
      '--- FAIL: TestOther (0.00s)',
      'cpu_test.go:20: boom',
    ]);
  });

  it('a panic gives its first lines; anything else the last lines before FAIL', () => {
    const p = failureExcerpt(PANICKED);
    assert.equal(p[0], 'panic: runtime error: index out of range [3] with length 3');
    assert.ok(p.length <= 6);
    assert.deepEqual(failureExcerpt('some log\nexit status 3\nFAIL\tp\t0.1s\n'), ['some log']);
  });

  it('tells when nothing ran', () => {
    assert.equal(ranNothing('testing: warning: no tests to run\nPASS\nok  \tp\t0.01s [no tests to run]\n', false), true);
    assert.equal(ranNothing('ok  \tp\t0.01s [no tests to run]\n', false), true);
    assert.equal(ranNothing('PASS\nok  \tp\t0.01s\n', false), false);
    assert.equal(ranNothing(BENCH_OK, true), false);
    assert.equal(ranNothing('goos: linux\nPASS\nok  \tp\t0.01s\n', true), true);
  });
});
