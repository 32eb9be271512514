import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeIpv4Hex, decodeIpv6Hex, scopeOf } from '../src/ports/address.ts';
import { parsePort, portInputError } from '../src/ports/parse-port.ts';
import { parseEndpoint, parseLsof, parseTasklist, parseWindowsNetstat } from '../src/ports/platforms.ts';
import { isHolding, parseProcNet } from '../src/ports/procnet.ts';
import { loadServices, rangeClass } from '../src/ports/services.ts';

const captured = (name: string) => fs.readFileSync(new URL(`./fixtures/captured/${name}`, import.meta.url), 'utf8');

describe('port input', () => {
  it('accepts a whole number from 1 to 65535 and nothing else', () => {
    expect(parsePort('8080')).toEqual({ ok: true, port: 8080 });
    expect(parsePort(' 443 ')).toEqual({ ok: true, port: 443 });
    expect(parsePort(1)).toEqual({ ok: true, port: 1 });
    expect(parsePort(65535)).toEqual({ ok: true, port: 65535 });
    for (const bad of ['0', '70000', '-1', '8080.5', '0x1F90', '8080abc', '80; rm -rf /', '', '   ', '1e3', '+80', '８０８０', '80 81', '$(id)', '`id`', '65536', '0000080']) {
      const parsed = parsePort(bad);
      expect(parsed.ok, JSON.stringify(bad)).toBe(false);
    }
    for (const bad of [0, 65536, 8080.5, Number.NaN, -1]) expect(parsePort(bad).ok).toBe(false);
    expect(parsePort(undefined)).toMatchObject({ ok: false, problem: 'empty' });
  });

  it('explains the problem briefly, in both languages, without echoing markup', () => {
    expect(portInputError('out-of-range', '70000')).toBe('70000 is out of range: ports go from 1 to 65535.');
    expect(portInputError('empty', '')).toMatch(/No port given/);
    const echoed = portInputError('not-a-number', '@everyone `rm -rf /` <@123>\nmore text that is long');
    expect(echoed).not.toMatch(/[@`<\n]/);
    expect(echoed.length).toBeLessThan(100);
    expect(portInputError('not-a-number', 'abc', 'ko')).toMatch(/포트 번호가 아닙니다/);
  });
});

describe('/proc/net tables', () => {
  it('decodes little-endian IPv4 and per-word IPv6 addresses', () => {
    expect(decodeIpv4Hex('0100007F')).toBe('127.0.0.1');
    expect(decodeIpv4Hex('6401A8C0')).toBe('192.168.1.100');
    expect(decodeIpv6Hex('00000000000000000000000001000000')).toBe('::1');
    expect(decodeIpv6Hex('00000000000000000000000000000000')).toBe('::');
    expect(decodeIpv6Hex('0000000000000000FFFF00000100007F')).toBe('::ffff:127.0.0.1');
    expect(decodeIpv6Hex('000080FE00000000FF0000FC010000FE')).toBe('fe80::fc00:ff:fe00:1');
  });

  it('parses rows, skips malformed lines, and keeps only holding sockets', () => {
    const tcp = parseProcNet(captured('proc-net-tcp.txt'), 'tcp', 4);
    expect(tcp).toHaveLength(4);
    expect(tcp[0]).toEqual({ protocol: 'tcp', family: 4, address: '127.0.0.1', port: 8080, state: 0x0a, uid: 1000, inode: 111111 });
    expect(tcp.filter(isHolding).map((r) => r.inode)).toEqual([111111, 222222, 333333]);
    const tcp6 = parseProcNet(captured('proc-net-tcp6.txt'), 'tcp', 6);
    expect(tcp6.map((r) => `${r.address}:${r.port}`)).toEqual([':::8080', '::1:5432', '::ffff:127.0.0.1:8081']);
    const udp = parseProcNet(captured('proc-net-udp.txt'), 'udp', 4);
    expect(udp).toEqual([{ protocol: 'udp', family: 4, address: '0.0.0.0', port: 5353, state: 7, uid: 101, inode: 888888 }]);
    expect(udp.every(isHolding)).toBe(true);
  });

  it('classifies scope', () => {
    expect(scopeOf('0.0.0.0')).toBe('all');
    expect(scopeOf('::')).toBe('all');
    expect(scopeOf('127.0.0.53')).toBe('loopback');
    expect(scopeOf('::1')).toBe('loopback');
    expect(scopeOf('::ffff:127.0.0.1')).toBe('loopback');
    expect(scopeOf('192.168.1.100')).toBe('specific');
    expect(scopeOf('fe80::1')).toBe('specific');
  });
});

describe('macOS lsof and Windows netstat outputs', () => {
  it('reads lsof field output, telling the IPv4 and IPv6 wildcards apart', () => {
    expect(parseLsof(captured('lsof-macos.txt'), 'tcp')).toEqual([
      { protocol: 'tcp', address: '0.0.0.0', port: 5000, pid: 1234, process: 'Python', uid: null, user: null },
      { protocol: 'tcp', address: '::', port: 5000, pid: 1234, process: 'Python', uid: null, user: null },
      { protocol: 'tcp', address: '127.0.0.1', port: 5000, pid: 567, process: 'ControlCe', uid: null, user: null },
      { protocol: 'tcp', address: '::1', port: 5000, pid: 567, process: 'ControlCe', uid: null, user: null },
    ]);
    expect(parseLsof(captured('lsof-macos-udp.txt'), 'udp').map((l) => l.address)).toEqual(['0.0.0.0', 'fe80::1']);
  });

  it('reads netstat -ano: TCP only when LISTENING, every UDP row, with PIDs', () => {
    const rows = parseWindowsNetstat(captured('netstat-windows.txt'));
    expect(rows.map((r) => `${r.protocol} ${r.address}:${r.port} ${r.pid}`)).toEqual([
      'tcp 0.0.0.0:135 1000',
      'tcp 0.0.0.0:8080 4321',
      'tcp :::8080 4321',
      'tcp ::1:5432 888',
      'udp 0.0.0.0:5353 2222',
      'udp fe80::1:1900 2223',
    ]);
    expect(parseTasklist(captured('tasklist-windows.txt'))).toBe('python.exe');
    expect(parseTasklist('INFO: No tasks are running which match the specified criteria.')).toBeNull();
  });

  it('parses endpoints and rejects junk', () => {
    expect(parseEndpoint('[::]:80')).toEqual({ address: '::', port: 80 });
    expect(parseEndpoint('*:22')).toEqual({ address: '0.0.0.0', port: 22 });
    expect(parseEndpoint('nonsense')).toBeNull();
  });
});

describe('services table', () => {
  const services = loadServices();

  it('knows at least 60 ports a DevOps team meets, each described in both languages', () => {
    expect(services.size).toBeGreaterThanOrEqual(60);
    for (const port of [20, 21, 22, 25, 53, 80, 123, 443, 1433, 1521, 2375, 2376, 3000, 3306, 3389, 5000, 5173, 5432, 5672, 5900, 6379, 6443, 8000, 8080, 8443, 9000, 9090, 9092, 9200, 11211, 27017]) {
      const s = services.get(port);
      expect(s, String(port)).toBeDefined();
      expect(s!.description.en && s!.description.ko).toBeTruthy();
    }
    expect(services.get(8080)?.name).toBe('HTTP-alt');
    expect(services.get(5000)?.note?.en).toMatch(/AirPlay/);
  });

  it('classifies the IANA ranges', () => {
    expect([1023, 1024, 49151, 49152].map(rangeClass)).toEqual(['well-known', 'registered', 'registered', 'dynamic']);
  });
});
