// Which TCP ports a process (and its children) listens on, for finding the net/http/pprof server of
// a program under the debugger. Linux: the socket inodes among /proc/<pid>/fd matched against
// /proc/<pid>/net/tcp{,6}; macOS: lsof. Best effort: an unreadable /proc entry (another user's
// process, a process that just exited) is skipped, never an error.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { connectHost, ListeningSocket, parseCmdlineArgv0, parseLsofListen, parseProcNetTcp, parseProcStat, ProcStat, processNamed, socketInode } from './procNet';

export interface ListeningPort {
  pid: number;
  /** host:port to connect to ("127.0.0.1:6060", "[::1]:6060"). */
  hostPort: string;
  port: number;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

async function readText(p: string): Promise<string | undefined> {
  try {
    return await fs.promises.readFile(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** All processes of a /proc tree (pid, comm, ppid). */
export async function listProcesses(procRoot = '/proc'): Promise<ProcStat[]> {
  let names: string[];
  try {
    names = await fs.promises.readdir(procRoot);
  } catch {
    return [];
  }
  const stats = await Promise.all(names.filter((n) => /^\d+$/.test(n)).map(async (n) => {
    const t = await readText(path.join(procRoot, n, 'stat'));
    const stat = t === undefined ? undefined : parseProcStat(t);
    if (!stat) return undefined;
    const cmdline = await readText(path.join(procRoot, n, 'cmdline'));
    const argv0 = cmdline === undefined ? undefined : parseCmdlineArgv0(cmdline);
    return argv0 === undefined ? stat : { ...stat, argv0 };
  }));
  return stats.filter((s): s is ProcStat => s !== undefined);
}

/** pid's descendants (children first, then their children…), from a process list. */
export function descendants(procs: readonly ProcStat[], pid: number): ProcStat[] {
  const byParent = new Map<number, ProcStat[]>();
  for (const p of procs) {
    const list = byParent.get(p.ppid) ?? [];
    list.push(p);
    byParent.set(p.ppid, list);
  }
  const out: ProcStat[] = [];
  const seen = new Set<number>([pid]);
  const queue = [pid];
  while (queue.length > 0) {
    for (const c of byParent.get(queue.shift()!) ?? []) {
      if (seen.has(c.pid)) continue;
      seen.add(c.pid);
      out.push(c);
      queue.push(c.pid);
    }
  }
  return out;
}

/**
 * Programs run by Delve below rootPid: the descendants of every "dlv" process there, except Delve
 * itself and the "go" build it may run first (dlv debug builds __debug_bin, then runs it).
 */
export function delveDebuggees(procs: readonly ProcStat[], rootPid: number): ProcStat[] {
  const out: ProcStat[] = [];
  for (const dlv of descendants(procs, rootPid).filter((p) => processNamed(p, /^dlv/))) {
    for (const c of descendants(procs, dlv.pid)) {
      if (!processNamed(c, /^(go|dlv.*)$/) && !out.some((o) => o.pid === c.pid)) out.push(c);
    }
  }
  return out;
}

/** Listening TCP ports of one process (Linux /proc). */
export async function listeningPortsLinux(pid: number, procRoot = '/proc'): Promise<ListeningPort[]> {
  const fdDir = path.join(procRoot, String(pid), 'fd');
  let fds: string[];
  try {
    fds = await fs.promises.readdir(fdDir);
  } catch {
    return [];
  }
  const inodes = new Set<number>();
  await Promise.all(fds.map(async (fd) => {
    try {
      const inode = socketInode(await fs.promises.readlink(path.join(fdDir, fd)));
      if (inode !== undefined) inodes.add(inode);
    } catch {
      // closed meanwhile
    }
  }));
  if (inodes.size === 0) return [];
  const sockets: ListeningSocket[] = [];
  for (const [file, family] of [['tcp', 4], ['tcp6', 6]] as const) {
    const t = await readText(path.join(procRoot, String(pid), 'net', file));
    if (t !== undefined) sockets.push(...parseProcNetTcp(t, family, littleEndian));
  }
  return uniquePorts(pid, sockets.filter((s) => inodes.has(s.inode)));
}

function uniquePorts(pid: number, sockets: readonly { address: string; port: number }[]): ListeningPort[] {
  const seen = new Map<number, ListeningPort>();
  for (const s of sockets) {
    const existing = seen.get(s.port);
    // Prefer a wildcard or loopback address: reachable from here.
    if (existing && !(s.address === '0.0.0.0' || s.address === '::')) continue;
    seen.set(s.port, { pid, port: s.port, hostPort: `${connectHost(s.address)}:${s.port}` });
  }
  return [...seen.values()].sort((a, b) => a.port - b.port);
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 5000 }, (err, stdout) => resolve(err && !stdout ? '' : String(stdout)));
  });
}

/** Listening TCP ports of one process (macOS and others with lsof). */
export async function listeningPortsLsof(pid: number): Promise<ListeningPort[]> {
  return uniquePorts(pid, parseLsofListen(await run('lsof', ['-nP', '-a', '-p', String(pid), '-iTCP', '-sTCP:LISTEN', '-Fn'])));
}

/** Listening TCP ports of a process, on this platform. */
export function listeningPorts(pid: number): Promise<ListeningPort[]> {
  return process.platform === 'linux' ? listeningPortsLinux(pid) : listeningPortsLsof(pid);
}

/** Child processes of pid (Linux: /proc; elsewhere: pgrep -P). */
export async function childProcesses(pid: number, procRoot = '/proc'): Promise<ProcStat[]> {
  if (process.platform === 'linux') return descendants(await listProcesses(procRoot), pid).filter((p) => p.ppid === pid);
  const out = await run('pgrep', ['-P', String(pid)]);
  return out.split('\n').filter((l) => /^\d+$/.test(l.trim())).map((l) => ({ pid: parseInt(l, 10), comm: '', ppid: pid }));
}
