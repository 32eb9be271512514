import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  Partials,
  RESTJSONErrorCodes,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type Message,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { BotContext } from '../../app.ts';
import { commandsByName } from '../../commands/index.ts';
import { langFromLocale, type CommandRequest, type OptionValue } from '../../commands/types.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { detectLang } from '../../knowledge/search.ts';
import { answerMessage } from '../../qa/channel-qa.ts';
import { RateLimiter, tryTakeAll } from '../../qa/rate-limit.ts';
import type { Reply } from '../../replies/reply.ts';
import { RELATED_MENU_ID, topicReply } from '../../replies/topic-reply.ts';
import { cacheFactory, sweepers } from './cache.ts';
import { toDiscordMessage, toInteractionReply } from './payload.ts';

export const DELETE_BUTTON_PREFIX = 'answer:delete:';

export interface RunningBot {
  client: Client;
  stop(): Promise<void>;
}

/** The minimum the bot needs: guilds and messages for mentions; message content only for Q&A channels. */
export function intentsFor(config: Config): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (config.qaChannels.size > 0) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

export function createClient(config: Config): Client {
  return new Client({
    intents: intentsFor(config),
    partials: [Partials.Channel],
    // Set once for every message the bot sends: no @everyone, @here, roles or users unless a reply names them.
    allowedMentions: { parse: [], repliedUser: false },
    rest: { api: config.discordApiUrl },
    // Memory bounded by configuration, not by traffic (see cache.ts).
    makeCache: cacheFactory(),
    sweepers: sweepers(),
  });
}

/** Connects to Discord and serves commands, autocomplete, components and channel Q&A until stopped. */
export async function startGateway(config: Config, ctx: BotContext, log: Logger, client = createClient(config)): Promise<RunningBot> {
  const perUser = new RateLimiter(config.rateLimitPerUser, 60_000);
  const perChannel = new RateLimiter(config.rateLimitPerChannel, 60_000);

  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(interaction, ctx, log);
  });
  client.on(Events.MessageCreate, (message) => {
    void handleMessage(message, ctx, config, log, perUser, perChannel);
  });
  client.on(Events.Error, (error) => log.error('discord client error', error));
  client.on(Events.ShardDisconnect, (_, shard) => log.warn(`gateway shard ${shard} disconnected`));
  client.on(Events.ShardResume, (shard) => log.info(`gateway shard ${shard} resumed`));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.discordToken ?? '');
  await ready;
  log.info(`connected as ${client.user?.tag ?? 'bot'}${client.shard ? ` (shards ${client.shard.ids.join(',')})` : ''}`);
  return {
    client,
    stop: async () => {
      await client.destroy();
    },
  };
}

function requestFrom(interaction: ChatInputCommandInteraction | AutocompleteInteraction): CommandRequest {
  const options: Record<string, OptionValue> = {};
  const collect = (list: readonly CommandInteractionOption[]) => {
    for (const option of list) {
      if (option.options) collect(option.options);
      else if (option.value !== undefined && option.value !== null) options[option.name] = option.value;
    }
  };
  collect(interaction.options.data);
  return { options, lang: langFromLocale(interaction.locale), userId: interaction.user.id };
}

async function handleInteraction(interaction: Interaction, ctx: BotContext, log: Logger): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      const command = commandsByName.get(interaction.commandName);
      const focused = interaction.options.getFocused(true);
      const choices = command?.autocomplete?.({ name: focused.name, value: String(focused.value) }, requestFrom(interaction), ctx) ?? [];
      await interaction.respond(choices.slice(0, 25));
    } else if (interaction.isChatInputCommand()) {
      const command = commandsByName.get(interaction.commandName);
      const reply: Reply = command
        ? await command.execute(requestFrom(interaction), ctx)
        : { content: 'That command is not known to this version of the bot.', ephemeral: true };
      await interaction.reply(toInteractionReply(reply));
    } else if (interaction.isStringSelectMenu() && interaction.customId === RELATED_MENU_ID) {
      await openTopic(interaction, ctx);
    } else if (interaction.isButton() && interaction.customId.startsWith(DELETE_BUTTON_PREFIX)) {
      await deleteAnswer(interaction);
    }
  } catch (error) {
    await failInteraction(interaction, error, log);
  }
}

