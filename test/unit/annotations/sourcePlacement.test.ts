// Figures on a source file that changed since the profile: on the sample service's real CPU profile
// and its cpu.go, edited as a user would — lines added above the functions (figures move with
// them, each onto the same code text the profile had), a function's body edited (its figures are
// marked stale, not drawn on the new code), a function removed — and Go's brace scanning.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseProfile } from '../../../src/core/profile/parse';
import { indexSourceCosts } from '../../../src/core/report/sourceCosts';
import { fileAnnotations } from '../../../src/core/report/lineAnnotations';
import { bodyEnd, enclosingName, placeFile } from '../../../src/extension/annotations/sourcePlacement';
import { generatedDir, haveGo, sampleServiceDir } from './listOracle';

const cpuGo = path.join(sampleServiceDir, 'cpu.go');
const original = fs.readFileSync(cpuGo, 'utf8').split('\n');

function setup() {
  const p = parseProfile(fs.readFileSync(path.join(generatedDir, 'service.cpu.pb.gz')), 'cpu');
  const costs = indexSourceCosts(p);
  const name = costs.files().find((f) => f.endsWith('/cpu.go'));
  assert.ok(name, `cpu.go in ${costs.files().join(', ')}`);
  const file = costs.file(name)!;
  assert.ok(file.functions.some((f) => f.name === 'main.countPrimes' && f.startLine > 0), 'Go 1.20+ start lines');
  return { costs, file, ann: fileAnnotations(costs, file) };
}

const place = (lines: string[], s = setup()) => ({ ...s, placed: placeFile(s.file, s.ann, lines.length, (i) => lines[i]) });

test('unchanged source: every figure where the profile has it, nothing stale', () => {
  const { ann, placed, file } = place(original);
  assert.equal(placed.stale.length, 0);
  assert.equal(placed.moved, 0);
  assert.deepEqual(placed.annotations.lines.map((l) => l.line), ann.lines.map((l) => l.line));
  for (const fn of file.functions) {
    const p = placed.functions.get(fn)!;
    assert.match(original[p.declLine], /\bfunc\b/, fn.name);
    assert.equal(p.declLine, fn.startLine - 1, fn.name);
  }
  for (const l of ann.lines) assert.equal(placed.profileLine(l.line - 1), l.line);
});

