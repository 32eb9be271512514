import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { NO_OBSERVER, type GatewayObserver } from '../../ops/observer.ts';
import { cacheFactory, sweepers } from './cache.ts';
import { watchConnection } from './diagnostics.ts';
import { sendAsBuilt } from './payload.ts';

/**
 * The Discord client and its connection, apart from the handlers (gateway.ts): this module loads
 * little beyond discord.js, so `npm start` logs in before it loads the rest of the bot.
 */

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
    jsonTransformer: sendAsBuilt,
    // Memory bounded by configuration, not by traffic (see cache.ts).
    makeCache: cacheFactory(),
    sweepers: sweepers(),
  });
}

/** Logs in and resolves once the client is ready; the connection's problems and changes are logged. */
export async function connectGateway(config: Config, client: Client, log: Logger, observer: GatewayObserver = NO_OBSERVER): Promise<void> {
  client.on(Events.Error, (error) => log.error('discord client error', error));
  client.on(Events.ShardDisconnect, (_, shard) => log.warn(`gateway shard ${shard} disconnected`));
  client.on(Events.ShardResume, (shard) => log.info(`gateway shard ${shard} resumed`));
  observer.attach(client);
  watchConnection(client, log);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.discordToken ?? '');
  await ready;
  log.info(`connected as ${client.user?.tag ?? 'bot'}${client.shard ? ` (shards ${client.shard.ids.join(',')})` : ''}`);
}