async function openTopic(interaction: StringSelectMenuInteraction, ctx: BotContext): Promise<void> {
  const topic = ctx.kb.byId.get(interaction.values[0] ?? '');
  const lang = langFromLocale(interaction.locale);
  const reply: Reply = topic
    ? { ...topicReply(topic, lang, ctx.kb), ephemeral: true }
    : { content: lang === 'ko' ? '그 주제는 더 이상 없습니다.' : 'That topic no longer exists.', ephemeral: true };
  await interaction.reply(toInteractionReply(reply));
}

/** Only the person who asked may remove the bot's answer to them. */
async function deleteAnswer(interaction: ButtonInteraction): Promise<void> {
  const askerId = interaction.customId.slice(DELETE_BUTTON_PREFIX.length);
  if (interaction.user.id !== askerId) {
    const ko = langFromLocale(interaction.locale) === 'ko';
    await interaction.reply(toInteractionReply({ content: ko ? '질문한 사람만 이 답을 지울 수 있습니다.' : 'Only the person who asked can delete this answer.', ephemeral: true }));
    return;
  }
  await interaction.deferUpdate();
  await interaction.message.delete();
}

/** Logs the cause, tells the user briefly (unless the interaction has expired), and keeps the bot running. */
async function failInteraction(interaction: Interaction, error: unknown, log: Logger): Promise<void> {
  const expired = error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.UnknownInteraction || error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged);
  log.error(`interaction ${interaction.id} failed${expired ? ' (expired or already answered)' : ''}`, error);
  if (expired || !interaction.isRepliable()) return;
  const ko = langFromLocale(interaction.locale) === 'ko';
  const reply = toInteractionReply({ content: ko ? '⚠️ 처리하다 문제가 생겼습니다. 잠시 뒤 다시 해 보세요.' : '⚠️ Something went wrong handling that. Please try again in a moment.', ephemeral: true });
  try {
    if (interaction.replied || interaction.deferred) await interaction.followUp(reply);
    else await interaction.reply(reply);
  } catch (secondError) {
    log.warn(`could not report the failure of interaction ${interaction.id}`, secondError);
  }
}

async function handleMessage(
  message: Message,
  ctx: BotContext,
  config: Config,
  log: Logger,
  perUser: RateLimiter,
  perChannel: RateLimiter,
): Promise<void> {
  try {
    const me = message.client.user;
    if (message.author.bot || message.webhookId || !me || message.author.id === me.id) return;
    // People often pick the bot's own managed role (same name) from the @ list: that asks the bot too.
    const mentioned = message.mentions.users.has(me.id) || message.mentions.roles.some((role) => role.tags?.botId === me.id);
    if (!mentioned && !config.qaChannels.has(message.channelId)) return;
    const reply = answerMessage(message.content, ctx, { mentioned });
    if (!reply) return;
    // Counted only when the bot would speak, so chatter never uses anyone's allowance; and taken
    // from both limits or neither, so a busy channel does not spend the asker's own allowance.
    if (!tryTakeAll([[perUser, message.author.id], [perChannel, message.channelId]])) {
      log.debug(`rate limit: not answering ${message.author.id} in ${message.channelId}`);
      return;
    }
    const lang = detectLang(message.content);
    const withDelete: Reply = {
      ...reply,
      components: [
        ...(reply.components ?? []).slice(0, 4),
        [{ type: 'button', customId: `${DELETE_BUTTON_PREFIX}${message.author.id}`, label: lang === 'ko' ? '답변 지우기' : 'Delete answer', style: 'secondary' }],
      ],
    };
    await message.reply(toDiscordMessage(withDelete));
  } catch (error) {
    log.error(`answering message ${message.id} failed`, error);
  }
}
