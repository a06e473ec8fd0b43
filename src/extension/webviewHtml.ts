// The HTML shell of every webview: strict CSP (nothing but our bundle and stylesheet, by nonce and
// by the webview's own origin), theme from VS Code's CSS variables.
import * as vscode from 'vscode';

export interface WebviewBundle {
  /** Bundle name: dist/webview/<name>.js and media/<name>.css. */
  name: string;
  title: string;
  /** The bundle instantiates WebAssembly (Graphviz): adds 'wasm-unsafe-eval' to script-src. */
  wasm?: boolean;
}

/** Resource roots a webview may load from: the built bundles and the static media, nothing else. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: webviewRoots(extensionUri) };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: WebviewBundle): string {
  const nonce = makeNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${bundle.name}.js`));
  const sharedStyle = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'shared.css'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', `${bundle.name}.css`));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'${bundle.wasm ? " 'wasm-unsafe-eval'" : ''}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${sharedStyle}">
<link rel="stylesheet" href="${style}">
<title>${escapeText(bundle.title)}</title>
</head>
<body>
<div id="app" role="main"></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

function makeNonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
