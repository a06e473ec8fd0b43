// /proc/net/tcp{,6}, /proc/<pid>/stat and lsof parsing on captured samples, and the live lookup of
// this very process's listening port (Linux).
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { delveDebuggees, descendants, listeningPortsLinux, listProcesses } from '../../../src/collect/listeningPorts';
import { connectHost, parseCmdlineArgv0, parseLsofListen, parseProcNetTcp, parseProcStat, processNamed, socketInode } from '../../../src/collect/procNet';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 23456 1 0000000000000000 100 0 0 10 0
   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1111 1 0000000000000000 100 0 0 10 0
   2: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 23457 1 0000000000000000 20 4 30 10 -1
`;

const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 34567 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000001000000:1F92 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 34568 1 0000000000000000 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:1F93 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 34569 1 0000000000000000 100 0 0 10 0
   3: B80D0120000000000000000001000000:1F94 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 34570 1 0000000000000000 100 0 0 10 0
`;

describe('/proc/net/tcp', () => {
  it('listening IPv4 sockets only (st 0A), little-endian addresses', () => {
    assert.deepEqual(parseProcNetTcp(TCP, 4), [
      { address: '127.0.0.1', port: 8080, inode: 23456, family: 4 },
      { address: '0.0.0.0', port: 22, inode: 1111, family: 4 },
    ]);
    assert.equal(parseProcNetTcp(TCP, 4, false)[0].address, '1.0.0.127');
  });
  it('IPv6: wildcard, loopback, IPv4-mapped, a global address', () => {
    assert.deepEqual(parseProcNetTcp(TCP6, 6).map((s) => [s.address, s.port, s.inode]), [
      ['::', 8081, 34567],
      ['::1', 8082, 34568],
      ['127.0.0.1', 8083, 34569],
      ['2001:db8::1', 8084, 34570],
    ]);
  });
  it('ignores headers, blank and malformed lines', () => {
    assert.deepEqual(parseProcNetTcp('garbage\n\n 0: zz:1 00:00 0A a b c d e f\n', 4), []);
  });
  it('socket inodes, connect hosts', () => {
    assert.equal(socketInode('socket:[23456]'), 23456);
    assert.equal(socketInode('pipe:[1]'), undefined);
    assert.equal(socketInode('/dev/null'), undefined);
    assert.equal(connectHost('0.0.0.0'), '127.0.0.1');
    assert.equal(connectHost('::'), '127.0.0.1');
    assert.equal(connectHost('::1'), '[::1]');
    assert.equal(connectHost('10.1.2.3'), '10.1.2.3');
  });
});

