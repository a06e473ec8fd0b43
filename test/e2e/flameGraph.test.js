// End to end, in a real VS Code (code-server) with the packaged .vsix: the flame graph panel.
// A CPU profile of the sample service opens in the profile editor; its "Flame Graph" button opens
// the panel: the canvas has drawn frames, the hovered main.isPrime frame's tooltip shows the core's
// numbers (and `go tool pprof -top`'s for the function), clicking zooms (breadcrumb), the regexp
// search reports the matched share, the right-click menu shows the callers view. A profile whose
// function and file names are HTML/script shows them literally with nothing executed.
// The views share one set of options: sample type both ways (one flame tree per change), focus
// and granularity shown in the profile editor (which clears them); a zero sample type says so.
// Screenshots go to test-results/flame-*.png.
// Run: npm run package && npx tsc -p . && node --test test/e2e/flameGraph.test.js
'use strict';

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');
const { buildSampleService, captureCpuProfile, startSampleService } = require('../../scripts/sample-service');
const { freePort } = require('../../scripts/vscode-env');
const wb = require('./workbench');

const out = (p) => require(path.join(wb.ROOT, 'out', p));
const { parseProfile } = out('src/core/profile/parse.js');
const { encodeProfile } = out('src/core/profile/encode.js');
const { buildFlameTree } = out('src/core/flame/flameTree.js');
const { initialSampleIndex } = out('src/extension/profileEditor/profileView.js');
const { scaledLabel, percentage } = out('src/core/measurement/measurement.js');
const { topTable } = out('src/core/report/topTable.js');
const { defaultReportOptions } = out('src/core/report/reportOptions.js');

const VSIX = process.env.PPROF_LENS_VSIX || path.join(wb.ROOT, 'pprof-lens.vsix');
// pprof's name simplification would cut a bare "<…>" (it looks like C++ templates); after "pkg." it is kept, as Java's class.<init> is.
const EVIL = 'main.<img src=x onerror="window.__pwned=1">';
const EVIL_FILE = '/src/<script>window.__pwned=2</script>.go';

/** The flame tree of a file as the panel computes it (default sample type, no filters). */
function expectedTree(file) {
  const profile = parseProfile(fs.readFileSync(file), file);
  return buildFlameTree(profile, { sampleIndex: String(initialSampleIndex(profile)) });
}

const fmt = (t, v) => scaledLabel(t.ratio !== 1 ? Math.trunc(v * t.ratio) : v, t.unit, t.outputUnit);
const pct = (v, total) => percentage(v, total).trim();

/** `go tool pprof -top` rows: name -> [flat, cum] texts. */
function goTop(file) {
  const text = execFileSync('go', ['tool', 'pprof', '-top', '-nodefraction=0', file], {
    encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, HOME: os.tmpdir() },
  });
  const rows = new Map();
  for (const l of text.split('\n')) {
    const m = /^\s*(\S+)\s+\S+%\s+\S+%\s+(\S+)\s+\S+%\s+(.*?)( \((partial-)?inline\))?$/.exec(l);
    if (m) rows.set(m[3], [m[1], m[2]]);
  }
  return rows;
}

/** A small profile whose names are markup and script. */
function evilProfile() {
  const fns = [
    { id: 1, name: EVIL, systemName: EVIL, filename: EVIL_FILE, startLine: 1 },
    { id: 2, name: 'main.<script>alert(1)</script>', systemName: '', filename: '/src/main.go', startLine: 1 },
    { id: 3, name: 'main.main', systemName: '', filename: '/src/main.go', startLine: 1 },
  ];
  const loc = (id, fn) => ({ id, address: BigInt(0x1000 + id), line: [{ function: fn, line: 10 + id, column: 0 }], isFolded: false });
  const locations = fns.map((f, i) => loc(i + 1, f));
  return {
    sampleType: [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }],
    defaultSampleType: '',
    sample: [
      { location: [locations[0], locations[2]], value: [30, 300_000_000] },
      { location: [locations[1], locations[2]], value: [10, 100_000_000] },
    ],
    mapping: [], location: locations, function: fns, comments: [], dropFrames: '', keepFrames: '',
    timeNanos: 0, durationNanos: 1e9, periodType: { type: 'cpu', unit: 'nanoseconds' }, period: 10_000_000, docUrl: '',
  };
}

