import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHostFacts, type HostFacts } from '../src/ports/host.ts';
import { lookupPort, type LookupOptions } from '../src/ports/lookup.ts';
import { hintsFor } from '../src/ports/meaning.ts';
import { isFreeEverywhere, probeBind } from '../src/ports/probe.ts';
import { isServicePort, loadServices } from '../src/ports/services.ts';
import { runCli } from './helpers/cli.ts';

const services = loadServices();
const host = readHostFacts();
const options = (extra: Partial<LookupOptions> = {}): LookupOptions => ({ host, services, showProcess: true, ...extra });
const myName = fs.readFileSync(`/proc/${process.pid}/comm`, 'utf8').trim();
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tcpListener(host: string, ipv6Only = false, port = 0): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, ipv6Only }, resolve);
  });
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as net.AddressInfo).port;
}

/**
 * A listener on a port below Linux's ephemeral range (32768–60999), where the sockets other test
 * files open at the same time (listen(0), client connections) never land: the ports around it stay
 * as this test leaves them.
 */
async function quietListener(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 9000);
    const bound = await tcpListener('127.0.0.1', false, port).catch(() => null);
    if (bound) return bound;
  }
}

async function udpSocket(type: 'udp4' | 'udp6', address: string): Promise<number> {
  const socket = dgram.createSocket(type);
  await new Promise<void>((resolve) => socket.bind(0, address, resolve));
  cleanups.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return socket.address().port;
}

