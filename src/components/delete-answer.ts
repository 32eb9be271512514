import type { Lang } from '../knowledge/topic.ts';
import type { Button, Reply } from '../replies/reply.ts';
import { besideVotes } from '../stats/votes.ts';
import type { ComponentHandler } from './component.ts';

/** `answer:delete:<asker id>`: only that person may delete the public answer. */
export const DELETE_BUTTON_PREFIX = 'answer:delete:';

export function deleteButton(askerId: string, lang: Lang): Button {
  return { type: 'button', customId: `${DELETE_BUTTON_PREFIX}${askerId}`, label: lang === 'ko' ? '답변 지우기' : 'Delete answer', style: 'secondary' };
}

/** A public answer with the asker's delete button: beside 👍/👎 when it has them, else in a last row of its own. */
export function withDeleteButton(reply: Reply, askerId: string, lang: Lang): Reply {
  return besideVotes(reply, deleteButton(askerId, lang));
}

/** Only the person who asked may remove the bot's answer to them. */
export const deleteAnswerHandler: ComponentHandler = {
  prefix: DELETE_BUTTON_PREFIX,
  handle({ customId, userId, lang }) {
    if (userId === customId.slice(DELETE_BUTTON_PREFIX.length)) return { kind: 'delete' };
    const content = lang === 'ko' ? '질문한 사람만 이 답을 지울 수 있습니다.' : 'Only the person who asked can delete this answer.';
    return { kind: 'reply', reply: { content, ephemeral: true, outcome: 'declined' } };
  },
};
