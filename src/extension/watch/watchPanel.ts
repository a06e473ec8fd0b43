// The panel of one watch (webview-ui/watch): chart of the total and the largest parts over time,
// suspected leaks with their creation site, Stop, and for the heap "Compare First and Last".
import * as vscode from 'vscode';
import type { HostToWatch, WatchToHost } from '../../protocol/messages';
import type { Log } from '../log';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import type { Watcher } from './watcher';

export function openWatchPanel(extensionUri: vscode.Uri, watcher: Watcher, log: Log): vscode.WebviewPanel {
  const title = `${watcher.kind === 'goroutines' ? 'Goroutines' : 'Heap'} of ${watcher.target.name}`;
  const panel = vscode.window.createWebviewPanel('pprofLens.watch', title, vscode.ViewColumn.Active, {
    ...webviewOptions(extensionUri),
    retainContextWhenHidden: true, // the chart keeps its history while hidden
  });
  panel.webview.html = webviewHtml(panel.webview, extensionUri, { name: 'watch', title });
  const post = () => void panel.webview.postMessage({ type: 'watch', model: watcher.model() } satisfies HostToWatch);
  const sub = watcher.onDidChange(post);
  panel.webview.onDidReceiveMessage(async (m: WatchToHost) => {
    switch (m.type) {
      case 'ready':
        post();
        break;
      case 'stop':
        watcher.stop();
        break;
      case 'openSource':
        if (m.file) await vscode.commands.executeCommand('pprofLens.openSourceLocation', m.file, m.line);
        break;
      case 'openLatest': {
        const f = watcher.files[watcher.files.length - 1];
        if (f) await vscode.commands.executeCommand(watcher.kind === 'goroutines' ? 'pprofLens.showGoroutines' : 'pprofLens.openProfile', vscode.Uri.file(f));
        break;
      }
      case 'compareFirstLast': {
        const files = watcher.files;
        if (files.length < 2) {
          void vscode.window.showInformationMessage('Pprof Lens: two snapshots are needed to compare.');
          break;
        }
        log.info(`watch: comparing ${files[files.length - 1]} with ${files[0]}`);
        await vscode.commands.executeCommand('pprofLens.compareWithBase', { target: files[files.length - 1], base: files[0], mode: 'base', normalize: false });
        break;
      }
    }
  });
  panel.onDidDispose(() => {
    sub.dispose();
    watcher.dispose();
  });
  return panel;
}
