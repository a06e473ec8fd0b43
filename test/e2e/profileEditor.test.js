// End to end, in a real VS Code (code-server) with the packaged .vsix: profiles captured from the
// sample Go service open in the profile editor with pprof's top table; a corrupt file shows the
// parser's error. Expected numbers come from the same core code, run here on the same files.
'use strict';

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');
const { buildSampleService, captureCpuProfile, download, startSampleService } = require('../../scripts/sample-service');
const { freePort } = require('../../scripts/vscode-env');
const wb = require('./workbench');

const out = (p) => require(path.join(wb.ROOT, 'out', p));
const { parseProfile } = out('src/core/profile/parse.js');
const { buildProfileView, initialSampleIndex } = out('src/extension/profileEditor/profileView.js');

const VSIX = path.join(wb.ROOT, 'pprof-lens.vsix');

/** The first `count` rows of the profile editor's table, as the cells' texts. */
function readRows(frame, count) {
  return frame.evaluate((n) => {
    const rows = [...document.querySelectorAll('#top-table tbody tr[data-index]')].slice(0, n);
    return rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()));
  }, count);
}

/** The name cell's text: pprof's name, then "(inline)" when -top prints it. */
const displayName = (top, i) => (top.inline[i] ? `${top.name[i]} ${top.inline[i]}` : top.name[i]);

/** Row i as the core computes it, as the table's cells should read. */
const expectedRow = (top, i) => [top.flatText[i], top.flatPercent[i], top.sumPercent[i], top.cumText[i], top.cumPercent[i], displayName(top, i)];

/** The first `count` rows as the core computes them. */
function expectedRows(top, count) {
  const rows = [];
  for (let i = 0; i < Math.min(count, top.name.length); i++) rows.push(expectedRow(top, i));
  return rows;
}

/** The table rows of `go tool pprof -top` for a file: the reference the core reproduces. */
function goPprofTop(file, count) {
  const text = execFileSync('go', ['tool', 'pprof', '-top', file], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^\s*flat\s+flat%\s+sum%\s+cum\s+cum%/.test(l)) + 1;
  return lines.slice(start, start + count).filter((l) => l.trim()).map((l) => {
    const m = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.*)$/.exec(l);
    return m.slice(1, 7);
  });
}

/** The profile editor's frame for `fileName`, once its table has rows. */
async function editorFrame(page, fileName) {
  const frame = await wb.webviewFrame(page, '.summary .file-name', { text: fileName });
  await wb.waitFor(`rows in ${fileName}`, () => frame.evaluate(() => document.querySelector('#top-table tbody tr[data-index]') !== null));
  return frame;
}

function expectedView(file, sampleIndex) {
  const profile = parseProfile(fs.readFileSync(file), file);
  const index = sampleIndex === undefined ? initialSampleIndex(profile) : sampleIndex;
  return { profile, ...buildProfileView(profile, path.basename(file), file, index) };
}


/** cpu.go is the active editor with the cursor inside func isPrime; a screenshot is kept. */
async function expectCursorInIsPrime(page, shot) {
  // The sample service's source is where the profile says it was built (this checkout).
  await wb.waitFor('cpu.go in the active tab', async () => {
    const active = await page.locator('.tabs-container .tab.active').textContent().catch(() => '');
    return active.includes('cpu.go');
  }, 15_000);
  const line = await wb.waitFor('the cursor line', async () => {
    const status = await page.locator('.statusbar-item[id="status.editor.selection"]').textContent().catch(() => '');
    return /Ln \d+/.exec(status)?.[0];
  }, 5000);
  await wb.screenshot(page, shot);
  const src = fs.readFileSync(path.join(wb.ROOT, 'examples', 'sample-service', 'cpu.go'), 'utf8').split('\n');
  const start = src.findIndex((l) => l.startsWith('func isPrime(')) + 1;
  const end = src.findIndex((l, i) => i >= start && l === '}') + 1;
  const at = Number(line.slice(3));
  assert.ok(at >= start && at <= end, `line ${at} is in isPrime (lines ${start}-${end})`);
}

