// Drives a real VS Code workbench (code-server in Debian's Chromium, via playwright-core): start it
// with our packaged .vsix, open files, find our webviews' frames, take screenshots.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const vscodeEnv = require('../../scripts/vscode-env');
const { goRoot } = require('../../scripts/go-env');

const ROOT = path.join(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = process.env.PPROF_LENS_CHROMIUM || '/usr/bin/chromium';

/** Polls fn until it returns a truthy value; throws the last error or `what` after timeoutMs. */
async function waitFor(what, fn, timeoutMs = 30_000, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Starts code-server with the .vsix installed and a workspace folder open, and Chromium on it.
 * Returns { page, url, stop(), tmp }; stop() always ends both processes.
 */
/** settings: user settings in place before VS Code starts (so the extension reads them at activation). */
/** extraVsix: further extensions installed beside ours (e.g. the agent tools' test extension). */
async function startWorkbench({ vsix, workspace, settings = {}, extraVsix = [], log = console.error }) {
  const l = vscodeEnv.ensureCodeServer(log);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-e2e-vscode-'));
  const extensionsDir = path.join(tmp, 'extensions');
  // go.goroot names Go 1.27.3's own folder, as Go extension users set it: VS Code's server gives the
  // extension host the login shell's PATH, which may hold no `go` (CI: /usr/local/go/bin is not on it).
  const userDataDir = vscodeEnv.makeUserDataDir(path.join(tmp, 'user-data'), { 'go.goroot': goRoot(), ...settings });
  vscodeEnv.installExtension(l, vsix, extensionsDir);
  for (const x of extraVsix) vscodeEnv.installExtension(l, x, extensionsDir);
  const port = await vscodeEnv.freePort();
  fs.mkdirSync(RESULTS, { recursive: true });
  const logFile = path.join(RESULTS, 'code-server.log');
  const server = await vscodeEnv.startCodeServer(l, { port, userDataDir, extensionsDir, workspace, logFile });
  let browser;
  const stop = async () => {
    if (browser) await browser.close().catch(() => {});
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
      timeout: 60_000,
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The explorer lists the workspace once the workbench is really up.
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    // The extension's contributions are registered once its activity-bar icon shows: before that, a
    // profile opened by a test lands in the text editor (seen on a loaded machine in a CI run).
    await page.locator('.activitybar .action-item a[aria-label^="Pprof Lens"], .activitybar .action-label[aria-label^="Pprof Lens"]')
      .first().waitFor({ state: 'attached', timeout: 60_000 });
    return { page, url: server.url, stop, extensionsDir, userDataDir, logFile };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Opens a workspace file by name with Quick Open (Ctrl+P), as a user would. */
async function quickOpen(page, fileName) {
  // A file created while the workbench runs can miss one search of the file index: ask again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    try {
      // Under load the box can open while the workbench is still inert (a closing dialog or a loading
      // webview holding the focus): give the focus back to the workbench's title bar and try again.
      await input.waitFor({ state: 'visible', timeout: attempt === 3 ? 30_000 : 8_000 });
      await input.fill(fileName, { timeout: attempt === 3 ? 30_000 : 8_000 });
    } catch (e) {
      if (attempt === 3) throw e;
      await page.locator('.part.titlebar .window-title').first().click({ timeout: 5_000 }).catch(() => {});
      continue;
    }
    try {
      // Wait until the first pick is that file, then accept it.
      await waitFor(`quick open to list ${fileName}`, async () => {
        const label = await page.locator('.quick-input-list .monaco-list-row').first().getAttribute('aria-label');
        return label !== null && label.includes(fileName);
      }, 10_000);
      break;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
  await page.keyboard.press('Enter');
}

/** Runs a command from the command palette (F1) by its title (exact, category included). */
async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget input');
  // F1 can be lost while a webview that is loading (e.g. after a window reload) holds the keyboard
  // focus: then give the focus back to the workbench (its title bar, which does nothing on a click).
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: attempt === 3 ? 30_000 : 8_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.locator('.part.titlebar .window-title').first().click({ timeout: 5_000 }).catch(() => {});
    }
  }
  await input.fill(`>${title}`);
  const row = await waitFor(`the palette to list "${title}"`, async () => {
    const rows = page.locator('.quick-input-list .monaco-list-row');
    for (let i = 0; i < (await rows.count()); i++) {
      const label = (await rows.nth(i).getAttribute('aria-label')) ?? '';
      // aria-label is "<title>, <keybinding>" or "<title>"; a "…" in titles is a real ellipsis
      if (label === title || label.startsWith(`${title},`) || label.startsWith(`${title}…`)) return rows.nth(i);
    }
    return undefined;
  }, 15_000);
  await row.click();
}

/**
 * In the quick pick now showing (waiting until one is visible and, with `expect`, its text includes
 * that), types `text` and accepts the focused row once its text includes `row` (default: `text`).
 */
async function pickQuickItem(page, { expect, text, row = text, timeoutMs = 10_000 }) {
  const widget = page.locator('.quick-input-widget');
  await waitFor(`a visible quick pick${expect ? ` with "${expect}"` : ''}`, async () =>
    (await widget.isVisible()) && (!expect || ((await widget.textContent()) ?? '').includes(expect)), timeoutMs);
  await widget.locator('input').first().fill(text);
  await waitFor(`the quick pick to focus "${row}"`, async () =>
    ((await page.locator('.quick-input-list .monaco-list-row.focused').textContent()) ?? '').includes(row), timeoutMs);
  await page.keyboard.press('Enter');
}

/**
 * The frame (webviews are nested iframes) whose document has an element matching `selector` (and,
 * with `text`, whose text is exactly that), waiting for it.
 */
async function webviewFrame(page, selector, { text, timeoutMs = 30_000 } = {}) {
  const what = `a webview frame with ${selector}${text === undefined ? '' : ` = ${JSON.stringify(text)}`}`;
  return waitFor(what, async () => {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame() || frame.isDetached()) continue;
      const found = await frame
        .evaluate(([s, t]) => {
          const el = document.querySelector(s);
          return el !== null && (t === null || el.textContent === t);
        }, [selector, text ?? null])
        .catch(() => false);
      if (found) return frame;
    }
    return undefined;
  }, timeoutMs);
}

