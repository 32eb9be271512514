import { spawn, type ChildProcess } from 'node:child_process';

export interface BusyHost {
  /** The listening port of each holder process (each also holds its share of connections). */
  ports: number[];
  close(): Promise<void>;
}

/**
 * Opens `connections` loopback TCP connections (127.0.0.1 only) in `processes` helper processes, so
 * each stays inside the per-process descriptor limit (`ulimit -n`): 2 sockets per connection.
 */
export async function openBusyHost(connections: number, processes = 4): Promise<BusyHost> {
  const children: ChildProcess[] = [];
  const close = async () => {
    await Promise.all(
      children.map((child) => {
        if (child.exitCode !== null) return undefined;
        return new Promise((resolve) => {
          child.once('exit', resolve);
          child.stdin?.end();
        });
      }),
    );
  };
  try {
    const ports = await Promise.all(
      Array.from({ length: processes }, (_, i) => {
        const share = Math.floor(connections / processes) + (i < connections % processes ? 1 : 0);
        const child = spawn(process.execPath, [new URL('./hold-connections.mjs', import.meta.url).pathname, String(share)], { stdio: ['pipe', 'pipe', 'inherit'] });
        children.push(child);
        return new Promise<number>((resolve, reject) => {
          child.stdout!.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
          child.once('exit', (code) => reject(new Error(`connection holder exited (${code}) before it was ready`)));
          setTimeout(() => reject(new Error('connection holder not ready within 60 s')), 60_000).unref();
        });
      }),
    );
    return { ports, close };
  } catch (error) {
    await close();
    throw error;
  }
}
