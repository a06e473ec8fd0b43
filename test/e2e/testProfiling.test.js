// End to end, in a real VS Code (code-server) with the packaged .vsix: Profile Test. In a copy of the
// sample service, the "Profile Benchmark" CodeLens above BenchmarkCountPrimes runs `go test -bench
// -cpuprofile`; the profile is saved into the workspace's .pprof folder like a capture (with its
// sidecar), listed in the Profiles view and opened in the profile editor, whose top rows must be
// those of `go tool pprof -top` of the saved file. Then the "…" lens (memory profile), a failing test
// (its profile opens, with a warning quoting the failure) and a package that does not build (one
// error with the compiler's line and "Show Output"). Screenshots: test-results/test-profiling-*.png.
// Run: npm run package && node scripts/e2e.js testProfiling   (PPROF_LENS_VSIX=path overrides the .vsix.)
'use strict';

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');
const { SOURCE_DIR } = require('../../scripts/sample-service');
const wb = require('./workbench');

const VSIX = process.env.PPROF_LENS_VSIX || path.join(wb.ROOT, 'pprof-lens.vsix');
const { toasts, showProfilesView } = wb;

/** Capture files (not sidecars) in dir, matching re. */
function captures(dir, re = /./) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => !f.endsWith('.json') && !f.startsWith('.') && re.test(f)).sort();
}

/** The first `count` rows of the profile editor's table, as the cells' texts. */
function readRows(frame, count) {
  return frame.evaluate((n) => {
    const rows = [...document.querySelectorAll('#top-table tbody tr[data-index]')].slice(0, n);
    return rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()));
  }, count);
}

/** The table rows of `go tool pprof -top` for a file. */
function goPprofTop(file, count, cwd) {
  const text = execFileSync('go', ['tool', 'pprof', '-top', file], {
    cwd, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, HOME: cwd, PPROF_TMPDIR: cwd },
  });
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^\s*flat\s+flat%\s+sum%\s+cum\s+cum%/.test(l)) + 1;
  return lines.slice(start, start + count).filter((l) => l.trim()).map((l) => /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.*)$/.exec(l).slice(1, 7));
}

/** `go tool pprof -top`'s total ("of X total") and duration ("Duration: Y") of a file. */
function goPprofHeader(file, cwd) {
  const text = execFileSync('go', ['tool', 'pprof', '-top', file], {
    cwd, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, HOME: cwd, PPROF_TMPDIR: cwd },
  });
  return { total: /of (\S+) total/.exec(text)?.[1], duration: /Duration: (\S+),/.exec(text)?.[1] };
}

/** The profile editor's frame for `fileName`, once its table has rows. */
async function editorFrame(page, fileName) {
  const frame = await wb.webviewFrame(page, '.summary .file-name', { text: fileName, timeoutMs: 60_000 });
  await wb.waitFor(`rows in ${fileName}`, () => frame.evaluate(() => document.querySelector('#top-table tbody tr[data-index]') !== null));
  return frame;
}

/** The CodeLens line (all lenses of one function) whose text matches re. */
function lensLine(page, re) {
  return page.locator('.codelens-decoration').filter({ hasText: re }).first();
}

async function goToLine(page, line) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`);
  await wb.waitFor('the go-to-line pick', async () =>
    (await page.locator('.quick-input-list .monaco-list-row', { hasText: `line ${line}` }).count()) > 0, 10_000);
  await page.keyboard.press('Enter');
  await wb.waitFor('the go-to-line box to close', async () => !(await input.isVisible()), 10_000);
}

/** Waits for a new capture matching re in dir (not in `seen`), then for its sidecar. */
async function newCapture(dir, re, seen, what) {
  const [file] = await wb.waitFor(what, async () => {
    const f = captures(dir, re).filter((n) => !seen.has(n));
    return f.length === 1 && fs.existsSync(path.join(dir, `${f[0]}.json`)) ? f : undefined;
  }, 120_000, 300);
  return { file, meta: JSON.parse(fs.readFileSync(path.join(dir, `${file}.json`), 'utf8')) };
}

/** Pids of running test binaries of TestSlow (Linux /proc; a zombie counts as ended). */
function slowTestPids() {
  const pids = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const args = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (!args.includes('-test.run=^TestSlow$')) continue;
      if (/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${d}/stat`, 'utf8'))) continue;
      pids.push(Number(d));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

