import { execFile } from 'node:child_process';
import { userName } from './owners.ts';
import { scanOffThread } from './procfs-reader.ts';
import { isHolding, parseProcNet, type Protocol, type SocketRow } from './procnet.ts';

/** One socket holding a port, as a platform reader sees it. */
export interface RawListener {
  protocol: Protocol;
  address: string;
  port: number;
  pid: number | null;
  process: string | null;
  uid: number | null;
  user: string | null;
}

export interface Snapshot {
  /** Every holding socket on the host, all ports: suggestions are picked from the same snapshot. */
  listeners: RawListener[];
  method: 'procfs' | 'lsof' | 'netstat' | 'probe';
}

/** How long the owner search may walk processes' descriptors before leaving owners unknown. */
const OWNER_SEARCH_BUDGET_MS = 1000;

const TABLE_KINDS: Array<[Protocol, 4 | 6]> = [
  ['tcp', 4],
  ['tcp', 6],
  ['udp', 4],
  ['udp', 6],
];

/**
 * Linux: listening TCP sockets (every port: suggestions avoid them) and UDP sockets on the port,
 * from /proc/net, with owners for the port asked about. Read and filtered on a worker thread
 * (procfs-reader.ts); only the few kept rows are parsed here.
 */
export async function readProcSnapshot(port: number, procRoot = '/proc'): Promise<Snapshot | null> {
  const { tables, owners } = await scanOffThread({ procRoot, port, ownerBudgetMs: OWNER_SEARCH_BUDGET_MS });
  // A table that cannot be read means no IPv6 on this host, or no procfs at all. Neither TCP table
  // readable (procfs locked down): the UDP tables alone cannot say a TCP port is free.
  if (tables[0] == null && tables[1] == null) return null;
  const rows: SocketRow[] = TABLE_KINDS.flatMap(([protocol, family], i) =>
    tables[i] == null ? [] : parseProcNet(tables[i]!, protocol, family).filter(isHolding),
  );
  const ownerOf = new Map(owners.map(([inode, pid, name]) => [inode, { pid, process: name }]));
  const listeners = rows.map((row) => {
    const owner = row.port === port ? ownerOf.get(row.inode) : undefined;
    return {
      protocol: row.protocol,
      address: row.address,
      port: row.port,
      pid: owner?.pid ?? null,
      process: owner?.process ?? null,
      uid: row.uid,
      user: userName(row.uid),
    };
  });
  return { listeners, method: 'procfs' };
}

/** Runs a fixed program with a fixed argument list: no shell, a time limit and a bounded buffer. */
export function runFixed(file: string, args: readonly string[], timeoutMs = 3000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 1 << 20, windowsHide: true, shell: false }, (error, stdout) => {
      // lsof exits 1 when nothing matches; its (empty) output is still the answer.
      if (error && !(typeof error.code === 'number' && stdout !== undefined)) resolve(null);
      else resolve(String(stdout));
    });
  });
}

/**
 * `lsof -nP -i<PROTO>:<port> [-sTCP:LISTEN] -Fpctn`: field output, one field a line —
 * p<pid>, c<command>, then per socket t<IPv4|IPv6> and n<name> such as `*:8080`, `127.0.0.1:8080`
 * or `[::1]:8080`. The type tells which wildcard `*` is; without it `*` is taken as IPv4.
 */
export function parseLsof(text: string, protocol: Protocol): RawListener[] {
  const out: RawListener[] = [];
  let pid: number | null = null;
  let command: string | null = null;
  let type: string | null = null;
  for (const line of text.split('\n')) {
    const tag = line[0];
    const value = line.slice(1).trim();
    if (tag === 'p') {
      pid = /^\d+$/.test(value) ? Number(value) : null;
      command = null;
    } else if (tag === 'c') {
      command = value;
    } else if (tag === 'f') {
      type = null;
    } else if (tag === 't') {
      type = value;
    } else if (tag === 'n') {
      const local = value.split('->')[0]!;
      const endpoint = parseEndpoint(type === 'IPv6' && local.startsWith('*:') ? `[::]${local.slice(1)}` : local);
      if (endpoint) out.push({ protocol, ...endpoint, pid, process: command, uid: null, user: null });
    }
  }
  return out;
}

/**
 * `netstat -ano` on Windows: `TCP  0.0.0.0:8080  0.0.0.0:0  LISTENING  1234`, `TCP  [::]:8080 ...`,
 * `UDP  0.0.0.0:5353  *:*  2345`. TCP rows count only when LISTENING; every UDP row is a bound socket.
 */
export function parseWindowsNetstat(text: string): RawListener[] {
  const out: RawListener[] = [];
  for (const line of text.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    const proto = fields[0]?.toUpperCase();
    if (proto === 'TCP' && fields.length >= 5 && fields[3]?.toUpperCase() === 'LISTENING') {
      const endpoint = parseEndpoint(fields[1]!);
      if (endpoint) out.push({ protocol: 'tcp', ...endpoint, pid: pidOf(fields[4]), process: null, uid: null, user: null });
    } else if (proto === 'UDP' && fields.length >= 4) {
      const endpoint = parseEndpoint(fields[1]!);
      if (endpoint) out.push({ protocol: 'udp', ...endpoint, pid: pidOf(fields[3]), process: null, uid: null, user: null });
    }
  }
  return out;
}

/** `tasklist /FI "PID eq N" /FO CSV /NH` → `"python.exe","1234",...`; the image name, or null. */
export function parseTasklist(text: string): string | null {
  const match = /^"([^"]+)","\d+"/m.exec(text);
  return match ? match[1]! : null;
}

function pidOf(text: string | undefined): number | null {
  return text && /^\d+$/.test(text) ? Number(text) : null;
}

/** `*:8080`, `0.0.0.0:8080`, `[::1]:8080`, `[fe80::1%4]:8080` → address and port. */
export function parseEndpoint(text: string): { address: string; port: number } | null {
  const match = /^(\[([^\]]+)\]|([^:]*|\*)):(\d{1,5})$/.exec(text.trim());
  if (!match) return null;
  let address = (match[2] ?? match[3] ?? '').replace(/%.*$/, '');
  if (address === '*') address = match[2] ? '::' : '0.0.0.0';
  const port = Number(match[4]);
  return port >= 0 && port <= 65535 && address ? { address, port } : null;
}

export async function readLsofSnapshot(port: number): Promise<Snapshot | null> {
  const tcp = await runFixed('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpctn']);
  const udp = await runFixed('lsof', ['-nP', `-iUDP:${port}`, '-Fpctn']);
  if (tcp === null && udp === null) return null;
  const listeners = [...parseLsof(tcp ?? '', 'tcp'), ...parseLsof(udp ?? '', 'udp')];
  return { listeners, method: 'lsof' };
}

export async function readWindowsSnapshot(port: number): Promise<Snapshot | null> {
  const text = await runFixed('netstat', ['-ano']);
  if (text === null) return null;
  const listeners = parseWindowsNetstat(text);
  const pids = new Set(listeners.filter((l) => l.port === port && l.pid !== null).map((l) => l.pid!));
  for (const pid of pids) {
    const name = parseTasklist((await runFixed('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'])) ?? '');
    for (const l of listeners) if (l.pid === pid) l.process = name;
  }
  return { listeners, method: 'netstat' };
}

