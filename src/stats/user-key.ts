import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const KEY_FILE = 'stats.key';

/**
 * The secret behind user hashes: STATS_SECRET when set, else a random key made once and kept
 * (owner-only) beside the database. Without the key a hash cannot be turned back into an id by
 * hashing every id Discord has; with it, "the same person asked twice" still counts as one person.
 */
export function statsKey(dataDir: string, secret: string | null): Buffer {
  if (secret) return Buffer.from(secret, 'utf8');
  const file = path.join(dataDir, KEY_FILE);
  try {
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = fs.readFileSync(file, 'utf8').trim();
  if (key.length < 16) throw new Error(`${file} is too short to be a key; delete it to make a new one`);
  return Buffer.from(key, 'utf8');
}

export type UserHasher = (userId: string) => string;

export function userHasher(key: Buffer): UserHasher {
  return (userId) => createHmac('sha256', key).update(userId).digest('base64url').slice(0, 22);
}
