// The report engine against pprof's own goldens (google/pprof internal/driver/testdata) and
// against outputs of Go 1.27.3's `go tool pprof` stored in test/fixtures/pprof-report/gopprof
// (regen-gopprof.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateReport } from '../../../src/core/report/generateReport';
import { optionsFromFlags } from './pprofFlags';
import { fixtures, loadFixture, readSource } from './fixtures';

const driverBase = '-compact_labels -nodecount=20 -nodefraction=0.05 -edgefraction=0.01 -unit=minimum';

// regen-gopprof.sh runs pprof with TZ=UTC; the engine's own "Time:" formatter (Go's
// "2006-01-02 15:04:05 MST" in local time) runs in the same zone.
process.env.TZ = 'UTC';

function run(profile: string, flags: string, warnings: string[] = []): string {
  return generateReport(loadFixture(profile), optionsFromFlags(flags), {
    readSource,
    cwd: fixtures,
    warn: (m) => warnings.push(m),
  });
}

const upstream = fs
  .readFileSync(path.join(fixtures, 'goldens', 'cases.txt'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('|'));

for (const [golden, src, flags] of upstream) {
  test(`upstream golden ${golden}`, () => {
    const want = fs.readFileSync(path.join(fixtures, 'goldens', golden), 'utf8');
    assert.equal(run(`${src}.pb.gz`, `${driverBase} ${flags}`), want);
  });
}

const gopprof = fs
  .readFileSync(path.join(fixtures, 'gopprof', 'cases.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => [l.slice(0, l.indexOf('|')), l.slice(l.indexOf('|') + 1)]);

gopprof.forEach(([profile, flags], i) => {
  test(`go1.27 ${profile} ${flags}`, () => {
    const want = fs.readFileSync(path.join(fixtures, 'gopprof', `${i + 1}.out`), 'utf8');
    const warnings: string[] = [];
    assert.equal(run(profile, flags, warnings), want);
    // pprof's notes on stderr (stored only when there were some).
    const errFile = path.join(fixtures, 'gopprof', `${i + 1}.err`);
    const wantErr = fs.existsSync(errFile) ? fs.readFileSync(errFile, 'utf8') : '';
    assert.equal(warnings.map((w) => w + '\n').join(''), wantErr);
  });
});
