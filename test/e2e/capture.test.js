// End to end, in a real VS Code (code-server) with the packaged .vsix: capturing from the running
// sample Go service. The service is the target through pprofLens.targets in the user
// settings; "Profile CPU…" for 3 s saves the profile into the workspace's .pprof folder, lists it in
// the Profiles view and opens it in the profile editor. Then: choosing another target from the
// status bar item (typed URL), Cancel aborting a capture at once, a refused connection's message,
// deleting and renaming in the Profiles view, a goroutine dump and an execution trace, and a Go debug
// session whose program (on a port nobody configured) is found through /proc (real Delve, `dlv dap`)
// or the adapter's "process" event (a stand-in adapter; test/e2e/go-debugger). Screenshots of each step go to
// test-results/capture-*.png, the extension's log to test-results/capture-pprof-lens-output.log.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');
const { buildSampleService, startSampleService } = require('../../scripts/sample-service');
const { execFileSync } = require('node:child_process');
const { ensureCodeServer, freePort, installExtension } = require('../../scripts/vscode-env');
const wb = require('./workbench');

// PPROF_LENS_VSIX: test another package than the one `npm run package` writes.
const VSIX = process.env.PPROF_LENS_VSIX || path.join(wb.ROOT, 'pprof-lens.vsix');

/** Capture files (not sidecars) in dir, matching re. */
function captures(dir, re = /./) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => !f.endsWith('.json') && !f.startsWith('.') && re.test(f)).sort();
}

/** Our status bar item showing the capture target (its aria-label names it). */
function targetItem(page, name) {
  const label = `[aria-label^="Pprof Lens capture target: ${name ?? ''}"]`;
  return page.locator(`.statusbar-item${label}, .statusbar-item:has(${label})`).first();
}

const { toasts, showProfilesView } = wb;

/** The Profiles view's row for a file (the tree items' aria-labels start with the file name). */
function profilesRow(page, fileName) {
  return page.locator(`.sidebar .monaco-list-row[aria-label^="${fileName}"]`);
}

/** The profile editor's frame for `fileName`, once its table has rows. */
async function editorFrame(page, fileName) {
  const frame = await wb.webviewFrame(page, '.summary .file-name', { text: fileName, timeoutMs: 60_000 });
  await wb.waitFor(`rows in ${fileName}`, () => frame.evaluate(() => document.querySelector('#top-table tbody tr[data-index]') !== null));
  return frame;
}

/** Types into the quick input once it shows `placeholderOrValue`, then accepts. */
async function answerQuickInput(page, value, { expectValue, expectText } = {}) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  if (expectValue !== undefined) await wb.waitFor(`the input to hold ${expectValue}`, async () => (await input.inputValue()) === expectValue, 10_000);
  if (expectText !== undefined) {
    await wb.waitFor(`the input to say ${expectText}`, async () => ((await page.locator('.quick-input-widget').textContent()) ?? '').includes(expectText), 10_000);
  }
  await input.fill(value);
}

/** Right-clicks a row and runs a context menu entry (retrying a click the menu did not take). */
async function contextMenu(page, row, label, { screenshotName } = {}) {
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .action-menu-item', { hasText: label }).first();
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  await page.waitForTimeout(300); // the menu settles (hover, layout) before taking a click
  if (screenshotName) await wb.screenshot(page, screenshotName);
  for (let i = 0; i < 3 && (await item.isVisible()); i++) {
    await item.click().catch(() => {});
    await page.waitForTimeout(300);
  }
}

