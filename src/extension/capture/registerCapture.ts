// Capturing from running Go programs: the capture commands, the target status bar item,
// and the Profiles view that lists what was captured. One call from extension.ts wires it all.
import * as path from 'path';
import * as vscode from 'vscode';
import { captureKind, CaptureKindId } from '../../collect/captureKind';
import { CaptureTarget, NextTarget, parseSeconds, parseTargetUrl, sidecarTarget } from '../../collect/captureTarget';
import { messageText, oneLine } from '../../core/text/untrustedText';
import type { Log } from '../log';
import { requireTrust } from '../workspaceTrust';
import { openCapture } from '../profilesView/openCapture';
import { ProfilesView } from '../profilesView/profilesView';
import type { TargetNode } from '../profilesView/profilesTree';
import { captureStorageDir, configuredTargets, cpuProfileSeconds, traceSeconds } from './captureSettings';
import { CaptureRunner, failureMessage } from './captureRunner';
import { DebugTargets } from './debugTargets';
import { GitIgnoreOffer } from './gitIgnoreOffer';
import { TargetPicker } from './targetPicker';
import { errorMessage } from '../../core/text/errorMessage';

export interface CaptureCommand {
  id: string;
  kind: CaptureKindId;
  /** Fixed collection time, or 'ask' (with the default from settings). */
  seconds?: number | 'ask';
}

/** Command ids and titles are also in package.json (contributes.commands). */
export const CAPTURE_COMMANDS: readonly CaptureCommand[] = [
  { id: 'pprofLens.profile30s', kind: 'cpu', seconds: 30 },
  { id: 'pprofLens.profileCpu', kind: 'cpu', seconds: 'ask' },
  { id: 'pprofLens.captureHeap', kind: 'heap' },
  { id: 'pprofLens.captureAllocs', kind: 'allocs' },
  { id: 'pprofLens.captureGoroutine', kind: 'goroutine' },
  { id: 'pprofLens.captureGoroutineDump', kind: 'goroutine-dump' },
  { id: 'pprofLens.captureGoroutineLeak', kind: 'goroutine-leak' },
  { id: 'pprofLens.captureBlock', kind: 'block' },
  { id: 'pprofLens.captureMutex', kind: 'mutex' },
  { id: 'pprofLens.captureThreadcreate', kind: 'threadcreate' },
  { id: 'pprofLens.captureTrace', kind: 'trace', seconds: 'ask' },
];

/** Optional argument of the capture commands, for other features and keybindings. */
export interface CaptureArgs {
  /** "localhost:6060" or a base URL; skips target resolution. */
  target?: string | CaptureTarget;
  seconds?: number;
  /** false: save and list the capture without opening it (the caller shows it its own way). */
  open?: boolean;
}

/** CaptureArgs after checking: the target resolved to a URL. */
interface CaptureOptions {
  target?: CaptureTarget;
  seconds?: number;
  open?: boolean;
}

export interface CaptureApi {
  profiles: ProfilesView;
  storageDir(): string;
  /** The capture target as the capture commands resolve it (debug session, settings, or ask); Watch Goroutines / Watch Heap use it. */
  resolveTarget(): Promise<CaptureTarget | undefined>;
  /** The target the next capture uses when no debug session serves pprof (as the status bar shows it). */
  nextTarget(): NextTarget;
  /**
   * The target of a Profiles view group (its URL read from the captures' sidecars): as it is when the
   * URL is configured or was chosen before, else only after the user confirms it; undefined: do nothing.
   */
  groupTarget(name: string, url: string): Promise<CaptureTarget | undefined>;
}

/**
 * Sets up capture (targets, status bar item, runner, the Profiles view); returns what other features
 * use of it and the command handlers (src/extension/commands.ts registers them).
 */