describe('lookup on this host (Linux /proc)', () => {
  it('finds a TCP listener on 127.0.0.1 with its owner: this very process', async () => {
    const port = await tcpListener('127.0.0.1');
    const report = await lookupPort(port, options());
    expect(report.inUse).toBe(true);
    expect(report.method).toBe('procfs');
    expect(report.certainty).toBe('exact');
    expect(report.listeners).toEqual([
      { protocol: 'tcp', address: '127.0.0.1', family: 4, scope: 'loopback', pid: process.pid, process: myName, uid: process.getuid!(), user: expect.any(String), dualStack: false },
    ]);
    expect(hintsFor(report).map((h) => h.code)).toContain('loopback-only');
  });

  it('reports 0.0.0.0 as all interfaces, and a dual-stack :: as IPv6 that also takes IPv4', async () => {
    const v4 = await tcpListener('0.0.0.0');
    expect((await lookupPort(v4, options())).listeners[0]).toMatchObject({ address: '0.0.0.0', family: 4, scope: 'all', pid: process.pid });
    const dual = await tcpListener('::', false);
    const report = await lookupPort(dual, options());
    expect(report.listeners[0]).toMatchObject({ protocol: 'tcp', address: '::', family: 6, scope: 'all', pid: process.pid, dualStack: host.dualStackDefault === true });
    expect(hintsFor(report).map((h) => h.code)).toEqual(expect.arrayContaining(['in-use', 'exposed']));
  });

  it('reports a v6-only ::1 listener as loopback', async () => {
    const port = await tcpListener('::1', true);
    expect((await lookupPort(port, options())).listeners).toEqual([
      expect.objectContaining({ protocol: 'tcp', address: '::1', family: 6, scope: 'loopback', pid: process.pid, dualStack: false }),
    ]);
  });

  it('finds bound UDP sockets on IPv4 and IPv6', async () => {
    const v4 = await udpSocket('udp4', '127.0.0.1');
    expect((await lookupPort(v4, options())).listeners).toEqual([expect.objectContaining({ protocol: 'udp', address: '127.0.0.1', family: 4, pid: process.pid })]);
    const v6 = await udpSocket('udp6', '::1');
    expect((await lookupPort(v6, options())).listeners).toEqual([expect.objectContaining({ protocol: 'udp', address: '::1', family: 6, scope: 'loopback' })]);
  });

  it('reports a free port as free and suggests nearby ports that really are free', async () => {
    const busy = await quietListener();
    const next = await tcpListener('127.0.0.1', false, busy + 1).catch(() => null);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    const report = await lookupPort(busy, options());
    expect(report.suggestions).toHaveLength(3);
    if (next) expect(report.suggestions).not.toContain(next);
    for (const port of report.suggestions) {
      expect(port).not.toBe(busy);
      expect(await isFreeEverywhere(port)).toBe(true);
      const free = await lookupPort(port, options({ suggestionCount: 0 }));
      expect(free.inUse).toBe(false);
      expect(hintsFor(free).map((h) => h.code)).toContain('free');
    }
  });

  it('suggests the nearest free ports in order (above first), passing over only taken ones', async () => {
    const base = await quietListener();
    const held = await tcpListener('0.0.0.0', false, base + 2).catch(() => null);
    const report = await lookupPort(base, options());
    expect(report.suggestions).toHaveLength(3);
    if (held) expect(report.suggestions).not.toContain(held);
    // The order ports are considered in: above the asked one, nearest first, then below it.
    const order = [...Array.from({ length: 50 }, (_, i) => base + 1 + i), ...Array.from({ length: 50 }, (_, i) => base - 1 - i)];
    const upToLast = order.slice(0, order.indexOf(report.suggestions.at(-1)!) + 1);
    expect(upToLast.filter((port) => report.suggestions.includes(port))).toEqual(report.suggestions);
    // Every port passed over on the way is taken (or a known service's), as one-by-one probing would find.
    for (const port of upToLast) {
      if (report.suggestions.includes(port) || port > 65535 || isServicePort(services, port)) continue;
      expect(await isFreeEverywhere(port)).toBe(false);
    }
  });

  it('hides owners when configured to', async () => {
    const port = await tcpListener('127.0.0.1');
    const report = await lookupPort(port, options({ showProcess: false }));
    expect(report.ownersHidden).toBe(true);
    expect(report.listeners[0]).toMatchObject({ pid: null, process: null, uid: null, user: null });
  });

  it('knows the usual service and range of a port', async () => {
    const report = await lookupPort(5432, options({ suggestionCount: 0 }));
    expect(report.service?.name).toBe('PostgreSQL');
    expect(report.range.class).toBe('registered');
  });

  it('says a privileged port is "not allowed" for a non-root bot, and skips privileged suggestions', async () => {
    const nonRoot: HostFacts = { ...host, isRoot: false, unprivilegedPortStart: 1024 };
    const report = await lookupPort(1020, options({ host: nonRoot }));
    expect(report.range.privileged).toBe(true);
    expect(report.botMayBind).toBe(false);
    expect(hintsFor(report).map((h) => h.code)).toContain('privileged');
    for (const port of report.suggestions) expect(port).toBeGreaterThanOrEqual(1024);
    const asRoot = await lookupPort(1020, options({ host: { ...nonRoot, isRoot: true }, suggestionCount: 0 }));
    expect(asRoot.botMayBind).toBe(true);
  });

  it('marks a port inside the ephemeral range', async () => {
    const report = await lookupPort(40000, options({ host: { ...host, ephemeralRange: [32768, 60999] }, suggestionCount: 0 }));
    expect(report.range.ephemeral).toBe(true);
    expect(hintsFor(report).map((h) => h.code)).toContain('ephemeral');
  });
});

