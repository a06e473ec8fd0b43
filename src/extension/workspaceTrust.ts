// Restricted Mode (package.json capabilities.untrustedWorkspaces: "limited"). Viewing profiles and traces
// is safe in any folder; running programs (go test, go list, go env, ps/lsof for debuggees) and sending
// requests (captures, watches) is not, since a cloned repository's settings and files choose what runs
// and where requests go. Those code paths call requireTrust first; VS Code itself ignores the workspace
// values of the settings listed in restrictedConfigurations until the folder is trusted.
import * as vscode from 'vscode';

/** Why `action` (e.g. "Capturing a profile") does not run in Restricted Mode, for the user. */
export function untrustedMessage(action: string): string {
  return `Pprof Lens: ${action} is off in Restricted Mode: it runs programs or sends requests that this ` +
    'workspace\'s settings and files could choose. Viewing profiles and traces works; trust the folder to enable it.';
}

/** True when the workspace is trusted (or has no folder). */
export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/**
 * True when the workspace is trusted; otherwise shows untrustedMessage(action) with a button that opens
 * the Workspace Trust editor, and returns false: the caller then does nothing.
 */
export function requireTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  void vscode.window.showWarningMessage(untrustedMessage(action), manage).then((choice) => {
    if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
