// The report engine against pprof's own goldens (google/pprof internal/driver/testdata) and
// against outputs of Go 1.19's `go tool pprof` stored in test/fixtures/pprof-report/go119.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateReport } from '../../../src/core/report/generateReport';
import { optionsFromFlags } from './pprofFlags';
import { fixtures, loadProfile, readSource } from './fixtures';

const driverBase = '-compact_labels -nodecount=20 -nodefraction=0.05 -edgefraction=0.01 -unit=minimum';

const utcTime = (ns: number): string => {
  const d = new Date(Math.floor(ns / 1e6));
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const h = d.getUTCHours();
  return `${months[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} at ${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, '0')}${h < 12 ? 'am' : 'pm'} (UTC)`;
};

function run(profile: string, flags: string, warnings: string[] = []): string {
  return generateReport(loadProfile(profile), optionsFromFlags(flags), {
    readSource,
    cwd: fixtures,
    formatTime: utcTime,
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

const go119 = fs
  .readFileSync(path.join(fixtures, 'go119', 'cases.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => [l.slice(0, l.indexOf('|')), l.slice(l.indexOf('|') + 1)]);

go119.forEach(([profile, flags], i) => {
  test(`go1.19 ${profile} ${flags}`, () => {
    const want = fs.readFileSync(path.join(fixtures, 'go119', `${i + 1}.out`), 'utf8');
    const warnings: string[] = [];
    assert.equal(run(profile, flags, warnings), want);
    // pprof's notes on stderr (stored only when there were some).
    const errFile = path.join(fixtures, 'go119', `${i + 1}.err`);
    const wantErr = fs.existsSync(errFile) ? fs.readFileSync(errFile, 'utf8') : '';
    assert.equal(warnings.map((w) => w + '\n').join(''), wantErr);
  });
});