/** Runs a test body; on failure, keeps a screenshot of the workbench as it was. */
async function withFailureScreenshot(page, name, body) {
  try {
    await body();
  } catch (e) {
    await screenshot(page, `FAILED-${name}`).catch(() => {});
    throw e;
  }
}

async function screenshot(page, name) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The notification toasts' texts. */
function toasts(page) {
  return page.locator('.notifications-toasts .notification-toast').allTextContents();
}

/** Shows the Pprof Lens container (activity bar) and returns the Profiles view's pane body. */
async function showProfilesView(page) {
  await page.keyboard.press('Escape');
  const icon = page.locator('.activitybar .action-item a[aria-label^="Pprof Lens"], .activitybar .action-label[aria-label^="Pprof Lens"]').first();
  await icon.waitFor({ state: 'visible', timeout: 30_000 });
  const title = page.locator('.sidebar .composite.title h2, .sidebar .title-label h2').first();
  if (!((await title.textContent().catch(() => '')) ?? '').toUpperCase().includes('PPROF LENS')) await icon.click();
  await waitFor('the Pprof Lens side bar', async () => ((await title.textContent()) ?? '').toUpperCase().includes('PPROF LENS'), 15_000);
  return page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: /Profiles/i }) }).first();
}

/** Keeps the extension's own log (the "Pprof Lens" output channel, as VS Code writes it to disk). */
function saveExtensionLog(workbench, name) {
  const logs = [];
  const walk = (d) => {
    for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (/Pprof Lens\.log$/.test(e.name)) logs.push(path.join(d, e.name));
    }
  };
  walk(path.join(workbench.userDataDir, 'logs'));
  if (logs.length > 0) fs.writeFileSync(path.join(RESULTS, name), logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n'));
}

/**
 * The text of each rendered line of the cpu.go editor (else the active one), decorations' ::before and
 * ::after content included, by line number: { "35": "    if n%d == 0 {   160ms · 160ms" }.
 */
async function editorLineTexts(page) {
  return page.evaluate(() => {
    // The editor of cpu.go (monaco tags its DOM node with the model's uri), else the active one.
    const editor = document.querySelector('.monaco-editor[data-uri$="/cpu.go"]') ??
      document.querySelector('.editor-group-container.active .monaco-editor');
    if (!editor) return {};
    const numbers = new Map();
    for (const n of editor.querySelectorAll('.margin-view-overlays > div')) {
      const ln = n.querySelector('.line-numbers');
      if (ln) numbers.set(n.style.top, ln.textContent.trim());
    }
    // After-text decorations are drawn as CSS ::after content of (empty) spans: read both.
    const pseudo = (el, which) => {
      const c = getComputedStyle(el, which).content;
      if (!c || c === 'none' || c === 'normal') return '';
      try {
        return JSON.parse(c);
      } catch {
        return c.replace(/^"|"$/g, '');
      }
    };
    const textOf = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent;
      if (node.nodeType !== Node.ELEMENT_NODE) return '';
      let t = pseudo(node, '::before');
      for (const c of node.childNodes) t += textOf(c);
      return t + pseudo(node, '::after');
    };
    const out = {};
    for (const line of editor.querySelectorAll('.view-lines .view-line')) {
      const n = numbers.get(line.style.top);
      if (n) out[n] = textOf(line).replace(/\u00a0/g, ' ');
    }
    return out;
  });
}

/** Figures per line number of the active editor, read from the DOM: { "35": "160ms 160ms" }. */
async function editorFigures(page) {
  const out = {};
  for (const [n, text] of Object.entries(await editorLineTexts(page))) {
    const m = / {3,}(\S+) · +(\S+) *$/.exec(text);
    if (m) out[n] = `${m[1]} ${m[2]}`;
  }
  return out;
}

module.exports = { ROOT, RESULTS, waitFor, startWorkbench, quickOpen, runCommand, pickQuickItem, webviewFrame, screenshot, withFailureScreenshot, saveExtensionLog, toasts, showProfilesView, editorFigures, editorLineTexts };
