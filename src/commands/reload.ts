import type { ReloadResult } from '../knowledge/live.ts';
import type { Lang } from '../knowledge/topic.ts';
import { LIMITS, truncate } from '../replies/limits.ts';
import { COLORS, type Reply } from '../replies/reply.ts';
import { adminCommand } from './definitions.ts';
import type { Command } from './types.ts';

export function reloadReply(result: ReloadResult, lang: Lang): Reply {
  const ko = lang === 'ko';
  if (result.ok) {
    return { content: ko ? `✅ 지식을 다시 읽었습니다: 주제 ${result.topics}개, ${result.ms.toFixed(0)} ms.` : `✅ Knowledge reloaded: ${result.topics} topics in ${result.ms.toFixed(0)} ms.`, ephemeral: true };
  }
  return {
    embeds: [
      {
        title: ko ? '다시 읽지 못했습니다: 이전 지식으로 계속 답합니다' : 'Not reloaded: the previous knowledge keeps answering',
        description: truncate(`\`\`\`\n${result.problems.join('\n')}\n\`\`\``, LIMITS.embedDescription),
        color: COLORS.error,
        footer: ko ? '파일을 고친 뒤 다시 /reload 하세요. 편집기나 CI에서는 npm run knowledge:check.' : 'Fix the file and /reload again; editors and CI: npm run knowledge:check.',
      },
    ],
    ephemeral: true,
  };
}

export const reloadCommand: Command = {
  name: 'reload',
  definition: adminCommand((builder) => builder, {
    name: 'reload',
    ko: '다시읽기',
    description: 'Reload the knowledge files now (a broken file keeps the current knowledge)',
    koDescription: '지식 파일을 지금 다시 읽습니다(깨진 파일이 있으면 지금 지식을 유지)',
  }),
  execute: async (request, ctx) => reloadReply(await ctx.knowledge.reload(), request.lang),
};
