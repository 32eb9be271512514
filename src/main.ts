import dotenv from 'dotenv';
import { contextOptionsFrom, createContext, warmIndexes } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { KnowledgeError } from './knowledge/load.ts';
import { createLogger } from './log.ts';
import { runConsole } from './transports/console.ts';
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
  const log = createLogger(config.logLevel, [config.discordToken]);
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
  // Signals are handled before connecting: a bot still logging in or retrying must stop too.
  // Loaded only here: the offline console never needs discord.js.
  const { createClient, startGateway } = await import('./transports/discord/gateway.ts');
  const client = createClient(config);
  exitOnSignal(log, () => client.destroy());
  await startGateway(config, ctx, log, client);
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
    console.error(`devops-bot stopped: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