describe('the other readers', () => {
  it('maps socket inodes to processes through a /proc tree, skipping what it cannot read', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'proc-'));
    cleanups.push(() => fs.rmSync(root, { recursive: true, force: true }));
    fs.mkdirSync(path.join(root, 'net'));
    for (const file of ['tcp', 'tcp6', 'udp']) {
      fs.copyFileSync(new URL(`./fixtures/captured/proc-net-${file}.txt`, import.meta.url), path.join(root, 'net', file));
    }
    fs.mkdirSync(path.join(root, '4242', 'fd'), { recursive: true });
    fs.writeFileSync(path.join(root, '4242', 'comm'), 'gunicorn\n');
    fs.symlinkSync('socket:[111111]', path.join(root, '4242', 'fd', '3'));
    fs.symlinkSync('/dev/null', path.join(root, '4242', 'fd', '0'));
    fs.mkdirSync(path.join(root, '4343')); // no fd folder: a process we may not look into
    const report = await lookupPort(8080, options({ procRoot: root, suggestionCount: 0 }));
    expect(report.listeners.map((l) => [l.address, l.scope, l.pid, l.process, l.uid])).toEqual([
      ['127.0.0.1', 'loopback', 4242, 'gunicorn', 1000],
      ['192.168.1.100', 'specific', null, null, 1001],
      ['::', 'all', null, null, 1000],
    ]);
    expect(hintsFor(report).map((h) => h.code)).toEqual(expect.arrayContaining(['in-use', 'exposed', 'specific-address', 'owner-unseen']));
  });

  it('uses lsof (no shell, fixed arguments) where there is no /proc, as on macOS', async () => {
    const port = await tcpListener('127.0.0.1');
    const report = await lookupPort(port, options({ platform: 'darwin', suggestionCount: 0 }));
    expect(report.method).toBe('lsof');
    expect(report.listeners).toEqual([expect.objectContaining({ protocol: 'tcp', address: '127.0.0.1', pid: process.pid })]);
  });

  it('falls back to a bind probe elsewhere, and says it is less certain', async () => {
    const port = await tcpListener('0.0.0.0');
    const report = await lookupPort(port, options({ platform: 'aix', suggestionCount: 0 }));
    expect(report).toMatchObject({ method: 'probe', certainty: 'probe', inUse: true });
    expect(hintsFor(report).map((h) => h.code)).toContain('probe-only');
  });

  it('falls back to the bind probe when /proc lets it read no TCP table, whatever else it may read', async () => {
    const port = await tcpListener('127.0.0.1');
    const proc = fs.mkdtempSync(path.join(os.tmpdir(), 'proc-locked-'));
    cleanups.push(() => fs.rmSync(proc, { recursive: true, force: true }));
    fs.mkdirSync(path.join(proc, 'net'));
    // Only what a hardened host may still show: the IPv6 socket counts and a UDP table.
    fs.writeFileSync(path.join(proc, 'net', 'sockstat6'), 'TCP6: inuse 0\nUDP6: inuse 0\n');
    fs.writeFileSync(path.join(proc, 'net', 'udp'), '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n');
    const report = await lookupPort(port, options({ procRoot: proc, suggestionCount: 0 }));
    expect(report).toMatchObject({ method: 'probe', certainty: 'probe', inUse: true });
  });

  it('probes without disturbing a listener', async () => {
    const port = await tcpListener('127.0.0.1');
    expect(await probeBind(port, '127.0.0.1')).toBe('in-use');
    const client = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject));
    client.destroy();
  });
});

describe('cli port (the contract)', () => {
  const cli = (...args: string[]) => runCli(['port', ...args]);

  it('prints one JSON line with the listener held by this test', async () => {
    const port = await tcpListener('127.0.0.1');
    const run = await cli(String(port), '--json');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(json).toMatchObject({ port, valid: true, inUse: true, service: null });
    expect(json.listeners).toEqual([expect.objectContaining({ protocol: 'tcp', address: '127.0.0.1', family: 4, scope: 'loopback', pid: process.pid, process: myName })]);
    expect(json.suggestions).toHaveLength(3);
  });

  it('rejects bad input with exit 2, valid:false and an error, and looks nothing up', async () => {
    for (const bad of ['0', '70000', 'abc', '80; rm -rf /', '-1', '8080.5']) {
      const run = await cli(bad, '--json');
      expect(run.status, bad).toBe(2);
      const json = JSON.parse(run.stdout.trim());
      expect(json).toMatchObject({ valid: false });
      expect(json.error).toMatch(/port/i);
      expect(json).not.toHaveProperty('listeners');
    }
  });
});