test('lines added above: figures and CodeLens move with their functions onto the same code', () => {
  const edited = [...original];
  const at = original.findIndex((l) => l.startsWith('func cpuLoop'));
  edited.splice(at, 0, '// a comment added', '// since the profile', '', '// was taken');
  const { ann, placed, file } = place(edited);
  assert.equal(placed.stale.length, 0, placed.stale.map((s) => s.reason).join('; '));
  assert.ok(placed.moved >= 2, `moved ${placed.moved}`);
  let checked = 0;
  for (const l of placed.annotations.lines) {
    const was = placed.profileLine(l.line - 1)!;
    assert.equal(edited[l.line - 1], original[was - 1], `line ${was} → ${l.line}`);
    if (l.line !== was) checked++;
  }
  assert.ok(checked > 2, `${checked} figures moved`);
  assert.equal(placed.annotations.lines.length, ann.lines.length);
  const cp = file.functions.find((f) => f.name === 'main.countPrimes')!;
  assert.match(edited[placed.functions.get(cp)!.declLine], /^func countPrimes\(/);
});

test('a function body shortened: its figures are stale, the rest stay', () => {
  const start = original.findIndex((l) => l.startsWith('func countPrimes'));
  const end = bodyEnd(start, original.length, (i) => original[i]);
  assert.ok(end > start + 2);
  // The body replaced by one line: the profile's lines of countPrimes are past its end now.
  const edited = [...original.slice(0, start + 1), '\treturn 0', ...original.slice(end)];
  const { placed, file } = place(edited);
  const cp = file.functions.find((f) => f.name === 'main.countPrimes')!;
  assert.ok(cp.lines.length > 0);
  const p = placed.functions.get(cp)!;
  assert.match(p.stale ?? '', /outside main\.countPrimes as it is now/);
  assert.ok(placed.stale.some((s) => s.annotation.cost.fn === cp));
  assert.ok(placed.annotations.lines.every((l) => l.cost.fn !== cp), 'no figure of countPrimes drawn as current');
  // A stale figure's line tells the hover why.
  const s = placed.stale.find((x) => x.annotation.cost.fn === cp)!;
  assert.equal(placed.staleReason(s.annotation.line - 1), p.stale);
  // The functions after it moved up and are still right.
  const hw = file.functions.find((f) => f.name === 'main.hashWork');
  if (hw) {
    assert.equal(placed.functions.get(hw)!.stale, undefined);
    assert.match(edited[placed.functions.get(hw)!.declLine], /^func hashWork\(/);
  }
});

test('a function removed, or the old text differs: stale with the reason', () => {
  const renamed = original.map((l) => l.replace(/^func isPrime\(/, 'func checkOdd('));
  const { placed, file } = place(renamed);
  const ip = file.functions.find((f) => f.name === 'main.isPrime');
  // Renamed in place under a name that still holds the old one (or a //go:linkname): still its code.
  const kept = original.map((l) => l.replace(/^func isPrime\(/, 'func isPrimeNumber('));
  const k = place(kept);
  const kip = k.file.functions.find((f) => f.name === 'main.isPrime');
  if (kip) assert.equal(k.placed.functions.get(kip)!.stale, undefined);
  if (ip) assert.match(placed.functions.get(ip)!.stale ?? '', /not declared in this file any more/);
  // With the text as it was profiled (git), a body whose lines changed is stale even if it still fits.
  const cpStart = original.findIndex((l) => l.startsWith('func countPrimes'));
  const edited = original.map((l, i) => (i === cpStart + 1 ? l + ' // edited' : l));
  const s = setup();
  const withOld = placeFile(s.file, s.ann, edited.length, (i) => edited[i], { lines: original, what: 'HEAD at the profile time' });
  const cp = s.file.functions.find((f) => f.name === 'main.countPrimes')!;
  assert.match(withOld.functions.get(cp)!.stale ?? '', /code of main\.countPrimes changed since HEAD at the profile time/);
  const unchanged = placeFile(s.file, s.ann, original.length, (i) => original[i], { lines: original, what: 'x' });
  assert.equal(unchanged.stale.length, 0);
});

test('Go brace scanning and closure names', () => {
  const src = [
    'func f(x struct{ a int }) (int, error) {', // braces in parameters
    '\ts := "}"',
    "\tr := '}'",
    '\t/* } */ go func() {',
    '\t\tdefer wg.Done()',
    '\t}()',
    '\tt := `',
    '}`',
    '\treturn 0, nil // }',
    '}',
    'func g() {}',
  ];
  assert.equal(bodyEnd(0, src.length, (i) => src[i]), 9);
  assert.equal(bodyEnd(10, src.length, (i) => src[i]), 10);
  assert.equal(bodyEnd(0, 3, (i) => src[i]), -1);
  assert.equal(enclosingName('main.run.func1.2'), 'main.run');
  assert.equal(enclosingName('example.com/x.(*S).Do.func3'), 'example.com/x.(*S).Do');
  assert.equal(enclosingName('main.cpuLoop'), undefined);
});

test('git: the file at the commit checked out when the profile was taken tells an edited body from a moved one', async () => {
  const { execFileSync } = await import('child_process');
  const os = await import('os');
  const { profiledSource } = await import('../../../src/extension/annotations/sourceHistory');
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-history-'));
  try {
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
    const git = (args: string[], date: string) => execFileSync('git', args, { cwd: repo, env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, stdio: 'ignore' });
    git(['init', '-q', '-b', 'main'], '2026-01-01T00:00:00Z');
    const file = path.join(repo, 'svc', 'cpu.go');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, original.join('\n'));
    git(['add', '.'], '2026-01-01T00:00:00Z');
    git(['commit', '-q', '-m', 'profiled'], '2026-01-01T00:00:00Z');
    // After the profile (2026-02-01): countPrimes's body edited in place (same length), committed.
    const cpStart = original.findIndex((l) => l.startsWith('func countPrimes'));
    const edited = original.map((l, i) => (i === cpStart + 1 ? l + ' // tuned' : l));
    fs.writeFileSync(file, edited.join('\n'));
    git(['commit', '-q', '-am', 'later'], '2026-03-01T00:00:00Z');

    assert.equal(await profiledSource(file, Date.parse('2025-06-01T00:00:00Z'), () => true), undefined, 'no commit that old');
    assert.equal(await profiledSource(file, Date.parse('2026-04-01T00:00:00Z'), () => true), undefined, 'no commit after the profile changed it');
    assert.equal(await profiledSource(file, Date.parse('2026-02-01T00:00:00Z'), () => false), undefined, 'not in Restricted Mode');
    const src = await profiledSource(file, Date.parse('2026-02-01T00:00:00Z'), () => true);
    assert.ok(src);
    assert.equal(src.relPath, 'svc/cpu.go');
    assert.equal(src.text, original.join('\n'));
    const s = setup();
    const cp = s.file.functions.find((f) => f.name === 'main.countPrimes')!;
    // Without the profiled text the edit is invisible (same length, figures still inside); with it, stale.
    const blind = placeFile(s.file, s.ann, edited.length, (i) => edited[i]);
    assert.equal(blind.functions.get(cp)!.stale, undefined);
    const seen = placeFile(s.file, s.ann, edited.length, (i) => edited[i], { lines: src.text.split('\n'), what: `commit ${src.commit.slice(0, 7)}` });
    assert.match(seen.functions.get(cp)!.stale ?? '', new RegExp(`changed since commit ${src.commit.slice(0, 7)} \\(line ${cpStart + 2} differs\\)`));
    // The other functions, unchanged, are not.
    assert.ok([...seen.functions].filter(([f]) => f !== cp && f.lines.length > 0).every(([, p]) => p.stale === undefined));
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});

test('the standard library of another Go version: the profiled version fits, the machine\'s other Go does not', { skip: !haveGo() ? 'needs go' : false }, async () => {
  const { spawnSync } = await import('child_process');
  // The profile was made by the Go of the tests (go1.27.3 through GOTOOLCHAIN); /usr/local/go is the machine's other Go.
  const goroot = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).stdout.trim();
  const other = '/usr/local/go';
  const version = (d: string) => fs.readFileSync(path.join(d, 'VERSION'), 'utf8').split('\n')[0];
  assert.notEqual(version(goroot), version(other), 'two Go versions on this machine');
  const p = parseProfile(fs.readFileSync(path.join(generatedDir, 'service.cpu.pb.gz')), 'cpu');
  const costs = indexSourceCosts(p);
  let fit = 0;
  let misfit = 0;
  for (const name of costs.files()) {
    const i = name.indexOf('/src/');
    if (!name.startsWith(goroot + '/src/') || i < 0) continue;
    const rel = name.slice(goroot.length + '/src/'.length);
    const file = costs.file(name)!;
    if (!file.functions.some((f) => f.startLine > 0 && /^[a-z]/.test(f.name))) continue;
    const ann = fileAnnotations(costs, file);
    const same = fs.readFileSync(path.join(goroot, 'src', rel), 'utf8').split('\n');
    const sp = placeFile(file, ann, same.length, (k) => same[k]);
    assert.equal(sp.stale.length, 0, `${rel} in ${version(goroot)}: ${sp.stale.map((s) => s.reason).join('; ')}`);
    assert.equal(sp.moved, 0, rel);
    fit++;
    let text: string[];
    try {
      text = fs.readFileSync(path.join(other, 'src', rel), 'utf8').split('\n');
    } catch {
      misfit++; // the file is not in that version at all
      continue;
    }
    const op = placeFile(file, ann, text.length, (k) => text[k], undefined, `another Go`);
    if (op.stale.length > 0 || op.moved > 0) misfit++;
    for (const s of op.stale) assert.match(s.reason, /; another Go$/);
  }
  assert.ok(fit >= 3, `${fit} standard library files with samples`);
  assert.ok(misfit >= 1, `${misfit} of ${fit} files differ in ${version(other)}`);
});

test('a real project\'s profile on code that moved on: the Go compiler\'s default.pgo on Go 1.27.3\'s sources', { skip: !haveGo() ? 'needs go' : false }, async () => {
  // cmd/compile/default.pgo (BSD licence, shipped with Go) was collected on an older compiler than the
  // sources beside it: real functions moved and changed since. Whatever placement decides, no figure is
  // drawn as current outside its function's body, and every CodeLens sits on its function's declaration.
  const { spawnSync } = await import('child_process');
  const goroot = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).stdout.trim();
  const pgo = path.join(goroot, 'src', 'cmd', 'compile', 'default.pgo');
  const costs = indexSourceCosts(parseProfile(fs.readFileSync(pgo), pgo));
  const counts = { fresh: 0, moved: 0, stale: 0, files: 0 };
  for (const name of costs.files()) {
    if (!name.endsWith('.go') || name.startsWith('/')) continue;
    let text: string[];
    try {
      text = fs.readFileSync(path.join(goroot, 'src', name), 'utf8').split('\n');
    } catch {
      continue;
    }
    counts.files++;
    const file = costs.file(name)!;
    const placed = placeFile(file, fileAnnotations(costs, file), text.length, (k) => text[k]);
    for (const [fn, p] of placed.functions) {
      if (fn.startLine <= 0 || fn.lines.length === 0) continue;
      if (p.stale !== undefined) {
        counts.stale++;
        continue;
      }
      counts[p.shift === 0 ? 'fresh' : 'moved']++;
      // A declaration, or for a closure (…func1) its func literal.
      assert.match(text[p.declLine], enclosingName(fn.name) ? /\bfunc\b/ : /^\s*func\b/, `${fn.name}: CodeLens at ${name}:${p.declLine + 1}`);
      const end = bodyEnd(p.declLine, text.length, (k) => text[k]);
      for (const l of fn.lines) {
        const at = l.line - 1 + p.shift;
        assert.ok(at >= p.declLine && at <= end, `${fn.name}: line ${l.line} drawn at ${at + 1}, outside ${p.declLine + 1}–${end + 1}`);
      }
    }
    for (const a of placed.annotations.lines) assert.ok(a.line >= 1 && a.line <= text.length);
  }
  console.log(`# cmd/compile/default.pgo on go1.27.3 sources: ${JSON.stringify(counts)}`);
  assert.ok(counts.files > 100, JSON.stringify(counts));
  assert.ok(counts.fresh > counts.moved + counts.stale, `most functions did not move: ${JSON.stringify(counts)}`);
  assert.ok(counts.moved > 0 && counts.stale > 0, `the compiler changed since its profile: ${JSON.stringify(counts)}`);
});
