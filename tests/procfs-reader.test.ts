import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { scanOffThread, scanThreadRunning } from '../src/ports/procfs-reader.ts';
import { lookupPort } from '../src/ports/lookup.ts';
import { readHostFacts } from '../src/ports/host.ts';
import { loadServices } from '../src/ports/services.ts';

async function listener(): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as net.AddressInfo).port };
}

describe('the /port lookup runs off the event loop', () => {
  it('keeps a timer firing while lookups run, and is served by the worker thread', async () => {
    const { server, port } = await listener();
    try {
      const options = { host: readHostFacts(), services: loadServices(), showProcess: true, suggestionCount: 0 };
      await lookupPort(port, options); // the thread is started
      // A 1 ms timer counts its ticks while 20 lookups run back to back. Were the lookups on this
      // thread, the timer could only tick between them; off it, it keeps ticking during each.
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      const ticksDuring: number[] = [];
      for (let i = 0; i < 20; i++) {
        const before = ticks;
        const report = await lookupPort(port, options);
        ticksDuring.push(ticks - before);
        expect(report.listeners).toEqual([expect.objectContaining({ address: '127.0.0.1', pid: process.pid })]);
      }
      clearInterval(timer);
      expect(scanThreadRunning()).toBe(true);
      expect(Math.max(...ticksDuring)).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });

  it('keeps only TCP listeners and UDP sockets on the asked port, and owners only for that port', async () => {
    const { server, port } = await listener();
    const other = await listener();
    // An established connection: its rows are in the tables but not kept.
    const client = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => client.once('connect', resolve));
    try {
      const { tables, owners } = await scanOffThread({ procRoot: '/proc', port, ownerBudgetMs: 1000 });
      expect(tables[0]).toMatch(/^\s*sl\s+local_address/);
      const rows = tables.flatMap((t, i) => (t ? t.split('\n').slice(1).map((line) => ({ line, tcp: i < 2 })) : []));
      for (const { line, tcp } of rows) {
        const [, local, , state] = line.trim().split(/\s+/);
        if (tcp) expect(state).toBe('0A');
        else expect(local!.endsWith(`:${port.toString(16).toUpperCase().padStart(4, '0')}`)).toBe(true);
      }
      const hex = (p: number) => `0100007F:${p.toString(16).toUpperCase().padStart(4, '0')} 00000000:0000 0A`;
      expect(tables[0]).toContain(hex(port));
      expect(tables[0]).toContain(hex(other.port)); // listeners on other ports stay, for suggestions
      expect(owners.map(([, pid]) => pid)).toEqual([process.pid]); // the asked port's owner only
    } finally {
      client.destroy();
      server.close();
      other.server.close();
    }
  });

  it('answers lookups asked at once from one shared scan, each for its own port', async () => {
    const held = await Promise.all([listener(), listener(), listener()]);
    try {
      const options = { host: readHostFacts(), services: loadServices(), showProcess: true, suggestionCount: 0 };
      const free = held[0]!.port === 1 ? 2 : 1; // port 1: nothing listens there on a test machine
      const reports = await Promise.all([...held.map((h) => lookupPort(h.port, options)), lookupPort(free, options)]);
      held.forEach((h, i) => {
        expect(reports[i]!.port).toBe(h.port);
        expect(reports[i]!.listeners).toEqual([expect.objectContaining({ address: '127.0.0.1', pid: process.pid })]);
      });
      expect(reports[3]!.inUse).toBe(false);
    } finally {
      for (const h of held) h.server.close();
    }
  });

  it('never keeps a process alive: a CLI that used it exits by itself', () => {
    const script = "import('./src/ports/procfs-reader.ts').then((m) => m.scanOffThread({ procRoot: '/proc', port: 1, ownerBudgetMs: 100 })).then((r) => console.log(r.tables.map((x) => (x ? 'read' : 'null')).join(' ')))";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8', timeout: 20_000 });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^read read read/);
  });
});
