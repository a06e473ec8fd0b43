// Bundles: the extension host (Node, `vscode` external) and one browser bundle per webview panel
// (each folder of webview-ui/ except shared/). `webpack --mode production` for the .vsix.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

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
  };
  /** @type {import('webpack').Configuration} */
  const webviews = {
    ...common,
    name: 'webviews',
    target: 'web',
    entry: webviewEntries(),
    output: { path: path.join(__dirname, 'dist', 'webview'), filename: '[name].js' },
  };
  return [extension, webviews];
};
