import { SlashCommandBuilder } from 'discord.js';
import { search } from '../knowledge/search.ts';
import { chatAnswerReply } from '../replies/chat-answer.ts';
import { noAnswerReply, suggestionsReply } from '../replies/topic-reply.ts';
import { recordQuestion } from '../stats/record.ts';
import { addressingOf, hidden, withAddressing } from './shared-options.ts';
import { langOfText, optionText, type Command } from './types.ts';

export const askCommand: Command = {
  name: 'ask',
  definition: withAddressing(
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
  ).toJSON(),

  execute(request, ctx) {
    const { targetUserId, hide } = addressingOf(request);
    const address = targetUserId ? { targetUserId } : {};
    const question = optionText(request, 'question');
    const lang = langOfText(question, request.lang);
    const result = search(ctx.index, question, lang);
    const reply = result.answer
      ? hidden(chatAnswerReply(result.answer, lang, ctx.kb, question, address), hide)
      : result.outcome === 'suggest'
        ? hidden(suggestionsReply(result.candidates, lang, address), hide)
        : noAnswerReply(lang);
    return recordQuestion(ctx, request, question, result, reply);
  },
};