export function registerCapture(context: vscode.ExtensionContext, log: Log) {
  const storageDir = () => captureStorageDir(context);
  const debug = new DebugTargets(log);
  const targets = new TargetPicker(context, debug, log);
  const runner = new CaptureRunner(log);
  // The first capture in a folder git does not ignore asks once whether to keep captures out of git.
  const gitignore = new GitIgnoreOffer(context.workspaceState, log);
  const profiles = new ProfilesView(storageDir, log, () => void gitignore.maybeOffer(storageDir()));
  context.subscriptions.push(debug, targets, runner, profiles);

  const groupTarget = async (name: string, url: string): Promise<CaptureTarget | undefined> => {
    const t = sidecarTarget(url, configuredTargets(), targets.chosenUrls());
    if (!t.ok) {
      void vscode.window.showErrorMessage(messageText(`Pprof Lens: cannot capture from the group ${oneLine(name, 80)}: ${oneLine(t.message, 300)}`));
      return undefined;
    }
    if (!t.known) {
      const go = 'Capture';
      const choice = await vscode.window.showWarningMessage(messageText(`Pprof Lens: capture from ${t.baseUrl}?`), {
        modal: true,
        detail: `This address comes from the .json files next to the captures of "${messageText(name, 80)}", not from ` +
          'your settings or a target you chose. Anyone who could write that folder (a cloned repository, for one) ' +
          'could have written it. Capture from it only if you know this program.',
      }, go);
      if (choice !== go) return undefined;
      await targets.rememberChosen(t.baseUrl);
    }
    return { name, baseUrl: t.baseUrl, headers: t.headers };
  };

  const capture = async (cmd: CaptureCommand, args?: CaptureOptions): Promise<string | undefined> => {
    const kind = captureKind(cmd.kind);
    if (!requireTrust(`Capturing the ${kind.label}`)) return undefined;
    let seconds: number | undefined;
    if (typeof args?.seconds === 'number' && args.seconds >= 1) seconds = Math.trunc(args.seconds);
    else if (typeof cmd.seconds === 'number') seconds = cmd.seconds;
    else if (cmd.seconds === 'ask') {
      const initial = cmd.kind === 'trace' ? traceSeconds() : cpuProfileSeconds();
      const typed = await vscode.window.showInputBox({
        title: `Pprof Lens: ${kind.label}`,
        prompt: `How many seconds to collect the ${kind.label} for?`,
        value: String(initial),
        ignoreFocusOut: true,
        validateInput: (v) => {
          const r = parseSeconds(v);
          return typeof r === 'string' ? r : undefined;
        },
      });
      if (typed === undefined) return undefined;
      const r = parseSeconds(typed);
      if (typeof r === 'string') return undefined;
      seconds = r;
    }
    const target = args?.target ?? (await targets.resolve());
    if (!target) return undefined;

    const dir = storageDir();
    const outcome = await runner.run({ kind, target, seconds, storageDir: dir, fallbackDir: path.join(context.globalStorageUri.fsPath, 'captures') });
    if (!outcome.ok) {
      if (outcome.cancelled) {
        vscode.window.setStatusBarMessage(`Pprof Lens: ${kind.label} cancelled`, 4000);
        return undefined;
      }
      const retry = 'Retry';
      const change = 'Change Target';
      const showLog = 'Show Log';
      void vscode.window.showErrorMessage(messageText(`Pprof Lens: ${failureMessage(kind, target, outcome.message, outcome.error)}`, 600), retry, change, showLog)
        .then(async (choice) => {
          if (choice === retry) await capture(cmd, { target, seconds });
          else if (choice === change && (await targets.select())) await capture(cmd, { seconds });
          else if (choice === showLog) log.show();
        });
      return undefined;
    }
    await profiles.reveal(outcome.path);
    if (args?.open !== false) await openCapture(outcome.path, log);
    return outcome.path;
  };

  /** The handler of one capture command (the commands of CAPTURE_COMMANDS differ only in their kind). */
  const captureCommand = (cmd: CaptureCommand) => async (arg?: unknown) => {
    let args: CaptureOptions | undefined;
    try {
      const group = groupNode(arg);
      if (group) {
        // Trust first: no question about a URL that would not be captured from anyway.
        if (!requireTrust(`Capturing the ${captureKind(cmd.kind).label}`)) return undefined;
        const target = await groupTarget(group.target, group.baseUrl);
        if (!target) return undefined;
        return capture(cmd, { target });
      }
      args = captureArgs(arg);
    } catch (e) {
      void vscode.window.showErrorMessage(messageText(`Pprof Lens: ${errorMessage(e)}`, 600));
      return undefined;
    }
    return capture(cmd, args);
  };
  void profiles.refresh();
  const api: CaptureApi = { profiles, storageDir, resolveTarget: () => targets.resolve(), nextTarget: () => targets.next(), groupTarget };
  return {
    api,
    commands: {
      captureCommand,
      selectTarget: () => targets.select(),
      cancelCaptures: () => runner.cancelAll(),
      profiles: profiles.commands(),
    },
  };
}

/**
 * The commands' optional argument: CaptureArgs (other features, keybindings), or a target node of
 * the Profiles view (its context menu). Anything else (a URI from an explorer menu) is ignored.
 */
function captureArgs(a: unknown): CaptureOptions | undefined {
  if (typeof a !== 'object' || a === null || a instanceof vscode.Uri) return undefined;
  const args = a as CaptureArgs;
  if (args.target === undefined && args.seconds === undefined && args.open === undefined) return undefined;
  return { target: args.target === undefined ? undefined : targetFromArg(args.target), seconds: args.seconds, ...(args.open === false ? { open: false } : {}) };
}

function targetFromArg(t: string | CaptureTarget): CaptureTarget {
  const r = parseTargetUrl(typeof t === 'string' ? t : t.baseUrl);
  if (!r.ok) throw new Error(r.message);
  // Headers come from the settings for a configured URL (they may hold tokens).
  const configured = configuredTargets().find((c) => c.baseUrl === r.baseUrl && !c.problem);
  const name = typeof t === 'string' ? configured?.name ?? new URL(r.baseUrl).host : t.name;
  return { name, baseUrl: r.baseUrl, headers: (typeof t === 'string' ? undefined : t.headers) ?? configured?.headers };
}

/**
 * A Profiles view target group passed as a command's argument (its context menu), with the URL its
 * captures' sidecars name; undefined for anything else.
 */
export function groupNode(a: unknown): { target: string; baseUrl: string } | undefined {
  if (typeof a !== 'object' || a === null || a instanceof vscode.Uri) return undefined;
  const node = a as Partial<TargetNode>;
  return node.type === 'target' && typeof node.baseUrl === 'string' && typeof node.target === 'string'
    ? { target: node.target, baseUrl: node.baseUrl } : undefined;
}
