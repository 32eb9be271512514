import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { startHealthServer, type HealthServer } from './health-server.ts';
import { NO_OBSERVER, type GatewayObserver } from './observer.ts';
import { Readiness } from './readiness.ts';

/** The running bot's operations side: what the gateway reports to, and the health server's life. */
export interface Operations {
  observer: GatewayObserver;
  /** Where /healthz and /metrics are served; null without HEALTH_PORT. */
  url: string | null;
  /** Shutdown has begun: /healthz answers 503 from now on. */
  beginShutdown(): void;
  close(): Promise<void>;
}

const OFF: Operations = { observer: NO_OBSERVER, url: null, beginShutdown() {}, close: async () => {} };

/**
 * With HEALTH_PORT set, serves /healthz and /metrics on HEALTH_HOST (loopback by default);
 * without it, binds nothing and observes nothing. (Tests pass a config with port 0: any free port.)
 */
export async function startOperations(
  config: Config,
  options: { topicsLoaded(): number; log: Logger; canAnswer?: () => boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<Operations> {
  if (config.healthPort === null) return OFF;
  // Loaded only when asked for: prom-client adds a few MB the bot without a health port need not carry.
  const { createMetrics } = await import('./metrics.ts');
  const readiness = new Readiness(options.canAnswer);
  const metrics = createMetrics({ topicsLoaded: options.topicsLoaded, ready: () => readiness.ready });
  const server: HealthServer = await startHealthServer({
    host: config.healthHost,
    port: healthPortFor(config.healthPort, env),
    isReady: () => readiness.ready,
    metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    onError: (error) => options.log.error('metrics scrape failed', error),
  });
  const { address, family, port } = server.address;
  const url = `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`;
  options.log.info(`health and metrics on ${url}/healthz and ${url}/metrics`);
  return {
    observer: {
      attach(client) {
        readiness.watch(client);
        metrics.observer.attach(client);
      },
      interaction: metrics.observer.interaction,
      message: metrics.observer.message,
    },
    url,
    beginShutdown: () => readiness.beginShutdown(),
    close: () => server.close(),
  };
}

/**
 * Under `npm run start:sharded` every shard is its own process (discord.js sets SHARDING_MANAGER
 * and SHARDS): shard N serves on HEALTH_PORT + N, so the processes do not fight over one port.
 */
export function healthPortFor(port: number, env: NodeJS.ProcessEnv): number {
  if (!env.SHARDING_MANAGER) return port;
  const shard = Number(env.SHARDS);
  if (!Number.isInteger(shard) || shard < 0) return port;
  if (port + shard > 65535) throw new Error(`HEALTH_PORT ${port} + shard ${shard} is above 65535: choose a lower HEALTH_PORT`);
  return port + shard;
}
