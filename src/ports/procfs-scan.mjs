// Plain JavaScript with Node built-ins only, so the lookup worker (procfs-worker.mjs) starts in
// milliseconds without a TypeScript loader. Types: procfs-scan.d.mts. Read-only: it reads /proc.
import fs from 'node:fs';
import path from 'node:path';

/** The four socket tables, in the order their texts are returned. */
export const PROC_TABLES = ['tcp', 'tcp6', 'udp', 'udp6'];

const TCP_LISTEN = '0A';
/**
 * TCP states only a connection is in, never a listener: not LISTEN, not CLOSE (a listener being
 * closed shows it for an instant) and not SYN_RECV (old kernels list queued requests under their
 * listener). The first row in one of these ends the listeners (see readListeners).
 */
const CONNECTION_STATES = new Set(['01', '02', '04', '05', '06', '08', '09', '0B']);
const SOCKET_LINK = /^socket:\[(\d+)\]$/;

/**
 * The rows of /proc/net/{tcp,tcp6,udp,udp6} that matter for `ports`, as text (header kept), and the
 * owners of the sockets on those ports. Kept: TCP listeners on any port (free-port suggestions avoid
 * them) and UDP sockets on `ports`. The TCP tables are read up to their first connection, the UDP
 * tables whole; an IPv6 table is not read at all when the kernel counts no socket of its kind.
 * Connection rows that are read are dropped after reading two fields.
 * @param {{ procRoot: string, ports: number[], ownerBudgetMs: number }} request
 */
export async function scanProcNet({ procRoot, ports, ownerBudgetMs }) {
  // The text is ASCII: latin1 decodes it fastest.
  const file = (table) => path.join(procRoot, 'net', table);
  const unused = ipv6TablesUnused(procRoot);
  // udp and udp6 go to the thread pool; tcp and tcp6 are read here meanwhile.
  const udp = Promise.all(PROC_TABLES.slice(2).map((table) => (unused.has(table) ? '' : fs.promises.readFile(file(table), 'latin1').catch(() => null))));
  const tcp = PROC_TABLES.slice(0, 2).map((table) => (unused.has(table) ? '' : readListeners(file(table), procRoot)));
  const texts = [...tcp, ...(await udp)];
  // A skipped IPv6 table says "no socket there" only beside its IPv4 table, read: with that one unreadable, both are unknown.
  for (const i of [1, 3]) if (unused.has(PROC_TABLES[i]) && texts[i - 1] === null) texts[i] = null;
  const asked = new Set(ports.map((port) => port.toString(16).toUpperCase().padStart(4, '0')));
  const wanted = new Set();
  const tables = texts.map((text, i) => {
    if (text === null) return null;
    const tcp = i < 2;
    const kept = [];
    let start = text.indexOf('\n') + 1;
    if (start === 0) return text;
    kept.push(text.slice(0, start - 1));
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const [, local = '', , state = ''] = firstFields(text, start, end);
      const onPort = local[local.length - 5] === ':' && asked.has(local.slice(-4));
      if (tcp ? state === TCP_LISTEN : onPort) {
        const line = text.slice(start, end);
        kept.push(line);
        if (onPort) {
          const inode = Number(line.trim().split(/\s+/)[9]);
          if (inode > 0) wanted.add(inode);
        }
      }
      start = end + 1;
    }
    return kept.join('\n');
  });
  return { tables, owners: findSocketOwners(wanted, procRoot, ownerBudgetMs) };
}

/** The first four space-separated fields of text[start, end) (sl, local, remote, state), without splitting the whole line. */
function firstFields(text, start, end) {
  const out = [];
  let i = start;
  while (out.length < 4 && i < end) {
    while (i < end && text.charCodeAt(i) === 32) i++;
    const from = i;
    while (i < end && text.charCodeAt(i) !== 32) i++;
    if (i > from) out.push(text.slice(from, i));
  }
  return out;
}

/** The first read asks for this much, each next one twice as much up to MAX_READ: the kernel walks its tables only as far as a read asks. */
const FIRST_READ = 1024;
const MAX_READ = 64 * 1024;
const readBuffer = Buffer.allocUnsafe(MAX_READ);

