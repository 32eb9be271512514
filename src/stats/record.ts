import type { BotContext } from '../app.ts';
import type { SearchResult } from '../knowledge/search.ts';
import type { Reply } from '../replies/reply.ts';
import type { AskedQuestion, AskOutcome } from './store.ts';
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
  const row = ctx.stats.enabled ? questionRow(asker, question, result, reply) : null;
  return row ? withVotesOn(reply, row, ctx.stats.record(row)) : reply;
}

/**
 * The same, with the row written together with the others of this turn of the event loop: the
 * reply (and its buttons, which name the row) comes once the row is committed. Much cheaper for a
 * busy bot; for surfaces whose reply can wait that long (a slash command's does).
 */
export async function recordQuestionSoon(ctx: BotContext, asker: Asker, question: string, result: SearchResult, reply: Reply): Promise<Reply> {
  const row = ctx.stats.enabled ? questionRow(asker, question, result, reply) : null;
  return row ? withVotesOn(reply, row, await ctx.stats.recordSoon(row)) : reply;
}

/** What is recorded of a question, or null when it is not (chatter). */
function questionRow(asker: Asker, question: string, result: SearchResult, reply: Reply | null): AskedQuestion | null {
  const outcome: AskOutcome = reply && result.answer ? 'answered' : reply && result.outcome === 'suggest' ? 'suggested' : 'silent';
  if (asker.unprompted && result.outcome === 'silent') return null;
  return {
    guildId: asker.guildId ?? null,
    channelId: asker.channelId ?? null,
    userId: asker.userId,
    lang: result.lang,
    outcome,
    topic: result.answer?.id ?? result.candidates[0]?.topic.id ?? null,
    question,
  };
}

function withVotesOn<R extends Reply | null>(reply: R, row: AskedQuestion, id: number | null): R {
  return reply && row.outcome === 'answered' && id !== null ? (withVotes(reply, id) as R) : reply;
}
