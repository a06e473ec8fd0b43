// Parsing what Linux's /proc and macOS's lsof tell about processes and their listening TCP sockets.
// Pure functions over text, so they are tested on captured samples; listeningPorts.ts does the reading.
//
// /proc/net/tcp and tcp6 (Documentation/networking/proc_net_tcp.rst): one socket per line,
// "sl local_address rem_address st ... uid timeout inode"; addresses are hex in the kernel's
// byte order (IPv4: one 32-bit word; IPv6: four), the port is a big-endian hex number, st 0A is LISTEN.

export interface ListeningSocket {
  /** Address to connect to: "127.0.0.1", "::1", or the wildcard "0.0.0.0" / "::". */
  address: string;
  port: number;
  inode: number;
  family: 4 | 6;
}

const TCP_LISTEN = '0A';

/** Listening sockets of a /proc/net/tcp or /proc/net/tcp6 file. */
export function parseProcNetTcp(text: string, family: 4 | 6, littleEndian = true): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^\d+:$/.test(f[0])) continue;
    if (f[3].toUpperCase() !== TCP_LISTEN) continue;
    const [addrHex, portHex] = f[1].split(':');
    if (!addrHex || !portHex) continue;
    const address = family === 4 ? ipv4FromHex(addrHex, littleEndian) : ipv6FromHex(addrHex, littleEndian);
    const inode = parseInt(f[9], 10);
    if (address === undefined || !Number.isFinite(inode)) continue;
    out.push({ address, port: parseInt(portHex, 16), inode, family });
  }
  return out;
}

function wordBytes(hex8: string, littleEndian: boolean): number[] {
  const b = [0, 2, 4, 6].map((i) => parseInt(hex8.slice(i, i + 2), 16));
  return littleEndian ? b.reverse() : b;
}

function ipv4FromHex(hex: string, littleEndian: boolean): string | undefined {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return undefined;
  return wordBytes(hex, littleEndian).join('.');
}

function ipv6FromHex(hex: string, littleEndian: boolean): string | undefined {
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) return undefined;
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) bytes.push(...wordBytes(hex.slice(w * 8, w * 8 + 8), littleEndian));
  // IPv4-mapped (::ffff:a.b.c.d): report the IPv4 address.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return compressIpv6(groups);
}

/** RFC 5952 text: the longest run of two or more zero groups becomes "::". */
function compressIpv6(groups: string[]): string {
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/** The inode of a /proc/<pid>/fd/<n> link target "socket:[12345]", or undefined. */
export function socketInode(linkTarget: string): number | undefined {
  const m = /^socket:\[(\d+)\]$/.exec(linkTarget);
  return m ? parseInt(m[1], 10) : undefined;
}

export interface ProcStat {
  pid: number;
  /** The executable's name as the kernel keeps it (at most 15 characters; a program may rename it). */
  comm: string;
  ppid: number;
  /** argv[0] from /proc/<pid>/cmdline, when read. */
  argv0?: string;
}

/** argv[0] of a /proc/<pid>/cmdline (NUL-separated arguments). */
export function parseCmdlineArgv0(cmdline: string): string | undefined {
  const a = cmdline.split('\0')[0];
  return a ? a : undefined;
}

/**
 * True for a process named `name` by its comm or its argv[0]'s base name: the kernel's comm is
 * enough for Go programs like dlv, but runtimes such as Node 24 rename their main thread.
 */
export function processNamed(p: ProcStat, name: RegExp): boolean {
  return name.test(p.comm) || (p.argv0 !== undefined && name.test(p.argv0.replace(/^.*\//, '')));
}

/** /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may itself hold spaces and parentheses. */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = parseInt(text.slice(0, open), 10);
  const rest = text.slice(close + 1).trim().split(/\s+/);
  const ppid = parseInt(rest[1], 10);
  if (!Number.isFinite(pid) || !Number.isFinite(ppid)) return undefined;
  return { pid, comm: text.slice(open + 1, close), ppid };
}

/** Host to connect to for a socket listening on `address` (wildcards mean this machine). */
export function connectHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}

/** `lsof -nP -a -p PID -iTCP -sTCP:LISTEN -Fn` output: "n*:6060", "n127.0.0.1:6060", "n[::1]:6060". */
export function parseLsofListen(text: string): { address: string; port: number }[] {
  const out: { address: string; port: number }[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('n')) continue;
    const m = /^n(.*):(\d+)$/.exec(line.trim());
    if (!m) continue;
    let address = m[1];
    if (address === '*') address = '0.0.0.0';
    address = address.replace(/^\[(.*)\]$/, '$1');
    out.push({ address, port: parseInt(m[2], 10) });
  }
  return out;
}
