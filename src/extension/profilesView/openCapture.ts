// Showing a capture: profiles (and goroutine dumps, which the parser turns into goroutine profiles)
// in the profile editor; execution traces in the trace editor; goroutine leak profiles in
// the goroutine view.
import * as path from 'path';
import * as vscode from 'vscode';
import type { Log } from '../log';
import { PROFILE_EDITOR_VIEW_TYPE } from '../profileEditor/profileEditorProvider';
import { TRACE_EDITOR_VIEW_TYPE } from '../traceEditor/traceEditorProvider';
import { isLeakCapture } from '../goroutines/goroutinesPanel';

export function isTraceFile(p: string): boolean {
  return p.endsWith('.trace');
}

export async function openCapture(p: string, log: Log): Promise<void> {
  const uri = vscode.Uri.file(p);
  if (isTraceFile(p)) {
    // Traces open in the trace editor (timeline, goroutine analysis).
    log.info(`open execution trace ${p} (${path.basename(p)})`);
    await vscode.commands.executeCommand('vscode.openWith', uri, TRACE_EDITOR_VIEW_TYPE);
    return;
  }
  if (isLeakCapture(p)) {
    // A goroutine leak profile opens in the goroutine view, headed as leaks with their creation sites.
    log.info(`open goroutine leak profile ${p}`);
    await vscode.commands.executeCommand('pprofLens.showGoroutines', uri);
    return;
  }
  log.info(`open capture ${p}`);
  await vscode.commands.executeCommand('vscode.openWith', uri, PROFILE_EDITOR_VIEW_TYPE);
}
