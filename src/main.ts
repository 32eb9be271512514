import dotenv from 'dotenv';
import type { BotContext } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { exitOnUncaught } from './crash.ts';
import { createLogger, type Logger } from './log.ts';
import { fatalHint } from './transports/discord/fatal-hints.ts';
import { exitOnSignal } from './shutdown.ts';

dotenv.config({ quiet: true });

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`devops-bot cannot start: ${error.message}\nSee .env.example for every variable.`);
      return 1;
    }
    throw error;
  }
  const log = createLogger(config.logLevel, [config.discordToken, config.statsSecret], undefined, config.logFormat);
  exitOnUncaught(log);
  return config.discordToken ? runBot(config, log) : runOfflineConsole(config, log);
}

/** A knowledge or services.yaml problem at start: the same short message and status for both ways of starting. */
function cannotStart(error: unknown): number {
  if (!(error instanceof Error)) throw error;
  console.error(`devops-bot cannot start: ${error.message}`);
  return 1;
}

async function runOfflineConsole(config: Config, log: Logger): Promise<number> {
  const { contextOptionsFrom, createContext } = await import('./app.ts');
  let ctx;
  try {
    ctx = createContext(contextOptionsFrom(config));
  } catch (error) {
    return cannotStart(error);
  }
  console.error('No DISCORD_TOKEN set: starting the offline console. Type /help, /port 8080, /explain localhost or a question.');
  const { runConsole } = await import('./transports/console.ts');
  await runConsole(ctx, log);
  return 0;
}

/**
 * The Discord bot. It logs in as soon as discord.js is loaded, and loads the rest of itself and its
 * knowledge while the gateway handshake runs: module loading waits on I/O and the knowledge load
 * pauses after each file, so IDENTIFY goes out without waiting for either. Events that arrive before
 * the bot can answer wait for it (transports/discord/startup-gate.ts); /healthz says ready only once
 * the search index is built too.
 */
async function runBot(config: Config, log: Logger): Promise<number> {
  let ctx: BotContext | null = null;
  let answering = false;
  // Serving /healthz from before login, so a probe sees 503 until the bot can answer.
  const { startOperations } = await import('./ops/operations.ts');
  const ops = await startOperations(config, { topicsLoaded: () => ctx?.kb.topics.length ?? 0, log, canAnswer: () => answering });
  // Loaded only here: the offline console never needs discord.js.
  const { connectGateway, createClient } = await import('./transports/discord/client.ts');
  const { listenForEvents } = await import('./transports/discord/startup-gate.ts');
  const client = createClient(config);
  const events = listenForEvents(client, log);
  let stopWatching = () => {};
  // Signals are handled before connecting: a bot still logging in, loading or retrying must stop too.
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      ops.beginShutdown();
      stopWatching();
      await client.destroy();
      ctx?.stats.close();
      await ops.close();
    })());
  exitOnSignal(log, stop);
  // Settled into a value at once: a failed login is handled below, once the bot is loaded, not as an unhandled rejection.
  const connected = connectGateway(config, client, log, ops.observer).then(
    () => null,
    (error: unknown) => ({ error }),
  );
  const loadStarted = Date.now();
  try {
    ctx = await loadBot(config, log);
  } catch (error) {
    await stop();
    return cannotStart(error);
  }
  const [{ gatewayHandlers }, { logReloads, watchKnowledge }, { warmIndexes }] = await Promise.all([import('./transports/discord/gateway.ts'), import('./knowledge/live.ts'), import('./app.ts')]);
  // Already connected (the knowledge took longer than the handshake): interactions may be waiting
  // on Discord's 3 s clock, so the index is built before they are served, not by the first of them.
  if (client.isReady()) warmIndexes(ctx);
  events.serve(gatewayHandlers(config, ctx, log, ops.observer));
  logReloads(ctx.knowledge, log);
  stopWatching = watchKnowledge(ctx.knowledge, log, undefined, loadStarted);
  const failed = await connected;
  if (failed) {
    // Stopped by a signal while connecting: the login's failure is the shutdown, not an error.
    const pending = stopping as Promise<void> | null; // set by the signal handler, which TypeScript cannot see
    if (pending) {
      await pending;
      return 0;
    }
    // A login that fails for good (bad token, refused intent) ends the process: nothing may hold it open.
    await stop();
    throw failed.error;
  }
  // Built once connected, not during the handshake: a question arriving meanwhile builds it itself.
  warmIndexes(ctx);
  answering = true;
  // Serving: the Client's connection keeps the process alive until a signal ends it.
  return 0;
}

/** The bot's context with its knowledge and its record of questions; throws on a knowledge or services.yaml problem. */
async function loadBot(config: Config, log: Logger): Promise<BotContext> {
  const { contextOptionsFrom, createContext, knowledgeSources } = await import('./app.ts');
  const { buildSnapshotGradually } = await import('./knowledge/live.ts');
  const options = contextOptionsFrom(config);
  const ctx = createContext({ ...options, knowledge: await buildSnapshotGradually(knowledgeSources(options)) });
  // Only the Discord bot records questions; the offline console is for trying it out.
  try {
    const { statsFromConfig } = await import('./stats/store.ts');
    ctx.stats = statsFromConfig(config, log);
  } catch (error) {
    log.error(`stats: cannot open the record in ${config.dataDir}; answering without recording`, error);
  }
  log.info(ctx.stats.enabled ? `stats: recording questions in ${config.dataDir}, kept ${config.statsRetentionDays} days` : 'stats: off, nothing is recorded');
  return ctx;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const hint = fatalHint(error);
    console.error(`devops-bot stopped: ${error instanceof Error ? error.message : String(error)}${hint ? `\n${hint}` : ''}`);
    process.exitCode = 1;
  },
);
