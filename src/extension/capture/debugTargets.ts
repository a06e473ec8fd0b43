// Finding the net/http/pprof server of a Go program under the debugger (debug type "go", Delve):
// the debuggee's pid comes from the adapter's "process" event (systemProcessId), from an attach
// configuration's processId, or else from the process tree (dlv, started under this extension host,
// runs the debuggee as its child); then its listening TCP ports are probed for /debug/pprof/.
import * as vscode from 'vscode';
import { CaptureTarget } from '../../collect/captureTarget';
import { childProcesses, delveDebuggees, descendants, listeningPorts, listProcesses } from '../../collect/listeningPorts';
import { probePprof } from '../../collect/probePprof';
import { processNamed } from '../../collect/procNet';
import type { Log } from '../log';
import { isTrusted } from '../workspaceTrust';

export interface DebugTarget extends CaptureTarget {
  session: vscode.DebugSession;
  pid: number;
}

const GO_DEBUG_TYPES = new Set(['go']);

export class DebugTargets implements vscode.Disposable {
  private readonly sessions = new Map<string, vscode.DebugSession>();
  private readonly pids = new Map<string, number>();
  /** The target chosen for a session, reused for its next captures. */
  private readonly chosen = new Map<string, CaptureTarget>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: Log) {
    for (const type of GO_DEBUG_TYPES) {
      this.disposables.push(vscode.debug.registerDebugAdapterTrackerFactory(type, {
        createDebugAdapterTracker: (session) => ({
          onDidSendMessage: (m: { type?: string; event?: string; body?: { systemProcessId?: unknown } }) => {
            if (m?.type === 'event' && m.event === 'process' && typeof m.body?.systemProcessId === 'number') {
              this.pids.set(session.id, m.body.systemProcessId);
              this.log.info(`debug session "${session.name}": debuggee pid ${m.body.systemProcessId}`);
            }
          },
        }),
      }));
    }
    this.disposables.push(
      vscode.debug.onDidStartDebugSession((s) => {
        if (GO_DEBUG_TYPES.has(s.type)) this.sessions.set(s.id, s);
      }),
      vscode.debug.onDidTerminateDebugSession((s) => {
        this.sessions.delete(s.id);
        this.pids.delete(s.id);
        this.chosen.delete(s.id);
      }),
    );
  }

  /** Go debug sessions running now. */
  activeSessions(): vscode.DebugSession[] {
    const active = vscode.debug.activeDebugSession;
    if (active && GO_DEBUG_TYPES.has(active.type)) this.sessions.set(active.id, active);
    return [...this.sessions.values()];
  }

  chosenFor(session: vscode.DebugSession): CaptureTarget | undefined {
    return this.chosen.get(session.id);
  }

  remember(session: vscode.DebugSession, target: CaptureTarget): void {
    this.chosen.set(session.id, target);
  }

  /** Every pprof server found in the processes of the active Go debug sessions. */
  async discover(): Promise<DebugTarget[]> {
    // Lists processes (ps, lsof) and probes their ports: not in Restricted Mode.
    if (!isTrusted()) return [];
    const sessions = this.activeSessions();
    if (sessions.length === 0) return [];
    const found: DebugTarget[] = [];
    const seen = new Set<string>();
    for (const session of sessions) {
      const pids = await this.debuggeePids(session);
      this.log.info(`debug session "${session.name}": looking for pprof in pid(s) ${pids.join(', ') || 'none found'}`);
      for (const pid of pids) {
        for (const p of await listeningPorts(pid)) {
          const baseUrl = `http://${p.hostPort}`;
          if (seen.has(baseUrl)) continue;
          seen.add(baseUrl);
          const ok = await probePprof(baseUrl);
          this.log.info(`  pid ${pid} listens on ${p.hostPort}: ${ok ? 'serves /debug/pprof/' : 'no pprof'}`);
          if (ok) found.push({ name: p.hostPort.replace(/^127\.0\.0\.1:/, 'localhost:'), baseUrl, session, pid });
        }
      }
    }
    return found;
  }

  /** The debuggee and its descendants, best first. */
  private async debuggeePids(session: vscode.DebugSession): Promise<number[]> {
    const known = this.pids.get(session.id) ?? configuredPid(session.configuration);
    const procs = process.platform === 'linux' ? await listProcesses() : [];
    const withChildren = (pid: number) => [pid, ...descendants(procs, pid).map((p) => p.pid)];
    if (known !== undefined) return withChildren(known);
    // Delve started by the Go extension runs under this extension host; the program is dlv's child.
    const out: number[] = [];
    if (process.platform === 'linux') {
      out.push(...delveDebuggees(procs, process.pid).map((p) => p.pid));
      if (out.length === 0) {
        const dlvs = procs.filter((p) => processNamed(p, /^dlv/)).map((p) => `${p.pid} (parent ${p.ppid})`);
        this.log.info(`no Delve below this extension host (pid ${process.pid}, ${procs.length} processes); dlv processes: ${dlvs.join(', ') || 'none'}`);
      }
    } else {
      for (const c of await childProcesses(process.pid)) {
        for (const g of await childProcesses(c.pid)) out.push(g.pid);
      }
    }
    return out;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function configuredPid(config: vscode.DebugConfiguration): number | undefined {
  const v = config.processId;
  if (typeof v === 'number' && v > 0) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return parseInt(v, 10);
  return undefined;
}
