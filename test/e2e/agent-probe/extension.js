// The e2e test's stand-in for an agent (test/e2e/agentTools.test.js): "Agent Probe: Run" lists the
// language-model tools and calls Pprof Lens's through vscode.lm.invokeTool with no chat request (so
// VS Code confirms capture_profile in a dialog), writing each step's outcome to agent-probe.json in the
// workspace folder as it goes.
'use strict';
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');

function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand('agentProbe.run', async () => {
    const out = path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, 'agent-probe.json');
    const steps = [];
    const save = () => fs.writeFileSync(`${out}.tmp`, JSON.stringify(steps, null, 1)) || fs.renameSync(`${out}.tmp`, out);
    const call = async (name, input) => {
      try {
        const r = await vscode.lm.invokeTool(`pprofLens_${name}`, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
        steps.push({ name, input, text: r.content.map((p) => p.value).join('') });
      } catch (e) {
        steps.push({ name, input, error: `${e && e.name}: ${e && e.message}` });
      }
      save();
      return steps[steps.length - 1];
    };
    steps.push({ name: 'tools', tools: vscode.lm.tools.filter((t) => t.name.startsWith('pprofLens_')).map((t) => ({ name: t.name, tags: t.tags, inputSchema: t.inputSchema })) });
    save();
    await call('capture_profile', { kind: 'heap', target: 'sample' }); // the test answers Cancel
    const captured = await call('capture_profile', { kind: 'heap', target: 'sample' }); // the test answers Yes
    const file = /saved as (.*)$/.exec(captured.text || '')?.[1];
    await call('list_profiles', {});
    await call('profile_top', { profile: file || 'none', sample_index: 'alloc_space', nodecount: 10 });
    await call('profile_top', { profile: 'nope.pb.gz' });
    steps.push({ done: true });
    save();
  }));
}

module.exports = { activate, deactivate() {} };
