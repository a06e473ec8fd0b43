// The agent tools (src/agent/profileTools.ts) as VS Code language-model tools, for Copilot's agent
// mode and other chat participants (`#pprofTop` …). package.json's contributes.languageModelTools
// describes them (names, descriptions, input schemas, a unit test keeps both equal); here each is
// registered with vscode.lm.registerTool. capture_profile asks the user first, every time
// (prepareInvocation), captures only from the configured or resolved target, and only in a trusted
// workspace. On VS Code builds without the language-model tool API nothing is registered, and the
// rest of the extension activates as before.
import * as path from 'path';
import * as vscode from 'vscode';
import { findTool, PROFILE_TOOLS, runTool, type ToolContext } from '../../agent/profileTools';
import { checkInput, ToolInputError } from '../../agent/toolInput';
import { captureKind, type CaptureKindId } from '../../collect/captureKind';
import { CAPTURE_COMMANDS, type CaptureApi } from '../capture/registerCapture';
import { configuredTargets } from '../capture/captureSettings';
import type { Log } from '../log';
import { isTrusted } from '../workspaceTrust';

/** The language-model tool's name of an agent tool, as package.json contributes it. */
export const lmToolName = (tool: string): string => `pprofLens_${tool}`;

// The parts of the vscode.lm tool API (VS Code 1.95+) used here; @types/vscode is pinned at 1.90.
interface LmToolInvocation { input: unknown }
interface LmPrepared { invocationMessage?: string; confirmationMessages?: { title: string; message: string | vscode.MarkdownString } }
interface LmTool {
  invoke(options: LmToolInvocation, token: vscode.CancellationToken): Promise<unknown>;
  prepareInvocation?(options: LmToolInvocation, token: vscode.CancellationToken): LmPrepared | undefined;
}
interface LmApi {
  lm?: { registerTool?: (name: string, tool: LmTool) => vscode.Disposable };
  LanguageModelToolResult?: new (parts: unknown[]) => unknown;
  LanguageModelTextPart?: new (text: string) => unknown;
}

/** Registers the tools when this VS Code has vscode.lm.registerTool; returns whether it did. */
export function registerAgentTools(context: vscode.ExtensionContext, log: Log, captureApi: CaptureApi): boolean {
  const api = vscode as unknown as LmApi;
  const register = api.lm?.registerTool;
  const Result = api.LanguageModelToolResult;
  const TextPart = api.LanguageModelTextPart;
  if (typeof register !== 'function' || !Result || !TextPart) {
    log.info('language-model tools not registered: this VS Code has no vscode.lm.registerTool');
    return false;
  }
  const toolContext = (): ToolContext => ({
    folders: [captureApi.storageDir(), ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath)],
    files: openProfiles,
    capture: (args) => captureForAgent(args),
  });
  for (const tool of PROFILE_TOOLS) {
    const impl: LmTool = {
      invoke: async (options) => {
        log.info(`agent tool ${tool.name} ${JSON.stringify(options.input).slice(0, 300)}`);
        const r = await runTool(tool.name, options.input, toolContext());
        if (r.isError) throw new Error(r.text);
        return new Result([new TextPart(r.text)]);
      },
    };
    if (tool.acts) impl.prepareInvocation = (options) => captureConfirmation(options.input);
    context.subscriptions.push(register.call(api.lm, lmToolName(tool.name), impl));
  }
  log.info(`language-model tools registered: ${PROFILE_TOOLS.map((t) => lmToolName(t.name)).join(', ')}`);
  return true;
}

/** The question VS Code asks before every capture_profile call (arguments shown only as checked). */
export function captureConfirmation(input: unknown): LmPrepared {
  let kind = 'profile';
  let seconds = '';
  let from = 'from the capture target';
  try {
    const a = checkInput(findTool('capture_profile')!.inputSchema, input);
    kind = captureKind(a.kind as CaptureKindId).label;
    if (a.seconds !== undefined) seconds = ` for ${a.seconds} s`;
    // A name the agent wrote: shown as plain characters, at most 100.
    if (a.target !== undefined) from = `from ${String(a.target).replace(/[^\w.:/@-]/g, '?').slice(0, 100)}`;
  } catch {
    // wrong arguments: invoke will refuse them after the user answers
  }
  const what = `a ${kind}${seconds} ${from}`;
  return {
    invocationMessage: `Capturing ${what}`,
    confirmationMessages: {
      title: 'Capture a profile from a running program?',
      message: `The agent asks Pprof Lens to capture ${what}. This sends a request to the running program and saves what it returns in the captures folder.`,
    },
  };
}

/** Files open in Pprof Lens's profile and trace editors. */
function openProfiles(): string[] {
  const out: string[] = [];
  for (const g of vscode.window.tabGroups.all) {
    for (const t of g.tabs) {
      const input = t.input;
      if (input instanceof vscode.TabInputCustom && (input.viewType === 'pprofLens.profileEditor' || input.viewType === 'pprofLens.traceEditor') && input.uri.scheme === 'file') {
        out.push(input.uri.fsPath);
      }
    }
  }
  return [...new Set(out)];
}

/** Runs the capture command of `kind` (the user has confirmed); a target must be a configured one. */
async function captureForAgent(args: { kind: string; seconds?: number; target?: string }): Promise<string> {
  if (!isTrusted()) throw new ToolInputError('capturing is off in Restricted Mode: the user has to trust this workspace first');
  const cmd = CAPTURE_COMMANDS.find((c) => c.kind === (args.kind as CaptureKindId));
  if (!cmd) throw new ToolInputError(`cannot capture "${args.kind}" (kinds: ${[...new Set(CAPTURE_COMMANDS.map((c) => c.kind))].join(', ')})`);
  let target;
  if (args.target !== undefined) {
    const configured = configuredTargets().filter((t) => !t.problem);
    target = configured.find((t) => t.name === args.target || t.baseUrl === args.target?.replace(/\/+$/, ''));
    if (!target) {
      throw new ToolInputError(`"${args.target}" is not a configured target (pprofLens.targets: ${configured.map((t) => `${t.name} ${t.baseUrl}`).join(', ') || 'none'}); omit target to use the current one`);
    }
  }
  const file = await vscode.commands.executeCommand<string | undefined>(cmd.id, { ...(target ? { target } : {}), ...(args.seconds ? { seconds: args.seconds } : {}), open: false });
  if (!file) throw new ToolInputError(`the ${captureKind(cmd.kind).label} was not captured (cancelled, no target, or it failed: the notification says why)`);
  return path.resolve(file);
}
