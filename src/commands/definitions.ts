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
  let built: Definition | undefined;
  return () => (built ??= build((require('discord.js') as typeof import('discord.js')).SlashCommandBuilder));
}
