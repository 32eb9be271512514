import dotenv from 'dotenv';
import { contextOptionsFrom, createContext } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { exitOnUncaught } from './crash.ts';
import { KnowledgeError } from './knowledge/load.ts';
import { createLogger } from './log.ts';
import { runConsole } from './transports/console.ts';
import { fatalHint } from './transports/discord/diagnostics.ts';
import { startGateway } from './transports/discord/gateway.ts';

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
  const log = createLogger(config.logLevel, [config.discordToken]);
  exitOnUncaught(log);
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
  const bot = await startGateway(config, ctx, log);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info(`${signal}: shutting down`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await bot.stop();
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