describe('/proc/<pid>/stat and lsof', () => {
  it('comm with spaces and parentheses', () => {
    assert.deepEqual(parseProcStat('1234 (my (weird) prog) S 99 1234 1234 0 -1 4194560 ...'), { pid: 1234, comm: 'my (weird) prog', ppid: 99 });
    assert.deepEqual(parseProcStat('77 (__debug_bin12) R 76 1 1'), { pid: 77, comm: '__debug_bin12', ppid: 76 });
    assert.equal(parseProcStat('nonsense'), undefined);
  });
  it('descendants, breadth first, cycles ignored', () => {
    const procs = [
      { pid: 10, comm: 'code', ppid: 1 },
      { pid: 11, comm: 'dlv', ppid: 10 },
      { pid: 12, comm: '__debug_bin', ppid: 11 },
      { pid: 13, comm: 'worker', ppid: 12 },
      { pid: 20, comm: 'other', ppid: 1 },
      { pid: 30, comm: 'a', ppid: 31 },
      { pid: 31, comm: 'b', ppid: 30 },
    ];
    assert.deepEqual(descendants(procs, 10).map((p) => p.pid), [11, 12, 13]);
    assert.deepEqual(descendants(procs, 30).map((p) => p.pid), [31]);
  });
  it('programs under Delve: dlv\'s descendants, not dlv or its go build', () => {
    const procs = [
      { pid: 100, comm: 'node', ppid: 1 }, // the extension host
      { pid: 101, comm: 'dlv', ppid: 100 },
      { pid: 102, comm: 'go', ppid: 101 },
      { pid: 103, comm: '__debug_bin3', ppid: 101 },
      { pid: 104, comm: 'helper', ppid: 103 },
      { pid: 105, comm: 'gopls', ppid: 100 },
      { pid: 200, comm: 'dlv', ppid: 1 }, // another window's Delve
      { pid: 201, comm: 'svc', ppid: 200 },
      // A Delve whose comm was renamed (as Node 24 does to its main thread), known by argv[0].
      { pid: 300, comm: 'MainThread', ppid: 100, argv0: '/opt/delve/dlv' },
      { pid: 301, comm: 'MainThread', ppid: 300, argv0: '/usr/local/go/bin/go' },
      { pid: 302, comm: 'api', ppid: 300, argv0: './api' },
    ];
    assert.deepEqual(delveDebuggees(procs, 100).map((p) => p.pid), [103, 104, 302]);
    assert.deepEqual(delveDebuggees(procs, 1).map((p) => p.pid).sort(), [103, 104, 201, 302]);
    assert.ok(processNamed({ pid: 1, comm: 'x', ppid: 0, argv0: 'dlv-dap' }, /^dlv/));
    assert.ok(!processNamed({ pid: 1, comm: 'x', ppid: 0 }, /^dlv/));
    assert.equal(parseCmdlineArgv0('/usr/bin/dlv\0dap\0--listen=127.0.0.1:0\0'), '/usr/bin/dlv');
    assert.equal(parseCmdlineArgv0(''), undefined);
  });
  it('lsof -Fn lines', () => {
    assert.deepEqual(parseLsofListen('p123\nf5\nn*:6060\nf6\nn127.0.0.1:8080\nf7\nn[::1]:9090\n'), [
      { address: '0.0.0.0', port: 6060 },
      { address: '127.0.0.1', port: 8080 },
      { address: '::1', port: 9090 },
    ]);
  });
});

describe('live /proc lookup', { skip: process.platform !== 'linux' }, () => {
  it('finds the port this process listens on, and this process among its parent\'s children', async () => {
    const srv = http.createServer((_q, s) => s.end('x'));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      const ports = await listeningPortsLinux(process.pid);
      assert.ok(ports.some((p) => p.port === port && p.hostPort === `127.0.0.1:${port}`), JSON.stringify(ports));
      const procs = await listProcesses();
      assert.ok(descendants(procs, process.ppid).some((p) => p.pid === process.pid));
    } finally {
      srv.close();
    }
  });
  it('a fake /proc tree: only the process\'s own sockets count', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-proc-'));
    try {
      const pid = path.join(root, '42');
      fs.mkdirSync(path.join(pid, 'fd'), { recursive: true });
      fs.mkdirSync(path.join(pid, 'net'));
      fs.writeFileSync(path.join(pid, 'net', 'tcp'), TCP);
      fs.writeFileSync(path.join(pid, 'net', 'tcp6'), TCP6);
      fs.writeFileSync(path.join(pid, 'stat'), '42 (svc) S 1 42 42');
      fs.symlinkSync('socket:[23456]', path.join(pid, 'fd', '3'));
      fs.symlinkSync('socket:[34568]', path.join(pid, 'fd', '4'));
      fs.symlinkSync('/dev/null', path.join(pid, 'fd', '0'));
      const ports = await listeningPortsLinux(42, root);
      assert.deepEqual(ports.map((p) => p.hostPort), ['127.0.0.1:8080', '[::1]:8082']);
      fs.writeFileSync(path.join(pid, 'cmdline'), '/srv/svc\0-addr\0:0\0');
      assert.deepEqual(await listProcesses(root), [{ pid: 42, comm: 'svc', ppid: 1, argv0: '/srv/svc' }]);
      assert.deepEqual(await listeningPortsLinux(43, root), []);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
