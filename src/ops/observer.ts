import type { Client, Interaction, Message } from 'discord.js';
import type { Reply } from '../replies/reply.ts';

/**
 * What became of one interaction or channel message:
 * - answered: a reply with content was sent (a topic, a port report, help, autocomplete choices);
 * - suggested: "did you mean" choices were sent;
 * - declined: only a short private note was sent (no notes on that, bad input, not allowed);
 * - silent: nothing was sent (chatter, or no confident answer in a Q&A channel);
 * - rate_limited: an answer was held back by the per-user or per-channel limit;
 * - error: handling failed (the user is told when Discord still allows it).
 */
export type Outcome = 'answered' | 'suggested' | 'declined' | 'silent' | 'rate_limited' | 'error';

/**
 * Ends one observation with its outcome; only the first call counts. Without an outcome it is read
 * from the interaction: answered if the bot responded, silent if not.
 */
export type Finish = (outcome?: Outcome) => void;

/**
 * What the gateway tells the operations side (metrics, health), at the few points where it handles
 * something. The gateway does not know what is done with it.
 */
export interface GatewayObserver {
  /** The client, once, before it logs in: its connection state, ping and reconnects. */
  attach(client: Client): void;
  /** An interaction arrived; call the result when it has been handled. */
  interaction(interaction: Interaction): Finish;
  /**
   * A channel message arrived; call the result once the bot has decided on it. Messages it is not
   * asked (other bots, channels without Q&A and no mention) are never finished, so never counted.
   */
  message(message: Message): Finish;
}

const ignore: Finish = () => {};

/** For a bot without a health port: observes nothing, costs nothing. */
export const NO_OBSERVER: GatewayObserver = {
  attach() {},
  interaction: () => ignore,
  message: () => ignore,
};

/**
 * What a reply amounts to: the outcome its producer gave it (answers, "did you mean", no-notes
 * notes). A reply built without one (a port report, help, a refusal) counts as answered when it
 * carries an embed and as declined when it is only a short note.
 */
export function outcomeOf(reply: Reply | null | undefined): Outcome {
  if (!reply) return 'silent';
  return reply.outcome ?? (reply.embeds?.length ? 'answered' : 'declined');
}
