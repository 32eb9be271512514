import { REST, Routes } from 'discord.js';
import { ConfigError, type Config } from '../config.ts';
import { commands, messageCommands } from './index.ts';
import { INSTALL_SCOPE } from './user-install.ts';

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
  const body = commandBodies(config.discordGuildId ? 'guild' : 'global');
  const route = config.discordGuildId
    ? Routes.applicationGuildCommands(config.discordClientId, config.discordGuildId)
    : Routes.applicationCommands(config.discordClientId);
  const registered = (await rest.put(route, { body })) as unknown[];
  return { scope: config.discordGuildId ? 'guild' : 'global', count: registered.length };
}

/**
 * What `npm run deploy` sends: the slash commands and the message command. Global commands also
 * carry the install scope (server and user installs; servers, the bot's DMs and other DMs); Discord
 * reads those fields on global commands only, and guild commands do not support the BOT_DM context.
 */
export function commandBodies(scope: 'guild' | 'global') {
  const definitions = [...commands.map((c) => c.definition()), ...messageCommands.map((c) => c.definition())];
  if (scope === 'guild') return definitions.map(({ contexts: _contexts, integration_types: _types, ...rest }) => rest);
  // A command that names its own contexts (the server-admin /stats and /reload) stays a server-install command.
  return definitions.map((d) => (d.contexts ? { ...d, integration_types: [INSTALL_SCOPE.integration_types[0]] } : { ...d, ...INSTALL_SCOPE }));
}
