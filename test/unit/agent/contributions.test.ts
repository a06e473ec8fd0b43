// package.json contributes the agent tools to VS Code (contributes.languageModelTools) exactly as
// src/agent/profileTools.ts defines them: same names (prefixed pprofLens_), the model's description and
// the input schema equal, each referenceable in chat (#pprofTop …) and activating the extension.
// To regenerate after changing a tool: copy description → modelDescription and inputSchema.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { packageJson, packageJsonPath } from '../packageJson';
import { PROFILE_TOOLS } from '../../../src/agent/profileTools';

interface LmTool {
  name: string;
  toolReferenceName: string;
  displayName: string;
  userDescription: string;
  modelDescription: string;
  canBeReferencedInPrompt: boolean;
  inputSchema: unknown;
}
const contributed: LmTool[] = packageJson.contributes.languageModelTools;

test('one languageModelTools entry per agent tool, in the same order, with its description and schema', () => {
  assert.deepEqual(contributed.map((t) => t.name), PROFILE_TOOLS.map((t) => `pprofLens_${t.name}`));
  for (const [i, t] of PROFILE_TOOLS.entries()) {
    const c = contributed[i];
    assert.equal(c.modelDescription, t.description, c.name);
    assert.deepEqual(c.inputSchema, t.inputSchema, c.name);
    assert.match(c.name, /^[\w-]+$/);
    assert.equal(c.canBeReferencedInPrompt, true);
    assert.match(c.toolReferenceName, /^pprof[A-Z][A-Za-z]+$/);
    assert.ok(c.displayName.length > 3 && c.userDescription.length > 10, c.name);
  }
  assert.equal(new Set(contributed.map((t) => t.toolReferenceName)).size, contributed.length);
  assert.equal(contributed.find((t) => t.name === 'pprofLens_profile_top')?.toolReferenceName, 'pprofTop');
});

test('each tool activates the extension', () => {
  for (const t of contributed) assert.ok(packageJson.activationEvents.includes(`onLanguageModelTool:${t.name}`), t.name);
});

test('registration is guarded and capture_profile confirmed (the vscode module is absent in unit tests: read the source)', () => {
  const root = path.dirname(packageJsonPath);
  const src = fs.readFileSync(path.join(root, 'src', 'extension', 'agentTools', 'registerAgentTools.ts'), 'utf8');
  assert.match(src, /if \(typeof register !== 'function'/);
  assert.match(src, /if \(tool\.acts\) impl\.prepareInvocation = /);
  assert.match(src, /confirmationMessages: \{/);
  const ext = fs.readFileSync(path.join(root, 'src', 'extension', 'extension.ts'), 'utf8');
  assert.match(ext, /\n {2}registerAgentTools\(context, log, captureApi\);\n/);
});
