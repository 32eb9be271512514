import { Events, type Client, type Interaction } from 'discord.js';
import { langFromLocale } from '../../commands/types.ts';
import type { Logger } from '../../log.ts';
import type { GatewayHandlers } from './gateway.ts';
import { toInteractionReply } from './payload.ts';

/**
 * `npm start` logs in before it loads its handlers and knowledge (src/main.ts), so an event can
 * arrive before there is anything to answer it with. Until `serve` is called: channel messages and
 * forum posts wait; an interaction waits up to STARTUP_WAIT_MS, inside Discord's 3 s to answer one,
 * and is then told the bot is starting (an autocomplete gets no choices). After that, every event
 * goes straight to its handler.
 */
export const STARTUP_WAIT_MS = 2000;

const STARTING = {
  en: '⏳ The bot is starting up. Please try again in a moment.',
  ko: '⏳ 봇이 시작하는 중입니다. 잠시 뒤 다시 해 보세요.',
} as const;

export interface EventGate {
  /** From now on events go to `handlers`; those that waited go first. */
  serve(handlers: GatewayHandlers): void;
}

/** Attaches the client's event listeners now (before login, so nothing is missed); they serve once `serve` is called. */
export function listenForEvents(client: Client, log: Logger, waitMs = STARTUP_WAIT_MS): EventGate {
  let handlers: GatewayHandlers | null = null;
  let open!: (handlers: GatewayHandlers) => void;
  const opened = new Promise<GatewayHandlers>((resolve) => (open = resolve));
  client.on(Events.InteractionCreate, (interaction) => {
    if (handlers) void handlers.interaction(interaction);
    else void servedWithin(opened, waitMs).then((ready) => (ready ? ready.interaction(interaction) : tellStarting(interaction, log)));
  });
  client.on(Events.MessageCreate, (message) => {
    if (handlers) void handlers.message(message);
    else void opened.then((ready) => ready.message(message));
  });
  client.on(Events.ThreadCreate, (thread, newlyCreated) => {
    if (handlers) void handlers.forumPost(thread, newlyCreated);
    else void opened.then((ready) => ready.forumPost(thread, newlyCreated));
  });
  return {
    serve(ready) {
      handlers = ready;
      open(ready);
    },
  };
}

function servedWithin(opened: Promise<GatewayHandlers>, ms: number): Promise<GatewayHandlers | null> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => (timer = setTimeout(resolve, ms, null)));
  return Promise.race([opened, timedOut]).finally(() => clearTimeout(timer));
}

async function tellStarting(interaction: Interaction, log: Logger): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await interaction.respond([]);
    else if (interaction.isRepliable()) await interaction.reply(toInteractionReply({ content: STARTING[langFromLocale(interaction.locale)], ephemeral: true }));
    log.info(`interaction ${interaction.id} came before the bot could answer: told it is starting`);
  } catch (error) {
    log.warn(`could not tell interaction ${interaction.id} that the bot is starting`, error);
  }
}
