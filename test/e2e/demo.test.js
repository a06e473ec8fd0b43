// End to end: the newcomer's first screen. `npm run demo` (scripts/demo.js, run as the README says,
// with free ports) builds and profiles the sample service and serves VS Code; Chromium opens the URL it
// prints, and the first screen must show the product: the captured profile in the profile editor, and
// beside it the source line where the profile spends the most (cpu.go) with go tool pprof -list's
// figures. The time from the demo's start to that screen is printed. Screenshot: test-results/demo-first-screen.png.
// Run: npm run package && npx tsc -p . && node --test test/e2e/demo.test.js
'use strict';

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');
const { chromium } = require('playwright-core');
const { freePort, stopProcessGroup, killOnExit } = require('../../scripts/vscode-env');
const wb = require('./workbench');

const out = (p) => require(path.join(wb.ROOT, 'out', p));
const { parseProfile } = out('src/core/profile/parse.js');
const { indexSourceCosts } = out('src/core/report/sourceCosts.js');
const { initialSampleIndex } = out('src/extension/profileEditor/profileView.js');

/** The line of a workspace file (cpu.go, main.go, …) with the largest flat, then cum, as hottestSource.ts ranks them. */
function hottestLine(file) {
  const p = parseProfile(fs.readFileSync(file), file);
  const costs = indexSourceCosts(p, { sampleIndex: String(initialSampleIndex(p)) });
  let best;
  for (const f of costs.files()) {
    if (!/sample-service\/[^/]+\.go$/.test(f) && !/^main\//.test(f)) continue; // the service's own files
    for (const l of costs.file(f).lines) {
      if (!best || l.flat > best.flat || (l.flat === best.flat && l.cum > best.cum)) best = { file: path.basename(f), line: l.line, flat: l.flat, cum: l.cum };
    }
  }
  return best;
}

describe('npm run demo: the first screen', { timeout: 15 * 60_000 }, () => {
  let demo;
  let browser;
  let stdout = '';
  const t0 = Date.now();

  before(async () => {
    const env = { ...process.env, PPROF_LENS_DEMO_ADDR: `127.0.0.1:${await freePort()}`, PPROF_LENS_DEMO_PORT: String(await freePort()), PPROF_LENS_DEMO_CODE: '' };
    demo = spawn(process.execPath, [path.join(wb.ROOT, 'scripts', 'demo.js')], { cwd: wb.ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    killOnExit(demo);
    demo.stdout.on('data', (d) => { stdout += d; process.stderr.write(d); });
    demo.stderr.on('data', (d) => process.stderr.write(d));
  }, { timeout: 60_000 });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (demo) await stopProcessGroup(demo, 10_000);
  }, { timeout: 60_000 });

  test('the profile editor with the captured profile, its hottest source beside it with figures', async () => {
    const url = await wb.waitFor('the demo to print its URL', () => {
      if (demo.exitCode !== null) throw new Error(`the demo exited with ${demo.exitCode}:\n${stdout}`);
      return /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m.exec(stdout)?.[1];
    }, 12 * 60_000, 500);
    const captured = /captured (\S+\.pprof)$/m.exec(stdout);
    assert.ok(captured, stdout);
    const profile = path.join(wb.ROOT, captured[1]);
    const hot = hottestLine(profile);
    assert.ok(hot && hot.file === 'cpu.go', `the sample service spends the most in cpu.go: ${JSON.stringify(hot)}`);

    browser = await chromium.launch({ executablePath: process.env.PPROF_LENS_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url, { timeout: 60_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // Nothing clicked: the profile editor shows the captured file…
    const editor = await wb.webviewFrame(page, '.summary .file-name', { text: path.basename(profile), timeoutMs: 90_000 });
    await wb.waitFor('the top table', () => editor.evaluate(() => document.querySelectorAll('#top-table tbody tr[data-index]').length > 0), 30_000);
    // …and cpu.go beside it, in its own editor group, at the hottest line, with the -list figures.
    const figures = await wb.waitFor('cpu.go with its figures', async () => {
      const f = await wb.editorFigures(page);
      return f[String(hot.line)] ? f : undefined;
    }, 60_000);
    const groups = await page.evaluate(() => [...document.querySelectorAll('.editor-group-container')].map((g) =>
      g.querySelector('.tab.active')?.getAttribute('aria-label') ?? ''));
    assert.equal(groups.length, 2, `two editor groups: ${JSON.stringify(groups)}`);
    assert.match(groups[0], /^cpu-[^,]*\.pprof\b/);
    assert.match(groups[1], /^cpu\.go\b/);
    assert.ok(Object.keys(figures).length >= 3, `figures on cpu.go's hot lines: ${JSON.stringify(figures)}`);
    // Half width, side by side: the top table's names are on screen…
    const name = await editor.evaluate(() => {
      const r = document.querySelector('#top-table tbody tr[data-index] td[data-column="name"]').getBoundingClientRect();
      return { left: r.left, width: r.width, view: document.documentElement.clientWidth };
    });
    assert.ok(name.width >= 120 && name.left + 120 <= name.view, `the name column is visible: ${JSON.stringify(name)}`);
    // …and so is the hottest line's figure in cpu.go (what the first screen is for): not under the
    // minimap nor past the editor's right edge, once the side column has its final width. Long lines
    // of a half-width editor can still push other figures out: the log says how many.
    const [hf, hc] = figures[String(hot.line)].split(' ');
    const esc = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const hotRe = new RegExp(`${esc(hf)}[\\s\u00a0]+·[\\s\u00a0]+${esc(hc)}`);
    const clippedFigures = () => page.evaluate(() => {
      const ed = document.querySelector('.monaco-editor[data-uri$="/cpu.go"]');
      const box = ed.querySelector('.lines-content').closest('.monaco-scrollable-element').getBoundingClientRect();
      const minimap = ed.querySelector('.minimap')?.getBoundingClientRect();
      const right = minimap && minimap.width > 0 ? Math.min(minimap.left, box.right) : box.right;
      const out = [];
      for (const span of ed.querySelectorAll('.view-line span')) {
        const c = getComputedStyle(span, '::after').content;
        if (c && c.includes('·') && span.getBoundingClientRect().right > right + 1) out.push(c);
      }
      return out;
    });
    let clipped = [];
    await wb.waitFor('the hottest line\'s figures whole on screen', async () => {
      clipped = await clippedFigures();
      return !clipped.some((c) => hotRe.test(c));
    }, 20_000).catch((e) => assert.fail(`${e.message}: ${JSON.stringify(clipped)}`));
    console.log(`demo: ${clipped.length} of ${Object.keys(figures).length} annotated lines of cpu.go end past the visible part of the half-width editor`);
    const shot = await wb.screenshot(page, 'demo-first-screen');
    console.log(`demo: first screen ${((Date.now() - t0) / 1000).toFixed(0)} s after \`npm run demo\` started (${shot})`);
  });

  test('the views of the profile share one side column: flame graph and call graph join cpu.go', async () => {
    const page = (await browser.contexts()[0].pages())[0];
    const editor = await wb.webviewFrame(page, '.summary .file-name', { text: path.basename(/captured (\S+\.pprof)$/m.exec(stdout)[1]) });
    await editor.click('#show-flame-graph');
    const flame = await wb.webviewFrame(page, '#flame-title', { timeoutMs: 60_000 });
    await wb.waitFor('the flame graph to draw', () => flame.evaluate(() => window.pprofLensFlame && window.pprofLensFlame.stats().drawn > 0), 60_000);
    await flame.click('#open-call-graph');
    await wb.webviewFrame(page, '#cg-svg', { timeoutMs: 60_000 });
    const groups = await page.evaluate(() => [...document.querySelectorAll('.editor-group-container')].map((g) =>
      [...g.querySelectorAll('.tab')].map((t) => t.getAttribute('aria-label') ?? '')));
    await wb.screenshot(page, 'demo-side-column');
    assert.equal(groups.length, 2, `still two editor groups: ${JSON.stringify(groups)}`);
    assert.ok(groups[1].some((t) => t.startsWith('Flame Graph: ')) && groups[1].some((t) => t.startsWith('Call Graph: ')),
      `the flame graph and call graph are in the side column: ${JSON.stringify(groups)}`);
  });
});
