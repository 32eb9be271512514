/**
 * The yardstick: a bare discord.js bot, started the way `npm start` starts ours (same node flags,
 * through tsx), with the same intents and cache limits, answering every interaction and message with
 * a fixed short reply. What ours costs beyond this is our own work.
 */
import { Client, Events, GatewayIntentBits, MessageFlags, Options, Partials } from 'discord.js';

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent],
  partials: [Partials.Channel],
  allowedMentions: { parse: [], repliedUser: false },
  rest: { api: process.env.DISCORD_API_URL },
  makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0, UserManager: 0, GuildMemberManager: 0, PresenceManager: 0 }),
});
client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isAutocomplete()) void interaction.respond([{ name: 'a choice', value: 'a' }]).catch(() => {});
  else if (interaction.isRepliable()) void interaction.reply({ content: 'an answer', flags: MessageFlags.Ephemeral }).catch(() => {});
});
client.on(Events.MessageCreate, (message) => {
  if (!message.author.bot) void message.reply({ content: 'an answer' }).catch(() => {});
});
const stop = () => void client.destroy().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
await client.login(process.env.DISCORD_TOKEN);
