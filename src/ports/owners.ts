import fs from 'node:fs';
import path from 'node:path';

export interface Owner {
  pid: number;
  process: string;
}

const SOCKET_LINK = /^socket:\[(\d+)\]$/;

/**
 * Maps socket inodes to the processes holding them by reading /proc/<pid>/fd links.
 * Processes we may not look into (other users, when not root) are skipped, not guessed.
 */
export function findSocketOwners(inodes: ReadonlySet<number>, procRoot = '/proc'): Map<number, Owner> {
  const owners = new Map<number, Owner>();
  if (inodes.size === 0) return owners;
  for (const pid of listPids(procRoot)) {
    const fdDir = path.join(procRoot, String(pid), 'fd');
    let fds: string[];
    try {
      fds = fs.readdirSync(fdDir);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = fs.readlinkSync(path.join(fdDir, fd));
      } catch {
        continue;
      }
      const match = SOCKET_LINK.exec(link);
      if (!match) continue;
      const inode = Number(match[1]);
      if (inodes.has(inode) && !owners.has(inode)) owners.set(inode, { pid, process: processName(procRoot, pid) });
    }
    if (owners.size === inodes.size) break;
  }
  return owners;
}

function listPids(procRoot: string): number[] {
  try {
    return fs
      .readdirSync(procRoot)
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

function processName(procRoot: string, pid: number): string {
  try {
    return fs.readFileSync(path.join(procRoot, String(pid), 'comm'), 'utf8').trim();
  } catch {
    return '?';
  }
}

let users: Map<number, string> | undefined;

/** The login name for a uid from /etc/passwd, or null when unknown. */
export function userName(uid: number): string | null {
  if (!users) {
    users = new Map();
    try {
      for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
        const [name, , id] = line.split(':');
        if (name && id && /^\d+$/.test(id)) users.set(Number(id), name);
      }
    } catch {
      // no passwd file: uids stay numbers
    }
  }
  return users.get(uid) ?? null;
}
