#!/usr/bin/env node
// Flame graph benchmark: a standalone harness page (the webview's HTML with the same CSP, a stub of
// acquireVsCodeApi) loads dist/webview/flameGraph.js in headless Chromium and receives a flame tree
// computed by the core (out/, `npm run build`), then measures:
//   - first paint: message received -> frames drawn (target < 150 ms for 100,000 nodes),
//   - zoom frames: click-to-zoom redraws, and hover frames: mousemove -> tooltip + outline (< 16 ms).
// Profiles: a synthetic one with ~100,000 flame-graph nodes, plus any profile files given as
// arguments (default: the largest generated fixture). Prints the figures; not a timed test.
// Needs: npm run build && npm run compile (or npm run package); /usr/bin/chromium; playwright-core.
// Usage: node bench/flame.js [--nodes=100000] [profile...]
/* global window, document, requestAnimationFrame, MouseEvent -- page.evaluate bodies run in the harness page */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const targetNodes = Number((args.find((a) => a.startsWith('--nodes=')) || '--nodes=100000').slice(8));
const files = args.filter((a) => !a.startsWith('--'));

const { buildFlameTree } = require(path.join(root, 'out/src/core/flame/flameTree'));
const { flameColumns } = require(path.join(root, 'out/src/extension/flameGraph/flameColumns'));
const { parseProfile } = require(path.join(root, 'out/src/core/profile/parse'));

/** A CPU-like profile whose flame tree has about `nodes` nodes (random call paths over 3000 functions). */
function syntheticProfile(nodes) {
  nodes -= 1; // plus the root
  let seed = 42;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const functions = [];
  const locations = [];
  const pkgs = ['main', 'runtime', 'net/http', 'encoding/json', 'github.com/acme/svc/store', 'github.com/acme/svc/api', 'sync', 'compress/flate'];
  for (let i = 0; i < 3000; i++) {
    const fn = { id: i + 1, name: `${pkgs[i % pkgs.length]}.fn${i}`, systemName: '', filename: `/src/${pkgs[i % pkgs.length]}/f${i % 97}.go`, startLine: 10 + (i % 50) };
    functions.push(fn);
    locations.push({ id: i + 1, address: BigInt(0x1000 + i * 16), line: [{ function: fn, line: 20 + (i % 80), column: 0 }], isFolded: false });
  }
  // A random recursive tree (each node's parent uniform among the earlier ones: depth ~ e·ln n,
  // wide at the top like real profiles); siblings get distinct functions so no two merge. One
  // sample per node, its stack the node's path: the flame tree has exactly `nodes` nodes + root.
  const fnOf = new Int32Array(nodes);
  const parentOf = new Int32Array(nodes);
  const kids = new Int32Array(nodes);
  const samples = [];
  for (let i = 0; i < nodes; i++) {
    const p = i === 0 ? -1 : Math.floor(rand() * i);
    parentOf[i] = p;
    fnOf[i] = p < 0 ? 0 : (fnOf[p] * 7 + kids[p]++ * 13 + 1) % functions.length;
    const stack = [];
    for (let v = i; v >= 0; v = parentOf[v]) stack.push(locations[fnOf[v]]);
    samples.push({ location: stack, value: [1, 10_000_000 * (1 + Math.floor(rand() * 3))] });
  }
  return {
    sampleType: [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }],
    defaultSampleType: '', sample: samples, mapping: [], location: locations, function: functions, comments: [],
    dropFrames: '', keepFrames: '', timeNanos: 0, durationNanos: 30e9, periodType: { type: 'cpu', unit: 'nanoseconds' },
    period: 10_000_000, docUrl: '',
  };
}

