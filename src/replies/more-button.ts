import type { ComponentHandler } from '../components/component.ts';
import type { KnowledgeBase, Lang, Topic } from '../knowledge/topic.ts';
import type { Button, Reply } from './reply.ts';
import { topicPrivately } from './topic-reply.ts';

/** Custom id of the More button: `topic:more:<lang>:<topic id>` (ids are at most ~60 characters, well within Discord's 100). */
const MORE_BUTTON_PREFIX = 'topic:more:';

export function moreButton(topic: Topic, lang: Lang): Button {
  return { type: 'button', customId: `${MORE_BUTTON_PREFIX}${lang}:${topic.id}`, label: lang === 'ko' ? '더 보기' : 'More', style: 'primary' };
}

export function isMoreButton(customId: string): boolean {
  return customId.startsWith(MORE_BUTTON_PREFIX);
}

/** Reads a More button's custom id; null when it is not one or is malformed. */
export function parseMoreButton(customId: string): { lang: Lang; topicId: string } | null {
  const match = /^topic:more:(en|ko):(\S{1,90})$/.exec(customId);
  return match ? { lang: match[1] as Lang, topicId: match[2]! } : null;
}

/**
 * Pressing More: the whole topic, shown only to whoever pressed it (the channel keeps the short
 * answer). A topic removed since the answer was posted gets a short note instead.
 */
export function moreReply(customId: string, kb: KnowledgeBase): Reply {
  const parsed = parseMoreButton(customId);
  return topicPrivately(parsed?.topicId ?? '', parsed?.lang ?? 'en', kb);
}

export const moreButtonHandler: ComponentHandler = {
  prefix: MORE_BUTTON_PREFIX,
  handle: ({ customId }, ctx) => ({ kind: 'reply', reply: moreReply(customId, ctx.kb) }),
};