describe('profile editor in VS Code', { timeout: 6 * 60_000 }, () => {
  let tmp;
  let workspace;
  let workbench;
  let service;
  const cspViolations = [];
  const scenario = (name, body) => test(name, () => wb.withFailureScreenshot(workbench.page, name.replace(/\W+/g, '-'), body));

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run "npm run package" first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-e2e-'));
    workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(workspace);

    const bin = buildSampleService(path.join(tmp, 'bin'));
    service = await startSampleService(bin, `127.0.0.1:${await freePort()}`);
    try {
      await captureCpuProfile(service.url, 3, path.join(workspace, 'cpu.pprof'));
      await download(`${service.url}/debug/pprof/heap`, path.join(workspace, 'heap.pb.gz'), 30_000);
    } finally {
      await service.stop();
    }
    const cpu = fs.readFileSync(path.join(workspace, 'cpu.pprof'));
    // A profile cut in half: the gzip stream ends early.
    fs.writeFileSync(path.join(workspace, 'corrupt.pb.gz'), cpu.subarray(0, Math.floor(cpu.length / 2)));
    // Rewritten on disk by a scenario; made before start-up so Quick Open's file index lists it.
    fs.writeFileSync(path.join(workspace, 'live.pprof'), cpu);
    // A name no editor claims: "Open Profile…" must still open it (the format is in the content).
    fs.writeFileSync(path.join(workspace, 'capture.data'), cpu);

    workbench = await wb.startWorkbench({ vsix: VSIX, workspace });
    workbench.page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
  }, { timeout: 4 * 60_000 });

  after(async () => {
    if (workbench) await workbench.stop();
    if (service) await service.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }, { timeout: 60_000 });

  scenario('a CPU profile opens with the core\'s top table; main.isPrime is the hot path of the sieve', async () => {
    const file = path.join(workspace, 'cpu.pprof');
    const want = expectedView(file);
    const page = workbench.page;

    await wb.quickOpen(page, 'cpu.pprof');
    const frame = await editorFrame(page, 'cpu.pprof');
    const rows = await readRows(frame, 10);
    await wb.screenshot(page, 'profile-editor-cpu');
    assert.deepEqual(rows, expectedRows(want.top, 10), 'the table shows the core\'s top rows, in its order');
    assert.deepEqual(rows, goPprofTop(file, 10), 'and they are those of `go tool pprof -top`');
    // The sample service's CPU hot path is the sieve's inner loop: it heads the table.
    assert.match(rows[0][5], /^main\.isPrime( \(inline\))?$/, 'main.isPrime is the first row');

    const header = await frame.evaluate(() => ({
      kind: document.querySelector('.summary .badge')?.textContent,
      facts: Object.fromEntries(
        [...document.querySelectorAll('.facts dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? '']),
      ),
    }));
    assert.equal(header.kind, 'CPU');
    assert.equal(header.facts.Total, want.summary.totalText);
    assert.equal(header.facts.Duration, want.summary.durationText);
    assert.equal(header.facts['Sampling period'], want.summary.periodText);
    assert.equal(header.facts.File, file);

    // Filtering for the sieve's inner loop, main.isPrime is the first row, with the core's numbers.
    const t = want.top;
    const hot = t.name.indexOf('main.isPrime');
    assert.ok(hot >= 0 && t.flat[hot] > 0, 'main.isPrime has flat samples in the core\'s table');
    await frame.fill('#filter', 'isPrime');
    await wb.waitFor('the filter to apply', async () => (await readRows(frame, 2)).length === 1, 10_000);
    const [first] = await readRows(frame, 1);
    assert.deepEqual(first, expectedRow(t, hot));
    assert.match(first[5], /^main\.isPrime( \(inline\))?$/);
    await wb.screenshot(page, 'profile-editor-cpu-filter-isPrime');
    await frame.fill('#filter', '');

    // Sorting by cum puts the highest cum first.
    await frame.click('th button[data-column="cum"]');
    const maxCum = Math.max(...t.cum);
    await wb.waitFor('the table sorted by cum', async () => {
      const [top] = await readRows(frame, 1);
      const i = t.name.findIndex((_, j) => displayName(t, j) === top[5]);
      return i >= 0 && t.cum[i] === maxCum;
    }, 10_000);
    await wb.screenshot(page, 'profile-editor-cpu-sorted-by-cum');
  });

  scenario('a corrupt .pb.gz shows the parser error, not a blank panel', async () => {
    const file = path.join(workspace, 'corrupt.pb.gz');
    assert.throws(() => parseProfile(fs.readFileSync(file), file), (e) => e.name === 'ProfileError');
    let message = '';
    try {
      parseProfile(fs.readFileSync(file), file);
    } catch (e) {
      message = e.message;
    }

    await wb.quickOpen(workbench.page, 'corrupt.pb.gz');
    const frame = await wb.webviewFrame(workbench.page, '#error h2', { text: 'Cannot open corrupt.pb.gz' });
    const detail = await frame.evaluate(() => document.querySelector('#error .detail')?.textContent);
    await wb.screenshot(workbench.page, 'profile-editor-corrupt');
    assert.equal(detail, message);
  });

  scenario('a hidden editor comes back as it was left (webview state restored)', async () => {
    // The CPU editor was sorted by cum, then hidden behind the corrupt file's editor.
    await wb.quickOpen(workbench.page, 'cpu.pprof');
    const frame = await editorFrame(workbench.page, 'cpu.pprof');
    const sort = await wb.waitFor('the restored sort', () =>
      frame.evaluate(() => document.querySelector('th[aria-sort="descending"] button')?.textContent), 10_000);
    assert.equal(sort, 'cum');
  });

  scenario('the sample type switcher recomputes the table in the extension host', async () => {
    const file = path.join(workspace, 'heap.pb.gz');
    const initial = expectedView(file);
    const names = initial.profile.sampleType.map((t) => t.type);
    assert.deepEqual(names, ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
    const page = workbench.page;

    await wb.quickOpen(page, 'heap.pb.gz');
    let frame = await editorFrame(page, 'heap.pb.gz');
    assert.equal(await frame.evaluate(() => document.querySelector('#sample-type').value), String(initial.summary.sampleIndex));
    assert.deepEqual(await readRows(frame, 5), expectedRows(initial.top, 5));
    await wb.screenshot(page, 'profile-editor-heap');

    const alloc = names.indexOf('alloc_space');
    const want = expectedView(file, alloc);
    await frame.selectOption('#sample-type', String(alloc));
    frame = await editorFrame(page, 'heap.pb.gz');
    await wb.waitFor('the alloc_space table', async () => {
      const [value, facts] = await frame.evaluate(() => [document.querySelector('#sample-type')?.value, document.querySelector('.facts')?.textContent]);
      return value === String(alloc) && facts.includes(want.summary.totalText) && (await readRows(frame, 1)).length === 1;
    }, 15_000);
    assert.deepEqual(await readRows(frame, 5), expectedRows(want.top, 5));
    await wb.screenshot(page, 'profile-editor-heap-alloc_space');
  });

  scenario('"Pprof Lens: Open Profile…" opens any file, recognised by content', async () => {
    const file = path.join(workspace, 'capture.data');
    const want = expectedView(file);
    const page = workbench.page;

    await wb.runCommand(page, 'Pprof Lens: Open Profile');
    // In the browser, VS Code's own file dialog is a quick input holding a path.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await wb.waitFor('the file dialog', async () => (await input.inputValue()).startsWith('/'), 10_000);
    await wb.screenshot(page, 'open-profile-dialog');
    await input.fill(file);
    await wb.waitFor('the dialog to list capture.data', async () => {
      const focused = page.locator('.quick-input-list .monaco-list-row.focused');
      return (await focused.count()) === 1 && (await focused.textContent()).includes('capture.data');
    }, 10_000);
    await page.keyboard.press('Enter');

    const frame = await editorFrame(page, 'capture.data');
    assert.deepEqual(await readRows(frame, 3), expectedRows(want.top, 3));
    await wb.screenshot(page, 'open-profile-any-file');
  });

  scenario('the "Pprof Lens" output channel logs what was opened', async () => {
    const page = workbench.page;
    await wb.runCommand(page, 'Pprof Lens: Show Log');
    const lines = page.locator('.panel .monaco-editor .view-lines');
    await wb.waitFor('the log in the output panel', async () => {
      const text = (await lines.textContent().catch(() => '')).replace(/\u00a0/g, ' ');
      return text.includes('parsed') && text.includes('capture.data') && text.includes('truncated gzip data');
    }, 15_000);
    await wb.screenshot(page, 'output-channel');
  });

  test('no Content Security Policy violations', () => {
    assert.deepEqual(cspViolations, []);
  });

  scenario('keyboard: arrows select a row, Enter opens its source at the line', async () => {
    const page = workbench.page;
    await wb.quickOpen(page, 'cpu.pprof');
    const frame = await editorFrame(page, 'cpu.pprof');
    await frame.fill('#filter', 'main.isPrime');
    await wb.waitFor('the filter to apply', async () => (await readRows(frame, 2)).length === 1, 10_000);
    await frame.focus('.table-scroll');
    await page.keyboard.press('ArrowDown');
    await wb.waitFor('the row selected', () => frame.evaluate(() => document.querySelector('#top-table tr.selected') !== null), 5000);
    await page.keyboard.press('Enter');
    await expectCursorInIsPrime(page, 'open-source-from-table');
  });

  scenario('"Source Annotations" opens the hottest source line (main.isPrime in cpu.go)', async () => {
    const page = workbench.page;
    await wb.quickOpen(page, 'cpu.pprof');
    const frame = await editorFrame(page, 'cpu.pprof');
    assert.equal(await frame.evaluate(() => document.querySelector('#show-source-annotations')?.disabled), false);
    await frame.click('#show-source-annotations');
    await expectCursorInIsPrime(page, 'source-annotations-button');
  });

  scenario('a profile rewritten on disk (temp file + rename) is read again', async () => {
    const page = workbench.page;
    const live = path.join(workspace, 'live.pprof');
    await wb.quickOpen(page, 'live.pprof');
    let frame = await editorFrame(page, 'live.pprof');
    assert.equal(await frame.evaluate(() => document.querySelector('.summary .badge')?.textContent), 'CPU');

    const want = expectedView(path.join(workspace, 'heap.pb.gz'));
    fs.copyFileSync(path.join(workspace, 'heap.pb.gz'), `${live}.tmp`);
    fs.renameSync(`${live}.tmp`, live);
    await wb.waitFor('the editor to show the new content', async () => {
      frame = await editorFrame(page, 'live.pprof');
      return (await frame.evaluate(() => document.querySelector('.summary .badge')?.textContent)) === 'heap (memory)';
    }, 20_000);
    assert.deepEqual(await readRows(frame, 3), expectedRows(want.top, 3));
    await wb.screenshot(page, 'profile-editor-reloaded');
  });

  scenario('the editor follows the colour theme (VS Code CSS variables)', async () => {
    const page = workbench.page;
    await wb.quickOpen(page, 'cpu.pprof');
    let frame = await editorFrame(page, 'cpu.pprof');
    const background = () => frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await wb.runCommand(page, 'Preferences: Color Theme');
    const input = page.locator('.quick-input-widget input');
    await wb.waitFor('the theme picker', async () => (await input.getAttribute('placeholder'))?.includes('Theme'), 10_000);
    await input.fill('Dark Modern');
    await wb.waitFor('Dark Modern in the picker', async () => {
      const focused = page.locator('.quick-input-list .monaco-list-row.focused');
      return (await focused.count()) === 1 && (await focused.textContent()).includes('Dark Modern');
    }, 10_000);
    await page.keyboard.press('Enter');
    await wb.waitFor('the dark theme in the webview', async () => {
      frame = await editorFrame(page, 'cpu.pprof');
      return (await background()) !== light;
    }, 20_000);
    await page.waitForTimeout(500); // let the workbench finish repainting
    await wb.screenshot(page, 'profile-editor-cpu-dark');
  });

  // After the output-channel scenario: its error lines would push the lines that one reads out of view.
  scenario('hostile files: ~200 KB decompression bombs give one error each, and the extension host survives', async () => {
    // Such files used to abort V8 (a fatal, uncatchable error) and so kill the extension host.
    const { recordBomb, newlineBomb, zeroBomb } = out('test/unit/profile/bombs.js');
    const bombs = [['bomb-samples.pb.gz', recordBomb('samples', 70_000_000)], ['bomb-lines.pb.gz', newlineBomb(194_000_000)], ['bomb-zeros.pb.gz', zeroBomb(2 ** 30)]];
    for (const [name, bomb] of bombs) {
      fs.writeFileSync(path.join(workspace, name), bomb.data);
      assert.ok(bomb.data.length < 1_100_000, `${name} is small (${bomb.data.length} bytes)`);
      await wb.quickOpen(workbench.page, name);
      const frame = await wb.webviewFrame(workbench.page, '#error h2', { text: `Cannot open ${name}`, timeoutMs: 60_000 });
      const detail = await frame.evaluate(() => document.querySelector('#error .detail')?.textContent ?? '');
      assert.match(detail, bomb.expect, `${name}: ${detail}`);
      assert.match(detail, /pprofLens\.maxProfileSizeMiB/, 'the message names the setting that raises the limit');
    }
    await wb.screenshot(workbench.page, 'profile-editor-bomb');
    // The same extension host still serves a real profile.
    await wb.quickOpen(workbench.page, 'cpu.pprof');
    await editorFrame(workbench.page, 'cpu.pprof');
  });

  scenario('a narrow editor keeps the names on screen: the percentage columns give way, nothing scrolls sideways', async () => {
    const page = workbench.page;
    await wb.quickOpen(page, 'cpu.pprof');
    await page.setViewportSize({ width: 760, height: 900 });
    try {
      const frame = await editorFrame(page, 'cpu.pprof');
      const layout = await wb.waitFor('the narrow layout', () => frame.evaluate(() => {
        const scroller = document.querySelector('.table-scroll');
        if (scroller.clientWidth >= 600) return undefined;
        const name = document.querySelector('#top-table tbody tr[data-index] td[data-column="name"]');
        const r = name.getBoundingClientRect();
        const s = scroller.getBoundingClientRect();
        return {
          name: r.width, left: r.left, right: r.right, scrollerRight: s.right, em: parseFloat(getComputedStyle(name).fontSize),
          sideways: scroller.scrollWidth - scroller.clientWidth,
          flatPercent: document.querySelector('#top-table th[data-column="flatPercent"]').getBoundingClientRect().width,
          tooltip: name.title,
        };
      }), 10_000);
      assert.ok(layout.name >= 10 * layout.em, `the name column is ${layout.name}px wide (${layout.em}px font)`);
      assert.ok(layout.right <= layout.scrollerRight + 1, `the name column ends on screen: ${JSON.stringify(layout)}`);
      assert.ok(layout.sideways <= 1, `no sideways scrolling: ${layout.sideways}px`);
      assert.ok(layout.flatPercent < 2, `flat% gave way: ${layout.flatPercent}px`);
      assert.match(layout.tooltip, /flat \S+ \(\S+%\) · cum \S+ \(\S+%\)$/, 'the hidden figures are in the tooltip');
      await wb.screenshot(page, 'profile-editor-narrow');
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  scenario('the webview CSP refuses inline script (so the check above can see a violation)', async () => {
    await wb.quickOpen(workbench.page, 'cpu.pprof');
    const frame = await editorFrame(workbench.page, 'cpu.pprof');
    const outcome = await frame.evaluate(() => new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__pprofLensInline = 1';
      document.body.appendChild(s);
      setTimeout(() => resolve(window.__pprofLensInline === 1 ? 'executed' : 'no event'), 3000);
    }));
    assert.match(outcome, /^script-src/);
    await wb.waitFor('the violation on the console', () => cspViolations.length > 0, 5000);
  });
});
