import type { BotContext } from '../app.ts';
import { helpReply } from '../commands/help.ts';
import { boundLine } from '../knowledge/bounds.ts';
import { answer } from '../answers/answer.ts';
import { answerLang } from '../knowledge/language.ts';
import type { Lang, Topic } from '../knowledge/topic.ts';
import type { Reply } from '../replies/reply.ts';
import { recordQuestion, type Asker } from '../stats/record.ts';

export interface MessageContext {
  /** The bot was @mentioned: the author asked it directly. */
  mentioned: boolean;
  /** Who asked where, for the stats record; absent: nothing is recorded (the console). */
  asker?: Omit<Asker, 'unprompted'>;
  /** The asker's locale where one is known (the console's LANG); Discord messages carry none. */
  locale?: Lang;
  /**
   * Asked only once the bot would speak (chatter never uses anyone's allowance); false holds the
   * answer back (a rate limit): nothing is sent, and the record says the bot stayed silent.
   */
  mayAnswer?: () => boolean;
}

/** A message's answer: what to send, or that a rate limit held it back, or null for silence. */
export type MessageAnswer = { reply: Reply; topic: Topic | null; lang: Lang } | { heldBack: true } | null;

/** Discord mention syntax (<@123>, <@&456>, <#789>, @everyone) removed before reading the question. */
export function stripMentions(text: string): string {
  return removeMentions(text).replace(/\s+/g, ' ').trim();
}

/** Mention syntax removed, line breaks kept (pasted logs are read line by line). */
export function removeMentions(text: string): string {
  return text.replace(/<@[!&]?\d+>|<#\d+>|@(everyone|here)\b/g, ' ').trim();
}

/**
 * A channel message as a question. In a Q&A channel, only a confident answer is sent: chatter and
 * out-of-scope questions get silence (null). A direct mention also gets "did you mean" choices,
 * and a bare mention gets the help card.
 */
export function answerMessage(content: string, ctx: BotContext, context: MessageContext): Reply | null {
  const answered = answerMessageWithTopic(content, ctx, context);
  return answered && 'reply' in answered ? answered.reply : null;
}

/** As answerMessage, also naming the topic answered (null for choices or help), for repeat suppression. */
export function answerMessageWithTopic(content: string, ctx: BotContext, { mentioned, asker, locale, mayAnswer = () => true }: MessageContext): MessageAnswer {
  const question = stripMentions(boundLine(content));
  if (!question) {
    const lang = answerLang(question, locale);
    if (!mentioned) return null;
    return mayAnswer() ? { reply: helpReply(lang, ctx.kb.topics.length), topic: null, lang } : { heldBack: true };
  }
  const { reply, topic, lang, result } = answer(ctx, { text: question, locale, read: 'question', form: 'chat', whenUnsure: mentioned ? 'suggest' : 'silent', whenNone: 'silent' });
  const heldBack = reply !== null && !mayAnswer();
  const shown = heldBack ? null : reply;
  const sent = asker ? recordQuestion(ctx, { ...asker, unprompted: !mentioned }, question, result, shown) : shown;
  if (heldBack) return { heldBack: true };
  return sent ? { reply: sent, topic, lang } : null;
}
