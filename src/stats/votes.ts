import type { ComponentHandler } from '../components/component.ts';
import type { Lang } from '../knowledge/topic.ts';
import type { ActionRow, Button, Reply } from '../replies/reply.ts';
import type { QuestionLog } from './store.ts';

/** Custom ids `vote:up:<question id>` and `vote:down:<question id>`. */
export const VOTE_PREFIX = 'vote:';
const VOTE_ID = /^vote:(up|down):(\d{1,15})$/;

export function voteButtons(questionId: number): Button[] {
  return [
    { type: 'button', customId: `${VOTE_PREFIX}up:${questionId}`, label: '👍', style: 'secondary' },
    { type: 'button', customId: `${VOTE_PREFIX}down:${questionId}`, label: '👎', style: 'secondary' },
  ];
}

const isVoteRow = (row: ActionRow | undefined): row is Button[] => Boolean(row?.length && row.every((item) => item.type === 'button' && item.customId.startsWith(VOTE_PREFIX)));

/** The answer with 👍/👎 under it, in a row of their own (Discord allows five rows). */
export function withVotes(reply: Reply, questionId: number): Reply {
  return { ...reply, components: [...(reply.components ?? []).slice(0, 4), voteButtons(questionId)] };
}

/** Adds a button to the answer's last row: beside 👍/👎 when it has them, else in a row of its own. */
export function besideVotes(reply: Reply, button: Button): Reply {
  const rows = reply.components ?? [];
  const last = rows.at(-1);
  if (isVoteRow(last)) return { ...reply, components: [...rows.slice(0, -1), [button, ...last]] };
  return { ...reply, components: [...rows.slice(0, 4), [button]] };
}

/** A click on 👍/👎: one vote per person per answer; clicking the other one changes it. */
export function voteReply(customId: string, userId: string, lang: Lang, stats: QuestionLog): Reply {
  const ko = lang === 'ko';
  const match = VOTE_ID.exec(customId);
  if (!match) return { content: ko ? '알 수 없는 버튼입니다.' : 'That button is not known to this version of the bot.', ephemeral: true };
  const up = match[1] === 'up';
  const mark = up ? '👍' : '👎';
  const result = stats.vote(Number(match[2]), userId, up ? 1 : -1);
  const text: Record<typeof result, [string, string]> = {
    recorded: [`Thanks, noted ${mark}. ${up ? '' : 'The team sees which answers did not help.'}`.trim(), `고마워요, ${mark} 기록했습니다.${up ? '' : ' 도움이 안 된 답은 팀이 확인합니다.'}`],
    changed: [`Changed your vote to ${mark}.`, `${mark}(으)로 바꿨습니다.`],
    unchanged: [`You already voted ${mark} on this answer.`, `이 답에 이미 ${mark}를 눌렀습니다.`],
    unknown: ['That answer is too old to rate now.', '이 답은 오래되어 이제 평가할 수 없습니다.'],
    off: ['Votes are not recorded on this bot.', '이 봇은 평가를 기록하지 않습니다.'],
  };
  return { content: text[result][ko ? 1 : 0], ephemeral: true };
}

export const voteHandler: ComponentHandler = {
  prefix: VOTE_PREFIX,
  handle: ({ customId, userId, lang }, ctx) => ({ kind: 'reply', reply: voteReply(customId, userId, lang, ctx.stats) }),
};
