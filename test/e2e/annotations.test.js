// End to end, in a real VS Code (code-server) with the packaged .vsix: source annotations.
// The sample service is built with -trimpath in a workspace holding its sources (so its profile
// names files by module path, resolved through the workspace's go.mod), a CPU profile of it is
// opened in the profile editor, then cpu.go: the figures drawn at the end of its hot lines must be
// those of `go tool pprof -list`; the CodeLens, the hover, the status bar sample type switch, the
// toggle and closing the profile are checked too, and a profile with hostile function names (an image,
// a command link, HTML, a blank line) whose hover shows them as text. Screenshots go to test-results/.
// Run: npm run package && node --test test/e2e/annotations.test.js
// (PPROF_LENS_VSIX=path overrides the .vsix.)
'use strict';

const { describe, test, before, after } = require('node:test');
const http = require('node:http');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const wb = require('./workbench');
const { freePort } = require('../../scripts/vscode-env');
const { SOURCE_DIR, startSampleService, captureCpuProfile } = require('../../scripts/sample-service');

const VSIX = process.env.PPROF_LENS_VSIX || path.join(wb.ROOT, 'pprof-lens.vsix');

/** `go tool pprof -list=RE` of the profile: { "<function>": { header: {flat, cum, percent}, lines: {n: "flat cum"} } }. */
function goList(profile, re, flags, cwd) {
  const out = execFileSync('go', ['tool', 'pprof', ...flags, `-list=${re}`, profile], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: cwd, PPROF_TMPDIR: cwd },
  });
  const fns = {};
  let cur;
  for (const l of out.split('\n')) {
    let m;
    if ((m = /^ROUTINE =+ (.*) in (.*)$/.exec(l))) fns[m[1]] = cur = { file: m[2], header: undefined, lines: {} };
    else if (cur && (m = /^\s*(\S+)\s+(\S+) \(flat, cum\)\s+(\S+) of Total$/.exec(l))) cur.header = { flat: m[1], cum: m[2], percent: m[3] };
    else if (cur && (m = /^ {0,9}(\S+) {1,10}(\S+) +(\d+):/.exec(l)) && (m[1] !== '.' || m[2] !== '.')) cur.lines[m[3]] = `${m[1]} ${m[2]}`;
  }
  return fns;
}

const { editorFigures } = wb;

