// The debugger of type "go" for the Pprof Lens e2e tests (the Go extension itself is not on the npm
// registry). By default it is real Delve, run as the Go extension runs it: `dlv dap` (the pinned Delve that scripts/go-env.js --tools installs, first on PATH)
// started by this extension host, VS Code connected to its DAP server, and the program launched by
// Delve as its child. With processEvent: true, a stand-in adapter instead runs the program directly
// (not under any dlv) and announces its pid with DAP's "process" event, as adapters that are not
// Delve do: only Pprof Lens's second way of finding a debuggee can work then, so each way is tested.
'use strict';

const { spawn } = require('node:child_process');
const vscode = require('vscode');

/** The stand-in adapter (processEvent: true): no breakpoints, no stepping, just a running program. */
class FakeGoAdapter {
  constructor() {
    this.emitter = new vscode.EventEmitter();
    this.onDidSendMessage = this.emitter.event;
    this.seq = 1;
    this.dlv = undefined;
  }

  send(m) {
    this.emitter.fire({ seq: this.seq++, ...m });
  }

  respond(req, body = {}) {
    this.send({ type: 'response', request_seq: req.seq, command: req.command, success: true, body });
  }

  handleMessage(req) {
    if (req.type !== 'request') return;
    switch (req.command) {
      case 'initialize':
        this.respond(req, { supportsConfigurationDoneRequest: true });
        this.send({ type: 'event', event: 'initialized' });
        break;
      case 'launch':
        this.launch(req.arguments);
        this.respond(req);
        break;
      case 'threads':
        this.respond(req, { threads: [{ id: 1, name: 'main' }] });
        break;
      case 'disconnect':
      case 'terminate':
        this.stop();
        this.respond(req);
        break;
      default:
        this.respond(req);
    }
  }

  launch(args) {
    const child = spawn(args.program, args.args ?? [], { stdio: 'ignore' });
    this.dlv = child;
    this.send({ type: 'event', event: 'process', body: { name: args.program, systemProcessId: child.pid, isLocalProcess: true, startMethod: 'launch' } });
    this.send({ type: 'event', event: 'output', body: { category: 'console', output: `fake dlv: debuggee pid ${child.pid} (process event)\n` } });
  }

  stop() {
    if (this.dlv && this.dlv.exitCode === null) this.dlv.kill('SIGTERM');
    this.dlv = undefined;
  }

  dispose() {
    this.stop();
  }
}

/** Starts `dlv dap` on a free loopback port; resolves with the port once Delve says it listens. */
function startDelve(sessions, session) {
  // PPROF_LENS_DLV: the pinned Delve's absolute path (scripts/go-env.js), since the extension host's
  // PATH comes from the login shell, not from the process that started VS Code.
  const dlv = spawn(process.env.PPROF_LENS_DLV || 'dlv', ['dap', '--listen=127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  sessions.set(session.id, dlv);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`dlv dap did not start: ${out}`)), 20_000);
    const read = (d) => {
      out += d;
      const m = /listening at: \S*:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    dlv.stdout.on('data', read);
    dlv.stderr.on('data', read);
    dlv.on('error', (e) => { clearTimeout(timer); reject(e); });
    dlv.on('exit', (code) => { clearTimeout(timer); reject(new Error(`dlv dap exited (${code}): ${out}`)); });
  });
}

exports.activate = (context) => {
  const delves = new Map();
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory('go', {
      createDebugAdapterDescriptor: async (session) => {
        if (session.configuration.processEvent) return new vscode.DebugAdapterInlineImplementation(new FakeGoAdapter());
        return new vscode.DebugAdapterServer(await startDelve(delves, session), '127.0.0.1');
      },
    }),
    vscode.debug.onDidTerminateDebugSession((session) => {
      const dlv = delves.get(session.id);
      delves.delete(session.id);
      if (dlv && dlv.exitCode === null) setTimeout(() => { if (dlv.exitCode === null) dlv.kill('SIGKILL'); }, 5000);
    }),
    { dispose: () => { for (const dlv of delves.values()) if (dlv.exitCode === null) dlv.kill('SIGKILL'); } },
  );
};
