import { REST, Routes } from 'discord.js';
import { ConfigError, type Config } from '../config.ts';
import { commands } from './index.ts';

/**
 * Registers the slash commands with a bulk overwrite (PUT), which is idempotent: running it again
 * with the same definitions changes nothing. With DISCORD_GUILD_ID they appear in that server at
 * once; without it they are global (Discord may take up to an hour to show them everywhere).
 */
export async function deployCommands(config: Config): Promise<{ scope: 'guild' | 'global'; count: number }> {
  if (!config.discordToken || !config.discordClientId) {
    throw new ConfigError(['npm run deploy needs DISCORD_TOKEN and DISCORD_CLIENT_ID (the application id)']);
  }
  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
  const body = commands.map((c) => c.definition());
  const route = config.discordGuildId
    ? Routes.applicationGuildCommands(config.discordClientId, config.discordGuildId)
    : Routes.applicationCommands(config.discordClientId);
  const registered = (await rest.put(route, { body })) as unknown[];
  return { scope: config.discordGuildId ? 'guild' : 'global', count: registered.length };
}
