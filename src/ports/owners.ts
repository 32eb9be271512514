import fs from 'node:fs';

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
