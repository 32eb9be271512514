import fs from 'node:fs';

/** Facts about the bot's own host that change what a port lookup means. */
export interface HostFacts {
  /** The ephemeral (outgoing) port range, when readable. */
  ephemeralRange: [number, number] | null;
  /** Ports below this need privilege to bind (Linux: net.ipv4.ip_unprivileged_port_start, default 1024). */
  unprivilegedPortStart: number;
  /** Whether a socket on :: also takes IPv4 by default (Linux: net.ipv6.bindv6only = 0); null when unknown. */
  dualStackDefault: boolean | null;
  /** Whether the bot runs as root and so may bind privileged ports. */
  isRoot: boolean;
}

function readSys(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

export function readHostFacts(): HostFacts {
  const range = readSys('/proc/sys/net/ipv4/ip_local_port_range')?.split(/\s+/).map(Number);
  const start = readSys('/proc/sys/net/ipv4/ip_unprivileged_port_start');
  const v6only = readSys('/proc/sys/net/ipv6/bindv6only');
  return {
    ephemeralRange: range && range.length === 2 && range.every(Number.isInteger) ? [range[0]!, range[1]!] : null,
    // Linux reads the sysctl; macOS (10.14+) has no privileged ports; Windows never had them.
    unprivilegedPortStart: start && /^\d+$/.test(start) ? Number(start) : process.platform === 'linux' ? 1024 : 0,
    dualStackDefault: v6only === null ? null : v6only === '0',
    isRoot: process.getuid?.() === 0,
  };
}
