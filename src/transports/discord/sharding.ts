import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config.ts';

export const BOT_ENTRY = fileURLToPath(new URL('../../main.ts', import.meta.url));

/**
 * For teams that outgrow one process: discord.js's own ShardingManager runs the ordinary bot
 * (src/main.ts) once per shard; discord.js tells each child which shard it is.
 * SHARD_COUNT sets the number of shards; without it, Discord's recommendation is asked from
 * DISCORD_API_URL (the manager's own "auto" would always ask discord.com).
 */
export async function createShardingManager(env: NodeJS.ProcessEnv = process.env): Promise<ShardingManager> {
  const config = loadConfig(env);
  if (!config.discordToken) throw new Error('sharding needs DISCORD_TOKEN');
  const count = env.SHARD_COUNT?.trim();
  if (count && !/^[1-9]\d{0,3}$/.test(count)) throw new Error('SHARD_COUNT must be a whole number from 1 to 9999');
  const totalShards = count
    ? Number(count)
    : ((await new REST({ api: config.discordApiUrl }).setToken(config.discordToken).get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult).shards;
  return new ShardingManager(BOT_ENTRY, {
    token: config.discordToken,
    totalShards,
    respawn: true,
    // Each shard runs exactly as npm start does: tsx, and a bounded heap (see README, "Memory").
    execArgv: ['--max-old-space-size=128', '--max-semi-space-size=2', '--import', 'tsx'],
  });
}
