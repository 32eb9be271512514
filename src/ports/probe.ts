import net from 'node:net';

export type BindResult = 'free' | 'in-use' | 'denied' | 'unavailable';

/**
 * Tries to listen on host:port and closes at once. Non-destructive: it never touches another
 * socket; the port is held for a moment only if it was free.
 */
export function probeBind(port: number, host: string): Promise<BindResult> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve('in-use');
      else if (error.code === 'EACCES' || error.code === 'EPERM') resolve('denied');
      else resolve('unavailable');
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve('free')));
  });
}

/** Free for a new TCP server on every interface: both 0.0.0.0 and :: bind (where IPv6 exists). */
export async function isFreeEverywhere(port: number): Promise<boolean> {
  const v4 = await probeBind(port, '0.0.0.0');
  if (v4 !== 'free') return false;
  const v6 = await probeBind(port, '::');
  return v6 === 'free' || v6 === 'unavailable';
}
