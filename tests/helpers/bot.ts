import { createContext, type BotContext } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { startGateway, type RunningBot } from '../../src/transports/discord/gateway.ts';
import { FakeDiscord } from '../fake-discord/server.ts';
import { QA_CHANNEL_ID } from '../fake-discord/payloads.ts';
import { tempFolder } from './temp-folder.ts';

export const TEST_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.fake.token-for-tests-only';

/** A fresh DATA_DIR for a bot process a test starts, so its stats file never lands in the repository. */
export function tempDataDir(): string {
  return tempFolder('bot-data-');
}

let shared: BotContext | undefined;
/** The knowledge base and index, built once per test file. */
export function sharedContext(): BotContext {
  return (shared ??= createContext());
}

export interface Harness {
  discord: FakeDiscord;
  bot: RunningBot;
  config: Config;
  logs: string[];
  log: Logger;
  stop(): Promise<void>;
}

/** Starts a fake Discord on loopback and the real bot (real discord.js Client) connected to it. */
export async function startHarness(env: Record<string, string> = {}, ctx: BotContext = sharedContext()): Promise<Harness> {
  const discord = await new FakeDiscord().start();
  const config = loadConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, QA_CHANNELS: QA_CHANNEL_ID, LOG_LEVEL: 'debug', ...env });
  const logs: string[] = [];
  const log = createLogger(config.logLevel, [config.discordToken], (line) => logs.push(line));
  const bot = await startGateway(config, ctx, log);
  return {
    discord,
    bot,
    config,
    logs,
    log,
    stop: async () => {
      await bot.stop();
      await discord.stop();
    },
  };
}
