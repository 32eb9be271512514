// Plain JavaScript with Node built-ins only, so the lookup worker (procfs-worker.mjs) starts in
// milliseconds without a TypeScript loader. Types: procfs-scan.d.mts. Read-only: it reads /proc.
import fs from 'node:fs';
import path from 'node:path';

/** The four socket tables, in the order their texts are returned. */
export const PROC_TABLES = ['tcp', 'tcp6', 'udp', 'udp6'];

const TCP_LISTEN = '0A';
const SOCKET_LINK = /^socket:\[(\d+)\]$/;

/**
 * The rows of /proc/net/{tcp,tcp6,udp,udp6} that matter for `ports`, as text (header kept), and the
 * owners of the sockets on those ports. Kept: TCP listeners on any port (free-port suggestions avoid
 * them) and UDP sockets on `ports`. Established connections, which are nearly all rows on a busy
 * host, are dropped after reading two fields. The four tables are read at once (each read makes the
 * kernel walk its whole connection table), and every table is read whole.
 * @param {{ procRoot: string, ports: number[], ownerBudgetMs: number }} request
 */
export async function scanProcNet({ procRoot, ports, ownerBudgetMs }) {
  // tcp6, udp and udp6 go to the thread pool; tcp, the big one, is read here meanwhile, in one go
  // (a chunked async read of it is 2-3x slower). The text is ASCII: latin1 decodes it fastest.
  const file = (table) => path.join(procRoot, 'net', table);
  const others = Promise.all(PROC_TABLES.slice(1).map((table) => fs.promises.readFile(file(table), 'latin1').catch(() => null)));
  let tcp = null;
  try {
    tcp = fs.readFileSync(file(PROC_TABLES[0]), 'latin1');
  } catch {
    // absent (no procfs) or not ours to read
  }
  const texts = [tcp, ...(await others)];
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
