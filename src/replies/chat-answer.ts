import type { KnowledgeBase, Lang, Topic } from '../knowledge/topic.ts';
import { LIMITS, truncate } from './limits.ts';
import { bodyAsShown } from './markdown.ts';
import { moreButton } from './more-button.ts';
import { COLORS, type ActionRow, type Reply } from './reply.ts';
import { addressed, relatedRows, relatedTopics, type AddressOptions } from './topic-reply.ts';
import { bestPart, CHAT_BUDGET } from './topic-sections.ts';

/**
 * A topic as a chat-sized answer (channel Q&A, /ask, the CLI): the summary, which is the direct
 * answer, then the part of the topic that best matches the question, within CHAT_BUDGET. When
 * that is not the whole topic, a More button opens all of it; related topics stay in a menu.
 */
export function chatAnswerReply(topic: Topic, lang: Lang, kb: KnowledgeBase, question: string, options: AddressOptions = {}): Reply {
  const title = truncate(topic.title[lang], LIMITS.embedTitle);
  const summary = topic.summary[lang];
  const used = { lines: 1 + lineCount(summary) + 1, chars: title.length + summary.length + 2 };
  const part = bestPart(bodyAsShown(topic.body[lang]), question, CHAT_BUDGET.lines - used.lines, CHAT_BUDGET.chars - used.chars);
  const description = part.lines.length ? `${summary}\n\n${part.lines.join('\n')}` : summary;
  const components: ActionRow[] = [];
  if (!part.complete) components.push([moreButton(topic, lang)]);
  components.push(...relatedRows(relatedTopics(topic, kb), lang));
  return addressed({ embeds: [{ title, description, color: COLORS.topic }], components, outcome: 'answered' }, options);
}

/** Size of a reply as a reader sees it in the channel: embed text characters and lines. */
export function chatSize(reply: Reply): { chars: number; lines: number } {
  let chars = (reply.content ?? '').length;
  let lines = reply.content ? lineCount(reply.content) : 0;
  for (const embed of reply.embeds ?? []) {
    for (const text of [embed.title, embed.description, embed.footer, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])]) {
      if (!text) continue;
      chars += text.length;
      lines += lineCount(text);
    }
  }
  return { chars, lines };
}

function lineCount(text: string): number {
  return text.split('\n').length;
}
