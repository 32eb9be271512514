import type { BotContext } from '../app.ts';
import { answer } from '../answers/answer.ts';
import type { Lang, Topic } from '../knowledge/topic.ts';
import type { Reply } from '../replies/reply.ts';
import { removeMentions } from './channel-qa.ts';

/** Discord's forum and media channels hold only threads ("posts"): types 15 and 16. */
export const THREAD_ONLY_CHANNEL_TYPES: ReadonlySet<number> = new Set([15, 16]);

/**
 * A new forum post (its title and first message) as a question. Only a sure answer is given:
 * a post the notes do not clearly cover is left to people, with no "did you mean" noise.
 */
export function answerForumPost(title: string, firstMessage: string, ctx: BotContext): { reply: Reply; topic: Topic; lang: Lang } | null {
  const text = removeMentions(`${title}\n${firstMessage}`);
  if (!text) return null;
  const { reply, topic, lang } = answer(ctx, { text, read: 'pasted', form: 'full', whenUnsure: 'silent', whenNone: 'silent' });
  return reply && topic ? { reply, topic, lang } : null;
}
