import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHostFacts } from '../src/ports/host.ts';
import { lookupPort } from '../src/ports/lookup.ts';
import { hintsFor } from '../src/ports/meaning.ts';
import { isServicePort, loadServices, serviceJson } from '../src/ports/services.ts';
import { portReply } from '../src/replies/port-reply.ts';
import { renderForTerminal } from '../src/transports/terminal.ts';
import { sharedContext } from './helpers/bot.ts';

const ctx = sharedContext();
const services = loadServices();
const host = readHostFacts();
// As root, so privileged ports are not skipped merely because the bot could not bind them.
const asRoot = { host: { ...host, isRoot: true }, services, showProcess: true };

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function servicesFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'services-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'services.yaml'), text);
  return path.join(dir, 'services.yaml');
}

describe('/port advice fits the port', () => {
  it('never tells people to start an app on a known service port that happens to be free', async () => {
    for (const port of [3306, 2375, 5432, 6379]) {
      const report = await lookupPort(port, { ...asRoot, suggestionCount: 3 });
      if (report.inUse) continue; // something really holds it on this host: the in-use advice applies
      expect(hintsFor(report).map((h) => h.code), String(port)).toContain('free-service');
      for (const lang of ['en', 'ko'] as const) {
        const text = renderForTerminal(portReply(report, lang, ctx.kb));
        expect(text, `${port} ${lang}`).not.toMatch(new RegExp(`--port ${port}|port=${port}`));
        expect(text).toContain(report.service!.name);
      }
    }
  });

  it('still suggests starting an app on a free dev port', async () => {
    const report = await lookupPort(8080, { ...asRoot, suggestionCount: 0 });
    if (!report.inUse) expect(renderForTerminal(portReply(report, 'en', ctx.kb))).toMatch(/flask run --port 8080/);
    expect(isServicePort(services, 8080)).toBe(false);
    expect(isServicePort(services, 3306)).toBe(true);
  });

  it('skips the well-known range and service ports in free-port suggestions', async () => {
    const ssh = await lookupPort(22, { ...asRoot, suggestionCount: 3 });
    for (const p of [23, 24, 25]) expect(ssh.suggestions).not.toContain(p);
    for (const p of ssh.suggestions) expect(p).toBeGreaterThan(1023);
    // Around Docker's and etcd's ports: 2376, 2379 and 2380 belong to services.
    const docker = await lookupPort(2377, { ...asRoot, suggestionCount: 3 });
    for (const p of docker.suggestions) expect(isServicePort(services, p), String(p)).toBe(false);
    expect(docker.suggestions).not.toContain(2379);
    expect(docker.suggestions).not.toContain(2376);
  });
});

describe('the services table', () => {
  it('knows the ports a cloud-native team meets, and the Kubernetes NodePort range', () => {
    const names = Object.fromEntries([5353, 9042, 2380, 8200, 8500, 9093, 4317, 4318].map((p) => [p, services.get(p)?.name]));
    expect(names).toEqual({ 5353: 'mDNS', 9042: 'Cassandra', 2380: 'etcd-peer', 8200: 'Vault', 8500: 'Consul', 9093: 'Alertmanager', 4317: 'OTLP gRPC', 4318: 'OTLP HTTP' });
    for (const p of [30000, 31000, 32767]) expect(services.get(p)?.name).toBe('Kubernetes NodePort');
    expect(services.get(29999)).toBeUndefined();
    expect(services.get(32768)).toBeUndefined();
    expect(serviceJson(services.get(31000)!)).toMatchObject({ range: [30000, 32767], forApps: false });
    expect(renderForTerminal(portReply({ ...emptyReport(31000), service: services.get(31000)! }, 'en', ctx.kb))).toMatch(/30000–32767/);
  });

  it('rejects a bad range, an overlap, an unknown field and a non-boolean for_apps, naming each entry', () => {
    const file = servicesFile(
      [
        '- { ports: 100-50, protocol: tcp, name: A, en: a, ko: 가 }',
        '- { ports: 30000-30010, protocol: tcp, name: B, en: b, ko: 나 }',
        '- { port: 30005, protocol: tcp, name: C, en: c, ko: 다 }',
        '- { port: 40000, protocol: tcp, name: D, en: d, ko: 라, colour: red }',
        '- { port: 40001, protocol: tcp, name: E, en: e, ko: 마, for_apps: "yes" }',
      ].join('\n'),
    );
    let message = '';
    try {
      loadServices(file);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/entry 1: "ports" must be a range/);
    expect(message).toMatch(/entry 3: port 30005 is listed twice/);
    expect(message).toMatch(/entry 4: unknown field "colour"/);
    expect(message).toMatch(/entry 5: "for_apps" must be true or false/);
  });
});

function emptyReport(port: number) {
  return {
    port,
    inUse: false,
    listeners: [],
    service: null,
    range: { class: 'registered' as const, privileged: false, ephemeral: false, ephemeralRange: [32768, 60999] as [number, number] },
    botMayBind: true,
    suggestions: [],
    method: 'procfs' as const,
    certainty: 'exact' as const,
    ownersHidden: false,
    checkedAt: new Date().toISOString(),
  };
}
