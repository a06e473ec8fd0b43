// Tells the user, once per profile, where its sources were found when no setting said so (the
// inferred folder mapping, with Keep / Change… in one step), that files of the workspace's own code
// are still not found (with Map…), or that its dependencies' versions are not in the module cache
// (with Download Modules: `go mod download`), instead of leaving the editors silently bare.
import * as vscode from 'vscode';
import { messageText } from '../../core/text/untrustedText';
import type { Log } from '../log';
import type { ProfileSession } from '../sessions/activeProfiles';
import type { Inference, SourceLocator } from './sourceLocator';

/** Shows what inference found for `session`; `mapUnresolved` runs "Unresolved Source Files". */
export async function showInferenceNotice(
  session: ProfileSession,
  result: Inference,
  locator: SourceLocator,
  log: Log,
  mapUnresolved: () => Promise<void>,
): Promise<void> {
  const missing = result.ownUnresolved.length;
  const missingText =
    missing === 0 ? '' : ` ${missing} file(s) of this workspace's code are still not found (e.g. ${result.ownUnresolved[0]}).`;
  if (result.added.length > 0) {
    const m = result.added[0];
    const more = result.added.length > 1 ? ` (and ${result.added.length - 1} more folder(s))` : '';
    const pick = await vscode.window.showInformationMessage(
      messageText(
        `Pprof Lens: ${session.label} was built in ${m.from}; its sources are here in ${m.to}${more}, ` +
          `${result.added.reduce((n, x) => n + x.resolves, 0)} file(s) found.${missingText}`,
        600,
      ),
      'Keep',
      'Change…',
      ...(missing > 0 ? ['Map…'] : []),
      ...(result.missingModules.length > 0 ? ['Download Modules'] : []),
    );
    if (pick === 'Keep') {
      for (const x of result.added) await locator.addMapping({ from: x.from, to: x.to });
      log.info(`path mappings kept: ${result.added.map((x) => `${x.from} -> ${x.to}`).join(', ')}`);
    } else if (pick === 'Change…') {
      const folder = await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        openLabel: 'Map Here',
        title: `Local folder for ${m.from}`,
        defaultUri: vscode.Uri.file(m.to),
      });
      if (!folder?.length) return;
      await locator.addMapping({ from: m.from, to: folder[0].fsPath });
      log.info(`path mapping changed: ${m.from} -> ${folder[0].fsPath} (inferred ${m.to})`);
    } else if (pick === 'Map…') {
      await mapUnresolved();
    } else if (pick === 'Download Modules') {
      await downloadModules(result, locator);
    }
    return;
  }
  if (missing === 0) {
    if (result.missingModules.length > 0) await offerModuleDownload(session, result, locator);
    return;
  }
  log.info(`source paths: ${missing} file(s) of the workspace's code unresolved for ${session.label}: ${result.ownUnresolved.slice(0, 5).join(', ')}`);
  const pick = await vscode.window.showWarningMessage(
    messageText(
      `Pprof Lens: ${missing} source file(s) of this workspace's code are not found for ${session.label} ` +
        `(e.g. ${result.ownUnresolved[0]}), so their costs are not shown. Map the folder it was built in to yours.`,
      600,
    ),
    'Map…',
    ...(result.missingModules.length > 0 ? ['Download Modules'] : []),
  );
  if (pick === 'Map…') await mapUnresolved();
  else if (pick === 'Download Modules') await downloadModules(result, locator);
}

/** The profile's dependencies at their versions are not in the module cache: offer `go mod download`. */
async function offerModuleDownload(session: ProfileSession, result: Inference, locator: SourceLocator): Promise<void> {
  const mods = result.missingModules.map((m) => `${m.path}@${m.version}`);
  const pick = await vscode.window.showInformationMessage(
    messageText(
      `Pprof Lens: ${session.label} has costs in ${mods.length} module(s) at versions your module cache does not hold ` +
        `(${mods.slice(0, 3).join(', ')}${mods.length > 3 ? ', …' : ''}); download them to see their sources annotated?`,
      600,
    ),
    'Download Modules',
  );
  if (pick === 'Download Modules') await downloadModules(result, locator);
}

async function downloadModules(result: Inference, locator: SourceLocator): Promise<void> {
  const failed = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Pprof Lens: go mod download (${result.missingModules.length} module(s))` },
    () => locator.downloadModules(result.missingModules),
  );
  if (failed.length > 0) {
    void vscode.window.showWarningMessage(messageText(`Pprof Lens: ${failed.length} module(s) could not be downloaded: ${failed[0].module}: ${failed[0].error}`, 600));
  }
}
