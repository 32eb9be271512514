import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
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
    const script = "import('./src/ports/procfs-reader.ts').then((m) => m.scanOffThread({ procRoot: '/proc', port: 1, ownerBudgetMs: 100 })).then((r) => console.log(r.tables.map((x) => (x === null ? 'null' : 'read')).join(' ')))";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8', timeout: 20_000 });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^read read read/);
  });
});

/** A /proc/net row: only the fields the scan reads are real. */
const row = (n: number, local: string, state: string, inode: number) =>
  `${String(n).padStart(4)}: ${local} 00000000:0000 ${state} 00000000:00000000 00:00000000 00000000  1000        0 ${inode} 1 0000000000000000 100 0 0 10 0`;
const HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';

describe('what the scan reads of the socket tables', () => {
  type Tables = Record<string, string | { fifo: string }>;
  /**
   * Scans /proc trees in turn, in one child process (with a time limit, so a read that waits forever
   * fails the test instead of hanging it), each under the same path (a symlink moved from tree to
   * tree), as the real /proc changes between scans. A table may be a FIFO held open here: a read past
   * what was written waits forever, as a read past the listeners would walk the kernel's whole
   * connection table.
   */
  function scanInTurn(trees: Tables[], ports = [8080]): Array<Array<string | null>> {
    const held: number[] = [];
    const roots = trees.map((tables) => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'proc-'));
      fs.mkdirSync(path.join(root, 'net'));
      for (const [name, content] of Object.entries(tables)) {
        const file = path.join(root, 'net', name);
        if (typeof content === 'string') {
          fs.writeFileSync(file, content);
          continue;
        }
        expect(spawnSync('mkfifo', [file]).status).toBe(0);
        const fd = fs.openSync(file, 'r+'); // read-write: opening does not wait for a reader, and the writer never closes
        held.push(fd);
        fs.writeSync(fd, content.fifo);
      }
      return root;
    });
    try {
      const scan = new URL('../src/ports/procfs-scan.mjs', import.meta.url).pathname;
      const procRoot = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'proc-link-')), 'proc');
      roots.push(path.dirname(procRoot));
      const script = `const fs = await import('node:fs');
        const { scanProcNet } = await import(${JSON.stringify(scan)});
        for (const tree of ${JSON.stringify(roots.slice(0, -1))}) {
          fs.rmSync(${JSON.stringify(procRoot)}, { force: true });
          fs.symlinkSync(tree, ${JSON.stringify(procRoot)});
          console.log(JSON.stringify((await scanProcNet({ procRoot: ${JSON.stringify(procRoot)}, ports: ${JSON.stringify(ports)}, ownerBudgetMs: 100 })).tables));
        }`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10_000 });
      expect(run.error, 'the scan read past what it needs').toBeUndefined();
      expect(run.status).toBe(0);
      return run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Array<string | null>);
    } finally {
      for (const fd of held) fs.closeSync(fd);
      for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
    }
  }

  const listeners = [row(0, '0100007F:1F90', '0A', 11), row(1, '00000000:0016', '0A', 12)];
  const connection = row(2, '0100007F:1F90', '01', 15);
  const lateListener = row(3, '0100007F:1F93', '0A', 16);
  /** A table as Linux lists it: listeners, then connections. */
  const linuxTable = [HEADER, ...listeners, connection, ''].join('\n');
  const kept = (...rows: string[]) => [HEADER, ...rows].join('\n');

  it('reads a TCP table up to its first connection once the kernel has shown it lists listeners first', () => {
    const tcp = [
      HEADER,
      ...listeners,
      row(2, '0100007F:1F91', '03', 0), // a request queued under its listener (older kernels): still the listeners' part
      row(3, '0100007F:1F92', '07', 13), // a listener being closed
      row(4, '0100007F:1F93', '0A', 14),
      row(5, '0100007F:1F90', '01', 15), // the first connection: nothing after it is read
      '',
    ].join('\n');
    const [first, second] = scanInTurn([{ tcp: linuxTable }, { tcp: { fifo: tcp } }]);
    expect(first![0]).toBe(kept(...listeners)); // read whole: listeners, then a connection
    expect(second![0]).toBe(kept(...listeners, row(4, '0100007F:1F93', '0A', 14)));
  });

  it('reads every table whole on a kernel seen listing a listener after a connection', () => {
    const unordered = [HEADER, ...listeners, connection, lateListener, ''].join('\n');
    const results = scanInTurn([{ tcp: unordered }, { tcp: linuxTable }, { tcp: unordered }]);
    expect(results.map((tables) => tables[0])).toEqual([kept(...listeners, lateListener), kept(...listeners), kept(...listeners, lateListener)]);
  });

  it('trusts the order only from a whole read that showed listeners, then a connection: listeners alone prove nothing', () => {
    const results = scanInTurn([{ tcp: [HEADER, ...listeners, ''].join('\n') }, { tcp: [HEADER, ...listeners, connection, lateListener, ''].join('\n') }]);
    expect(results.map((tables) => tables[0])).toEqual([kept(...listeners), kept(...listeners, lateListener)]);
  });

  it('keeps what it learnt of the order per /proc root: another tree proves nothing about the kernel', () => {
    const tcp = [HEADER, ...listeners, connection, lateListener, ''].join('\n');
    const scan = new URL('../src/ports/procfs-scan.mjs', import.meta.url).pathname;
    const roots = [linuxTable, tcp].map((table) => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'proc-'));
      fs.mkdirSync(path.join(root, 'net'));
      fs.writeFileSync(path.join(root, 'net', 'tcp'), table);
      return root;
    });
    try {
      const script = `const { scanProcNet } = await import(${JSON.stringify(scan)});
        for (const procRoot of ${JSON.stringify(roots)}) console.log(JSON.stringify((await scanProcNet({ procRoot, ports: [8080], ownerBudgetMs: 100 })).tables[0]));`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10_000 });
      expect(run.status).toBe(0);
      // The first tree showed Linux's order; the second, another root, is still read whole.
      expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([kept(...listeners), kept(...listeners, lateListener)]);
    } finally {
      for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('never reports a skipped IPv6 table as read when its IPv4 table cannot be read: both are unknown', () => {
    const [tables] = scanInTurn([{ sockstat6: 'TCP6: inuse 0\nUDP6: inuse 0\n' }]);
    expect(tables).toEqual([null, null, null, null]);
  });

  it('skips an IPv6 table when the kernel counts no socket of its kind, and reads it otherwise', () => {
    const v6 = row(0, '00000000000000000000000000000000:1F90', '0A', 21);
    const [skipped, read] = scanInTurn([
      { tcp: `${HEADER}\n`, udp: `${HEADER}\n`, tcp6: { fifo: '' }, udp6: { fifo: '' }, sockstat6: 'TCP6: inuse 0\nUDP6: inuse 0\nUDPLITE6: inuse 0\n' },
      { tcp6: `${HEADER}\n${v6}\n`, udp6: `${HEADER}\n`, sockstat6: 'TCP6: inuse 1\nUDP6: inuse 0\n' },
    ]);
    expect(skipped).toEqual([HEADER, '', HEADER, '']);
    expect(read).toEqual([null, kept(v6), null, null]); // udp6 skipped, but udp unreadable: both unknown
  });
});
