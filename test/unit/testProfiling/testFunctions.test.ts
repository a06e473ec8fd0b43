// Finding the tests and benchmarks of a _test.go file in its text, as go test would run them.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { findTestFunctions, maskCommentsAndStrings, testFunctionAt } from '../../../src/core/goTest/testFunctions';

const names = (src: string) => findTestFunctions(src).map((f) => `${f.kind}:${f.name}`);

describe('findTestFunctions', () => {
  it('finds tests and benchmarks with their lines, name columns and ends', () => {
    const src = [
      'package main', //                                    0
      '',
      'import "testing"',
      '',
      'func TestCountPrimes(t *testing.T) {', //           4
      '\tif countPrimes(10) != 4 {',
      '\t\tt.Fatal("wrong")',
      '\t}',
      '}', //                                               8
      '',
      'func BenchmarkCountPrimes(b *testing.B) {', //     10
      '\tfor i := 0; i < b.N; i++ {',
      '\t\tcountPrimes(1000)',
      '\t}',
      '}', //                                               14
    ].join('\n');
    const f = findTestFunctions(src);
    assert.deepEqual(f, [
      { name: 'TestCountPrimes', kind: 'test', line: 4, nameStart: 5, nameEnd: 20, endLine: 8 },
      { name: 'BenchmarkCountPrimes', kind: 'benchmark', line: 10, nameStart: 5, nameEnd: 25, endLine: 14 },
    ]);
    assert.equal(testFunctionAt(f, 4)?.name, 'TestCountPrimes');
    assert.equal(testFunctionAt(f, 8)?.name, 'TestCountPrimes');
    assert.equal(testFunctionAt(f, 9), undefined);
    assert.equal(testFunctionAt(f, 12)?.name, 'BenchmarkCountPrimes');
    assert.equal(testFunctionAt(f, 0), undefined);
  });

  it('follows cmd/go\'s naming rule: "Test" alone counts, a lower-case letter after the prefix does not', () => {
    const src = `package p
import "testing"
func Test(t *testing.T) {}
func Testing(t *testing.T) {}
func TestÄrger(t *testing.T) {}
func Test_under(t *testing.T) {}
func Test1(t *testing.T) {}
func Benchmarkfoo(b *testing.B) {}
func BenchmarkX(b *testing.B) {}
`;
    assert.deepEqual(names(src), ['test:Test', 'test:TestÄrger', 'test:Test_under', 'test:Test1', 'benchmark:BenchmarkX']);
  });

  it('wants *testing.T for tests and *testing.B for benchmarks, in any spelling gofmt allows', () => {
    const src = `package p
import "testing"
func TestMain(m *testing.M) {}
func TestWrong(b *testing.B) {}
func BenchmarkWrong(t *testing.T) {}
func TestHelper(t *testing.T, n int) {}
func TestNoName(*testing.T) {}
func TestBlank(_ *testing.T) {}
func TestSpaced( t  * testing.T ) {}
func (s *suite) TestMethod(t *testing.T) {}
func TestGeneric[T any](t *testing.T) {}
	func TestIndented(t *testing.T) {}
`;
    assert.deepEqual(names(src), ['test:TestNoName', 'test:TestBlank', 'test:TestSpaced']);
  });

  it('knows an aliased or dot-imported testing package, and refuses another package\'s T', () => {
    assert.deepEqual(names('package p\nimport tst "testing"\nfunc TestA(t *tst.T) {}\nfunc TestB(t *testing.T) {}\n'), ['test:TestA']);
    assert.deepEqual(names('package p\nimport (\n\t"fmt"\n\t. "testing"\n)\nfunc TestA(t *T) {}\nfunc BenchmarkB(b *B) {}\n'), ['test:TestA', 'benchmark:BenchmarkB']);
    assert.deepEqual(names('package p\nimport (\n\t"testing"\n\t"other"\n)\nfunc TestA(t *other.T) {}\nfunc TestB(t *T) {}\n'), []);
  });

  it('ignores functions inside comments and string literals', () => {
    const src = [
      'package p',
      'import "testing"',
      '/*',
      'func TestInBlockComment(t *testing.T) {}',
      '*/',
      '// func TestInLineComment(t *testing.T) {}',
      'var s = `',
      'func TestInRawString(t *testing.T) {}',
      '`',
      'var q = "func TestInString(t *testing.T) {}" // "`"',
      'var r = \'"\'',
      'func TestReal(t *testing.T) {',
      '\t_ = "}"',
      '}',
    ].join('\n');
    const f = findTestFunctions(src);
    assert.deepEqual(f.map((x) => x.name), ['TestReal']);
    assert.equal(f[0].line, 11);
    assert.equal(f[0].endLine, 13);
  });

  it('masking keeps line and column numbers', () => {
    const src = 'a /* b\nc */ d // e\n"f\\"g" `h\ni` j';
    const m = maskCommentsAndStrings(src);
    assert.equal(m.length, src.length);
    assert.deepEqual(m.split('\n').map((l) => l.length), src.split('\n').map((l) => l.length));
    assert.equal(m.replace(/\s+/g, ''), 'adj');
  });

  it('a one-line test ends on its own line; an unterminated file ends at its last line', () => {
    const f = findTestFunctions('package p\nimport "testing"\nfunc TestA(t *testing.T) { t.Log("x") }\nfunc TestB(t *testing.T) {\n\tt.Log(1)\n');
    assert.deepEqual(f.map((x) => [x.name, x.line, x.endLine]), [['TestA', 2, 2], ['TestB', 3, 5]]);
    assert.deepEqual(findTestFunctions(''), []);
  });

  it('handles CRLF line endings', () => {
    const f = findTestFunctions('package p\r\nimport "testing"\r\nfunc TestA(t *testing.T) {\r\n}\r\n');
    assert.deepEqual(f.map((x) => [x.name, x.line, x.endLine]), [['TestA', 2, 3]]);
  });
});