/**
 * Per /proc root (a test's fixture tree proves nothing about the kernel): whether it lists every TCP
 * listener before any connection, unknown until a table read whole has shown both. Linux does (net/ipv4/tcp_ipv4.c, tcp_seq_next: the listening hash, then the
 * established one, where listeners never are), but it is checked, not assumed: were it ever wrong,
 * stopping at the first connection would call a held port free.
 */
const listenersFirst = new Map();

/**
 * A TCP table's header and listener rows (null: it cannot be read). Once the kernel is known to list
 * listeners first, the read stops at the first connection row: reading past the listeners costs the
 * kernel a walk of its whole connection hash table (1.3 ms even for an empty table on this bench's
 * host, more with every connection) and finds nothing the scan keeps.
 */
function readListeners(file, procRoot) {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null; // absent (no procfs) or not ours to read
  }
  try {
    let text = '';
    let row = 0; // where the first row not yet checked starts (0: the header is not in yet)
    const seen = { listener: false, connection: false };
    for (let size = FIRST_READ; ; size = Math.min(2 * size, MAX_READ)) {
      const read = fs.readSync(fd, readBuffer, 0, size, null);
      if (read === 0) {
        if (seen.listener && seen.connection && !listenersFirst.has(procRoot)) listenersFirst.set(procRoot, true);
        return text;
      }
      text += readBuffer.toString('latin1', 0, read);
      if (row === 0) row = text.indexOf('\n') + 1;
      if (row === 0) continue;
      for (let end = text.indexOf('\n', row); end >= 0; row = end + 1, end = text.indexOf('\n', row)) {
        const state = firstFields(text, row, end)[3];
        if (CONNECTION_STATES.has(state)) {
          if (listenersFirst.get(procRoot)) return text.slice(0, row);
          seen.connection = true;
        } else if (state === TCP_LISTEN) {
          seen.listener = true;
          if (seen.connection) listenersFirst.set(procRoot, false); // a listener after a connection: every table is read whole from now on
        }
      }
    }
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The IPv6 tables (tcp6, udp6) of protocols for which /proc/net/sockstat6 counts no socket in use:
 * they hold no row the scan keeps, and reading even an empty tcp6 walks the kernel's whole
 * connection table. Without sockstat6, every table is read.
 */
function ipv6TablesUnused(procRoot) {
  const unused = new Set();
  let text;
  try {
    text = fs.readFileSync(path.join(procRoot, 'net', 'sockstat6'), 'latin1');
  } catch {
    return unused;
  }
  for (const [table, name] of [['tcp6', 'TCP6'], ['udp6', 'UDP6']]) {
    if (new RegExp(`^${name}: inuse 0$`, 'm').test(text)) unused.add(table);
  }
  return unused;
}

/**
 * Maps socket inodes to the processes holding them by reading /proc/<pid>/fd links, stopping once
 * all are found or after `budgetMs` (what is not found by then stays unknown, as for a process the
 * bot may not look into). Processes it may not read are skipped, not guessed.
 * @returns {Array<[number, number, string]>} [inode, pid, process name]
 */
export function findSocketOwners(inodes, procRoot, budgetMs) {
  const owners = new Map();
  if (inodes.size === 0) return [];
  const deadline = performance.now() + budgetMs;
  for (const pid of listPids(procRoot)) {
    if (performance.now() > deadline) break;
    const fdDir = path.join(procRoot, String(pid), 'fd');
    let fds;
    try {
      fds = fs.readdirSync(fdDir);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      let link;
      try {
        link = fs.readlinkSync(path.join(fdDir, fd));
      } catch {
        continue;
      }
      const match = SOCKET_LINK.exec(link);
      if (!match) continue;
      const inode = Number(match[1]);
      if (inodes.has(inode) && !owners.has(inode)) owners.set(inode, [inode, pid, processName(procRoot, pid)]);
    }
    if (owners.size === inodes.size) break;
  }
  return [...owners.values()];
}

function listPids(procRoot) {
  try {
    return fs
      .readdirSync(procRoot)
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

function processName(procRoot, pid) {
  try {
    return fs.readFileSync(path.join(procRoot, String(pid), 'comm'), 'utf8').trim();
  } catch {
    return '?';
  }
}
