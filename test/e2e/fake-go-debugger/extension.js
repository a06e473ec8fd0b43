// A debug adapter of type "go" for the Pprof Lens e2e tests. "launch" runs `program` the way Delve
// does, as the child of a process named "dlv" (node under that name, via a symlink); or, with
// processEvent: true, directly (not under any dlv) and announces its pid with DAP's "process" event.
// Each way, only one of Pprof Lens's two ways of finding the debuggee can work, so each is tested.
// No breakpoints, no stepping: just a running program.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vscode = require('vscode');

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
    if (args.processEvent) {
      const child = spawn(args.program, args.args ?? [], { stdio: 'ignore' });
      this.dlv = child;
      this.send({ type: 'event', event: 'process', body: { name: args.program, systemProcessId: child.pid, isLocalProcess: true, startMethod: 'launch' } });
      this.send({ type: 'event', event: 'output', body: { category: 'console', output: `fake dlv: debuggee pid ${child.pid} (process event)\n` } });
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-dlv-'));
    const dlv = path.join(dir, 'dlv');
    fs.symlinkSync(process.execPath, dlv);
    const script = `const c = require('child_process').spawn(${JSON.stringify(args.program)}, ${JSON.stringify(args.args ?? [])}, { stdio: 'ignore' });
      console.log(c.pid);
      const stop = () => { try { c.kill('SIGKILL'); } catch {} process.exit(0); };
      process.on('SIGTERM', stop); process.on('disconnect', stop); setInterval(() => {}, 1000);`;
    this.dlv = spawn(dlv, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore', 'ipc'] });
    this.dlv.stdout.once('data', (d) => {
      const pid = parseInt(String(d), 10);
      this.send({ type: 'event', event: 'output', body: { category: 'console', output: `fake dlv: debuggee pid ${pid}\n` } });
    });
  }

  stop() {
    if (this.dlv && this.dlv.exitCode === null) this.dlv.kill('SIGTERM');
    this.dlv = undefined;
  }

  dispose() {
    this.stop();
  }
}

exports.activate = (context) => {
  context.subscriptions.push(vscode.debug.registerDebugAdapterDescriptorFactory('go', {
    createDebugAdapterDescriptor: () => new vscode.DebugAdapterInlineImplementation(new FakeGoAdapter()),
  }));
};
