// The "Pprof Lens" output channel: what the extension did and why something failed, for users and
// for end-to-end tests (a second witness beside the UI).
import * as vscode from 'vscode';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Pprof Lens');

  info(message: string): void {
    this.channel.appendLine(`${new Date().toISOString()} [info] ${message}`);
  }

  error(message: string, err?: unknown): void {
    const detail = err instanceof Error ? `: ${err.message}` : err !== undefined ? `: ${String(err)}` : '';
    this.channel.appendLine(`${new Date().toISOString()} [error] ${message}${detail}`);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
