import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  isReady(): boolean;
  /** The Prometheus exposition: its content type and text. */
  metrics(): Promise<{ contentType: string; body: string }>;
  /** A scrape that failed (the scraper gets a 500). */
  onError(error: unknown): void;
}

export interface HealthServer {
  address: AddressInfo;
  close(): Promise<void>;
}

/**
 * GET /healthz (200 ready, 503 not) and GET /metrics; anything else is 404. Read-only: it takes
 * no input but the path, and never keeps the process alive by itself.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server = http.createServer((req, res) => void respond(req, res, options));
  // Scrapers send small requests quickly; a slow or idle client is not waited for.
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.unref();
  return {
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function respond(req: http.IncomingMessage, res: http.ServerResponse, options: HealthServerOptions): Promise<void> {
  // The path only, compared exactly; nothing else of the request is read (no URL parsing to fail).
  const path = (req.url ?? '/').split('?')[0];
  const readOnly = req.method === 'GET' || req.method === 'HEAD';
  const send = (status: number, body: string, contentType = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
  };
  if (readOnly && path === '/healthz') {
    if (options.isReady()) send(200, 'ok\n');
    else send(503, 'not ready\n');
  } else if (readOnly && path === '/metrics') {
    try {
      const { contentType, body } = await options.metrics();
      send(200, body, contentType);
    } catch (error) {
      options.onError(error);
      send(500, 'metrics unavailable\n');
    }
  } else {
    send(404, 'not found\n');
  }
}
