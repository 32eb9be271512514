import { answer } from '../answers/answer.ts';
import { recordQuestionSoon } from '../stats/record.ts';
import { addressingOf, hidden, withAddressing } from './shared-options.ts';
import { optionText, type Command } from './types.ts';
import { slashCommand } from './definitions.ts';

export const askCommand: Command = {
  name: 'ask',
  definition: slashCommand((SlashCommandBuilder) => withAddressing(
    new SlashCommandBuilder()
      .setName('ask')
      .setNameLocalizations({ ko: '질문' })
      .setDescription('Ask a DevOps question in your own words (Korean or English)')
      .setDescriptionLocalizations({ ko: 'DevOps 질문을 편하게 물어보세요(한국어·영어)' })
      .addStringOption((o) =>
        o
          .setName('question')
          .setNameLocalizations({ ko: '질문' })
          .setDescription('e.g. "address already in use", "0.0.0.0 뜻"')
          .setDescriptionLocalizations({ ko: '예: "포트 충돌 해결", "what is 0.0.0.0"' })
          .setRequired(true)
          .setMaxLength(500),
      ),
  ).toJSON()),

  execute(request, ctx) {
    const { targetUserId, hide } = addressingOf(request);
    const address = targetUserId ? { targetUserId } : {};
    const question = optionText(request, 'question');
    const { reply, result } = answer(ctx, { text: question, locale: request.lang, read: 'question', form: 'chat', whenUnsure: 'suggest', whenNone: 'say', address });
    return recordQuestionSoon(ctx, request, question, result, hidden(reply, hide));
  },
};
