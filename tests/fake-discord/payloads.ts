/** Discord payloads as the real API sends them, for the fake gateway and the tests that drive it. */

export interface ApiUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
}

export const APPLICATION_ID = '100000000000000001';
export const BOT_USER: ApiUser = { id: APPLICATION_ID, username: 'devops-bot', discriminator: '0', global_name: null, avatar: null, bot: true };
export const USER: ApiUser = { id: '300000000000000001', username: 'alice', discriminator: '0', global_name: 'Alice', avatar: null };
export const OTHER_USER: ApiUser = { id: '300000000000000002', username: 'bob', discriminator: '0', global_name: 'Bob', avatar: null };
export const OTHER_BOT: ApiUser = { id: '300000000000000009', username: 'ci-bot', discriminator: '0', global_name: null, avatar: null, bot: true };

export const QA_CHANNEL_ID = '400000000000000001';
export const CHAT_CHANNEL_ID = '400000000000000002';
export const BOT_ROLE_ID = '500000000000000002';
/** A forum channel (type 15): only threads ("posts") live in it. */
export const FORUM_CHANNEL_ID = '400000000000000003';

export const GUILD = {
  id: '500000000000000001',
  name: 'Team',
  icon: null,
  owner_id: USER.id,
  afk_timeout: 300,
  verification_level: 0,
  default_message_notifications: 0,
  explicit_content_filter: 0,
  mfa_level: 0,
  nsfw_level: 0,
  premium_tier: 0,
  system_channel_flags: 0,
  preferred_locale: 'en-US',
  features: [],
  roles: [
    { id: '500000000000000001', name: '@everyone', color: 0, hoist: false, position: 0, permissions: '0', managed: false, mentionable: false, flags: 0 },
    // The role Discord gives a bot when it joins: same name, managed, tagged with the bot's id.
    { id: BOT_ROLE_ID, name: 'devops-bot', color: 0, hoist: false, position: 1, permissions: '84992', managed: true, mentionable: false, flags: 0, tags: { bot_id: BOT_USER.id } },
  ],
  emojis: [],
  stickers: [],
  members: [],
  voice_states: [],
  presences: [],
  threads: [],
  stage_instances: [],
  guild_scheduled_events: [],
  soundboard_sounds: [],
  member_count: 3,
  large: false,
  unavailable: false,
  joined_at: '2026-01-01T00:00:00.000Z',
  channels: [
    { id: QA_CHANNEL_ID, type: 0, name: 'devops-qa', position: 0, permission_overwrites: [], guild_id: '500000000000000001', parent_id: null, nsfw: false },
    { id: CHAT_CHANNEL_ID, type: 0, name: 'general', position: 1, permission_overwrites: [], guild_id: '500000000000000001', parent_id: null, nsfw: false },
    { id: FORUM_CHANNEL_ID, type: 15, name: 'help-forum', position: 2, permission_overwrites: [], guild_id: '500000000000000001', parent_id: null, nsfw: false, available_tags: [], default_reaction_emoji: null, default_sort_order: null, default_forum_layout: 0, default_thread_rate_limit_per_user: 0, flags: 0 },
  ],
};

let counter = 0;
const nextId = () => `7${String(Date.now()).slice(-9)}${String(++counter).padStart(8, '0')}`;

function member(user: ApiUser) {
  return { user, roles: [], joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions: '2248473465835073', nick: null, avatar: null };
}

interface InteractionOptions {
  locale?: string;
  user?: ApiUser;
  token?: string;
  channelId?: string;
  /**
   * Used through a user install where the bot is not: a DM between users (context 2, no guild),
   * as Discord sends it: `user` instead of `member`, only USER_INSTALL among the owners.
   */
  userInstallDm?: boolean;
}

function base(type: number, data: unknown, o: InteractionOptions) {
  const channelId = o.channelId ?? CHAT_CHANNEL_ID;
  if (o.userInstallDm) {
    const user = o.user ?? USER;
    return {
      id: nextId(),
      application_id: APPLICATION_ID,
      type,
      data,
      channel: { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [OTHER_USER] },
      channel_id: channelId,
      user,
      token: o.token ?? `token-${nextId()}`,
      version: 1,
      app_permissions: '442368',
      locale: o.locale ?? 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '1': user.id },
      context: 2,
      attachment_size_limit: 10485760,
    };
  }
  return {
    id: nextId(),
    application_id: APPLICATION_ID,
    type,
    data,
    guild_id: GUILD.id,
    channel: { id: channelId, type: 0, guild_id: GUILD.id, name: 'general' },
    channel_id: channelId,
    member: member(o.user ?? USER),
    token: o.token ?? `token-${nextId()}`,
    version: 1,
    app_permissions: '2248473465835073',
    locale: o.locale ?? 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD.id },
    context: 0,
    attachment_size_limit: 10485760,
  };
}