function harnessHtml(dir) {
  const nonce = 'benchNonce0123456789';
  const csp = ["default-src 'none'", "style-src file:", "font-src file:", "img-src file:", `script-src 'nonce-${nonce}'`].join('; ');
  const media = path.join(root, 'media');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="file://${dir}/theme.css"><link rel="stylesheet" href="file://${media}/shared.css"><link rel="stylesheet" href="file://${media}/flameGraph.css">
<title>flame bench</title></head><body class="vscode-dark">
<div id="app" role="main"></div>
<script nonce="${nonce}">
  window.__posted = [];
  window.acquireVsCodeApi = () => { let s; return { postMessage: (m) => window.__posted.push(m), getState: () => s, setState: (x) => { s = x; } }; };
</script>
<script nonce="${nonce}" src="file://${path.join(root, 'dist', 'webview', 'flameGraph.js')}"></script>
</body></html>`;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}
function p95(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] : NaN;
}

async function measure(page, label, data) {
  await page.reload();
  await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
  const msg = { type: 'flame', fileName: label, uri: 'file:///bench', sampleTypes: [{ type: data.sampleType, unit: data.unit }], options: { sampleIndex: 0, granularity: 'functions', focus: '', ignore: '', hide: '', show: '', nodeCount: 80 }, data };
  await page.evaluate((m) => { window.__msg = m; }, msg);
  const first = await page.evaluate(() => new Promise((resolve) => {
    const t0 = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data: window.__msg }));
    const handled = performance.now() - t0;
    // The frame is on screen after the next animation frame has been produced.
    requestAnimationFrame(() => setTimeout(() => resolve({ handled, painted: performance.now() - t0, stats: window.pprofLensFlame.stats() }), 0));
  }));
  // Zoom: into the widest children along a path and back out (each a full redraw).
  const zoom = await page.evaluate(() => {
    const f = window.pprofLensFlame;
    const times = [];
    const canvas = document.querySelector('.flame-canvas');
    const r = canvas.getBoundingClientRect();
    for (let k = 0; k < 30; k++) {
      // Click a frame a few rows above the root at varying x, then zoom back to the root.
      const x = r.left + ((k * 97) % Math.max(1, r.width - 20)) + 10;
      const y = r.bottom - 18 * (2 + (k % 4)) - 5;
      let t0 = performance.now();
      canvas.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true }));
      times.push(performance.now() - t0);
      t0 = performance.now();
      f.zoomTo(0);
      times.push(performance.now() - t0);
    }
    return times;
  });
  const hover = await page.evaluate(() => {
    const canvas = document.querySelector('.flame-canvas');
    const r = canvas.getBoundingClientRect();
    const times = [];
    for (let k = 0; k < 200; k++) {
      const x = r.left + ((k * 37) % Math.max(1, r.width - 2)) + 1;
      const y = r.top + ((k * 53) % Math.max(1, r.height - 2)) + 1;
      const t0 = performance.now();
      canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
      times.push(performance.now() - t0);
    }
    return times;
  });
  return { first, zoom, hover };
}

async function main() {
  const { chromium } = require('playwright-core');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-flame-bench-'));
  const html = path.join(dir, 'index.html');
  fs.writeFileSync(html, harnessHtml(dir));
  // VS Code's theme variables, as a stylesheet (the CSP forbids inline styles, as in the webview).
  fs.writeFileSync(path.join(dir, 'theme.css'), 'body { --vscode-editor-font-family: monospace; --vscode-editor-background: #1e1e1e; --vscode-foreground: #cccccc; }\n');
  const cases = [];
  let t0 = Date.now();
  const synth = syntheticProfile(targetNodes);
  const synthTree = buildFlameTree(synth, { sampleIndex: 'cpu' });
  cases.push({ label: `synthetic (${synth.sample.length} samples)`, tree: synthTree, buildMs: Date.now() - t0 });
  const defaults = files.length ? files : [path.join(root, 'test/fixtures/generated/big.cpu.pb.gz')].filter((f) => fs.existsSync(f));
  for (const f of defaults) {
    t0 = Date.now();
    const p = parseProfile(fs.readFileSync(f), f);
    const parseMs = Date.now() - t0;
    t0 = Date.now();
    // As the panel builds it: at most 250,000 nodes, narrower subtrees merged.
    const tree = buildFlameTree(p, {}, {}, 250_000);
    cases.push({ label: `${path.basename(f)} (${p.sample.length} samples, ${tree.fullSize} tree nodes, parse ${parseMs} ms)`, tree, buildMs: Date.now() - t0 });
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--allow-file-access-from-files', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto('file://' + html);
    console.log('Flame graph (headless Chromium, 1400x900, dist/webview/flameGraph.js):');
    for (const c of cases) {
      const data = flameColumns(c.tree);
      const r = await measure(page, c.label, data);
      const s = r.first.stats;
      console.log(`  ${c.label}: ${c.tree.size} nodes, depth ${c.tree.maxDepth}; core flame tree ${c.buildMs} ms`);
      console.log(`    first paint ${r.first.painted.toFixed(1)} ms (message handled + drawn ${r.first.handled.toFixed(1)} ms, draw ${s.lastDrawMillis.toFixed(1)} ms, ${s.drawn} frames drawn) target < 150 ms`);
      console.log(`    zoom frame median ${median(r.zoom).toFixed(2)} ms, p95 ${p95(r.zoom).toFixed(2)} ms, max ${Math.max(...r.zoom).toFixed(2)} ms; ` +
        `hover frame median ${median(r.hover).toFixed(2)} ms, p95 ${p95(r.hover).toFixed(2)} ms, max ${Math.max(...r.hover).toFixed(2)} ms (target < 16 ms)`);
      await page.screenshot({ path: path.join(root, 'test-results', `bench-flame-${cases.indexOf(c)}.png`) }).catch(() => undefined);
    }
    if (errors.length) console.log(`  page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