describe('flame graph panel in VS Code', { timeout: 8 * 60_000 }, () => {
  let tmp;
  let workspace;
  let workbench;
  let service;
  const cspViolations = [];
  const scenario = (name, body) => test(name, () => wb.withFailureScreenshot(workbench.page, `flame-${name.replace(/\W+/g, '-')}`, body));

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run "npm run package" first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-e2e-flame-'));
    workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(workspace);
    const bin = buildSampleService(path.join(tmp, 'bin'));
    service = await startSampleService(bin, `127.0.0.1:${await freePort()}`);
    try {
      await captureCpuProfile(service.url, 3, path.join(workspace, 'cpu.pprof'));
    } finally {
      await service.stop();
    }
    fs.writeFileSync(path.join(workspace, 'evil.pb.gz'), encodeProfile(evilProfile()));
    // Samples whose cpu values are all 0 (the default sample type): nothing to draw but the root.
    const zero = evilProfile();
    for (const s of zero.sample) s.value[1] = 0;
    fs.writeFileSync(path.join(workspace, 'zero.pb.gz'), encodeProfile(zero));
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

  /** Opens `file` in the profile editor and its flame graph with the editor's button. */
  async function openFlame(fileName) {
    const page = workbench.page;
    await wb.quickOpen(page, fileName);
    const editor = await wb.webviewFrame(page, '.summary .file-name', { text: fileName });
    await editor.click('#show-flame-graph');
    const frame = await wb.webviewFrame(page, '#flame-title', { text: fileName });
    await wb.waitFor('the flame graph to draw', () => frame.evaluate(() => window.pprofLensFlame && window.pprofLensFlame.stats().drawn > 0), 30_000);
    return frame;
  }

  /**
   * Puts cpu.pprof's views back as a scenario expects them (flame mode, by function, no filters, no
   * zoom, callers or search), so one failed scenario does not fail the next ones too.
   */
  async function resetViews() {
    const page = workbench.page;
    await page.keyboard.press('Escape');
    const tab = page.locator('.tabs-container .tab', { hasText: 'Flame Graph: cpu.pprof' }).first();
    if ((await tab.count()) === 0) return; // the first scenario opens it
    await tab.click();
    const flame = await wb.webviewFrame(page, '#flame-title', { text: 'cpu.pprof' });
    const state = () => flame.evaluate(() => ({
      mode: document.getElementById('flame-mode').value,
      granularity: document.getElementById('granularity').value,
      callers: !document.getElementById('flame-callers').hidden,
      search: document.getElementById('flame-search').value,
    }));
    let st = await state();
    if (st.callers) await flame.locator('#flame-callers button').click();
    if (st.mode !== 'flame') await flame.selectOption('#flame-mode', 'flame');
    if (st.granularity !== 'functions') await flame.selectOption('#granularity', 'functions');
    if (st.search !== '') {
      await flame.fill('#flame-search', '');
      await flame.press('#flame-search', 'Enter');
    }
    const editorTab = page.locator('.tabs-container .tab', { hasText: /^cpu\.pprof/ }).first();
    if ((await editorTab.count()) > 0) {
      const editor = await wb.webviewFrame(page, '.summary .file-name', { text: 'cpu.pprof' });
      if (await editor.evaluate(() => document.getElementById('clear-filters') !== null)) await editor.click('#clear-filters');
      // Rows are drawn only on screen: the table's top is what the scenarios read.
      await editor.evaluate(() => { const t = document.querySelector('.table-scroll'); if (t) t.scrollTop = 0; });
    }
    await tab.click();
    const again = await wb.webviewFrame(page, '#flame-title', { text: 'cpu.pprof' });
    await wb.waitFor('the flame graph reset', async () => {
      st = await again.evaluate(() => ({ drawn: window.pprofLensFlame?.stats().drawn ?? 0, filters: document.getElementById('flame-filters').textContent }));
      return st.drawn > 0 && st.filters === '';
    }, 20_000);
    await again.focus('.flame-canvas');
    for (let i = 0; i < 20 && (await again.evaluate(() => window.pprofLensFlame.stats().zoom)) !== 0; i++) await page.keyboard.press('Escape');
  }

  /** Page-independent position of a frame (by name) relative to the canvas, for hover/click. */
  async function framePosition(frame, name) {
    const r = await wb.waitFor(`the ${name} frame`, () => frame.evaluate((n) => window.pprofLensFlame.rectOfName(n), name), 10_000);
    const c = await frame.evaluate(() => { const b = document.querySelector('.flame-canvas').getBoundingClientRect(); return { x: b.left, y: b.top }; });
    return { ...r, position: { x: r.x - c.x + Math.min(r.w / 2, 40), y: r.y - c.y + r.h / 2 } };
  }

  scenario('the flame graph of a CPU profile: drawn frames, exact tooltip, zoom, search, callers', async () => {
    const page = workbench.page;
    const file = path.join(workspace, 'cpu.pprof');
    const t = expectedTree(file);
    const frame = await openFlame('cpu.pprof');

    // The canvas has painted frames (not just the background).
    const painted = await frame.evaluate(() => {
      const c = document.querySelector('.flame-canvas');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const colours = new Set();
      for (let i = 0; i < d.length; i += 4 * 97) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return colours.size;
    });
    assert.ok(painted > 5, `the canvas shows frames (${painted} colours sampled)`);
    const stats = await frame.evaluate(() => window.pprofLensFlame.stats());
    assert.equal(stats.nodes, t.size, 'the webview got the core\'s tree');
    // Icicle by default, as pprof's web flame graph, drawn from the top of the panel: a short
    // stack leaves no empty band above it.
    const layout = await frame.evaluate(() => ({
      icicle: document.getElementById('flame-icicle').checked,
      gap: document.querySelector('.flame-canvas').getBoundingClientRect().top - document.querySelector('.flame-scroller').getBoundingClientRect().top,
    }));
    assert.equal(layout.icicle, true, 'icicle by default');
    assert.ok(Math.abs(layout.gap) < 4, `the graph starts at the top of the panel (${layout.gap} px)`);
    await wb.screenshot(page, 'flame-cpu');

    // The views of a profile select together: a top-table row selects the function's widest frame,
    // a clicked frame selects the function's row.
    const editor = await wb.webviewFrame(page, '.summary .file-name', { text: 'cpu.pprof' });
    // The table draws only the rows on screen, and main.cpuLoop (flat ~0) can be far down a long
    // profile's table (CI's faster machine samples more functions): filter to it first.
    await editor.fill('#filter', 'main.cpuLoop');
    await editor.locator('#top-table tbody tr[data-index]', { hasText: 'main.cpuLoop' }).first().click();
    await wb.waitFor('the flame graph to select main.cpuLoop', () => frame.evaluate(() => window.pprofLensFlame.stats().selectedName === 'main.cpuLoop'), 10_000);
    await editor.fill('#filter', '');
    // The selection keeps main.cpuLoop's row in view, far down: back to the top for the next checks.
    await editor.evaluate(() => { document.querySelector('.table-scroll').scrollTop = 0; });

    // Hover main.isPrime (the sample service's hot path): the tooltip shows the core's numbers.
    const isPrime = await framePosition(frame, 'main.isPrime');
    await frame.locator('.flame-canvas').hover({ position: isPrime.position });
    const tip = await wb.waitFor('the tooltip', () => frame.evaluate(() => {
      const el = document.getElementById('flame-tooltip');
      return el && !el.hidden ? Object.fromEntries([...el.children].map((c) => [c.className, c.textContent])) : undefined;
    }), 10_000);
    await wb.screenshot(page, 'flame-hover');
    const node = isPrime.node;
    assert.equal(tip['tt-name'].replace(/ \(inlined\)$/, ''), 'main.isPrime');
    const parentCum = t.cum[t.parent[node]];
    assert.equal(tip['tt-flat'], `flat ${fmt(t, t.flat[node])} (${pct(t.flat[node], t.total)} of total)`);
    assert.equal(tip['tt-cum'], `cum ${fmt(t, t.cum[node])} (${pct(t.cum[node], t.total)} of total, ${pct(t.cum[node], parentCum)} of parent)`);
    assert.match(tip['tt-file'] ?? '', /cpu\.go:\d+$/);
    // And the CLI's: main.isPrime has one call path here, so its frame carries the function's totals.
    const nodesOfIsPrime = [...t.frame].filter((f) => t.names[f] === 'main.isPrime').length;
    if (nodesOfIsPrime === 1) {
      const top = goTop(file).get('main.isPrime');
      assert.ok(top, 'go tool pprof -top lists main.isPrime');
      assert.equal(tip['tt-flat'].split(' ')[1], top[0], 'flat as go tool pprof -top prints it');
      assert.equal(tip['tt-cum'].split(' ')[1], top[1], 'cum as go tool pprof -top prints it');
    }

    // Click its caller: zoomed, the breadcrumb ends with it.
    const caller = t.names[t.frame[t.parent[node]]];
    const callerPos = await framePosition(frame, caller);
    await frame.locator('.flame-canvas').click({ position: callerPos.position });
    await wb.waitFor(`zoom on ${caller}`, () => frame.evaluate((c) => window.pprofLensFlame.stats().zoomName === c, caller), 10_000);
    await wb.waitFor(`the table to select ${caller}`, () => editor.evaluate((c) => {
      const row = document.querySelector('#top-table tbody tr.selected');
      return row !== null && row.textContent.includes(c);
    }, caller), 10_000);
    const crumbs = await frame.evaluate(() => [...document.querySelectorAll('#flame-breadcrumb .crumb')].map((b) => b.textContent));
    assert.equal(crumbs[0], 'root');
    assert.equal(crumbs[crumbs.length - 1], caller);
    await wb.screenshot(page, 'flame-zoom');

    // Escape zooms back out (keyboard on the canvas).
    await frame.focus('.flame-canvas');
    for (let i = 0; i < crumbs.length - 1; i++) await page.keyboard.press('Escape');
    await wb.waitFor('zoom back to the root', () => frame.evaluate(() => window.pprofLensFlame.stats().zoom === 0), 10_000);

    // Regexp search: matches highlighted, their total share reported as the core computes it.
    const re = 'isPrime|countPrimes';
    await frame.fill('#flame-search', re);
    await frame.press('#flame-search', 'Enter');
    let count = 0;
    let value = 0;
    const rx = new RegExp(re);
    for (let i = 1; i < t.size; i++) if (rx.test(t.names[t.frame[i]])) count++;
    {
      // Outermost matches only (each sample once).
      const end = new Int32Array(t.size);
      for (let i = t.size - 1; i >= 0; i--) {
        if (end[i] === 0) end[i] = i + 1;
        const p = t.parent[i];
        if (p >= 0 && end[i] > end[p]) end[p] = end[i];
      }
      for (let i = 1; i < t.size; ) {
        if (rx.test(t.names[t.frame[i]])) { value += t.cum[i]; i = end[i]; } else i++;
      }
    }
    const want = `Matched ${count} frames: ${fmt(t, value)} (${pct(value, t.total)} of total)`;
    await wb.waitFor('the search result', () => frame.evaluate((w) => document.getElementById('flame-search-result').textContent === w, want), 10_000);
    await wb.screenshot(page, 'flame-search');
    // Go's regexp syntax (RE2), as in pprof: an inline (?i) flag, which JavaScript's RegExp rejects.
    await frame.fill('#flame-search', '(?i)MAIN\\.ISPRIME$');
    await frame.press('#flame-search', 'Enter');
    let ci = 0;
    for (let i = 1; i < t.size; i++) if (/main\.isprime$/i.test(t.names[t.frame[i]])) ci++;
    assert.ok(ci > 0);
    await wb.waitFor('the (?i) search result', () => frame.evaluate((n) => document.getElementById('flame-search-result').textContent.startsWith(`Matched ${n} frames: `), ci), 10_000);
    await frame.fill('#flame-search', '');
    await frame.press('#flame-search', 'Enter');

    // Right-click > Show Callers: the inverted tree rooted at main.isPrime.
    const again = await framePosition(frame, 'main.isPrime');
    await frame.locator('.flame-canvas').click({ position: again.position, button: 'right' });
    await frame.locator('#flame-menu button', { hasText: 'Show Callers' }).click();
    await wb.waitFor('the callers view', () => frame.evaluate(() => {
      const b = document.getElementById('flame-callers');
      return b && !b.hidden && b.textContent.includes('Callers of main.isPrime');
    }), 20_000);
    await wb.waitFor('the callers tree', () => frame.evaluate(() => window.pprofLensFlame.rectOfName('main.isPrime') !== undefined), 10_000);
    await wb.screenshot(page, 'flame-callers');
    await frame.locator('#flame-callers button').click();
    await wb.waitFor('the whole tree again', () => frame.evaluate(() => document.getElementById('flame-callers').hidden), 20_000);

    // Call trees: top-down (the flame tree as rows), then bottom-up (leaf functions first, computed by the host).
    const treeRows = () => frame.evaluate(() => [...document.querySelectorAll('#call-tree .ct-row')].map((r) =>
      [...r.querySelectorAll('.ct-num')].map((c) => c.textContent).concat(r.querySelector('.ct-name').textContent.replace(/^[▸▾]/, ''))));
    await frame.selectOption('#flame-mode', 'tree');
    const top = await wb.waitFor('the top-down tree', async () => { const r = await treeRows(); return r.length > 0 ? r : undefined; }, 10_000);
    const first = 1; // pre-order: the widest child of the root comes first
    assert.deepEqual(top[0], [fmt(t, t.cum[first]), pct(t.cum[first], t.total), fmt(t, t.flat[first]), pct(t.flat[first], t.total), t.names[t.frame[first]] + (t.inline[first] ? ' (inline)' : '')]);
    await wb.screenshot(page, 'flame-call-tree');
    await frame.selectOption('#flame-mode', 'bottomUp');
    const inv = buildFlameTree(parseProfile(fs.readFileSync(file), file), { sampleIndex: String(initialSampleIndex(parseProfile(fs.readFileSync(file), file))) }, { inverted: true });
    const want1 = [fmt(inv, inv.cum[1]), pct(inv.cum[1], inv.total), fmt(inv, inv.flat[1]), pct(inv.flat[1], inv.total), inv.names[inv.frame[1]]];
    await wb.waitFor('the bottom-up tree', async () => JSON.stringify((await treeRows())[0]) === JSON.stringify(want1), 20_000);
    await wb.screenshot(page, 'flame-bottom-up');
    await frame.selectOption('#flame-mode', 'flame');
    await wb.waitFor('the flame graph again', () => frame.evaluate(() => !document.querySelector('.flame-scroller').hidden && window.pprofLensFlame.rectOfName('main.isPrime') !== undefined), 20_000);
    await page.keyboard.press('Escape');
  });

  /** Lines of the extension's log ("Pprof Lens" output channel) matching re. */
  function logLines(re) {
    const files = [];
    const walk = (d) => {
      for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (/Pprof Lens\.log$/.test(e.name)) files.push(path.join(d, e.name));
      }
    };
    walk(path.join(workbench.userDataDir, 'logs'));
    return files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')).filter((l) => re.test(l));
  }

  scenario('one set of options per profile: the flame graph\'s sample type re-renders the profile editor\'s table', async () => {
    await resetViews();
    const page = workbench.page;
    const file = path.join(workspace, 'cpu.pprof');
    const profile = parseProfile(fs.readFileSync(file), file);
    const samples = profile.sampleType.findIndex((t) => t.type === 'samples');
    const cpu = profile.sampleType.findIndex((t) => t.type === 'cpu');
    const want = topTable(profile, { ...defaultReportOptions(), sampleIndex: String(samples) }).rows[0];
    const flame = await wb.webviewFrame(page, '#flame-title', { text: 'cpu.pprof' });
    const editor = await wb.webviewFrame(page, '.summary .file-name', { text: 'cpu.pprof' });
    // The editor's sample type redraws the flame graph, whose options were never changed before.
    await editor.selectOption('#sample-type', String(samples));
    await wb.waitFor('the flame graph to follow the editor', () => flame.evaluate((i) => document.getElementById('sample-type')?.value === i, String(samples)), 20_000);
    await editor.selectOption('#sample-type', String(cpu));
    await wb.waitFor('the flame graph back on cpu', () => flame.evaluate((i) => document.getElementById('sample-type')?.value === i, String(cpu)), 20_000);
    // And the flame graph's re-renders the table: one flame tree per change (each takes seconds on a big profile).
    const builds = () => logLines(/flame graph of cpu\.pprof \(samples\)/).length;
    const before = builds();
    await flame.selectOption('#sample-type', String(samples));
    await wb.waitFor('the profile editor to show the samples sample type', async () => editor.evaluate((w) => {
      const first = document.querySelector('#top-table tbody tr');
      return document.getElementById('sample-type')?.value === w.index && first?.textContent.includes(w.flat);
    }, { index: String(samples), flat: want.flatText }), 20_000);
    await wb.screenshot(page, 'flame-shared-sample-type');
    await wb.waitFor('the log to list the flame tree', () => builds() > before, 20_000);
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(builds() - before, 1, 'one flame tree for one sample type change');
    await flame.selectOption('#sample-type', String(cpu));
    await wb.waitFor('the profile editor back on cpu', () => editor.evaluate((i) => document.getElementById('sample-type')?.value === i, String(cpu)), 20_000);
  });

  scenario('filters and granularity chosen in the flame graph show in the profile editor, which can clear them', async () => {
    await resetViews();
    const page = workbench.page;
    const file = path.join(workspace, 'cpu.pprof');
    const profile = parseProfile(fs.readFileSync(file), file);
    const cpu = String(profile.sampleType.findIndex((t) => t.type === 'cpu'));
    let flame = await wb.webviewFrame(page, '#flame-title', { text: 'cpu.pprof' });
    const editor = await wb.webviewFrame(page, '.summary .file-name', { text: 'cpu.pprof' });
    // The table draws only the rows on screen and keeps the selected function's row in view (the flame
    // graph's selection): scroll to the top, then read from the first row on.
    const rows = () => editor.evaluate(() => {
      document.querySelector('.table-scroll').scrollTop = 0;
      const tr = [...document.querySelectorAll('#top-table tbody tr[data-index]')];
      return tr[0]?.getAttribute('aria-rowindex') === '1' ? tr.map((r) => r.querySelector('td.name').textContent) : [];
    });
    const names = (o) => topTable(profile, { ...defaultReportOptions(), sampleIndex: cpu, ...o }).rows.map((r) => r.name + (r.inline ? ` ${r.inline}` : ''));
    // Right-click > Focus on Function.
    const pos = await framePosition(flame, 'main.cpuLoop');
    await flame.locator('.flame-canvas').click({ position: pos.position, button: 'right' });
    await flame.locator('#flame-menu button', { hasText: 'Focus on Function' }).click();
    const focus = '^main\\.cpuLoop$';
    await wb.waitFor('the editor\'s filter note', () => editor.evaluate((f) => document.getElementById('filter-note')?.textContent.includes(`focus=${f}`), focus), 20_000);
    const want = names({ focus });
    await wb.waitFor('the focused table', async () => JSON.stringify((await rows()).slice(0, want.length)) === JSON.stringify(want), 10_000);
    await wb.screenshot(page, 'flame-filters-in-editor');
    // The -list report (right-click) applies them too, as `pprof-lens -list -focus` does.
    const hot = await framePosition(flame, 'main.isPrime');
    await flame.locator('.flame-canvas').click({ position: hot.position, button: 'right' });
    await flame.locator('#flame-menu button', { hasText: 'Show -list Report' }).click();
    const cli = execFileSync(process.execPath, [path.join(wb.ROOT, 'bin', 'pprof-lens.js'), '-list=^main\\.isPrime$', `-focus=${focus}`, file], { encoding: 'utf8' });
    const routine = cli.split('\n').find((l) => l.includes('(flat, cum)'));
    assert.ok(routine, cli);
    const report = await wb.waitFor('the -list report', async () => {
      const t = await page.evaluate(() => {
        const ed = document.querySelector('.editor-group-container.active .monaco-editor');
        return ed ? [...ed.querySelectorAll('.view-lines .view-line')].map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n') : '';
      });
      return t.includes('ROUTINE') ? t : undefined;
    }, 20_000);
    assert.ok(report.includes(`-focus='${focus}'`), report);
    assert.ok(report.includes(routine), `${routine}\n---\n${report}`);
    const listTab = page.locator('.tabs-container .tab', { hasText: '.list' }).first();
    await listTab.hover();
    await listTab.locator('.tab-actions .action-label').first().click();
    // The -list report opened in the profile's side column, over the flame graph (a hidden webview is
    // not kept): closing it shows the flame graph again, in a new frame.
    flame = await wb.webviewFrame(page, '#flame-title', { text: 'cpu.pprof' });
    await editor.click('#clear-filters');
    await wb.waitFor('no filter note', () => editor.evaluate(() => document.getElementById('filter-note') === null), 20_000);
    await wb.waitFor('the flame graph unfiltered', () => flame.evaluate(() => document.getElementById('flame-filters').textContent === ''), 20_000);
    // Granularity: the table is -top -lines.
    await flame.selectOption('#granularity', 'lines');
    // The first row, or one tied with it on flat (the table's order among equal rows is pprof's, but a
    // tie is no failure of the granularity): by line, then by function again.
    const firsts = (o) => {
      const r = topTable(profile, { ...defaultReportOptions(), sampleIndex: cpu, ...o }).rows;
      return new Set(r.filter((x) => x.flat === r[0].flat).map((x) => x.name + (x.inline ? ` ${x.inline}` : '')));
    };
    const byLine = firsts({ granularity: 'lines' });
    let shown;
    await wb.waitFor('the table by line', async () => byLine.has((shown = (await rows())[0])), 20_000)
      .catch((e) => assert.fail(`${e.message}: first row ${JSON.stringify(shown)}, want one of ${JSON.stringify([...byLine])}`));
    assert.ok([...byLine].every((n) => /\.go:\d+/.test(n)), [...byLine].join(', '));
    await flame.selectOption('#granularity', 'functions');
    const byFunction = firsts({});
    await wb.waitFor('the table by function', async () => byFunction.has((shown = (await rows())[0])), 20_000)
      .catch((e) => assert.fail(`${e.message}: first row ${JSON.stringify(shown)}, want one of ${JSON.stringify([...byFunction])}`));
  });

  scenario('the call graph: pprof -dot laid out by Graphviz (WebAssembly) to SVG, with the hot function', async () => {
    await resetViews();
    const page = workbench.page;
    const flame = await wb.webviewFrame(page, '#flame-title', { text: 'cpu.pprof' });
    await flame.click('#open-call-graph');
    const cg = await wb.webviewFrame(page, '#cg-svg', { timeoutMs: 60_000 });
    const names = await cg.evaluate(() => [...document.querySelectorAll('g.cg-node')].map((g) => g.getAttribute('data-name')));
    assert.ok(names.includes('main.isPrime'), `main.isPrime is a node of the graph (${names.join(', ')})`);
    await wb.screenshot(page, 'flame-call-graph');
    // Readable at first: the whole graph only when it fits at >= 1.25 px per unit, else that
    // zoom centred on the hottest node; the canvas follows the theme (no white slab in a dark theme).
    const view = await cg.evaluate(() => {
      const svg = document.getElementById('cg-svg');
      const vb = svg.viewBox.baseVal;
      const vp = document.getElementById('cg-viewport');
      const r = vp.getBoundingClientRect();
      return { scale: Math.min(r.width / vb.width, r.height / vb.height), w: vb.width, bg: getComputedStyle(vp).backgroundColor, dark: document.body.classList.contains('vscode-dark') };
    });
    assert.ok(view.scale >= 1.2, `a readable first zoom: ${JSON.stringify(view)}`);
    if (view.dark) assert.notEqual(view.bg, 'rgb(255, 255, 255)', 'a dark canvas in a dark theme');
    // One wheel notch zooms by a useful step (1.5×).
    const before = await cg.evaluate(() => document.getElementById('cg-svg').getAttribute('viewBox'));
    await cg.locator('#cg-viewport').hover();
    await page.mouse.wheel(0, -100);
    await wb.waitFor('the graph to zoom', () => cg.evaluate((v) => document.getElementById('cg-svg').getAttribute('viewBox') !== v, before), 10_000);
    const zoomed = await cg.evaluate(() => document.getElementById('cg-svg').viewBox.baseVal.width);
    assert.ok(view.w / zoomed >= 1.4, `one notch zooms ${view.w / zoomed}×`);
    assert.deepEqual(cspViolations, [], 'Graphviz runs under the webview CSP');
  });

  scenario('the panel comes back after a window reload, zoomed and searched as it was left', async () => {
    await resetViews();
    const page = workbench.page;
    const tab = page.locator('.tabs-container .tab', { hasText: 'Flame Graph: cpu.pprof' }).first();
    await tab.click();
    let frame = await wb.webviewFrame(page, '#flame-title', { text: 'cpu.pprof' });
    await wb.waitFor('the flame graph', () => frame.evaluate(() => window.pprofLensFlame && window.pprofLensFlame.stats().drawn > 0), 20_000);
    const pos = await framePosition(frame, 'main.countPrimes');
    await frame.locator('.flame-canvas').click({ position: pos.position });
    await wb.waitFor('zoom', () => frame.evaluate(() => window.pprofLensFlame.stats().zoomName === 'main.countPrimes'), 10_000);
    await frame.fill('#flame-search', 'isPrime');
    await frame.press('#flame-search', 'Enter');
    await wb.waitFor('the search', () => frame.evaluate(() => document.getElementById('flame-search-result').textContent.startsWith('Matched')), 10_000);
    // Move the focus off the search box first (runCommand's Escape would clear it).
    await frame.focus('#flame-mode');
    await wb.runCommand(page, 'Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    frame = await wb.webviewFrame(page, '#flame-title', { text: 'cpu.pprof', timeoutMs: 60_000 });
    await wb.waitFor('the restored flame graph', () => frame.evaluate(() => window.pprofLensFlame && window.pprofLensFlame.stats().drawn > 0), 30_000);
    const restored = await frame.evaluate(() => ({
      zoom: window.pprofLensFlame.stats().zoomName,
      search: document.getElementById('flame-search').value,
      result: document.getElementById('flame-search-result').textContent.startsWith('Matched'),
    }));
    assert.deepEqual(restored, { zoom: 'main.countPrimes', search: 'isPrime', result: true });
    await wb.screenshot(page, 'flame-restored');
    await frame.fill('#flame-search', '');
    await frame.press('#flame-search', 'Enter');
  });

  scenario('names made of HTML and script are shown as text, nothing runs', async () => {
    const page = workbench.page;
    const frame = await openFlame('evil.pb.gz');
    const pos = await framePosition(frame, EVIL);
    await frame.locator('.flame-canvas').hover({ position: pos.position });
    const tip = await wb.waitFor('the tooltip', () => frame.evaluate(() => {
      const el = document.getElementById('flame-tooltip');
      return el && !el.hidden ? { name: el.querySelector('.tt-name')?.textContent, file: el.querySelector('.tt-file')?.textContent } : undefined;
    }), 10_000);
    assert.equal(tip.name, EVIL);
    assert.equal(tip.file, `${EVIL_FILE}:11`);
    // Breadcrumb and menu carry names too: zoom into the evil frame, then look for injected nodes.
    await frame.locator('.flame-canvas').click({ position: pos.position });
    await wb.waitFor('zoom', () => frame.evaluate(() => window.pprofLensFlame.stats().zoom > 0), 10_000);
    const injected = await frame.evaluate(() => ({
      pwned: window.__pwned ?? null,
      imgs: document.querySelectorAll('img').length,
      // (VS Code's own frame script is inline: look for ours from the profile.)
      scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__pwned')).length,
      crumb: [...document.querySelectorAll('#flame-breadcrumb .crumb')].map((b) => b.textContent).pop(),
    }));
    assert.deepEqual(injected, { pwned: null, imgs: 0, scripts: 0, crumb: EVIL });
    await wb.screenshot(page, 'flame-evil-names');
    // The profile editor's table shows them literally too.
    const editor = await wb.webviewFrame(page, '.summary .file-name', { text: 'evil.pb.gz' });
    const editorInjected = await editor.evaluate(() => ({ pwned: window.__pwned ?? null, imgs: document.querySelectorAll('img').length }));
    assert.deepEqual(editorInjected, { pwned: null, imgs: 0 });
    assert.deepEqual(cspViolations, [], 'no CSP violations');
  });

  scenario('a sample type that is 0 everywhere: the flame graph and the table say so', async () => {
    const page = workbench.page;
    await wb.quickOpen(page, 'zero.pb.gz');
    const editor = await wb.webviewFrame(page, '.summary .file-name', { text: 'zero.pb.gz' });
    await editor.click('#show-flame-graph');
    const frame = await wb.webviewFrame(page, '#flame-title', { text: 'zero.pb.gz' });
    await wb.waitFor('the empty note', () => frame.evaluate(() => {
      const n = document.getElementById('flame-empty');
      return n && !n.hidden && n.textContent === 'No cpu in this profile: choose another sample type.';
    }), 20_000);
    const empty = await editor.evaluate(() => document.querySelector('#top-table td.empty')?.textContent);
    assert.equal(empty, 'No cpu: this sample type is 0 in all 2 sample records. Choose another sample type above.');
    await wb.screenshot(page, 'flame-zero');
    await frame.selectOption('#sample-type', '0');
    await wb.waitFor('frames again', () => frame.evaluate(() => document.getElementById('flame-empty').hidden && window.pprofLensFlame.stats().nodes > 1), 20_000);
  });
});
