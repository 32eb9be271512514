import { createRequire } from 'node:module';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody, SlashCommandBuilder } from 'discord.js';

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody;

const require = createRequire(import.meta.url);

/**
 * A command's slash-command definition, built the first time it is asked for. Only registering
 * the commands needs it, and building it loads discord.js (0.6 s): the console, the CLI and the
 * gateway's handlers use the commands without it. The builder code stays next to its handler.
 */
export function slashCommand(build: (builder: typeof SlashCommandBuilder) => Definition): () => Definition {
  return withDiscord((discord) => build(discord.SlashCommandBuilder));
}

/** The same, for definitions that need more of discord.js (permissions, contexts, context-menu builders). */
export function withDiscord<T>(build: (discord: typeof import('discord.js')) => T): () => T {
  let built: T | undefined;
  return () => (built ??= build(require('discord.js') as typeof import('discord.js')));
}

/** What a command is called and says, in both languages. */
export interface CommandNames {
  name: string;
  ko: string;
  description: string;
  koDescription: string;
}

/**
 * A server-administration command (/stats, /reload): Manage Server by default (a server's admins
 * can change who sees it in Integrations), in servers only.
 */
export function adminCommand(build: (builder: SlashCommandBuilder) => { toJSON(): Definition }, names: CommandNames): () => Definition {
  return withDiscord(({ InteractionContextType, PermissionFlagsBits, SlashCommandBuilder }) => {
    const builder = new SlashCommandBuilder()
      .setName(names.name)
      .setNameLocalizations({ ko: names.ko })
      .setDescription(names.description)
      .setDescriptionLocalizations({ ko: names.koDescription })
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .setContexts(InteractionContextType.Guild);
    return build(builder).toJSON();
  });
}
