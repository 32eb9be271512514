import type { Lang } from '../knowledge/topic.ts';
import type { Button, Reply } from '../replies/reply.ts';
import { besideVotes } from '../stats/votes.ts';

/** `answer:delete:<asker id>`: only that person may delete the public answer. */
export const DELETE_BUTTON_PREFIX = 'answer:delete:';

export function deleteButton(askerId: string, lang: Lang): Button {
  return { type: 'button', customId: `${DELETE_BUTTON_PREFIX}${askerId}`, label: lang === 'ko' ? '답변 지우기' : 'Delete answer', style: 'secondary' };
}

/** A public answer with the asker's delete button: beside 👍/👎 when it has them, else in a last row of its own. */
export function withDeleteButton(reply: Reply, askerId: string, lang: Lang): Reply {
  return besideVotes(reply, deleteButton(askerId, lang));
}
