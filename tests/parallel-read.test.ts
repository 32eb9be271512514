import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { helperRunning, readAtOnce } from '../src/ports/parallel-read.ts';

describe('reading the /proc tables side by side', () => {
  it('returns every file whole, in the order asked, and null for one that cannot be read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-'));
    try {
      const files = ['first', 'second', 'third'].map((name) => path.join(dir, name));
      files.forEach((file, i) => fs.writeFileSync(file, `${'line\n'.repeat(1000 * (i + 1))}end ${i}`));
      const texts = await readAtOnce([files[0]!, path.join(dir, 'missing'), files[1]!, files[2]!]);
      expect(texts).toEqual([fs.readFileSync(files[0]!, 'utf8'), null, fs.readFileSync(files[1]!, 'utf8'), fs.readFileSync(files[2]!, 'utf8')]);
      expect(await readAtOnce([])).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the real socket tables, the helper\'s too, with a listener this test holds, concurrently', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      // 127.0.0.1 as /proc/net/tcp writes it (a little-endian word), the port in hex, state 0A = LISTEN.
      const row = new RegExp(`0100007F:${port.toString(16).toUpperCase().padStart(4, '0')} 00000000:0000 0A `);
      const tables = ['tcp', 'tcp6', 'udp', 'udp6'].map((t) => `/proc/net/${t}`);
      const rounds = await Promise.all(Array.from({ length: 8 }, () => readAtOnce(tables)));
      for (const texts of rounds) {
        for (const text of texts) expect(text).toMatch(/^\s*sl\s+local_address/);
        // tcp is the file the helper thread reads.
        expect(texts[0]).toMatch(row);
      }
      // Read there, not by the fallback: a broken helper would still answer, only slower.
      expect(helperRunning()).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('never keeps a process alive: a CLI that used it exits by itself', () => {
    const script = "import('./src/ports/parallel-read.ts').then((m) => m.readAtOnce(['/proc/net/tcp', '/proc/net/udp'])).then((t) => console.log(t.map((x) => (x ? 'read' : 'null')).join(' ')))";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8', timeout: 20_000 });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('read read');
  });
});
