import { decodeIpv4Hex, decodeIpv6Hex } from './address.ts';

export type Protocol = 'tcp' | 'udp';

/** One socket row of /proc/net/{tcp,tcp6,udp,udp6}. */
export interface SocketRow {
  protocol: Protocol;
  family: 4 | 6;
  address: string;
  port: number;
  /** Kernel TCP state: 0x0A is LISTEN; unconnected UDP sockets show 0x07. */
  state: number;
  uid: number;
  inode: number;
}

export const TCP_LISTEN = 0x0a;

/** Parses one /proc/net table; malformed lines are skipped, never thrown on. */
export function parseProcNet(text: string, protocol: Protocol, family: 4 | 6): SocketRow[] {
  const rows: SocketRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10) continue;
    const [local, , state, , , , uid, , inode] = fields.slice(1);
    const match = /^([0-9A-Fa-f]+):([0-9A-Fa-f]{4})$/.exec(local ?? '');
    if (!match || !state || !uid || !inode) continue;
    const hex = match[1]!;
    if ((family === 4 && hex.length !== 8) || (family === 6 && hex.length !== 32)) continue;
    rows.push({
      protocol,
      family,
      address: family === 4 ? decodeIpv4Hex(hex) : decodeIpv6Hex(hex),
      port: parseInt(match[2]!, 16),
      state: parseInt(state, 16),
      uid: Number(uid),
      inode: Number(inode),
    });
  }
  return rows;
}

/** A row that holds the port for others: a TCP listener, or any bound UDP socket. */
export function isHolding(row: SocketRow): boolean {
  return row.protocol === 'udp' || row.state === TCP_LISTEN;
}
