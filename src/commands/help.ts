import type { Lang } from '../knowledge/topic.ts';
import { COLORS, type Reply } from '../replies/reply.ts';
import type { Command } from './types.ts';
import { slashCommand } from './definitions.ts';

export function helpReply(lang: Lang, topicCount: number): Reply {
  const ko = lang === 'ko';
  return {
    embeds: [
      {
        title: ko ? 'devops-bot 사용법' : 'devops-bot: how to use it',
        description: ko
          ? `팀의 DevOps 질문(포트, 호스트, 0.0.0.0과 127.0.0.1, 포트 충돌, Flask, 디버깅)에 ${topicCount}개 주제의 노트로 답합니다.`
          : `Answers the team's DevOps questions (ports, hosts, 0.0.0.0 vs 127.0.0.1, port conflicts, Flask, debugging) from ${topicCount} curated topics.`,
        color: COLORS.topic,
        fields: [
          { name: '/port 8080', value: ko ? "포트의 보통 용도와, 봇 호스트에서 누가 쓰는지(TCP·UDP, 주소 범위, 프로세스), 근처의 빈 포트. 읽기 전용이고 다른 호스트는 보지 않습니다." : "What the port is for; whether something uses it on the bot's host (TCP/UDP, scope, process) and free ports nearby. Read-only; never another host." },
          { name: '/explain localhost', value: ko ? '주제 하나를 설명합니다. 입력하면 자동 완성(한국어·영어, 오타, 초성 ㅍㅌ)됩니다.' : 'One topic, with autocomplete as you type (Korean or English, typos, initials like ㅍㅌ).' },
          { name: '/ask <question>', value: ko ? '자유롭게 질문하세요. 답, "혹시 이것?" 후보, 또는 노트가 없다는 솔직한 답을 줍니다.' : 'A free-form question: an answer, "did you mean" choices, or an honest "no notes on that".' },
          { name: ko ? '채널에서' : 'In channels', value: ko ? '봇을 멘션하거나 Q&A 채널에서 질문하면 답합니다. 잡담에는 끼어들지 않습니다.' : 'Mention the bot, or ask in a Q&A channel. It stays out of chatter.' },
          { name: ko ? '아무 메시지에서' : 'On any message', value: ko ? '메시지 우클릭 → 앱 → **devops-bot에게 묻기**: 붙여 넣은 오류나 로그에 나에게만 답하고, **채널에 올리기**로 공유할 수 있습니다.' : 'Right-click a message → Apps → **Ask devops-bot**: a private answer about a pasted error or log, which **Post in channel** shares.' },
          { name: ko ? '옵션' : 'Options', value: ko ? '`대상`: 그 사람에게 답을 전함 · `숨기기`: 나에게만 보임' : '`target`: address the answer to someone · `hide`: only you see it' },
        ],
        footer: ko ? '봇은 아무것도 종료하거나 바꾸지 않습니다.' : 'The bot never stops or changes anything.',
      },
    ],
    ephemeral: true,
    outcome: 'answered',
  };
}

export const helpCommand: Command = {
  name: 'help',
  definition: slashCommand((SlashCommandBuilder) => new SlashCommandBuilder()
    .setName('help')
    .setNameLocalizations({ ko: '도움말' })
    .setDescription('What the bot does and how to use it')
    .setDescriptionLocalizations({ ko: '봇이 하는 일과 사용법' })
    .toJSON()),
  execute: (request, ctx) => helpReply(request.lang, ctx.kb.topics.length),
};
