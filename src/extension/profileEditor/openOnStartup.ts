// Opening a profile when VS Code starts, for `npm run demo` and other automation that starts VS Code
// for someone: PPROF_LENS_OPEN=<profile file> in the environment of VS Code (or code-server) opens it in
// the profile editor, and the source line where it spends the most beside it, with its figures. A URL's
// `payload=openFile` cannot do this: at first load VS Code opens the file before the extension's
// editor is registered, as binary text. It takes effect when the extension activates at start-up: in a
// workspace with a .pprof/ folder of captures (the demo's), not in every window (activating everywhere
// would run `go env` and the file watchers in windows that never look at a profile).
import * as fs from 'fs';
import * as vscode from 'vscode';
import { openHottestSourceCommand } from '../annotations/hottestSource';
import type { Log } from '../log';
import { activeProfiles } from '../sessions/activeProfiles';
import { PROFILE_EDITOR_VIEW_TYPE } from './profileEditorProvider';

/** The environment variable naming the profile to open at start-up. */
export const OPEN_ON_STARTUP_ENV = 'PPROF_LENS_OPEN';

/**
 * Opens $PPROF_LENS_OPEN (when set and a file) in the profile editor, waits for it to be the active
 * profile (at most timeoutMs), then opens its hottest source beside it. Never throws: what fails is logged.
 */
export async function openOnStartup(log: Log, env: NodeJS.ProcessEnv = process.env, timeoutMs = 30_000): Promise<void> {
  const file = env[OPEN_ON_STARTUP_ENV];
  if (!file) return;
  try {
    if (!fs.statSync(file).isFile()) throw new Error('not a file');
  } catch (e) {
    log.info(`${OPEN_ON_STARTUP_ENV}=${file}: cannot open it (${(e as Error).message})`);
    return;
  }
  const uri = vscode.Uri.file(file);
  log.info(`${OPEN_ON_STARTUP_ENV}: opening ${file}`);
  try {
    const shown = waitForActive(uri, timeoutMs);
    await vscode.commands.executeCommand('vscode.openWith', uri, PROFILE_EDITOR_VIEW_TYPE, { viewColumn: vscode.ViewColumn.One });
    if (await shown) await vscode.commands.executeCommand(openHottestSourceCommand);
    else log.info(`${OPEN_ON_STARTUP_ENV}: ${file} was not shown within ${timeoutMs} ms`);
  } catch (e) {
    log.error(`${OPEN_ON_STARTUP_ENV}: cannot open ${file}`, e);
  }
}

/** Resolves true once the profile at uri is the active profile, false after timeoutMs. */
function waitForActive(uri: vscode.Uri, timeoutMs: number): Promise<boolean> {
  const isActive = () => activeProfiles.active()?.uri.toString() === uri.toString();
  if (isActive()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const sub = activeProfiles.onDidChange(() => {
      if (!isActive()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(true);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(false);
    }, timeoutMs);
  });
}