export type OptionInput = { name: string; type: number; value: string | number | boolean; focused?: boolean };

/** A slash command as Discord sends it (INTERACTION_CREATE type 2, chat input). */
export function chatInput(name: string, options: OptionInput[] = [], o: InteractionOptions = {}) {
  const users = options.filter((opt) => opt.type === 6).map((opt) => [String(opt.value), { ...OTHER_USER, id: String(opt.value) }]);
  return base(2, { id: '200000000000000001', name, type: 1, options, ...(users.length ? { resolved: { users: Object.fromEntries(users) } } : {}) }, o);
}

/** Autocomplete while typing an option (type 4); the focused option carries `focused: true`. */
export function autocomplete(name: string, options: OptionInput[], o: InteractionOptions = {}) {
  return base(4, { id: '200000000000000001', name, type: 1, options }, o);
}

/** Apps → <name> on `target` (a message command: type 2 interaction, data.type 3, the message in resolved.messages). */
export function messageCommand(name: string, target: { id: string }, o: InteractionOptions = {}) {
  return base(2, { id: '200000000000000009', name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: target } } }, o);
}

/** A click on a button (component type 2) or a choice in a string select (type 3) on `message`. */
export function component(customId: string, message: unknown, o: InteractionOptions & { values?: string[] } = {}) {
  const data = o.values ? { custom_id: customId, component_type: 3, values: o.values } : { custom_id: customId, component_type: 2 };
  return { ...base(3, data, o), message };
}

/** A user's message in a guild channel (MESSAGE_CREATE). */
export function userMessage(content: string, o: { channelId?: string; author?: ApiUser; mentionsBot?: boolean; mentionsBotRole?: boolean; replyTo?: any; id?: string } = {}) {
  const author = o.author ?? USER;
  const mentions = o.mentionsBot ? [BOT_USER] : [];
  if (o.mentionsBotRole) content = `<@&${BOT_ROLE_ID}> ${content}`;
  // A reply pings the replied-to author by default: Discord lists them in `mentions`.
  const replied = o.replyTo ? { message_reference: { type: 0, message_id: o.replyTo.id, channel_id: o.replyTo.channel_id, guild_id: GUILD.id }, referenced_message: o.replyTo } : {};
  return {
    ...replied,
    id: o.id ?? nextId(),
    channel_id: o.channelId ?? CHAT_CHANNEL_ID,
    guild_id: GUILD.id,
    author,
    member: { roles: [], joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
    content: o.mentionsBot ? `<@${BOT_USER.id}> ${content}` : content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: /@everyone|@here/.test(content),
    mentions: o.replyTo ? [...mentions, o.replyTo.author] : mentions,
    mention_roles: o.mentionsBotRole ? [BOT_ROLE_ID] : [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: o.replyTo ? 19 : 0,
    flags: 0,
    components: [],
  };
}

/** A thread channel object: a post in a forum, or a thread opened on a message (same id as the message). */
export function threadChannel(id: string, parentId: string, name: string, ownerId: string) {
  return {
    id,
    type: 11,
    guild_id: GUILD.id,
    parent_id: parentId,
    owner_id: ownerId,
    name,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false, create_timestamp: new Date().toISOString() },
    applied_tags: [],
  };
}

/** A new forum post as Discord creates it: the thread (id = its first message's id) and that first message. */
export function forumPost(title: string, content: string, o: { author?: ApiUser; forumId?: string } = {}) {
  const author = o.author ?? USER;
  const id = nextId();
  const thread = threadChannel(id, o.forumId ?? FORUM_CHANNEL_ID, title, author.id);
  const starter = userMessage(content, { channelId: id, author, id });
  return { thread, starter };
}

/** The message object Discord returns when the bot posts (what the fake answers to POST /channels/:id/messages). */
export function botMessage(id: string, channelId: string, body: any) {
  return {
    id,
    channel_id: channelId,
    guild_id: GUILD.id,
    author: BOT_USER,
    content: body?.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    pinned: false,
    type: body?.message_reference ? 19 : 0,
    flags: 0,
    ...(body?.message_reference ? { message_reference: body.message_reference } : {}),
  };
}
