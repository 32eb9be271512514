import type { BotContext } from '../app.ts';
import type { SearchResult } from '../knowledge/search.ts';
import type { Reply } from '../replies/reply.ts';
import type { AskOutcome } from './store.ts';
import { withVotes } from './votes.ts';

/** Who asked, where. `unprompted`: a message in a Q&A channel that did not address the bot. */
export interface Asker {
  userId: string;
  guildId?: string | null;
  channelId?: string | null;
  unprompted?: boolean;
}

/**
 * Records a question and what the bot did with it (the reply it sends, or null for silence), and
 * returns the reply, with 👍/👎 when it is an answer. Chatter (nothing near a topic, not addressed
 * to the bot) is not recorded: it is not a question, and people's small talk is not ours to keep.
 */
export function recordQuestion(ctx: BotContext, asker: Asker, question: string, result: SearchResult, reply: Reply): Reply;
export function recordQuestion(ctx: BotContext, asker: Asker, question: string, result: SearchResult, reply: Reply | null): Reply | null;
export function recordQuestion(ctx: BotContext, asker: Asker, question: string, result: SearchResult, reply: Reply | null): Reply | null {
  if (!ctx.stats.enabled) return reply;
  const outcome: AskOutcome = reply && result.answer ? 'answered' : reply && result.outcome === 'suggest' ? 'suggested' : 'silent';
  if (asker.unprompted && result.outcome === 'silent') return reply;
  const id = ctx.stats.record({
    guildId: asker.guildId ?? null,
    channelId: asker.channelId ?? null,
    userId: asker.userId,
    lang: result.lang,
    outcome,
    topic: result.answer?.id ?? result.candidates[0]?.topic.id ?? null,
    question,
  });
  return reply && outcome === 'answered' && id !== null ? withVotes(reply, id) : reply;
}
