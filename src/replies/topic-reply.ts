import type { ComponentHandler } from '../components/component.ts';
import type { KnowledgeBase, Lang, Topic } from '../knowledge/topic.ts';
import type { Candidate } from '../knowledge/search.ts';
import { LIMITS, truncate } from './limits.ts';
import { bodyAsShown } from './markdown.ts';
import { COLORS, type ActionRow, type Reply, type SelectMenu } from './reply.ts';

/** The custom id of every menu that opens a topic (related topics, "did you mean", a port's topics); the value is the topic id. */
export const RELATED_MENU_ID = 'topic:open';

export interface AddressOptions {
  /** A user the answer is addressed to: named at the top and the only one who may be pinged. */
  targetUserId?: string;
}

/** The whole topic as a Discord-ready reply (/explain, the More button): the answer first, then the body and related topics. */
export function topicReply(topic: Topic, lang: Lang, kb: KnowledgeBase, options: AddressOptions = {}): Reply {
  const related = relatedTopics(topic, kb);
  const embed = {
    title: truncate(topic.title[lang], LIMITS.embedTitle),
    description: truncate(`${topic.summary[lang]}\n\n${bodyAsShown(topic.body[lang])}`, LIMITS.embedDescription),
    color: COLORS.topic,
    fields: related.length
      ? [{ name: lang === 'ko' ? '관련 주제' : 'Related topics', value: truncate(related.map((t) => `• ${t.title[lang]} — \`/explain ${t.id}\``).join('\n'), LIMITS.fieldValue) }]
      : [],
    footer: `/explain ${topic.id}`,
  };
  return addressed({ embeds: [embed], components: relatedRows(related, lang), outcome: 'answered' }, options);
}

export function relatedTopics(topic: Topic, kb: KnowledgeBase): Topic[] {
  return topic.related.map((id) => kb.byId.get(id)).filter((t): t is Topic => Boolean(t));
}

/** The related topics one click away: a menu that opens one (empty when there are none). */
export function relatedRows(related: Topic[], lang: Lang): ActionRow[] {
  return related.length ? [[topicMenu(related, lang, lang === 'ko' ? '관련 주제 열기' : 'Open a related topic')]] : [];
}

/** "Did you mean": the best candidates, each with its one-line summary, and a menu to open one. */
export function suggestionsReply(candidates: Candidate[], lang: Lang, options: AddressOptions = {}): Reply {
  const topics = candidates.map((c) => c.topic);
  const lines = topics.map((t) => `• **${t.title[lang]}** — ${t.summary[lang]}`);
  const embed = {
    title: lang === 'ko' ? '혹시 이 주제를 찾으시나요?' : 'Did you mean one of these?',
    description: truncate(lines.join('\n'), LIMITS.embedDescription),
    color: COLORS.suggest,
    footer: lang === 'ko' ? '메뉴에서 고르거나 /explain <주제>로 여세요.' : 'Pick one below, or open it with /explain <topic>.',
  };
  return addressed({ embeds: [embed], components: [[topicMenu(topics, lang, lang === 'ko' ? '주제 고르기' : 'Choose a topic')]], outcome: 'suggested' }, options);
}

/** The honest answer when the notes do not cover a question. */
export function noAnswerReply(lang: Lang): Reply {
  return {
    content:
      lang === 'ko'
        ? '그 질문에 대한 노트가 아직 없습니다. `/explain`으로 주제를 둘러보거나 `/help`를 보세요.'
        : "I have no notes on that yet. Browse the topics with `/explain`, or see `/help`.",
    ephemeral: true,
    outcome: 'declined',
  };
}

function topicMenu(topics: Topic[], lang: Lang, placeholder: string): SelectMenu {
  return {
    type: 'select',
    customId: RELATED_MENU_ID,
    placeholder,
    options: topics.slice(0, LIMITS.selectOptions).map((t) => ({
      label: truncate(t.title[lang], LIMITS.selectLabel),
      value: t.id,
      description: truncate(t.summary[lang], LIMITS.selectDescription),
    })),
  };
}

export function addressed(reply: Reply, { targetUserId }: AddressOptions): Reply {
  if (!targetUserId || !/^\d{1,20}$/.test(targetUserId)) return reply;
  return { ...reply, content: `<@${targetUserId}>`, mentionUserIds: [targetUserId] };
}

/** A topic picked from a topic menu: the whole topic, privately; a topic removed since gets a short note. */
export const openTopicHandler: ComponentHandler = {
  prefix: RELATED_MENU_ID,
  handle: ({ values, lang }, ctx) => ({ kind: 'reply', reply: topicPrivately(values[0] ?? '', lang, ctx.kb) }),
};

/** The whole topic, shown only to whoever asked for it; a topic removed since (a reload) gets a short note. */
export function topicPrivately(id: string, lang: Lang, kb: KnowledgeBase): Reply {
  const topic = kb.byId.get(id);
  return topic
    ? { ...topicReply(topic, lang, kb), ephemeral: true }
    : { content: lang === 'ko' ? '그 주제는 더 이상 없습니다.' : 'That topic no longer exists.', ephemeral: true, outcome: 'declined' };
}
