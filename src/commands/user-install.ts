import type { Lang } from '../knowledge/topic.ts';
import type { Reply } from '../replies/reply.ts';

/**
 * Installable to servers and to user accounts; usable in servers, in DMs with the bot, and in
 * other DMs and group DMs. Discord reads both fields on global commands only
 * (https://discord.com/developers/docs/interactions/application-commands#contexts).
 */
export const INSTALL_SCOPE = {
  // Discord's numbers, written out so that reading them does not load discord.js:
  integration_types: [0, 1], // GUILD_INSTALL, USER_INSTALL
  contexts: [0, 1, 2], // GUILD, BOT_DM, PRIVATE_CHANNEL
} as const;

/** Where an interaction came from, as far as answering it is concerned. */
export interface InteractionPlace {
  /**
   * The bot itself can post there: the app is installed to the server (or it is the bot's own DM),
   * i.e. `authorizing_integration_owners` has the GUILD_INSTALL key. Otherwise it was used through
   * a user install, in a server or DM the bot is not part of.
   */
  botCanPost: boolean;
}

/**
 * An answer for a place the bot is not part of: private to the asker (who can still post it), and
 * /port says plainly whose host it looked at.
 */
export function forPlace(commandName: string, reply: Reply, place: InteractionPlace, lang: Lang): Reply {
  if (place.botCanPost) return reply;
  const note = lang === 'ko' ? "ℹ️ `/port`는 봇이 돌아가는 호스트를 봅니다. 여러분의 컴퓨터가 아닙니다." : "ℹ️ `/port` reports the bot's own host, not your computer.";
  // Addressed to someone? Not here: a private answer names and pings nobody.
  const own = reply.mentionUserIds?.length ? undefined : reply.content;
  const content = commandName === 'port' ? [note, own].filter(Boolean).join('\n') : own;
  return { ...reply, content, ephemeral: true, mentionUserIds: [] };
}
