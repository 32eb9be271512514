import type { Lang } from '../knowledge/topic.ts';
import { LIMITS, truncate } from '../replies/limits.ts';
import { COLORS, type EmbedField, type Reply } from '../replies/reply.ts';
import type { StatsSummary } from './summary.ts';

/** People's questions as inline code: shown as typed, never as formatting, links or mentions, here or in a terminal. */
function quoted(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\s+/g, ' ').trim().slice(0, 150)}\``;
}

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

/** The /stats card (and, rendered for a terminal, `cli stats`): what was asked, what helped, what to teach next. */
export function statsReply(s: StatsSummary, lang: Lang, enabled = true): Reply {
  const ko = lang === 'ko';
  const fields: EmbedField[] = [];
  const outcomes = ko
    ? `답함 ${s.outcomes.answered} · 후보 제시 ${s.outcomes.suggested} · 답 없음 ${s.outcomes.silent}`
    : `answered ${s.outcomes.answered} · suggested ${s.outcomes.suggested} · no answer ${s.outcomes.silent}`;
  fields.push({ name: ko ? '질문' : 'Questions', value: `${s.questions} (${ko ? `${s.askers}명` : `${s.askers} ${s.askers === 1 ? 'person' : 'people'}`})\n${outcomes}\n👍 ${s.votes.up} · 👎 ${s.votes.down}` });
  if (s.topics.length) {
    const lines = s.topics.map((t) => `\`${t.id}\` — ${t.answered}× · 👍 ${t.up} 👎 ${t.down} · ${ko ? '도움' : 'helpful'} ${percent(t.helpfulRate)}`);
    fields.push({ name: ko ? '많이 쓰인 주제 (도움 비율)' : 'Top topics (helpful rate)', value: truncate(lines.join('\n'), LIMITS.fieldValue) });
  }
  if (s.unansweredOrDownvoted.length) {
    const lines = s.unansweredOrDownvoted.map((m) => {
      const how = [m.silent ? `${ko ? '답 없음' : 'no answer'} ${m.silent}` : '', m.suggested ? `${ko ? '후보' : 'suggested'} ${m.suggested}` : '', m.downvoted ? `👎 ${m.downvoted}` : ''].filter(Boolean).join(', ');
      const others = m.variants.length ? (ko ? ` (+비슷한 질문 ${m.variants.length})` : ` (+${m.variants.length} similar)`) : '';
      return `• ${m.count}× ${quoted(m.question)}${others} — ${how}`;
    });
    fields.push({ name: ko ? '답하지 못했거나 👎 받은 질문' : 'Unanswered or 👎 questions', value: truncate(lines.join('\n'), LIMITS.fieldValue) });
  }
  const description = !enabled
    ? ko
      ? '기록이 꺼져 있습니다(STATS=off).'
      : 'Recording is off (STATS=off).'
    : s.questions === 0
      ? ko
        ? '이 기간에 기록된 질문이 없습니다.'
        : 'No questions were recorded in this period.'
      : undefined;
  return {
    embeds: [
      {
        title: ko ? `지난 ${s.days}일 통계` : `Last ${s.days} day${s.days === 1 ? '' : 's'}`,
        ...(description ? { description } : {}),
        color: COLORS.topic,
        fields,
        footer: `${s.since.slice(0, 10)} – ${s.until.slice(0, 10)}`,
      },
    ],
    ephemeral: true,
  };
}
