// Showing a capture: profiles (and goroutine dumps, which the parser turns into goroutine profiles)
// in the profile editor; execution traces are kept and listed, but have no viewer yet.
import * as path from 'path';
import * as vscode from 'vscode';
import type { Log } from '../log';
import { PROFILE_EDITOR_VIEW_TYPE } from '../profileEditor/profileEditorProvider';

export function isTraceFile(p: string): boolean {
  return p.endsWith('.trace');
}

export async function openCapture(p: string, log: Log): Promise<void> {
  const uri = vscode.Uri.file(p);
  if (isTraceFile(p)) {
    log.info(`execution trace ${p}: no trace viewer yet`);
    const reveal = 'Reveal in File Explorer';
    const choice = await vscode.window.showInformationMessage(
      `Execution trace saved as ${path.basename(p)}. Pprof Lens cannot show traces yet; open it with "go tool trace".`,
      reveal,
      'Copy Path',
    );
    if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', uri);
    else if (choice === 'Copy Path') await vscode.env.clipboard.writeText(p);
    return;
  }
  log.info(`open capture ${p}`);
  await vscode.commands.executeCommand('vscode.openWith', uri, PROFILE_EDITOR_VIEW_TYPE);
}
