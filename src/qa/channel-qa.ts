import type { BotContext } from '../app.ts';
import { helpReply } from '../commands/help.ts';
import { detectLang, search } from '../knowledge/search.ts';
import type { Reply } from '../replies/reply.ts';
import { chatAnswerReply } from '../replies/chat-answer.ts';
import { suggestionsReply } from '../replies/topic-reply.ts';

export interface MessageContext {
  /** The bot was @mentioned: the author asked it directly. */
  mentioned: boolean;
}

/** Discord mention syntax (<@123>, <@&456>, <#789>, @everyone) removed before reading the question. */
export function stripMentions(text: string): string {
  return text.replace(/<@[!&]?\d+>|<#\d+>|@(everyone|here)\b/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * A channel message as a question. In a Q&A channel, only a confident answer is sent: chatter and
 * out-of-scope questions get silence (null). A direct mention also gets "did you mean" choices,
 * and a bare mention gets the help card.
 */
export function answerMessage(content: string, ctx: BotContext, { mentioned }: MessageContext): Reply | null {
  const question = stripMentions(content);
  const lang = detectLang(question);
  if (!question) return mentioned ? helpReply(lang, ctx.kb.topics.length) : null;
  const result = search(ctx.index, question, lang);
  if (result.answer) return chatAnswerReply(result.answer, lang, ctx.kb, question);
  if (mentioned && result.outcome === 'suggest') return suggestionsReply(result.candidates, lang);
  return null;
}
