// The whole chain that finds a debugged program's pprof server, on real processes (Linux): a stand-in
// "dlv" (node under that name) started by this process runs the sample Go service on a port nobody
// chose (127.0.0.1:0); delveDebuggees finds the service below us, /proc gives its port, and the probe
// recognises net/http/pprof there. What the extension does for a Go debug session without a pid.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { delveDebuggees, listeningPortsLinux, listProcesses } from '../../../src/collect/listeningPorts';
import { probePprof } from '../../../src/collect/probePprof';
import { repoRoot } from '../../testEnv';


const service = path.join(repoRoot, 'test', 'fixtures', 'generated', 'bin', 'sample-service');
const skip = process.platform !== 'linux' ? 'Linux /proc only'
  : !fs.existsSync(service) ? 'sample-service not built (node scripts/gen-profiles.js)' : false;

describe('finding the pprof server of a program run by Delve', { skip, timeout: 30_000 }, () => {
  let tmp = '';
  let dlv: ChildProcess | undefined;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-dlv-'));
    fs.symlinkSync(process.execPath, path.join(tmp, 'dlv'));
    const script = `const c = require('child_process').spawn(${JSON.stringify(service)}, ['-addr', '127.0.0.1:0'], { stdio: 'ignore' });
      process.on('SIGTERM', () => { c.kill('SIGKILL'); process.exit(0); }); setInterval(() => {}, 1000);`;
    dlv = spawn(path.join(tmp, 'dlv'), ['-e', script], { stdio: 'ignore' });
  });

  after(() => {
    dlv?.kill('SIGTERM');
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('dlv\'s child, its listening port, and /debug/pprof/ there', async () => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const procs = await listProcesses();
      const debuggees = delveDebuggees(procs, process.pid);
      if (debuggees.length > 0) {
        assert.equal(debuggees.length, 1, JSON.stringify(debuggees));
        assert.equal(debuggees[0].comm, 'sample-service');
        assert.equal(procs.find((p) => p.pid === debuggees[0].ppid)?.comm, 'dlv');
        const ports = await listeningPortsLinux(debuggees[0].pid);
        if (ports.length > 0) {
          assert.equal(ports.length, 1, JSON.stringify(ports));
          assert.match(ports[0].hostPort, /^127\.0\.0\.1:\d+$/);
          assert.equal(await probePprof(`http://${ports[0].hostPort}`, 3000), true);
          return;
        }
      }
      if (Date.now() > deadline) assert.fail('the sample service under "dlv" was not found listening');
      await new Promise((r) => setTimeout(r, 200));
    }
  });
});
