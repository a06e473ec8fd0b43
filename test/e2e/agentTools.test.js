// End to end, in a real VS Code (code-server) with the packaged .vsix and a small test extension
// (test/e2e/agent-probe, packaged here with vsce) standing in for an agent: it calls Pprof Lens's
// language-model tools through vscode.lm.invokeTool. capture_profile, on the sample service configured
// as target "sample", is confirmed in VS Code's dialog before every call: answered Cancel, nothing is
// captured; answered Yes, the heap profile is saved; list_profiles lists it; profile_top of it equals
// `pprof-lens -top` of the saved file; an unknown profile is one clear error.
'use strict';

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, test } = require('node:test');
const { buildSampleService, startSampleService } = require('../../scripts/sample-service');
const { freePort } = require('../../scripts/vscode-env');
const wb = require('./workbench');

const VSIX = process.env.PPROF_LENS_VSIX || path.join(wb.ROOT, 'pprof-lens.vsix');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-e2e-agent-'));
const workspace = path.join(tmp, 'ws');
let service;
let workbench;

/** The probe extension as a .vsix (vsce from the repository's devDependencies). */
function packageProbe() {
  const dir = path.join(tmp, 'probe');
  fs.cpSync(path.join(__dirname, 'agent-probe'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'README.md'), '# Agent Probe\n\nPprof Lens e2e test extension.\n');
  const out = path.join(tmp, 'agent-probe.vsix');
  execFileSync(process.execPath, [path.join(wb.ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
  return out;
}

before(async () => {
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'notes.md'), '# Why is the service slow?\n'); // the explorer shows a row once up
  const bin = buildSampleService(path.join(tmp, 'bin'));
  service = await startSampleService(bin, `127.0.0.1:${await freePort()}`, { logFile: path.join(tmp, 'service.log') });
  workbench = await wb.startWorkbench({
    vsix: VSIX,
    workspace,
    extraVsix: [packageProbe()],
    settings: { 'pprofLens.targets': [{ name: 'sample', url: service.url }] },
  });
});

after(async () => {
  if (workbench) {
    wb.saveExtensionLog(workbench, 'agentTools');
    await workbench.stop();
  }
  if (service) await service.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const results = () => {
  try {
    return JSON.parse(fs.readFileSync(path.join(workspace, 'agent-probe.json'), 'utf8'));
  } catch {
    return [];
  }
};

/** Waits for VS Code's confirmation dialog, checks its text, and presses `button`. */
async function answerDialog(page, button) {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 60_000 });
  const text = await dialog.innerText();
  assert.match(text, /Capture a profile from a running program\?/);
  assert.match(text, /capture a heap profile from sample/);
  await wb.screenshot(page, `agentTools-confirm-${button.toLowerCase()}`);
  await dialog.locator('.monaco-button', { hasText: button }).first().click();
  return text;
}

test('an agent calls the tools: capture confirmed first, top of the capture = pprof-lens -top', async () => {
  const { page } = workbench;
  await wb.withFailureScreenshot(page, 'agentTools', async () => {
    await wb.runCommand(page, 'Agent Probe: Run');
    await answerDialog(page, 'Cancel');
    // The probe writes the refused call's outcome before it calls again: the dialog now showing is the second's.
    await wb.waitFor('the cancelled capture', () => results().length >= 2, 60_000);
    await answerDialog(page, 'Yes');
    const steps = await wb.waitFor('the probe to finish', () => { const r = results(); return r.at(-1)?.done ? r : undefined; }, 120_000);

    const tools = steps[0].tools.map((t) => t.name).sort();
    assert.deepEqual(tools, ['capture_profile', 'goroutine_groups', 'list_profiles', 'profile_compare', 'profile_list', 'profile_peek', 'profile_top', 'profile_tree', 'trace_summary'].map((n) => `pprofLens_${n}`));

    const [, cancelled, captured, listed, top, unknown] = steps;
    assert.match(cancelled.error, /Cancel/i, JSON.stringify(cancelled));
    assert.match(captured.text ?? '', /^Captured heap profile saved as (.*\.pb\.gz)$/, JSON.stringify(captured));
    const file = /saved as (.*)$/.exec(captured.text)[1];
    assert.ok(fs.existsSync(file), file);
    assert.ok(file.startsWith(path.join(workspace, '.pprof')), `saved in the workspace's captures folder: ${file}`);
    const heaps = fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.pb.gz'));
    assert.equal(heaps.length, 1, 'the cancelled call captured nothing');

    assert.ok(listed.text.includes(file), listed.text);
    assert.match(listed.text, /kind: heap · target: sample/);

    const cli = execFileSync(process.execPath, [path.join(wb.ROOT, 'bin', 'pprof-lens.js'), '-top', '-sample_index=alloc_space', '-nodecount=10', file], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    const dropTime = (s) => s.split('\n').filter((l) => !l.startsWith('Time:')).join('\n');
    assert.equal(dropTime(top.text), dropTime(cli), 'profile_top = pprof-lens -top');
    assert.match(top.text, /Type: alloc_space/);

    assert.match(unknown.error, /unknown profile "nope\.pb\.gz"/);
  });
});
