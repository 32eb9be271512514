import { statsReply } from '../stats/stats-reply.ts';
import { DEFAULT_DAYS } from '../stats/summary.ts';
import { adminCommand } from './definitions.ts';
import type { Command } from './types.ts';

export const MAX_STATS_DAYS = 365;

export const statsCommand: Command = {
  name: 'stats',
  definition: adminCommand(
    (builder) =>
      builder.addIntegerOption((o) =>
        o
          .setName('days')
          .setNameLocalizations({ ko: '기간' })
          .setDescription(`How many days back (default ${DEFAULT_DAYS})`)
          .setDescriptionLocalizations({ ko: `며칠 전까지 볼지(기본 ${DEFAULT_DAYS}일)` })
          .setMinValue(1)
          .setMaxValue(MAX_STATS_DAYS),
      ),
    {
      name: 'stats',
      ko: '통계',
      description: 'What the team asked, what helped, and what the bot could not answer',
      koDescription: '팀이 물은 것, 도움이 된 답, 봇이 답하지 못한 질문',
    },
  ),

  execute(request, ctx) {
    // One server's record only: a manager of one server never sees another's questions.
    if (!request.guildId) return { content: request.lang === 'ko' ? '서버 안에서만 쓸 수 있습니다.' : 'This works inside a server only.', ephemeral: true };
    const days = typeof request.options.days === 'number' ? Math.min(Math.max(Math.trunc(request.options.days), 1), MAX_STATS_DAYS) : DEFAULT_DAYS;
    return statsReply(ctx.stats.summary({ days, guildId: request.guildId }), request.lang, ctx.stats.enabled);
  },
};