/** Waits for the target picker (it lists "Enter URL…"), picks "Enter URL…" and waits for the URL input box. */
async function pickEnterUrl(page, { screenshotName } = {}) {
  const input = page.locator('.quick-input-widget input');
  await wb.waitFor('the target picker', async () => {
    const labels = await page.locator('.quick-input-list .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    return labels.some((l) => l.includes('sample')) && labels.some((l) => l.includes('Enter URL'));
  }, 10_000);
  if (screenshotName) await wb.screenshot(page, screenshotName);
  await input.fill('Enter URL');
  await wb.waitFor('Enter URL focused', async () => ((await page.locator('.quick-input-list .monaco-list-row.focused').textContent()) ?? '').includes('Enter URL'), 10_000);
  await page.keyboard.press('Enter');
  await wb.waitFor('the URL input box', async () => ((await page.locator('.quick-input-widget').textContent()) ?? '').includes('Address of a Go program'), 10_000);
}

/** The process running `exe` whose parent is Delve (`dlv`), from /proc: { pid, ppid }, or undefined. */
function delveChild(exe) {
  exe = fs.realpathSync(exe);
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readlinkSync(`/proc/${d}/exe`) !== exe) continue;
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${d}/status`, 'utf8'))[1]);
      if (fs.readFileSync(`/proc/${ppid}/comm`, 'utf8').trim() === 'dlv') return { pid: Number(d), ppid };
    } catch {
      // gone, or not ours to read
    }
  }
  return undefined;
}

describe('capture from a running Go program in VS Code', { timeout: 8 * 60_000 }, () => {
  let tmp;
  let workspace;
  let storage;
  let workbench;
  let service;
  let servicePort;
  let serviceBin;
  const scenario = (name, body) => test(name, () => wb.withFailureScreenshot(workbench.page, `capture-${name.replace(/\W+/g, '-')}`, body));

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run "npm run package" first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-e2e-capture-'));
    workspace = path.join(tmp, 'workspace');
    storage = path.join(workspace, '.pprof');
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'README.md'), '# capture e2e\n');
    // The workspace is a git repository, so the first capture asks whether to keep .pprof/ out of git.
    execFileSync('git', ['init', '-q'], { cwd: workspace });
    const bin = buildSampleService(path.join(tmp, 'bin'));
    serviceBin = bin;
    servicePort = await freePort();
    service = await startSampleService(bin, `127.0.0.1:${servicePort}`, { logFile: path.join(tmp, 'service.log') });
    workbench = await wb.startWorkbench({
      vsix: VSIX, workspace, settings: { 'pprofLens.targets': [{ name: 'sample', url: `${service.url}/debug/pprof/` }] },
    });
  }, { timeout: 5 * 60_000 });

  after(async () => {
    if (workbench) {
      wb.saveExtensionLog(workbench, 'capture-pprof-lens-output.log');
      await workbench.stop();
    }
    if (service) await service.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }, { timeout: 60_000 });

  scenario('the Profiles view starts empty, with capture commands', async () => {
    const page = workbench.page;
    const pane = await showProfilesView(page);
    await wb.waitFor('the welcome text', async () => ((await pane.textContent()) ?? '').includes('No captures yet'), 30_000);
    // Nothing captured yet, but pprofLens.targets names one target: the status bar names the
    // target the first capture will use, not "no target".
    await wb.waitFor('the configured target in the status bar', async () => (await targetItem(page, 'sample').count()) > 0, 15_000);
    const text = (await targetItem(page, 'sample').textContent()) ?? '';
    assert.match(text, /sample/);
    assert.doesNotMatch(text, /no target/);
    await wb.screenshot(page, 'capture-1-profiles-view-empty');
  });

  scenario('"Profile CPU…" for 3 s: countdown, saved to .pprof, listed, opened in the profile editor', async () => {
    const page = workbench.page;
    await wb.runCommand(page, 'Pprof Lens: Profile CPU…');
    await answerQuickInput(page, '3', { expectValue: '30', expectText: 'How many seconds' });
    await wb.screenshot(page, 'capture-2-duration-input');
    const t0 = Date.now();
    await page.keyboard.press('Enter');

    // The progress notification counts down, with Cancel; the status bar shows the capture too.
    await wb.waitFor('the progress notification', async () => (await toasts(page)).some((t) => /CPU profile of sample/.test(t) && /s left/.test(t)), 10_000);
    assert.ok(await page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Cancel' }).count() > 0, 'a Cancel button');
    await wb.waitFor('the busy status bar item', async () => (await page.locator('.statusbar-item', { hasText: 'CPU profile' }).count()) > 0, 5_000);
    await wb.screenshot(page, 'capture-3-progress-countdown');

    const [file] = await wb.waitFor('the capture on disk', async () => {
      const f = captures(storage, /^sample-cpu-\d{8}-\d{6}\.pb\.gz$/);
      return f.length === 1 ? f : undefined;
    }, 40_000);
    assert.ok(Date.now() - t0 >= 2500, 'the capture took the requested seconds');
    const meta = JSON.parse(fs.readFileSync(path.join(storage, `${file}.json`), 'utf8'));
    assert.equal(meta.kind, 'cpu');
    assert.equal(meta.target, 'sample');
    assert.equal(meta.targetUrl, service.url);
    assert.equal(meta.seconds, 3);
    assert.equal(meta.source, `${service.url}/debug/pprof/profile?seconds=3`);
    assert.deepEqual(fs.readdirSync(storage).filter((f) => f.endsWith('.tmp')), []);

    // The first capture in a git repository asks once whether to keep .pprof/ out of git. An
    // information toast hides itself after a while: the notification centre keeps it.
    assert.match(execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: workspace, encoding: 'utf8' }), /\.pprof\/sample-cpu-/);
    let offer = page.locator('.notifications-toasts .notification-toast', { hasText: 'Keep them out of git?' });
    if (!(await offer.isVisible())) {
      await wb.runCommand(page, 'Notifications: Show Notifications');
      offer = page.locator('.notifications-center .monaco-list-row', { hasText: 'Keep them out of git?' });
    }
    await offer.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match((await offer.textContent()) ?? '', /Pprof Lens saves captures in \.pprof\/, inside your git repository/);
    await wb.screenshot(page, 'capture-4b-gitignore-offer');
    await offer.locator('.monaco-button', { hasText: 'Ignore Inside .pprof/' }).click();
    await wb.waitFor('.pprof/.gitignore', () => fs.existsSync(path.join(storage, '.gitignore')), 10_000);
    assert.match(fs.readFileSync(path.join(storage, '.gitignore'), 'utf8'), /^\*$/m);
    assert.doesNotMatch(execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: workspace, encoding: 'utf8' }), /\.pprof\//, 'git no longer sees the captures');
    assert.ok(!fs.existsSync(path.join(workspace, '.gitignore')), 'the project\'s .gitignore is left alone');
    await page.keyboard.press('Escape');

    await profilesRow(page, file).waitFor({ state: 'visible', timeout: 20_000 });
    const frame = await editorFrame(page, file);
    assert.equal(await frame.evaluate(() => document.querySelector('.summary .badge')?.textContent), 'CPU');
    const pane = await showProfilesView(page);
    const text = (await pane.textContent()) ?? '';
    assert.ok(text.includes('sample') && text.includes('CPU profile'), `grouped by target and kind: ${text}`);
    // The row says what the capture is: kind, duration and total as go tool pprof prints them.
    const header = execFileSync('go', ['tool', 'pprof', '-top', path.join(storage, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const total = /of (\S+) total/.exec(header)[1];
    const rowText = (await profilesRow(page, file).textContent()) ?? '';
    assert.ok(rowText.includes(`CPU · 3s · total ${total} · `), `kind, duration, total (${total}) in the row: ${rowText}`);
    await wb.screenshot(page, 'capture-4-profile-editor-and-profiles-view');
  });

  scenario('the status bar item changes the target; a typed host:port is captured from', async () => {
    const page = workbench.page;
    const item = targetItem(page, 'sample');
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await item.click();
    const input = page.locator('.quick-input-widget input');
    await pickEnterUrl(page, { screenshotName: 'capture-5-target-picker' });
    await input.fill('ftp://nope:1');
    await wb.waitFor('the validation message', async () => ((await page.locator('.quick-input-widget').textContent()) ?? '').includes('Only http:// and https://'), 10_000);
    await wb.screenshot(page, 'capture-6-url-validation');
    // Another name for the same program than the configured 127.0.0.1 URL: a target of its own.
    await input.fill(`localhost:${servicePort}`);
    await wb.waitFor('the validation message to go', async () => !((await page.locator('.quick-input-widget').textContent()) ?? '').includes('Only http://'), 10_000);
    await page.keyboard.press('Enter');
    await wb.waitFor('the new target in the status bar', async () => (await targetItem(page, `localhost:${servicePort}`).count()) > 0, 10_000);

    await wb.runCommand(page, 'Pprof Lens: Capture Heap Profile');
    const re = new RegExp(`^localhost-${servicePort}-heap-\\d{8}-\\d{6}\\.pb\\.gz$`);
    const [file] = await wb.waitFor('the heap capture on disk', async () => {
      const f = captures(storage, re);
      return f.length === 1 ? f : undefined;
    }, 30_000);
    await profilesRow(page, file).waitFor({ state: 'visible', timeout: 20_000 });
    const frame = await editorFrame(page, file);
    assert.match(await frame.evaluate(() => document.querySelector('.summary .badge')?.textContent ?? ''), /heap/i);
    await wb.screenshot(page, 'capture-7-heap-from-typed-target');
  });

  scenario('"Profile 30s": Cancel aborts the capture at once; nothing is saved', async () => {
    const page = workbench.page;
    const before = captures(storage).length;
    await wb.runCommand(page, 'Pprof Lens: Profile 30s');
    await wb.waitFor('the 30 s countdown', async () => (await toasts(page)).some((t) => /CPU profile of/.test(t) && /(30|29|28)s left/.test(t)), 10_000);
    const cancel = page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Cancel' }).first();
    await cancel.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForTimeout(1500);
    await wb.screenshot(page, 'capture-8-before-cancel');
    const t0 = Date.now();
    await cancel.click();
    await wb.waitFor('the progress to go', async () => !(await toasts(page)).some((t) => /s left/.test(t)), 5_000, 100);
    assert.ok(Date.now() - t0 < 3000, `gone in ${Date.now() - t0} ms`);
    await wb.waitFor('the busy item to go', async () => (await page.locator('.statusbar-item', { hasText: /CPU profile \d+s/ }).count()) === 0, 5_000);
    await page.waitForTimeout(1000);
    assert.equal(captures(storage).length, before);
    // The server is free again at once: a new CPU profile is accepted (pprof allows one at a time).
    const res = await fetch(`${service.url}/debug/pprof/profile?seconds=1`);
    assert.equal(res.status, 200, 'the cancelled request released the CPU profiler');
    await res.arrayBuffer();
  });

  scenario('"Profile 30s" runs its 30 seconds: saved, listed, opened', async () => {
    const page = workbench.page;
    const before = new Set(captures(storage));
    const t0 = Date.now();
    await wb.runCommand(page, 'Pprof Lens: Profile 30s');
    await wb.waitFor('the 30 s countdown', async () => (await toasts(page)).some((t) => /CPU profile of/.test(t) && /(30|29|28)s left/.test(t)), 10_000);
    await page.waitForTimeout(15_000);
    await wb.screenshot(page, 'capture-8b-profile-30s-halfway');
    const [file] = await wb.waitFor('the 30 s capture on disk', async () => {
      const f = captures(storage, /-cpu-\d{8}-\d{6}\.pb\.gz$/).filter((n) => !before.has(n));
      return f.length === 1 ? f : undefined;
    }, 45_000, 500);
    assert.ok(Date.now() - t0 >= 29_000, `took ${Date.now() - t0} ms`);
    const meta = JSON.parse(fs.readFileSync(path.join(storage, `${file}.json`), 'utf8'));
    assert.equal(meta.kind, 'cpu');
    assert.equal(meta.seconds, 30);
    assert.match(meta.source, /\/debug\/pprof\/profile\?seconds=30$/);
    await profilesRow(page, file).waitFor({ state: 'visible', timeout: 20_000 });
    const frame = await editorFrame(page, file);
    assert.equal(await frame.evaluate(() => document.querySelector('.summary .badge')?.textContent), 'CPU');
    await wb.screenshot(page, 'capture-8c-profile-30s-done');
  });

  scenario('a refused connection says what to check', async () => {
    const page = workbench.page;
    const closed = await freePort();
    await wb.runCommand(page, 'Pprof Lens: Select Capture Target…');
    await pickEnterUrl(page);
    await page.locator('.quick-input-widget input').fill(`localhost:${closed}`);
    await page.keyboard.press('Enter');
    await wb.waitFor('the new target in the status bar', async () => (await targetItem(page, `localhost:${closed}`).count()) > 0, 10_000);
    await wb.runCommand(page, 'Pprof Lens: Capture Goroutine Profile');
    const message = await wb.waitFor('the error notification', async () => (await toasts(page)).find((t) => /connection refused/.test(t)), 20_000);
    assert.match(message, /Could not capture the goroutine profile of localhost:\d+: connection refused at localhost:\d+: is the program running\? right port\?/);
    assert.match(message, /Change Target/);
    await wb.screenshot(page, 'capture-9-connection-refused');
    await page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Change Target' }).first().click();
    await wb.waitFor('the target picker', async () => (await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sample' }).count()) > 0, 10_000);
    await page.keyboard.press('Escape');
  });

  scenario('a target address with a wrong path (a catch-all handler answers) saves nothing and says why', async () => {
    const page = workbench.page;
    const before = captures(storage);
    // The sample service's "/" handler answers any path with its text: /api/debug/pprof/heap is a 200.
    await wb.runCommand(page, 'Pprof Lens: Select Capture Target…');
    await pickEnterUrl(page);
    await page.locator('.quick-input-widget input').fill(`localhost:${servicePort}/api`);
    await page.keyboard.press('Enter');
    await wb.waitFor('the new target in the status bar', async () => (await targetItem(page, `localhost:${servicePort}`).count()) > 0, 10_000);
    await wb.runCommand(page, 'Pprof Lens: Capture Heap Profile');
    const message = await wb.waitFor('the error notification', async () => (await toasts(page)).find((t) => /not a heap profile/.test(t)), 20_000);
    assert.match(message, /Could not capture the heap profile of localhost:\d+: not a heap profile: the server answered with text starting with "sample-service: see \/debug\/pprof\/"; is the path of the target's address right/);
    await wb.screenshot(page, 'capture-9b-not-a-profile');
    await page.waitForTimeout(500);
    assert.deepEqual(captures(storage), before, 'nothing saved');
    await wb.runCommand(page, 'Notifications: Clear All Notifications');
  });

  scenario('delete from the Profiles view asks first', async () => {
    const page = workbench.page;
    const [file] = captures(storage, /-heap-/);
    const others = captures(storage).filter((f) => f !== file && f !== `${file}.json`);
    await showProfilesView(page);
    const row = profilesRow(page, file);
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await contextMenu(page, row, /^Delete$/, { screenshotName: 'capture-10-context-menu' });
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match((await dialog.textContent()) ?? '', new RegExp(`Delete ${file.replace(/\./g, '\\.')}\\?`));
    await wb.screenshot(page, 'capture-11-delete-confirmation');
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
    await wb.waitFor('the file to go', async () => !fs.existsSync(path.join(storage, file)) && !fs.existsSync(path.join(storage, `${file}.json`)), 10_000);
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    assert.deepEqual(captures(storage), others, 'the other captures stay');
    await wb.screenshot(page, 'capture-12-after-delete');
  });

  scenario('rename from the Profiles view keeps the capture in its group, sidecar and all', async () => {
    const page = workbench.page;
    const [file] = captures(storage, /^sample-cpu-/);
    await showProfilesView(page);
    const row = profilesRow(page, file);
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await contextMenu(page, row, /^Rename/);
    const input = page.locator('.quick-input-widget input');
    await wb.waitFor('the rename box', async () => (await input.inputValue()) === file, 10_000);
    // A name without a capture extension would drop the file from the Profiles view: refused.
    await input.fill('before-the-fix');
    await wb.waitFor('the extension message', async () => ((await page.locator('.quick-input-widget').textContent()) ?? '').includes('Keep an extension the Profiles view lists'), 10_000);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.ok(fs.existsSync(path.join(storage, file)), 'not renamed while the name is refused');
    await input.fill('before-the-fix.pb.gz');
    await page.keyboard.press('Enter');
    await wb.waitFor('the renamed file and sidecar', async () =>
      fs.existsSync(path.join(storage, 'before-the-fix.pb.gz')) && fs.existsSync(path.join(storage, 'before-the-fix.pb.gz.json')) &&
      !fs.existsSync(path.join(storage, file)), 10_000);
    await profilesRow(page, 'before-the-fix.pb.gz').waitFor({ state: 'visible', timeout: 10_000 });
    const pane = await showProfilesView(page);
    assert.ok(((await pane.textContent()) ?? '').includes('sample'), 'still under its target (from the sidecar)');
    await wb.screenshot(page, 'capture-13-after-rename');
  });

  scenario('goroutine dump (from the target\'s context menu) and execution trace: saved, listed, shown', async () => {
    const page = workbench.page;
    // The "sample" group of the Profiles view captures from its own URL, whatever the current target.
    await showProfilesView(page);
    const group = page.locator('.sidebar .monaco-list-row[aria-level="1"]', { hasText: 'sample' }).first();
    await contextMenu(page, group, /^Capture Goroutine Dump$/, { screenshotName: 'capture-14-target-context-menu' });
    const [dump] = await wb.waitFor('the dump on disk', async () => {
      const f = captures(storage, /^sample-goroutine-dump-\d{8}-\d{6}\.txt$/);
      return f.length === 1 ? f : undefined;
    }, 30_000);
    assert.match(fs.readFileSync(path.join(storage, dump), 'utf8'), /^goroutine \d+ \[/);
    const frame = await editorFrame(page, dump);
    assert.match(await frame.evaluate(() => document.querySelector('.summary .badge')?.textContent ?? ''), /goroutine/i);
    await profilesRow(page, dump).waitFor({ state: 'visible', timeout: 20_000 });
    await wb.screenshot(page, 'capture-15-goroutine-dump');

    await wb.runCommand(page, 'Pprof Lens: Select Capture Target…');
    const input = page.locator('.quick-input-widget input');
    await wb.waitFor('the target picker', async () => (await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Enter URL' }).count()) > 0, 10_000);
    await input.fill('sample');
    await wb.waitFor('sample focused', async () => ((await page.locator('.quick-input-list .monaco-list-row.focused').textContent()) ?? '').includes('sample'), 10_000);
    await page.keyboard.press('Enter');
    await wb.waitFor('sample in the status bar', async () => (await targetItem(page, 'sample').count()) > 0, 10_000);

    await wb.runCommand(page, 'Pprof Lens: Capture Execution Trace…');
    await answerQuickInput(page, '1', { expectValue: '5', expectText: 'How many seconds' });
    await page.keyboard.press('Enter');
    const [trace] = await wb.waitFor('the trace on disk', async () => {
      const f = captures(storage, /^sample-trace-\d{8}-\d{6}\.trace$/);
      return f.length === 1 ? f : undefined;
    }, 30_000);
    assert.match(fs.readFileSync(path.join(storage, trace)).subarray(0, 16).toString('latin1'), /^go 1\.\d+ trace/);
    // The capture opens in the trace editor (its timeline summary), and is listed in the Profiles view.
    await wb.webviewFrame(page, '#trace-summary', { timeoutMs: 60_000 });
    await profilesRow(page, trace).waitFor({ state: 'visible', timeout: 20_000 });
    await wb.screenshot(page, 'capture-16-execution-trace');
    // A trace-derived profile of a captured trace is kept beside it and listed under it.
    const traceFrame = await wb.webviewFrame(page, 'button.profile-button[data-kind="sync"]', { timeoutMs: 30_000 });
    await traceFrame.click('button.profile-button[data-kind="sync"]');
    const derived = `${trace}.sync.pb.gz`;
    await wb.waitFor('the sync profile beside the trace', () => fs.existsSync(path.join(storage, `${trace}.profiles`, derived)), 30_000);
    await editorFrame(page, derived);
    await showProfilesView(page);
    // (the derived profile's name starts with the trace's: the trace's row is the one labelled "<trace>, …")
    const traceRow = page.locator(`.sidebar .monaco-list-row[aria-label^="${trace}, "]`);
    const derivedRow = profilesRow(page, derived);
    await wb.waitFor('the trace row with its profiles', async () => (await traceRow.getAttribute('aria-expanded')) !== null, 20_000);
    if ((await traceRow.getAttribute('aria-expanded')) === 'false') await traceRow.locator('.monaco-tl-twistie').click();
    await derivedRow.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(Number(await derivedRow.getAttribute('aria-level')), Number(await traceRow.getAttribute('aria-level')) + 1, 'listed under its trace');
    await wb.screenshot(page, 'capture-16b-trace-profile-under-its-trace');
    // The .gitignore question was answered once: never asked again.
    assert.deepEqual((await toasts(page)).filter((t) => t.includes('Keep them out of git?')), []);
  });

  scenario('under a Go debug session, the debugged program\'s pprof port is found and captured from', async () => {
    const page = workbench.page;
    // Real Delve (`dlv dap`, see test/e2e/go-debugger) runs the program as its child, on a port
    // nobody configured (127.0.0.1:0): only the /proc discovery can find it.
    const fakeVsix = path.join(tmp, 'go-debugger.vsix');
    execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', fakeVsix],
      { cwd: path.join(__dirname, 'go-debugger'), stdio: 'ignore', timeout: 60_000 });
    installExtension(ensureCodeServer(), fakeVsix, workbench.extensionsDir);
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.vscode', 'launch.json'), JSON.stringify({
      version: '0.2.0',
      configurations: [{ name: 'Debug sample service', type: 'go', request: 'launch', mode: 'exec', program: serviceBin, args: ['-addr', '127.0.0.1:0'] }],
    }, null, 2));
    await wb.runCommand(page, 'Developer: Reload Window');
    await page.waitForSelector('.explorer-folders-view .monaco-list-row, .sidebar .pane', { timeout: 60_000 });
    await page.waitForTimeout(2000);

    await wb.runCommand(page, 'Debug: Start Debugging');
    await page.locator('.debug-toolbar').waitFor({ state: 'visible', timeout: 30_000 });
    // The program runs once Delve has started it as its child; give it a moment to listen.
    const debuggee = await wb.waitFor('Delve to start the program', () => delveChild(serviceBin), 60_000);
    console.error(`dlv (pid ${debuggee.ppid}) runs the sample service as pid ${debuggee.pid}`);
    // The pinned Delve (scripts/go-env.js --tools), not an older one from the system: Debian's cannot
    // debug binaries of today's Go.
    assert.equal(fs.realpathSync(`/proc/${debuggee.ppid}/exe`), fs.realpathSync(path.join(require('../../scripts/go-env').toolsDir(), 'bin', 'dlv')));
    await page.waitForTimeout(1500);
    await wb.runCommand(page, 'Pprof Lens: Capture Heap Profile');
    const [file] = await wb.waitFor('a heap capture from the debugged program', async () => {
      const f = captures(storage, /^localhost-\d+-heap-\d{8}-\d{6}\.pb\.gz$/).filter((n) => !n.startsWith(`localhost-${servicePort}-`));
      return f.length === 1 ? f : undefined;
    }, 40_000);
    const meta = JSON.parse(fs.readFileSync(path.join(storage, `${file}.json`), 'utf8'));
    assert.match(meta.targetUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(meta.targetUrl, service.url);
    await editorFrame(page, file);
    await wb.waitFor('the debugged program as the target', async () => /localhost:\d+/.test((await targetItem(page).textContent()) ?? ''), 10_000);
    await wb.screenshot(page, 'capture-17-debug-session-target');
    await wb.runCommand(page, 'Debug: Stop');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 15_000 });

    // Second way: the adapter runs the program itself and says its pid in a "process" event.
    fs.writeFileSync(path.join(workspace, '.vscode', 'launch.json'), JSON.stringify({
      version: '0.2.0',
      configurations: [{ name: 'Debug sample service', type: 'go', request: 'launch', program: serviceBin, args: ['-addr', '127.0.0.1:0'], processEvent: true }],
    }, null, 2));
    await page.waitForTimeout(1000); // VS Code reads launch.json again
    await wb.runCommand(page, 'Debug: Start Debugging');
    await page.locator('.debug-toolbar').waitFor({ state: 'visible', timeout: 30_000 });
    await wb.waitFor('the debuggee to start', async () => /debuggee pid \d+ \(process event\)/.test((await page.locator('.repl').textContent().catch(() => '')) ?? ''), 30_000);
    await page.waitForTimeout(1000);
    await wb.runCommand(page, 'Pprof Lens: Capture Goroutine Profile');
    const [second] = await wb.waitFor('a goroutine capture from the second debugged program', async () => {
      const f = captures(storage, /^localhost-\d+-goroutine-\d{8}-\d{6}\.pb\.gz$/).filter((n) => !n.startsWith(`localhost-${servicePort}-`));
      return f.length === 1 ? f : undefined;
    }, 40_000);
    const meta2 = JSON.parse(fs.readFileSync(path.join(storage, `${second}.json`), 'utf8'));
    assert.notEqual(meta2.targetUrl, meta.targetUrl, 'a new session, a new program, a new port');
    await editorFrame(page, second);
    await wb.screenshot(page, 'capture-18-debug-session-process-event');
    await wb.runCommand(page, 'Debug: Stop');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 15_000 });
  });
});
