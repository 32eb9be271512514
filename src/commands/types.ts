import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { BotContext } from '../app.ts';
import type { Choice } from '../knowledge/autocomplete.ts';
import type { Lang } from '../knowledge/topic.ts';
import type { Reply } from '../replies/reply.ts';

export type OptionValue = string | number | boolean;

/** A command call as plain data: what the user gave, in which language, by whom. No transport objects. */
export interface CommandRequest {
  options: Readonly<Record<string, OptionValue | undefined>>;
  lang: Lang;
  userId: string;
  /** Where it was asked (null in direct messages); the stats record and /stats use them. */
  guildId?: string | null;
  channelId?: string | null;
}

export interface Command {
  name: string;
  /** The slash-command definition registered with Discord (`npm run deploy`), built when first asked for (definitions.ts). */
  definition(): RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(request: CommandRequest, ctx: BotContext): Promise<Reply> | Reply;
  /** Choices for the option being typed (`focused`), at most LIMITS.autocompleteChoices (25). */
  autocomplete?(focused: { name: string; value: string }, request: CommandRequest, ctx: BotContext): Array<Choice<string | number>>;
}

/** Discord locales to our two languages: Korean for `ko`, English otherwise. */
export function langFromLocale(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function optionText(request: CommandRequest, name: string): string {
  const value = request.options[name];
  return typeof value === 'string' ? value : value === undefined ? '' : String(value);
}
