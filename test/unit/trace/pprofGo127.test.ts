// `pprof-lens trace -pprof=TYPE` against `go tool trace -pprof=TYPE` (Go 1.19, the oracle installed
// here): `go tool pprof -top` of both profiles must be byte-identical. Traces: one written by
// test/fixtures/goprograms/tracegen (run with the installed Go; cached under test/fixtures/generated,
// which is gitignored) and the Go 1.11/1.19 traces of Go's own test suite. Skipped without `go`.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { traceCommand } from '../../../src/cli/traceCommand';
import { generatedDir, traceFixtureDir, tracegenTrace } from './traceFixtures';

const hasGo = spawnSync('go', ['version']).status === 0;
const KINDS = ['net', 'sync', 'syscall', 'sched'];

function ours(file: string, kind: string): Buffer {
  const chunks: Buffer[] = [];
  let err = '';
  const code = traceCommand([`-pprof=${kind}`, file], { stdout: (c) => chunks.push(Buffer.from(c)), stderr: (s) => { err += s; } });
  assert.equal(code, 0, err);
  return Buffer.concat(chunks);
}

function top(profile: string): string {
  return execFileSync('go', ['tool', 'pprof', '-top', profile], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).toString();
}

const traces: [string, () => string][] = [
  ['tracegen (Go 1.19, written in the test set-up)', tracegenTrace],
  ['http_1_19_good', () => path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_testdata', 'http_1_19_good')],
  ['stress_1_19_good', () => path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_testdata', 'stress_1_19_good')],
  ['stress_1_11_good', () => path.join(traceFixtureDir, 'v1_golang-go_src_internal_trace_testdata', 'stress_1_11_good')],
];

for (const [name, file] of traces) {
  for (const kind of KINDS) {
    test(`-pprof=${kind} ${name}: go tool pprof -top identical to go tool trace's`, { skip: hasGo ? false : 'go not installed' }, () => {
      const trace = file();
      const dir = path.join(generatedDir, 'pprof');
      fs.mkdirSync(dir, { recursive: true });
      // Cached by content: a regenerated trace gets fresh reference profiles.
      const hash = createHash('sha256').update(fs.readFileSync(trace)).digest('hex').slice(0, 16);
      const base = path.join(dir, `${path.basename(trace)}.${hash}.${kind}`);
      const goProf = `${base}.go.pb.gz`;
      if (!fs.existsSync(goProf)) {
        const r = spawnSync('go', ['tool', 'trace', `-pprof=${kind}`, trace], { maxBuffer: 1 << 28, timeout: 120_000 });
        assert.equal(r.status, 0, r.stderr?.toString());
        fs.writeFileSync(`${goProf}.tmp`, r.stdout);
        fs.renameSync(`${goProf}.tmp`, goProf);
      }
      const ourProf = `${base}.ours.pb.gz`;
      fs.writeFileSync(ourProf, ours(trace, kind));
      const want = top(goProf);
      assert.match(want, /Type: delay/);
      assert.equal(top(ourProf), want);
    });
  }
}
