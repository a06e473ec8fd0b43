// Lint: TypeScript-aware recommended rules, plus the layering of docs/ARCHITECTURE.md as a check —
// core is pure, collect and cli never see vscode, webviews see neither vscode nor Node.
'use strict';

const js = require('@eslint/js');
const globals = require('globals');
const tseslint = require('typescript-eslint');

const NODE_BUILTINS = require('node:module').builtinModules.filter((m) => !m.startsWith('_'));
const nodeModules = [...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `node:${m}`)];

const vscodeBan = { name: 'vscode', message: 'Only src/extension may use the VS Code API.' };
const nodeBan = (why) => ({ group: nodeModules, message: why });

module.exports = tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'test/fixtures/**', 'test-results/**', '.cache/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Render untrusted text with textContent.' },
        { selector: "AssignmentExpression[left.property.name='outerHTML']", message: 'Render untrusted text with textContent.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Render untrusted text with textContent.' },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  // Plain CommonJS scripts (build, e2e, CLI launcher) run on Node.
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // e2e tests run functions inside the workbench page (page.evaluate): browser globals there too.
  {
    files: ['test/e2e/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeBan],
        patterns: [
          nodeBan('src/core is pure: no Node APIs (fs, http, …); the caller passes bytes in.'),
          { group: ['**/extension/**', '**/collect/**', '**/cli/**', '**/webview-ui/**'], message: 'src/core imports nothing above it.' },
          { group: ['**/protocol/**'], message: 'src/core does not speak the webview protocol: turning core data into messages is the host code\'s job (src/extension).' },
        ],
      }],
    },
  },
  {
    files: ['src/collect/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeBan],
        patterns: [{ group: ['**/extension/**', '**/cli/**', '**/webview-ui/**'], message: 'src/collect imports only core.' }],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeBan],
        patterns: [{ group: ['**/extension/**', '**/webview-ui/**'], message: 'src/cli imports core and collect only.' }],
      }],
    },
  },
  {
    files: ['src/agent/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeBan],
        patterns: [{ group: ['**/extension/**', '**/webview-ui/**'], message: 'src/agent (tools for coding agents) imports core, collect and cli only.' }],
      }],
    },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeBan],
        patterns: [nodeBan('The protocol is shared with webviews: types only.'), { group: ['**/extension/**', '**/webview-ui/**'], message: 'The protocol depends on nothing.' }],
      }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/webview-ui/**'], message: 'The extension host talks to webviews through src/protocol messages only.' }],
      }],
    },
  },
  {
    files: ['webview-ui/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeBan],
        patterns: [
          nodeBan('Webviews run in a browser: no Node APIs.'),
          { group: ['**/src/extension/**', '**/src/collect/**', '**/src/cli/**'], message: 'Webviews may use src/core (pure parts) and src/protocol only.' },
        ],
      }],
    },
  },
);