/** A notification toast holding `text`, or the same in the notification centre once the toast hid itself. */
async function findNotification(page, text) {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  try {
    await toast.waitFor({ state: 'visible', timeout: 20_000 });
    return toast;
  } catch {
    await wb.runCommand(page, 'Notifications: Show Notifications');
    const row = page.locator('.notifications-center .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    return row;
  }
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

/** Moves the mouse onto source line `line` of the cpu.go editor (to hover it). */
async function hoverLine(page, line) {
  const box = await page.evaluate((n) => {
    const editor = document.querySelector('.monaco-editor[data-uri$="/cpu.go"]') ??
      document.querySelector('.editor-group-container.active .monaco-editor');
    for (const d of editor.querySelectorAll('.margin-view-overlays > div')) {
      if (d.querySelector('.line-numbers')?.textContent.trim() !== n) continue;
      for (const l of editor.querySelectorAll('.view-lines .view-line')) {
        if (l.style.top !== d.style.top) continue;
        const span = l.querySelector('span > span');
        const r = (span ?? l).getBoundingClientRect();
        return { x: r.left + 30, y: r.top + r.height / 2 };
      }
    }
    return undefined;
  }, String(line));
  assert.ok(box, `line ${line} is on screen`);
  await page.mouse.move(box.x - 5, box.y);
  await page.mouse.move(box.x, box.y);
}

async function statusItem(page, name = 'cpu.pb.gz') {
  return page.evaluate((n) => {
    for (const el of document.querySelectorAll('.statusbar-item')) {
      const t = el.textContent.trim();
      if (t.startsWith(`${n} · `)) return t;
    }
    return undefined;
  }, name);
}

describe('source annotations in VS Code', { timeout: 8 * 60_000 }, () => {
  let tmp;
  let workspace;
  let workbench;
  let profile;
  let want; // -list figures of the cpu sample type
  let isPrimeLens; // its CodeLens text
  let beacon; // a local server counting requests: a rendered image or followed link in a hover would reach it
  const beaconHits = [];
  let hostileName;
  let hostileShown; // the names as pprof shows them (its name simplification drops "(…)" and "<…>" groups)
  const scenario = (name, body) => test(name, () => wb.withFailureScreenshot(workbench.page, `annotations-${name.replace(/\W+/g, '-')}`, body));

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run "npm run package" first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-e2e-annotations-'));
    workspace = path.join(tmp, 'sample-service');
    fs.mkdirSync(workspace);
    for (const f of fs.readdirSync(SOURCE_DIR)) {
      if (f.endsWith('.go') || f === 'go.mod' || f === 'go.sum') fs.copyFileSync(path.join(SOURCE_DIR, f), path.join(workspace, f));
    }
    const bin = path.join(tmp, 'bin', 'sample-service');
    execFileSync('go', ['build', '-trimpath', '-o', bin, '.'], {
      cwd: workspace,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOPROXY: 'off', CGO_ENABLED: '0' },
      timeout: 5 * 60_000,
    });
    const service = await startSampleService(bin, `127.0.0.1:${await freePort()}`);
    try {
      profile = path.join(workspace, 'cpu.pb.gz');
      await captureCpuProfile(service.url, 3, profile);
    } finally {
      await service.stop();
    }
    want = goList(profile, 'main\\.', [`-source_path=${workspace}`], tmp);
    // The same profile as if built in a container at /app: its files resolve only through a mapping.
    const out = (p) => require(path.join(wb.ROOT, 'out', 'src', 'core', 'profile', p));
    const moved = out('parse').parseProfile(fs.readFileSync(profile), profile);
    for (const f of moved.function) f.filename = f.filename.replace(/^example\.com\/sample-service\//, '/app/');
    fs.writeFileSync(path.join(workspace, 'container.pb.gz'), out('encode').encodeProfile(moved));
    // Built with each file in a folder of its own (/app/cpu/cpu.go): nothing to infer a mapping from.
    const scattered = out('parse').parseProfile(fs.readFileSync(profile), profile);
    for (const f of scattered.function) f.filename = f.filename.replace(/^example\.com\/sample-service\/(\w+)\.go$/, '/app/$1/$1.go');
    fs.writeFileSync(path.join(workspace, 'scattered.pb.gz'), out('encode').encodeProfile(scattered));
    // The same profile with hostile names: main.isPrime tries to leave its code span (a blank line) and
    // inject a beacon image, HTML and a command link; its caller's name carries a command link too.
    beacon = http.createServer((req, res) => { beaconHits.push(req.url); res.end(); });
    await new Promise((r) => beacon.listen(0, '127.0.0.1', r));
    const bUrl = `http://127.0.0.1:${beacon.address().port}`;
    hostileName = `main.isPrime\n\n![beacon](${bUrl}/md.png) <img src="${bUrl}/html.png"> [run](command:workbench.action.files.newUntitledFile) \`tick\``;
    const hostile = out('parse').parseProfile(fs.readFileSync(profile), profile);
    for (const f of hostile.function) {
      if (f.name === 'main.isPrime') f.name = f.systemName = hostileName;
      if (f.name === 'main.countPrimes') f.name = f.systemName = 'main.count[x](command:workbench.action.files.newUntitledFile)Primes';
    }
    fs.writeFileSync(path.join(workspace, 'hostile.pb.gz'), out('encode').encodeProfile(hostile));
    const simplified = out('parse').parseProfile(fs.readFileSync(path.join(workspace, 'hostile.pb.gz')), 'hostile');
    out('symbolize').symbolizeNames(simplified);
    hostileShown = {
      isPrime: simplified.function.find((f) => f.systemName === hostileName).name.replace(/\n\n/, ' '),
      countPrimes: simplified.function.find((f) => f.systemName.startsWith('main.count[x]')).name,
    };
    assert.ok(want['main.isPrime'], 'the profile has main.isPrime');
    assert.match(want['main.isPrime'].file, /cpu\.go$/);
    workbench = await wb.startWorkbench({ vsix: VSIX, workspace });
  }, { timeout: 6 * 60_000 });

  after(async () => {
    if (workbench) await workbench.stop();
    if (beacon) beacon.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }, { timeout: 60_000 });

  /** The -list figures of every function in cpu.go, by line number. */
  function wantCpuGo(fns) {
    const lines = {};
    for (const f of Object.values(fns)) if (/cpu\.go$/.test(f.file)) Object.assign(lines, f.lines);
    return lines;
  }

  scenario('the hot lines of cpu.go show the go tool pprof -list figures', async () => {
    const page = workbench.page;
    await wb.quickOpen(page, 'cpu.pb.gz');
    // The profile editor registers the profile: the status bar names it and its sample type.
    const item = await wb.waitFor('the active profile status bar item', () => statusItem(page), 60_000);
    assert.equal(item, 'cpu.pb.gz · cpu');
    await wb.quickOpen(page, 'cpu.go');
    await goToLine(page, 30);
    const expected = wantCpuGo(want);
    assert.ok(Object.keys(expected).length >= 3, `-list has hot lines in cpu.go: ${JSON.stringify(expected)}`);
    const got = await wb.waitFor('the annotations of cpu.go', async () => {
      const f = await editorFigures(page);
      return Object.keys(expected).every((n) => f[n] !== undefined) ? f : undefined;
    }, 60_000);
    for (const [n, figures] of Object.entries(expected)) assert.equal(got[n], figures, `cpu.go:${n}`);
    // No figures on lines -list shows as ". .".
    for (const n of Object.keys(got)) assert.ok(expected[n] !== undefined, `unexpected figures on cpu.go:${n}: ${got[n]}`);

    // CodeLens above main.isPrime: its ROUTINE header.
    const h = want['main.isPrime'].header;
    const lens = (isPrimeLens = `flat ${h.flat} (${topFlatPercent(profile, 'main.isPrime', tmp)}) · cum ${h.cum} (${h.percent})`);
    const lenses = await wb.waitFor('the CodeLens', async () => {
      const t = await page.evaluate(() => [...document.querySelectorAll('.codelens-decoration')].map((e) => e.textContent.trim()));
      return t.includes(lens) ? t : undefined;
    }, 30_000);
    assert.ok(lenses.includes(lens), `${lens} in ${JSON.stringify(lenses)}`);
    await wb.screenshot(page, 'annotations-cpu-go');
  });

  scenario('a hover shows flat, cum, callers and "inlined into"', async () => {
    const page = workbench.page;
    const hotLine = Object.entries(want['main.isPrime'].lines).sort((a, b) => parseFloat(b[1].split(' ')[1]) - parseFloat(a[1].split(' ')[1]))[0][0];
    await hoverLine(page, hotLine);
    const text = await wb.waitFor('the hover', async () => {
      const t = await page.evaluate(() => [...document.querySelectorAll('.monaco-hover')].map((e) => e.textContent).join('\n'));
      return t.includes('Pprof Lens') && t.includes('Callers') ? t : undefined;
    }, 20_000);
    await wb.screenshot(page, 'annotations-hover');
    const [flat, cum] = want['main.isPrime'].lines[hotLine].split(' ');
    assert.ok(text.includes(`Line ${hotLine}: flat ${flat}`), text);
    assert.ok(text.includes(`cum ${cum}`), text);
    assert.ok(/Inlined into main\.countPrimes/.test(text), text);
    assert.ok(/main\.countPrimes 100\.0%/.test(text), text);
    // The caller is a link to its call site (the `if isPrime(i)` line of countPrimes).
    const callSite = String(fs.readFileSync(path.join(workspace, 'cpu.go'), 'utf8').split('\n').findIndex((l) => /if isPrime\(i\)/.test(l)) + 1);
    assert.ok(want['main.countPrimes'].lines[callSite], `countPrimes has samples on its call of isPrime (line ${callSite})`);
    await page.locator('.monaco-hover a', { hasText: 'main.countPrimes' }).first().click();
    await wb.waitFor(`the cursor on the call site (line ${callSite})`, async () =>
      page.locator('.statusbar-item', { hasText: `Ln ${callSite}, Col 1` }).count(), 10_000);
    await page.mouse.move(5, 5);
    await goToLine(page, 30); // back to the view the next scenarios read
    await page.keyboard.press('Escape');
  });

  // The CodeLens opens the flame graph zoomed to the function; the -list report is one
  // right-click away there (pprofLens.showFunctionList).
  scenario('clicking a CodeLens opens the flame graph at its function; its menu opens the -list report', async () => {
    const page = workbench.page;
    const h = want['main.isPrime'].header;
    await page.locator('.codelens-decoration a').filter({ hasText: isPrimeLens }).first().click();
    const flame = await wb.webviewFrame(page, '#flame-title');
    await wb.waitFor('the flame graph zoomed to main.isPrime', () =>
      flame.evaluate(() => window.pprofLensFlame !== undefined && window.pprofLensFlame.stats().zoomName === 'main.isPrime'), 30_000);
    await wb.screenshot(page, 'annotations-codelens-flame-graph');
    const at = await flame.evaluate(() => {
      const r = window.pprofLensFlame.rectOfName('main.isPrime');
      const c = document.querySelector('.flame-canvas').getBoundingClientRect();
      return { x: r.x - c.left + Math.min(20, r.w / 2), y: r.y - c.top + r.h / 2 };
    });
    await flame.locator('.flame-canvas').click({ position: at, button: 'right' });
    await flame.locator('#flame-menu button', { hasText: 'Show -list Report' }).click();
    try {
      await checkListReport(page, h);
    } finally {
      // Close both with their tabs' close buttons (the focus may still be in the flame graph's frame).
      for (const title of ['.list', 'Flame Graph']) {
        const tab = page.locator('.tabs-container .tab', { hasText: title }).first();
        if ((await page.locator('.tabs-container .tab', { hasText: title }).count()) > 0) {
          await tab.hover();
          await tab.locator('.tab-actions .action-label').first().click();
        }
      }
      await wb.waitFor('the flame graph to close', async () => (await page.locator('.tabs-container .tab', { hasText: 'Flame Graph' }).count()) === 0, 20_000);
    }
    await wb.waitFor('the report to close', async () => (await page.locator('.tabs-container .tab', { hasText: '.list' }).count()) === 0, 20_000);
    await wb.quickOpen(page, 'cpu.go');
  });

  async function checkListReport(page, h) {
    const text = await wb.waitFor('the -list report', async () => {
      const t = await page.evaluate(() => {
        const ed = document.querySelector('.editor-group-container.active .monaco-editor');
        return ed ? [...ed.querySelectorAll('.view-lines .view-line')].map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n') : '';
      });
      return t.includes('ROUTINE') ? t : undefined;
    }, 20_000);
    await wb.screenshot(page, 'annotations-list-report');
    assert.ok(text.includes('ROUTINE ======================== main.isPrime in example.com/sample-service/cpu.go'), text);
    assert.ok(text.includes(`${h.flat.padStart(10)} ${h.cum.padStart(10)} (flat, cum) ${h.percent} of Total`), text);
  }

  scenario('the status bar switches the sample type; the annotations follow', async () => {
    const page = workbench.page;
    await page.locator('.statusbar-item', { hasText: 'cpu.pb.gz · cpu' }).first().click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('samples');
    await page.keyboard.press('Enter');
    await wb.waitFor('the status bar to show samples', async () => (await statusItem(page)) === 'cpu.pb.gz · samples', 20_000);
    const expected = wantCpuGo(goList(profile, 'main\\.', [`-source_path=${workspace}`, '-sample_index=samples'], tmp));
    const got = await wb.waitFor('the sample counts', async () => {
      const f = await editorFigures(page);
      return Object.entries(expected).every(([n, v]) => f[n] === v) ? f : undefined;
    }, 20_000).catch(async (e) => {
      throw new Error(`${e.message}\nwant ${JSON.stringify(expected)}\ngot ${JSON.stringify(await editorFigures(page))}`);
    });
    assert.deepEqual(Object.keys(got).sort(), Object.keys(expected).sort());
    // The CodeLens follow: main.isPrime's ROUTINE header in samples.
    const fns = goList(profile, 'main\\.isPrime$', [`-source_path=${workspace}`, '-sample_index=samples'], tmp);
    const h = fns['main.isPrime'].header;
    const flatPct = topFlatPercent(profile, 'main.isPrime', tmp, ['-sample_index=samples']);
    const lens = `flat ${h.flat} (${flatPct}) · cum ${h.cum} (${h.percent})`;
    await wb.waitFor(`the CodeLens ${lens}`, async () =>
      page.evaluate((l) => [...document.querySelectorAll('.codelens-decoration')].some((e) => e.textContent.trim() === l), lens), 20_000);
    await wb.screenshot(page, 'annotations-samples');
  });

  scenario('toggle hides and shows them; closing the profile clears them', async () => {
    const page = workbench.page;
    await wb.runCommand(page, 'Pprof Lens: Toggle Source Annotations');
    await wb.waitFor('no annotations', async () => Object.keys(await editorFigures(page)).length === 0, 20_000);
    await wb.runCommand(page, 'Pprof Lens: Toggle Source Annotations');
    await wb.waitFor('annotations again', async () => Object.keys(await editorFigures(page)).length > 0, 20_000);
    // Close the profile editor tab.
    const tab = page.locator('.tabs-container .tab', { hasText: 'cpu.pb.gz' }).first();
    await tab.hover();
    await tab.locator('.tab-actions .action-label').first().click();
    await wb.waitFor('the profile tab to close', async () => (await page.locator('.tabs-container .tab', { hasText: 'cpu.pb.gz' }).count()) === 0, 20_000);
    await wb.quickOpen(page, 'cpu.go');
    await wb.waitFor('no annotations after closing the profile', async () => Object.keys(await editorFigures(page)).length === 0, 20_000);
    assert.equal(await statusItem(page), undefined, 'no active profile in the status bar');
    await wb.screenshot(page, 'annotations-closed');
  });

  scenario('a profile built elsewhere finds its sources with no setting; Keep saves the mapping', async () => {
    const page = workbench.page;
    await wb.quickOpen(page, 'container.pb.gz');
    await wb.waitFor('the container profile to be active', async () => (await statusItem(page, 'container.pb.gz')) === 'container.pb.gz · cpu', 60_000);
    // Said once, with the folder it inferred (the profile's /app files are all in the workspace folder).
    const notice = await findNotification(page, 'was built in /app');
    assert.match((await notice.textContent()) ?? '', new RegExp(`its sources are here in ${workspace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await wb.screenshot(page, 'annotations-inferred-notice');
    await wb.quickOpen(page, 'cpu.go');
    await goToLine(page, 30);
    await page.keyboard.press('Escape');
    const expected = wantCpuGo(want);
    const got = await wb.waitFor('annotations with no setting', async () => {
      const f = await editorFigures(page);
      return Object.keys(expected).every((n) => f[n] !== undefined) ? f : undefined;
    }, 30_000);
    for (const [n, figures] of Object.entries(expected)) assert.equal(got[n], figures, `cpu.go:${n} found with no setting`);
    const settings = path.join(workspace, '.vscode', 'settings.json');
    assert.ok(!fs.existsSync(settings) || !fs.readFileSync(settings, 'utf8').includes('pprofLens.pathMappings'), 'nothing saved yet');
    await (await findNotification(page, 'was built in /app')).locator('.monaco-button', { hasText: 'Keep' }).click();
    await wb.waitFor('the kept mapping in the workspace settings', async () =>
      fs.existsSync(settings) && fs.readFileSync(settings, 'utf8').includes('pprofLens.pathMappings'), 20_000);
    assert.deepEqual(JSON.parse(fs.readFileSync(settings, 'utf8'))['pprofLens.pathMappings'], [{ from: '/app', to: workspace }]);
  });

  scenario('files still not found are said once; Map… maps a folder; the mapping is saved and the file annotated', async () => {
    const page = workbench.page;
    await wb.quickOpen(page, 'scattered.pb.gz');
    await wb.waitFor('the scattered profile to be active', async () => (await statusItem(page, 'scattered.pb.gz')) === 'scattered.pb.gz · cpu', 60_000);
    await wb.quickOpen(page, 'cpu.go');
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(await editorFigures(page), {}, 'cpu.go is not found under /app/cpu: no figures');
    const notice = await findNotification(page, "of this workspace's code are not found");
    assert.match((await notice.textContent()) ?? '', /source file\(s\) of this workspace's code are not found for scattered\.pb\.gz/);
    await wb.screenshot(page, 'annotations-unresolved-notice');
    await notice.locator('.monaco-button', { hasText: 'Map…' }).click();
    const input = page.locator('.quick-input-widget input');
    await wb.waitFor('/app/cpu/cpu.go in the list', async () =>
      (await page.locator('.quick-input-list .monaco-list-row', { hasText: '/app/cpu/cpu.go' }).count()) > 0, 20_000);
    await wb.screenshot(page, 'annotations-unresolved');
    await input.fill('/app/cpu/cpu.go');
    await page.keyboard.press('Enter');
    // The folder dialog (VS Code's simple file dialog in the browser) opens on the workspace folder: accept it.
    const mapHere = page.locator('.quick-input-widget .monaco-button', { hasText: 'Map Here' });
    await mapHere.waitFor({ state: 'visible' });
    await new Promise((r) => setTimeout(r, 500)); // the dialog fills its input asynchronously
    await input.fill(`${workspace}/`);
    await wb.waitFor('the folder typed in', async () => (await input.inputValue()) === `${workspace}/`, 10_000);
    await mapHere.click();
    const settings = path.join(workspace, '.vscode', 'settings.json');
    await wb.waitFor('the mapping in the workspace settings', async () =>
      fs.readFileSync(settings, 'utf8').includes('/app/cpu'), 20_000);
    const saved = JSON.parse(fs.readFileSync(settings, 'utf8'))['pprofLens.pathMappings'];
    assert.deepEqual(saved, [{ from: '/app', to: workspace }, { from: '/app/cpu', to: workspace }]);
    await wb.quickOpen(page, 'cpu.go');
    const expected = wantCpuGo(want);
    const got = await wb.waitFor('annotations through the mapping', async () => {
      const f = await editorFigures(page);
      return Object.keys(expected).every((n) => f[n] !== undefined) ? f : undefined;
    }, 20_000);
    for (const [n, figures] of Object.entries(expected)) assert.equal(got[n], figures, `cpu.go:${n} through the mapping`);
    await wb.screenshot(page, 'annotations-mapped');
    // The contributed colours in a dark theme (for the eye; screenshot only).
    await wb.runCommand(page, 'Preferences: Color Theme');
    await page.locator('.quick-input-widget input').fill('Dark Modern');
    await wb.waitFor('the dark theme in the list', async () =>
      (await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark Modern' }).count()) > 0, 10_000);
    await page.keyboard.press('Enter');
    await wb.waitFor('the dark theme', async () => page.evaluate(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark')), 10_000);
    await wb.quickOpen(page, 'cpu.go');
    await new Promise((r) => setTimeout(r, 1000));
    await wb.screenshot(page, 'annotations-dark');
  });

  scenario('code changed since the profile: figures move with their function, a changed one is marked stale', async () => {
    const page = workbench.page;
    const cpuGo = path.join(workspace, 'cpu.go');
    const original = fs.readFileSync(cpuGo, 'utf8');
    const lines = original.split('\n');
    const expected = wantCpuGo(want);
    const isPrimeHot = Object.entries(want['main.isPrime'].lines).sort((a, b) => parseFloat(b[1].split(' ')[1]) - parseFloat(a[1].split(' ')[1]))[0][0];
    try {
      await wb.quickOpen(page, 'cpu.go');
      await wb.waitFor('the figures of cpu.go', async () => Object.keys(await editorFigures(page)).length > 0, 20_000);
      // Three lines added above the functions (written on disk, as a git pull would): every figure moves by 3.
      const pkg = lines.findIndex((l) => l.startsWith('package '));
      fs.writeFileSync(cpuGo, [...lines.slice(0, pkg + 1), '', '// Added after the profile', '// was taken.', ...lines.slice(pkg + 1)].join('\n'));
      await goToLine(page, 33);
      await page.keyboard.press('Escape');
      const moved = await wb.waitFor('the figures 3 lines down', async () => {
        const f = await editorFigures(page);
        return Object.entries(expected).every(([n, v]) => f[Number(n) + 3] === v) ? f : undefined;
      }, 30_000).catch(async (e) => {
        throw new Error(`${e.message}\nwant ${JSON.stringify(expected)} moved by 3\ngot ${JSON.stringify(await editorFigures(page))}`);
      });
      assert.equal(Object.keys(moved).length, Object.keys(expected).length, JSON.stringify(moved));
      await goToLine(page, Number(isPrimeHot) + 3);
      await page.keyboard.press('Escape');
      await hoverLine(page, Number(isPrimeHot) + 3);
      const hover = await wb.waitFor('the hover of a moved line', async () => {
        const t = await page.evaluate(() => [...document.querySelectorAll('.monaco-hover')].map((e) => e.textContent).find((x) => x.includes('in the profile: its function moved')));
        return t;
      }, 20_000);
      assert.ok(hover.includes(`Line ${isPrimeHot} in the profile: its function moved by 3 line(s)`), hover);
      await wb.screenshot(page, 'annotations-moved');
      await page.mouse.move(5, 5);

      // countPrimes's body cut to one line: its figures no longer fit it, so they are stale (dimmed), not moved onto other code.
      const start = lines.findIndex((l) => l.startsWith('func countPrimes('));
      const end = lines.findIndex((l, i) => i > start && l === '}');
      fs.writeFileSync(cpuGo, [...lines.slice(0, start + 1), '\treturn 0', ...lines.slice(end)].join('\n'));
      const stale = await wb.waitFor('stale figures', async () => {
        const t = await page.evaluate(() => {
          const editor = document.querySelector('.monaco-editor[data-uri$="/cpu.go"]');
          const out = [];
          for (const el of editor?.querySelectorAll('.view-lines .view-line span') ?? []) {
            const c = getComputedStyle(el, '::after').content;
            if (c && c.includes('· stale')) out.push(c);
          }
          return out;
        });
        return t.length > 0 ? t : undefined;
      }, 30_000);
      assert.ok(stale.length >= 1, JSON.stringify(stale));
      await wb.screenshot(page, 'annotations-stale');
      // No live figure of countPrimes's lines is drawn on the code that now sits there.
      const cpLines = new Set(Object.keys(want['main.countPrimes'].lines));
      const live = await editorFigures(page);
      const cut = end - start - 2; // lines removed
      for (const n of Object.keys(live)) {
        assert.ok(!(cpLines.has(n) && live[n] === expected[n] && Number(n) > start + 1), `countPrimes's figure ${live[n]} live on line ${n}`);
      }
      // isPrime, after it, moved up and still shows its figures.
      assert.equal(live[Number(isPrimeHot) - cut], expected[isPrimeHot], JSON.stringify(live));
    } finally {
      fs.writeFileSync(cpuGo, original);
    }
    await goToLine(page, 30);
    await page.keyboard.press('Escape');
    await wb.waitFor('the figures back in place', async () => {
      const f = await editorFigures(page);
      return Object.entries(expected).every(([n, v]) => f[n] === v);
    }, 30_000);
  });

  scenario('hostile function names: the hover shows them as text; no image, HTML or foreign link', async () => {
    const page = workbench.page;
    await wb.quickOpen(page, 'hostile.pb.gz');
    await wb.waitFor('the hostile profile to be active', async () => (await statusItem(page, 'hostile.pb.gz')) === 'hostile.pb.gz · cpu', 60_000);
    await wb.quickOpen(page, 'cpu.go');
    await goToLine(page, 30);
    await page.keyboard.press('Escape');
    const hotLine = Object.entries(want['main.isPrime'].lines).sort((a, b) => parseFloat(b[1].split(' ')[1]) - parseFloat(a[1].split(' ')[1]))[0][0];
    await wb.waitFor('figures of the hostile profile', async () => (await editorFigures(page))[hotLine] !== undefined, 20_000);
    await hoverLine(page, hotLine);
    // VS Code keeps earlier hovers' elements (hidden): read the one of this profile only.
    const text = await wb.waitFor('the hover', async () => {
      const t = await page.evaluate(() => [...document.querySelectorAll('.monaco-hover')].map((e) => e.textContent).find((x) => x.includes('hostile.pb.gz')));
      return t && t.includes('Callers') ? t : undefined;
    }, 20_000);
    await wb.screenshot(page, 'annotations-hostile-hover');
    // The whole name as text, its blank line a space, in one code span.
    const shown = hostileShown.isPrime;
    assert.match(shown, /^main\.isPrime /);
    assert.ok(text.includes(shown), `the name as text in:\n${text}`);
    const inHover = await page.evaluate(() => {
      const hover = [...document.querySelectorAll('.monaco-hover')].find((e) => e.textContent.includes('hostile.pb.gz'));
      return {
        images: hover.querySelectorAll('img').length,
        links: [...hover.querySelectorAll('a')].map((a) => ({ text: a.textContent, href: a.getAttribute('data-href') ?? a.getAttribute('href') ?? '' })),
        codes: [...hover.querySelectorAll('code')].map((c) => c.textContent),
      };
    });
    assert.equal(inHover.images, 0, 'no image in the hover');
    assert.ok(inHover.codes.includes(shown), JSON.stringify(inHover.codes));
    // The only links: the caller (its hostile name as the label) to its call site, run by openSourceLocation.
    assert.ok(inHover.links.length >= 1, JSON.stringify(inHover.links));
    for (const l of inHover.links) assert.match(l.href, /^command:pprofLens\.openSourceLocation\?/, JSON.stringify(l));
    assert.ok(inHover.links.some((l) => l.text === hostileShown.countPrimes), JSON.stringify(inHover.links));
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(beaconHits, [], 'nothing was fetched from the beacon');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });
});

/** flat% of a function as `go tool pprof -top` prints it (its flat is the -list header's flat). */
function topFlatPercent(profile, name, cwd, flags = []) {
  const out = execFileSync('go', ['tool', 'pprof', ...flags, '-top', '-nodefraction=0', '-nodecount=0', profile], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: cwd, PPROF_TMPDIR: cwd },
  });
  for (const l of out.split('\n')) {
    const m = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)( \(inline\))?$/.exec(l);
    if (m && m[6] === name) return m[2];
  }
  throw new Error(`${name} not in -top`);
}
