import dotenv from 'dotenv';
import { contextOptionsFrom, createContext } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { KnowledgeError } from './knowledge/load.ts';
import { createLogger } from './log.ts';
import { startOperations } from './ops/operations.ts';
import { runConsole } from './transports/console.ts';
import { createClient, startGateway } from './transports/discord/gateway.ts';

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
  const log = createLogger(config.logLevel, [config.discordToken], undefined, config.logFormat);
  let ctx;
  try {
    ctx = createContext(contextOptionsFrom(config));
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
  // A stray rejection inside a library must not take the bot down: log it and keep serving.
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));
  // Serving /healthz from before login, so a probe sees 503 until the gateway is ready.
  const ops = await startOperations(config, { topicsLoaded: () => ctx.kb.topics.length, log });
  const bot = await startGateway(config, ctx, log, createClient(config), ops.observer);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info(`${signal}: shutting down`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  ops.beginShutdown();
  await bot.stop();
  await ops.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`devops-bot stopped: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
