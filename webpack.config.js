// Bundles: the extension host (Node, `vscode` external), one browser bundle per webview panel
// (each folder of webview-ui/ except shared/), and the CLI (dist/cli.js: bin/pprof-lens.js loads one
// file instead of ~60 modules of out/, when it is not older than out/). `webpack --mode production`.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const webpack = require('webpack');

const tsRule = {
  test: /\.ts$/,
  exclude: /node_modules/,
  use: [{ loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { sourceMap: true, module: 'es2020', moduleResolution: 'bundler' } } }],
};

function webviewEntries() {
  const root = path.join(__dirname, 'webview-ui');
  const entries = {};
  for (const d of fs.readdirSync(root, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name === 'shared') continue;
    const main = path.join(root, d.name, 'main.ts');
    if (fs.existsSync(main)) entries[d.name] = main;
  }
  return entries;
}

module.exports = (env, argv) => {
  const production = argv.mode !== 'development';
  const common = {
    mode: production ? 'production' : 'development',
    devtool: production ? false : 'source-map',
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [tsRule] },
    infrastructureLogging: { level: 'warn' },
    performance: { hints: false },
  };
  /** @type {import('webpack').Configuration} */
  const extension = {
    ...common,
    name: 'extension',
    target: 'node20',
    entry: { extension: './src/extension/extension.ts' },
    output: { path: path.join(__dirname, 'dist'), filename: '[name].js', libraryTarget: 'commonjs2', clean: false },
    externals: { vscode: 'commonjs vscode' },
    // One file: the agent tools run the CLI's main, whose lazy imports would otherwise become chunk
    // files the .vsix does not ship (.vscodeignore names the bundles one by one).
    plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
  };
  /** @type {import('webpack').Configuration} */
  const webviews = {
    ...common,
    name: 'webviews',
    target: 'web',
    entry: webviewEntries(),
    output: { path: path.join(__dirname, 'dist', 'webview'), filename: '[name].js' },
  };
  /** @type {import('webpack').Configuration} */
  const cli = {
    ...common,
    name: 'cli',
    target: 'node20',
    entry: { cli: './src/cli/main.ts' },
    // Always written (compareBeforeEmit off): bin/pprof-lens.js trusts the bundle by its mtime.
    output: { path: path.join(__dirname, 'dist'), filename: '[name].js', libraryTarget: 'commonjs2', clean: false, compareBeforeEmit: false },
    // One file: the on-demand imports (trace, -proto, URLs) stay in it as modules run when first used.
    plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
    // Class and function names kept: error names and stacks (PPROF_LENS_DEBUG) stay readable.
    optimization: { minimizeOptions: { javascript: { compress: { passes: 2 }, keepClassnames: true, keepFnames: true } } },
  };
  return [extension, webviews, cli];
};