describe('Profile Test in VS Code', { timeout: 10 * 60_000 }, () => {
  let tmp;
  let workspace;
  let storage;
  let workbench;
  const scenario = (name, body) => test(name, () => wb.withFailureScreenshot(workbench.page, `test-profiling-${name.replace(/\W+/g, '-')}`, body));

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run "npm run package" first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-e2e-test-profiling-'));
    workspace = path.join(tmp, 'sample-service');
    storage = path.join(workspace, '.pprof');
    fs.mkdirSync(workspace);
    for (const f of fs.readdirSync(SOURCE_DIR)) {
      if (f.endsWith('.go') || f === 'go.mod' || f === 'go.sum') fs.copyFileSync(path.join(SOURCE_DIR, f), path.join(workspace, f));
    }
    assert.ok(fs.existsSync(path.join(workspace, 'cpu_test.go')), 'the sample service has cpu_test.go');
    // A test that fails (after some work, so its profile has samples) and a package that does not build.
    fs.writeFileSync(path.join(workspace, 'failing_test.go'), [
      'package main',
      '',
      'import "testing"',
      '',
      'func TestFailing(t *testing.T) {',
      '\tif n := countPrimes(200000); n != 0 {',
      '\t\tt.Fatalf("countPrimes(200000) = %d, want 0 (this test fails on purpose)", n)',
      '\t}',
      '}',
      '',
      'func TestSlow(t *testing.T) {',
      '\ttime.Sleep(2 * time.Minute)',
      '}',
      '',
    ].join('\n').replace('import "testing"', 'import (\n\t"testing"\n\t"time"\n)'));
    // A test far shorter than the CPU profiler's 10 ms sampling period, beside a benchmark.
    fs.writeFileSync(path.join(workspace, 'instant_test.go'), [
      'package main',
      '',
      'import "testing"',
      '',
      'func TestInstant(t *testing.T) {',
      '\tif isPrime(4) {',
      '\t\tt.Fatal("4 is not prime")',
      '\t}',
      '}',
      '',
      'func BenchmarkIsPrime(b *testing.B) {',
      '\tfor i := 0; i < b.N; i++ {',
      '\t\tif !isPrime(1_000_003) {',
      '\t\t\tb.Fatal("1000003 is prime")',
      '\t\t}',
      '\t}',
      '}',
      '',
    ].join('\n'));
    fs.mkdirSync(path.join(workspace, 'broken'));
    fs.writeFileSync(path.join(workspace, 'broken', 'broken_test.go'), 'package broken\n\nimport "testing"\n\nfunc TestBroken(t *testing.T) {\n\tnotDefinedAnywhere()\n}\n');
    // Warm the build cache so the first run is not all compiling (the scenario still times the real thing).
    execFileSync('go', ['vet', '.'], { cwd: workspace, stdio: 'inherit', timeout: 5 * 60_000 });
    workbench = await wb.startWorkbench({ vsix: VSIX, workspace });
  }, { timeout: 6 * 60_000 });

  after(async () => {
    if (workbench) {
      wb.saveExtensionLog(workbench, 'test-profiling-pprof-lens-output.log');
      await workbench.stop();
    }
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }, { timeout: 60_000 });

  scenario('the Profile Benchmark CodeLens: profiled, saved like a capture, listed, opened with go tool pprof\'s numbers', async () => {
    const page = workbench.page;
    await wb.quickOpen(page, 'cpu_test.go');
    const lens = lensLine(page, /Profile Benchmark/);
    await lens.waitFor({ state: 'visible', timeout: 60_000 });
    assert.ok(await lensLine(page, /Profile(?! Benchmark)/).count() > 0, 'a Profile lens above TestCountPrimes too');
    await wb.screenshot(page, 'test-profiling-1-codelens');

    await lens.locator('a', { hasText: 'Profile Benchmark' }).click();
    await wb.waitFor('the progress notification', async () => (await toasts(page)).some((t) => t.includes('Profiling BenchmarkCountPrimes…')), 15_000);
    assert.ok(await page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Cancel' }).count() > 0, 'a Cancel button');
    await wb.screenshot(page, 'test-profiling-2-progress');

    // Named after the benchmark, not like a live capture of a program called sample-service.
    const { file, meta } = await newCapture(storage, /^sample-service-BenchmarkCountPrimes-cpu-\d{8}-\d{6}\.pb\.gz$/, new Set(), 'the benchmark\'s profile in .pprof');
    assert.equal(meta.kind, 'cpu');
    assert.equal(meta.target, 'sample-service');
    assert.equal(meta.test, 'BenchmarkCountPrimes');
    assert.equal(meta.package, 'example.com/sample-service');
    assert.equal(meta.source, "go test -run '^$' -bench '^BenchmarkCountPrimes$' -benchtime 1s -cpuprofile example.com/sample-service");
    assert.deepEqual(fs.readdirSync(storage).filter((f) => f.endsWith('.tmp')), []);
    assert.ok(!fs.existsSync(path.join(workspace, 'sample-service.test')), 'no test binary left in the package folder');

    const frame = await editorFrame(page, file);
    const rows = await readRows(frame, 10);
    const saved = path.join(storage, file);
    assert.deepEqual(rows, goPprofTop(saved, 10, tmp), 'the table is `go tool pprof -top` of the saved file');
    // package main in a test binary is compiled under its import path: example.com/sample-service.isPrime.
    assert.ok(rows.slice(0, 3).some((r) => /(^|\.)isPrime( \(inline\))?$/.test(r[5])), `isPrime among the first rows: ${JSON.stringify(rows.slice(0, 3))}`);
    assert.equal(await frame.evaluate(() => document.querySelector('.summary .badge')?.textContent), 'CPU');

    const pane = await showProfilesView(page);
    const row = page.locator(`.sidebar .monaco-list-row[aria-label^="${file}"]`);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    const text = (await pane.textContent()) ?? '';
    // Grouped as tests of the package, the row names the benchmark and says kind, duration, total.
    assert.ok(text.includes('go test sample-service') && text.includes('CPU profile'), `grouped as tests, then by kind: ${text}`);
    const rowText = (await row.textContent()) ?? '';
    const top = goPprofHeader(saved, tmp);
    assert.ok(rowText.includes('BenchmarkCountPrimes · '), `the row names the benchmark: ${rowText}`);
    assert.ok(rowText.includes(`CPU · ${top.duration} · total ${top.total} · `), `kind, duration and total as go tool pprof prints them (${top.duration}, ${top.total}): ${rowText}`);
    await wb.screenshot(page, 'test-profiling-3-profile-editor-and-profiles-view');
  });

  scenario('"…" asks which profile: a memory profile of TestCountPrimes', async () => {
    const page = workbench.page;
    await wb.quickOpen(page, 'cpu_test.go');
    const lens = lensLine(page, /Profile(?! Benchmark)/);
    await lens.waitFor({ state: 'visible', timeout: 30_000 });
    const seen = new Set(captures(storage));
    await lens.locator('a', { hasText: '…' }).click();
    await wb.pickQuickItem(page, { expect: 'Profile TestCountPrimes', text: 'Memory' });
    const { file, meta } = await newCapture(storage, /^sample-service-TestCountPrimes-allocs-\d{8}-\d{6}\.pb\.gz$/, seen, 'the memory profile in .pprof');
    assert.equal(meta.kind, 'allocs');
    assert.equal(meta.source, "go test -run '^TestCountPrimes$' -memprofile example.com/sample-service");
    // The summary, not rows: at Go's default 512 KiB sampling rate this short test's allocs profile is
    // now and then empty (the editor then says so).
    const frame = await wb.webviewFrame(page, '.summary .file-name', { text: file, timeoutMs: 60_000 });
    assert.match(await frame.evaluate(() => document.querySelector('.summary')?.textContent ?? ''), /alloc_space/);
    await wb.screenshot(page, 'test-profiling-4-memory-profile');
  });

  scenario('a test too short for 100 Hz sampling: the warning says so; its button profiles the benchmark', async () => {
    const page = workbench.page;
    await wb.runCommand(page, 'Notifications: Clear All Notifications');
    await wb.quickOpen(page, 'instant_test.go');
    const lens = lensLine(page, /Profile(?! Benchmark)/);
    await lens.waitFor({ state: 'visible', timeout: 30_000 });
    const seen = new Set(captures(storage));
    await lens.locator('a', { hasText: 'Profile' }).first().click();
    const { file, meta } = await newCapture(storage, /^sample-service-TestInstant-cpu-\d{8}-\d{6}\.pb\.gz$/, seen, 'the short test\'s profile');
    assert.equal(meta.test, 'TestInstant');
    // The profile really is empty (go tool pprof agrees), and the warning says why, with its buttons.
    assert.equal(goPprofHeader(path.join(storage, file), tmp).total, '0');
    const warning = await wb.waitFor('the empty-profile warning', async () =>
      (await toasts(page)).find((t) => t.includes('TestInstant has no samples')), 60_000);
    assert.match(warning, /ran too briefly \([\d.]+s\) for the CPU profiler's 100 Hz sampling/);
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'TestInstant has no samples' });
    const buttons = await toast.locator('.monaco-button').allTextContents();
    assert.ok(buttons.includes('Profile BenchmarkIsPrime'), `buttons: ${buttons}`);
    assert.ok(buttons.some((b) => /^Re-run with -count=\d+$/.test(b)), `buttons: ${buttons}`);
    await wb.screenshot(page, 'test-profiling-4b-empty-profile-advice');
    const seen2 = new Set(captures(storage));
    await toast.locator('.monaco-button', { hasText: 'Profile BenchmarkIsPrime' }).click();
    const bench = await newCapture(storage, /^sample-service-BenchmarkIsPrime-cpu-\d{8}-\d{6}\.pb\.gz$/, seen2, 'the benchmark\'s profile');
    assert.equal(bench.meta.testKind, 'benchmark');
    assert.notEqual(goPprofHeader(path.join(storage, bench.file), tmp).total, '0', 'the benchmark has samples');
    await editorFrame(page, bench.file);
  });

  scenario('a failing test: its profile opens, with a warning quoting the failure', async () => {
    const page = workbench.page;
    await wb.quickOpen(page, 'failing_test.go');
    await lensLine(page, /Profile/).waitFor({ state: 'visible', timeout: 30_000 });
    await goToLine(page, 9); // inside TestFailing: the palette command profiles the function at the cursor
    const seen = new Set(captures(storage));
    await wb.runCommand(page, 'Pprof Lens: Profile Test…');
    await wb.pickQuickItem(page, { expect: 'Profile TestFailing', text: 'CPU' });
    const { file, meta } = await newCapture(storage, /^sample-service-TestFailing-cpu-\d{8}-\d{6}\.pb\.gz$/, seen, 'the failing test\'s profile');
    assert.equal(meta.test, 'TestFailing');
    assert.equal(meta.testFailed, true);
    await editorFrame(page, file);
    const warning = await wb.waitFor('the failure warning', async () =>
      (await toasts(page)).find((t) => t.includes('TestFailing failed')), 30_000);
    assert.match(warning, /--- FAIL: TestFailing/);
    assert.match(warning, /this test fails on purpose/);
    await wb.screenshot(page, 'test-profiling-5-failing-test');
  });

  scenario('Cancel ends go test and the test binary at once; nothing is saved', async () => {
    const page = workbench.page;
    await wb.runCommand(page, 'Notifications: Clear All Notifications');
    await wb.quickOpen(page, 'failing_test.go');
    const lens = lensLine(page, /Profile/);
    await lens.waitFor({ state: 'visible', timeout: 30_000 });
    const before = captures(storage).length;
    await goToLine(page, 15); // inside TestSlow
    await wb.runCommand(page, 'Pprof Lens: Profile Test…');
    await wb.pickQuickItem(page, { expect: 'Profile TestSlow', text: 'CPU' });
    await wb.waitFor('the test binary running', () => slowTestPids().length > 0, 60_000, 200);
    const cancel = page.locator('.notifications-toasts .notification-toast', { hasText: 'Profiling TestSlow…' }).locator('.monaco-button', { hasText: 'Cancel' });
    await cancel.waitFor({ state: 'visible', timeout: 10_000 });
    await wb.screenshot(page, 'test-profiling-6-before-cancel');
    const t0 = Date.now();
    await cancel.click();
    await wb.waitFor('the progress to go', async () => !(await toasts(page)).some((t) => t.includes('Profiling TestSlow')), 5_000, 100);
    await wb.waitFor('the test binary to end', () => slowTestPids().length === 0, 5_000, 100);
    assert.ok(Date.now() - t0 < 5000, `gone in ${Date.now() - t0} ms`);
    await page.waitForTimeout(1000);
    assert.equal(captures(storage).length, before, 'nothing saved');
  });

  scenario('a package that does not build: one error with the compiler\'s line and Show Output', async () => {
    const page = workbench.page;
    await wb.runCommand(page, 'Notifications: Clear All Notifications');
    await wb.quickOpen(page, 'broken_test.go');
    const lens = lensLine(page, /Profile/);
    await lens.waitFor({ state: 'visible', timeout: 30_000 });
    const before = captures(storage).length;
    await lens.locator('a', { hasText: 'Profile' }).first().click();
    const error = await wb.waitFor('the build error', async () =>
      (await toasts(page)).find((t) => t.includes('does not build')), 60_000);
    assert.match(error, /example\.com\/sample-service\/broken does not build/);
    assert.match(error, /undefined: notDefinedAnywhere/);
    assert.equal(captures(storage).length, before, 'nothing saved');
    await wb.screenshot(page, 'test-profiling-7-build-failure');
    await page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Show Output' }).first().click();
    await wb.waitFor('the go test output', async () =>
      page.evaluate(() => [...document.querySelectorAll('.part.panel .view-lines')].some((v) => v.textContent.includes('notDefinedAnywhere'))), 20_000);
    await wb.screenshot(page, 'test-profiling-8-go-test-output');
  });
});
