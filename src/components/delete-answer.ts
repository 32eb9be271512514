import type { Lang } from '../knowledge/topic.ts';
import type { Button, Reply } from '../replies/reply.ts';

/** `answer:delete:<asker id>`: only that person may delete the public answer. */
export const DELETE_BUTTON_PREFIX = 'answer:delete:';

export function deleteButton(askerId: string, lang: Lang): Button {
  return { type: 'button', customId: `${DELETE_BUTTON_PREFIX}${askerId}`, label: lang === 'ko' ? '답변 지우기' : 'Delete answer', style: 'secondary' };
}

/** A public answer with the asker's delete button as its last row (at most five rows in all). */
export function withDeleteButton(reply: Reply, askerId: string, lang: Lang): Reply {
  return { ...reply, components: [...(reply.components ?? []).slice(0, 4), [deleteButton(askerId, lang)]] };
}
