import dotenv from 'dotenv';
import { contextOptionsFrom, createContext, warmIndexes } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { exitOnUncaught } from './crash.ts';
import { logReloads, watchKnowledge } from './knowledge/live.ts';
import { KnowledgeError } from './knowledge/load.ts';
import { createLogger } from './log.ts';
import { NO_STATS, statsFromConfig, type QuestionLog } from './stats/store.ts';
import { runConsole } from './transports/console.ts';
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
  let ctx;
  // Only the Discord bot records questions; the offline console is for trying it out.
  let stats: QuestionLog = NO_STATS;
  try {
    if (config.discordToken) stats = statsFromConfig(config, log);
  } catch (error) {
    log.error(`stats: cannot open the record in ${config.dataDir}; answering without recording`, error);
  }
  try {
    ctx = createContext({ ...contextOptionsFrom(config), stats });
  } catch (error) {
    if (error instanceof KnowledgeError || error instanceof Error) {
      console.error(`devops-bot cannot start: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (!config.discordToken) {
    console.error('No DISCORD_TOKEN set: starting the offline console. Type /help, /port 8080, /explain localhost or a question.');
    await runConsole(ctx, log);
    return 0;
  }
  logReloads(ctx.knowledge, log);
  const stopWatching = watchKnowledge(ctx.knowledge, log);
  log.info(stats.enabled ? `stats: recording questions in ${config.dataDir}, kept ${config.statsRetentionDays} days` : 'stats: off, nothing is recorded');
  // Serving /healthz from before login, so a probe sees 503 until the gateway is ready.
  const { startOperations } = await import('./ops/operations.ts');
  const ops = await startOperations(config, { topicsLoaded: () => ctx.kb.topics.length, log });
  // Loaded only here: the offline console never needs discord.js.
  const { createClient, startGateway } = await import('./transports/discord/gateway.ts');
  const client = createClient(config);
  // Signals are handled before connecting: a bot still logging in or retrying must stop too.
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      ops.beginShutdown();
      stopWatching();
      await client.destroy();
      stats.close();
      await ops.close();
    })());
  exitOnSignal(log, stop);
  try {
    await startGateway(config, ctx, log, client, ops.observer);
  } catch (error) {
    // Stopped by a signal while connecting: the login's failure is the shutdown, not an error.
    const pending = stopping as Promise<void> | null; // set by the signal handler, which TypeScript cannot see
    if (pending) {
      await pending;
      return 0;
    }
    // A login that fails for good (bad token, refused intent) ends the process: nothing may hold it open.
    await stop();
    throw error;
  }
  // Built once connected, not before IDENTIFY: a question arriving meanwhile builds it itself.
  warmIndexes(ctx);
  // Serving: the Client's connection keeps the process alive until a signal ends it.
  return 0;
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
