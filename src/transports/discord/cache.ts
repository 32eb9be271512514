import { Options, type CacheFactory, type ClientOptions } from 'discord.js';

/**
 * What the bot keeps in discord.js's caches: only what it reads back. Guilds, channels and roles
 * (a server's size, not its traffic: replies need the channel, bot-role mentions need the roles)
 * keep discord.js's defaults, which it requires. Everything that grows with authors or messages is
 * off: each event carries the user, member and message it is about (the delete button reads
 * `interaction.message`, which arrives with the interaction), so nothing is read from these caches.
 * Only the bot's own user and member are kept.
 */
export function cacheFactory(): CacheFactory {
  return Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: 0,
    UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user?.id },
    GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user?.id },
    PresenceManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
    ThreadMemberManager: 0,
    VoiceStateManager: 0,
    GuildBanManager: 0,
    GuildInviteManager: 0,
    GuildEmojiManager: 0,
    GuildStickerManager: 0,
    GuildScheduledEventManager: 0,
    StageInstanceManager: 0,
    AutoModerationRuleManager: 0,
    ApplicationCommandManager: 0,
    GuildMessageManager: 0,
    DMMessageManager: 0,
  });
}

/** Archived threads still go after a while (discord.js's default); the limits above leave nothing else to sweep. */
export function sweepers(): ClientOptions['sweepers'] {
  return { ...Options.DefaultSweeperSettings };
}
