import {
  ApplicationIntegrationType,
  type Client,
  DiscordAPIError,
  Events,
  RESTJSONErrorCodes,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type AnyThreadChannel,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { BotContext } from '../../app.ts';
import { commandsByName, messageCommandsByName } from '../../commands/index.ts';
import { forPlace, type InteractionPlace } from '../../commands/user-install.ts';
import type { ComponentAction } from '../../components/component.ts';
import { withDeleteButton } from '../../components/delete-answer.ts';
import { SHAREABLE_COMMANDS, withPostButton } from '../../components/post-in-channel.ts';
import { componentHandlerFor } from '../../components/registry.ts';
import { langFromLocale, type CommandRequest, type OptionValue } from '../../commands/types.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { NO_OBSERVER, outcomeOf, type GatewayObserver } from '../../ops/observer.ts';
import { answerMessageWithTopic } from '../../qa/channel-qa.ts';
import { answerForumPost, THREAD_ONLY_CHANNEL_TYPES } from '../../qa/forum.ts';
import { routeMessage, threadNameFor } from '../../qa/message-route.ts';
import { messageLink, RepeatMemory, repeatPointerReply } from '../../qa/repeat.ts';
import { RateLimiter, tryTakeAll } from '../../qa/rate-limit.ts';
import { LIMITS } from '../../replies/limits.ts';
import type { Reply } from '../../replies/reply.ts';
import { connectGateway, createClient } from './client.ts';
import { replyFromMessage, toDiscordMessage, toInteractionReply } from './payload.ts';
import { listenForEvents } from './startup-gate.ts';

export { createClient, intentsFor } from './client.ts';

/** Channel answers' allowances (per user and per channel) and the memory of recent answers. */
interface ChannelLimits {
  perUser: RateLimiter;
  perChannel: RateLimiter;
  repeat: RepeatMemory | null;
}

export interface RunningBot {
  client: Client;
  stop(): Promise<void>;
}

/** What the bot does with each event the gateway delivers (the listeners' bodies). */
export interface GatewayHandlers {
  interaction(interaction: Interaction): Promise<void>;
  message(message: Message): Promise<void>;
  forumPost(thread: AnyThreadChannel, newlyCreated: boolean): Promise<void>;
}

/** The handlers over one context; `npm start` serves them once its knowledge has loaded (startup-gate.ts). */
export function gatewayHandlers(config: Config, ctx: BotContext, log: Logger, observer: GatewayObserver = NO_OBSERVER): GatewayHandlers {
  const limits: ChannelLimits = {
    perUser: new RateLimiter(config.rateLimitPerUser, 60_000),
    perChannel: new RateLimiter(config.rateLimitPerChannel, 60_000),
    repeat: config.repeatMinutes > 0 ? new RepeatMemory(config.repeatMinutes * 60_000) : null,
  };
  return {
    interaction: (interaction) => handleInteraction(interaction, ctx, log, observer),
    message: (message) => handleMessage(message, ctx, config, log, limits, observer),
    forumPost: (thread, newlyCreated) => handleForumPost(thread, newlyCreated, ctx, config, log, limits),
  };
}

/** Connects to Discord and serves commands, autocomplete, components and channel Q&A until stopped. */
export async function startGateway(config: Config, ctx: BotContext, log: Logger, client = createClient(config), observer: GatewayObserver = NO_OBSERVER): Promise<RunningBot> {
  listenForEvents(client, log).serve(gatewayHandlers(config, ctx, log, observer));
  await connectGateway(config, client, log, observer);
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
  return { options, lang: langFromLocale(interaction.locale), userId: interaction.user.id, guildId: interaction.guildId, channelId: interaction.channelId };
}

async function handleInteraction(interaction: Interaction, ctx: BotContext, log: Logger, observer: GatewayObserver): Promise<void> {
  const finish = observer.interaction(interaction);
  try {
    if (interaction.isAutocomplete()) {
      const command = commandsByName.get(interaction.commandName);
      const focused = interaction.options.getFocused(true);
      const choices = command?.autocomplete?.({ name: focused.name, value: String(focused.value) }, requestFrom(interaction), ctx) ?? [];
      await interaction.respond(choices.slice(0, LIMITS.autocompleteChoices));
    } else if (interaction.isChatInputCommand()) {
      const command = commandsByName.get(interaction.commandName);
      const request = requestFrom(interaction);
      const answer: Reply = command
        ? forPlace(command.name, await command.execute(request, ctx), placeOf(interaction), request.lang)
        : { content: 'That command is not known to this version of the bot.', ephemeral: true };
      const reply = SHAREABLE_COMMANDS.has(interaction.commandName) ? withPostButton(answer, interaction.user.id, request.lang) : answer;
      await interaction.reply(toInteractionReply(reply));
      finish(outcomeOf(reply));
    } else if (interaction.isMessageContextMenuCommand()) {
      await askAboutMessage(interaction, ctx);
    } else if (interaction.isButton() || interaction.isStringSelectMenu()) {
      const handler = componentHandlerFor(interaction.customId);
      if (handler) await perform(interaction, handler.handle(clickFrom(interaction), ctx), log);
    }
    finish();
  } catch (error) {
    finish('error');
    await failInteraction(interaction, error, log);
  }
}

/** A button click or menu choice as plain data for its handler (src/components/registry.ts). */
function clickFrom(interaction: ButtonInteraction | StringSelectMenuInteraction) {
  const message = interaction.message;
  return {
    customId: interaction.customId,
    values: interaction.isStringSelectMenu() ? interaction.values : [],
    userId: interaction.user.id,
    lang: langFromLocale(interaction.locale),
    shown: replyFromMessage({ content: message.content, embeds: message.embeds.map((e) => e.toJSON()), components: message.components.map((c) => c.toJSON()) }),
  };
}

/** GUILD_INSTALL among the interaction's authorizing owners: the bot is part of the place (server or its own DM). */
function placeOf(interaction: Interaction): InteractionPlace {
  return { botCanPost: interaction.authorizingIntegrationOwners?.[ApplicationIntegrationType.GuildInstall] !== undefined };
}

async function askAboutMessage(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void> {
  const command = messageCommandsByName.get(interaction.commandName);
  const target = interaction.targetMessage;
  // A message with no text of its own (a bot's embed) is asked about by what its embeds say.
  const text = target.content || target.embeds.map((e) => [e.title, e.description].filter(Boolean).join('\n')).join('\n');
  const lang = langFromLocale(interaction.locale);
  const reply: Reply = command
    ? command.execute({ text, targetMessageId: target.id, lang, userId: interaction.user.id }, ctx)
    : { content: 'That command is not known to this version of the bot.', ephemeral: true };
  await interaction.reply(toInteractionReply(reply));
}

/** Carries out what a component's handler decided, in Discord's terms. */
async function perform(interaction: ButtonInteraction | StringSelectMenuInteraction, action: ComponentAction, log: Logger): Promise<void> {
  if (action.kind === 'reply') {
    await interaction.reply(toInteractionReply(action.reply));
  } else if (action.kind === 'delete') {
    await interaction.deferUpdate();
    await interaction.message.delete();
  } else {
    // Posted by the bot itself where it is installed and allowed to; elsewhere, or if that fails, as the click's public response.
    const channel = interaction.channel;
    if (placeOf(interaction).botCanPost && interaction.inGuild() && channel?.isSendable()) {
      let posted = false;
      try {
        const reference = action.replyToMessageId ? { reply: { messageReference: action.replyToMessageId, failIfNotExists: false } } : {};
        await channel.send({ ...toDiscordMessage(action.reply), ...reference });
        posted = true;
      } catch (error) {
        log.warn(`could not post in channel ${interaction.channelId}; answering through the interaction`, error);
      }
      // Outside the try: a failed notice must not post the answer a second time.
      if (posted) return void (await interaction.update(toDiscordMessage(action.notice)));
    }
    await interaction.reply(toInteractionReply(action.reply));
  }
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

async function handleMessage(message: Message, ctx: BotContext, config: Config, log: Logger, limits: ChannelLimits, observer: GatewayObserver): Promise<void> {
  const finish = observer.message(message);
  try {
    const me = message.client.user;
    if (message.author.bot || message.webhookId || !me || message.author.id === me.id) return;
    const thread = message.channel.isThread() ? message.channel : null;
    const repliesToBot = message.mentions.repliedUser?.id === me.id;
    // A reply pings its author by default: that alone is a follow-up, not someone @-ing the bot.
    const pingedOnlyByReply = repliesToBot && !new RegExp(`<@!?${me.id}>`).test(message.content);
    // People often pick the bot's own managed role (same name) from the @ list: that asks the bot too.
    const mentionedInText = (message.mentions.users.has(me.id) && !pingedOnlyByReply) || message.mentions.roles.some((role) => role.tags?.botId === me.id);
    const route = routeMessage(
      { channelId: message.channelId, parentId: thread?.parentId ?? null, inBotThread: thread?.ownerId === me.id, mentionedInText, repliesToBot },
      { qaChannels: config.qaChannels, qaThreads: config.qaThreads },
    );
    if (!route) return;
    const answer = answerMessageWithTopic(message.content, ctx, {
      mentioned: route.mentioned,
      asker: { userId: message.author.id, guildId: message.guildId, channelId: message.channelId },
      mayAnswer: () => mayAnswer(limits, message.author.id, message.channelId, log),
    });
    if (!answer) return finish('silent');
    if ('heldBack' in answer) return finish('rate_limited');
    const earlier = answer.topic ? limits.repeat?.recall(message.channelId, answer.topic.id) : null;
    const reply = withDeleteButton(earlier && answer.topic ? repeatPointerReply(answer.topic, earlier, answer.lang) : answer.reply, message.author.id, answer.lang);
    const inThread = route.openThread && !earlier ? await answerInNewThread(message, reply, answer.lang, log) : null;
    const posted = inThread ?? (await message.reply(toDiscordMessage(reply)));
    if (answer.topic && !earlier) limits.repeat?.remember(message.channelId, answer.topic.id, messageLink(message.guildId, posted.channelId, posted.id));
    finish(outcomeOf(reply));
  } catch (error) {
    finish('error');
    log.error(`answering message ${message.id} failed`, error);
  }
}

function mayAnswer(limits: ChannelLimits, userId: string, channelId: string, log: Logger): boolean {
  // Taken from both limits or neither, so a busy channel does not spend the asker's own allowance.
  if (tryTakeAll([[limits.perUser, userId], [limits.perChannel, channelId]])) return true;
  log.debug(`rate limit: not answering ${userId} in ${channelId}`);
  return false;
}

/** Opens a thread on the question and answers there; null (and a warning) if Discord refuses. */
async function answerInNewThread(question: Message, reply: Reply, lang: 'en' | 'ko', log: Logger): Promise<Message | null> {
  try {
    const thread = await question.startThread({ name: threadNameFor(question.content, lang), autoArchiveDuration: 1440 });
    return await thread.send(toDiscordMessage(reply));
  } catch (error) {
    log.warn(`could not answer ${question.id} in a new thread; replying in the channel`, error);
    return null;
  }
}

/** A new post in a forum channel listed in QA_CHANNELS: answered in the post when the bot is sure, else left alone. */
async function handleForumPost(thread: AnyThreadChannel, newlyCreated: boolean, ctx: BotContext, config: Config, log: Logger, limits: ChannelLimits): Promise<void> {
  try {
    if (!newlyCreated || !thread.parentId || !config.qaChannels.has(thread.parentId)) return;
    if (!thread.parent || !THREAD_ONLY_CHANNEL_TYPES.has(thread.parent.type)) return;
    // A post's first message has the thread's id; it is fetched, since its MESSAGE_CREATE may come later.
    const starter = await thread.fetchStarterMessage();
    // A post that @mentions the bot is answered by the mention path already.
    if (!starter || starter.author.bot || (thread.client.user && starter.mentions.users.has(thread.client.user.id))) return;
    const answer = answerForumPost(thread.name, starter.content, ctx);
    if (!answer || !mayAnswer(limits, starter.author.id, thread.parentId, log)) return;
    await starter.reply(toDiscordMessage(withDeleteButton(answer.reply, starter.author.id, answer.lang)));
  } catch (error) {
    log.error(`answering forum post ${thread.id} failed`, error);
  }
}
