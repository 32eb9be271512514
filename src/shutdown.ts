import type { Logger } from './log.ts';

/** How long a graceful stop may take before the process exits anyway (well inside a 5 s SIGTERM budget). */
export const SHUTDOWN_GRACE_MS = 3000;

/**
 * Listens for SIGINT/SIGTERM from the start, whatever the bot is doing (connecting, connected,
 * reconnecting, or retrying an unreachable gateway). On a signal it runs `stop` and exits; if `stop`
 * hangs or fails, the process exits anyway after the grace period, so a shutdown always ends it.
 */
export function exitOnSignal(log: Logger, stop: () => Promise<void>, graceMs = SHUTDOWN_GRACE_MS): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return; // a second Ctrl+C while stopping changes nothing: the deadline stands
    stopping = true;
    log.info(`${signal}: shutting down`);
    setTimeout(() => {
      log.warn(`shutdown took over ${graceMs} ms: exiting without waiting further`);
      process.exit(0);
    }, graceMs);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('error while shutting down', error);
        process.exit(0);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
