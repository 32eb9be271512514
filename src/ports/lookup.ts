import { familyOf, scopeOf, type Scope } from './address.ts';
import type { HostFacts } from './host.ts';
import { isFreeEverywhere, probeBind } from './probe.ts';
import { readLsofSnapshot, readProcSnapshot, readWindowsSnapshot, type RawListener, type Snapshot } from './platforms.ts';
import type { Protocol } from './procnet.ts';
import { isServicePort, rangeClass, type RangeClass, type Service, type ServiceTable } from './services.ts';

export interface Listener {
  protocol: Protocol;
  address: string;
  family: 4 | 6;
  scope: Scope;
  /** Owner, where the OS lets the bot see it (and showing it is allowed). */
  pid: number | null;
  process: string | null;
  /** The owning user, from /proc/net, when the process itself is not visible. */
  uid: number | null;
  user: string | null;
  /** A listener on :: that, by the host's default, also takes IPv4. */
  dualStack: boolean;
}

export interface PortReport {
  port: number;
  inUse: boolean;
  listeners: Listener[];
  service: Service | null;
  range: {
    class: RangeClass;
    /** Binding it needs privilege on this host (root or CAP_NET_BIND_SERVICE on Linux). */
    privileged: boolean;
    /** Inside the host's ephemeral range; null when that range is unknown. */
    ephemeral: boolean | null;
    ephemeralRange: [number, number] | null;
  };
  /** Whether the bot itself could bind it (false when privileged and not root). */
  botMayBind: boolean;
  /** Free ports nearby, confirmed by a bind probe on 0.0.0.0 and ::, at the time of the check. */
  suggestions: number[];
  method: Snapshot['method'];
  /** Exact when read from the OS tables; a bind probe can only say "something holds it". */
  certainty: 'exact' | 'probe';
  /** Owners were hidden by configuration (PORT_LOOKUP_SHOW_PROCESS=false). */
  ownersHidden: boolean;
  checkedAt: string;
}

export interface LookupOptions {
  host: HostFacts;
  services: ServiceTable;
  showProcess: boolean;
  platform?: NodeJS.Platform;
  procRoot?: string;
  /** How many free ports to suggest. */
  suggestionCount?: number;
}

/** A read-only look at one port on the bot's own host. Never signals, stops or connects to anything. */
export async function lookupPort(port: number, options: LookupOptions): Promise<PortReport> {
  const platform = options.platform ?? process.platform;
  const snapshot =
    (platform === 'linux' ? await readProcSnapshot(port, options.procRoot) : null) ??
    (platform === 'darwin' ? await readLsofSnapshot(port) : null) ??
    (platform === 'win32' ? await readWindowsSnapshot(port) : null) ??
    (await probeSnapshot(port));
  const { host } = options;
  const privileged = port < host.unprivilegedPortStart;
  const listeners = dedupe(snapshot.listeners.filter((l) => l.port === port)).map((raw) =>
    toListener(raw, host, options.showProcess),
  );
  const [low, high] = host.ephemeralRange ?? [0, -1];
  return {
    port,
    inUse: listeners.length > 0,
    listeners,
    service: options.services.get(port) ?? null,
    range: {
      class: rangeClass(port),
      privileged,
      ephemeral: host.ephemeralRange ? port >= low && port <= high : null,
      ephemeralRange: host.ephemeralRange,
    },
    botMayBind: !privileged || host.isRoot,
    suggestions: await suggestFreePorts(port, snapshot, host, options.services, options.suggestionCount ?? 3),
    method: snapshot.method,
    certainty: snapshot.method === 'probe' ? 'probe' : 'exact',
    ownersHidden: !options.showProcess,
    checkedAt: new Date().toISOString(),
  };
}

function toListener(raw: RawListener, host: HostFacts, showProcess: boolean): Listener {
  const scope = scopeOf(raw.address);
  const family = familyOf(raw.address);
  return {
    protocol: raw.protocol,
    address: raw.address,
    family,
    scope,
    pid: showProcess ? raw.pid : null,
    process: showProcess ? raw.process : null,
    uid: showProcess ? raw.uid : null,
    user: showProcess ? raw.user : null,
    dualStack: family === 6 && scope === 'all' && host.dualStackDefault === true,
  };
}

function dedupe(listeners: RawListener[]): RawListener[] {
  const seen = new Set<string>();
  return listeners.filter((l) => {
    const key = `${l.protocol} ${l.address} ${l.port} ${l.pid}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Where no table can be read: a bind probe on both wildcards; less certain, and said so. */
async function probeSnapshot(port: number): Promise<Snapshot> {
  const listeners: RawListener[] = [];
  for (const host of ['0.0.0.0', '::']) {
    if ((await probeBind(port, host)) === 'in-use') {
      listeners.push({ protocol: 'tcp', address: host, port, pid: null, process: null, uid: null, user: null });
    }
  }
  return { listeners, method: 'probe' };
}

const SEARCH_SPAN = 50;
/** The end of IANA's well-known (system) range: no place to suggest for an app. */
const WELL_KNOWN_MAX = 1023;

/**
 * Nearby ports no socket holds in the snapshot, each confirmed by a bind probe. A suggestion is a
 * place to start an app, so it skips the well-known range (0-1023) and ports of a known service
 * (23 Telnet, 3307 next to MySQL is fine, 2376 next to Docker is not), and ports the kernel hands out
 * for outgoing connections; privileged ones only when the bot could not bind them anyway.
 */
async function suggestFreePorts(port: number, snapshot: Snapshot, host: HostFacts, services: ServiceTable, count: number): Promise<number[]> {
  const held = new Set(snapshot.listeners.filter((l) => l.protocol === 'tcp').map((l) => l.port));
  const [low, high] = host.ephemeralRange ?? [0, -1];
  const candidates: number[] = [];
  for (let step = 1; step <= SEARCH_SPAN; step++) candidates.push(port + step);
  for (let step = 1; step <= SEARCH_SPAN; step++) candidates.push(port - step);
  const out: number[] = [];
  for (const candidate of candidates) {
    if (out.length >= count) break;
    if (candidate < 1 || candidate > 65535 || held.has(candidate)) continue;
    if (candidate < host.unprivilegedPortStart && !host.isRoot) continue;
    if (candidate <= WELL_KNOWN_MAX || isServicePort(services, candidate)) continue;
    if (candidate >= low && candidate <= high && !(port >= low && port <= high)) continue;
    if (await isFreeEverywhere(candidate)) out.push(candidate);
  }
  return out;
}
