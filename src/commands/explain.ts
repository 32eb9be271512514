import { SlashCommandBuilder } from 'discord.js';
import { search } from '../knowledge/search.ts';
import { noAnswerReply, suggestionsReply, topicReply } from '../replies/topic-reply.ts';
import { addressingOf, hidden, withAddressing } from './shared-options.ts';
import { optionText, type Command } from './types.ts';

export const explainCommand: Command = {
  name: 'explain',
  definition: withAddressing(
    new SlashCommandBuilder()
      .setName('explain')
      .setNameLocalizations({ ko: '설명' })
      .setDescription('Explain a topic from the team knowledge base')
      .setDescriptionLocalizations({ ko: '팀 지식 베이스의 주제를 설명합니다' })
      .addStringOption((o) =>
        o
          .setName('topic')
          .setNameLocalizations({ ko: '주제' })
          .setDescription('Start typing: localhost, 포트 충돌, ㅍㅌ …')
          .setDescriptionLocalizations({ ko: '입력해 보세요: localhost, 포트 충돌, ㅍㅌ …' })
          .setRequired(true)
          .setMaxLength(200)
          .setAutocomplete(true),
      ),
  ).toJSON(),

  execute(request, ctx) {
    const { targetUserId, hide } = addressingOf(request);
    const address = targetUserId ? { targetUserId } : {};
    const typed = optionText(request, 'topic').trim();
    // Autocomplete sends the topic id; free text goes through the same search as /ask.
    const exact = ctx.kb.byId.get(typed.toLowerCase());
    if (exact) return hidden(topicReply(exact, request.lang, ctx.kb, address), hide);
    const result = search(ctx.index, typed, request.lang);
    if (result.answer) return hidden(topicReply(result.answer, request.lang, ctx.kb, address), hide);
    if (result.candidates.length) return hidden(suggestionsReply(result.candidates, request.lang, address), hide);
    return noAnswerReply(request.lang);
  },

  autocomplete(focused, request, ctx) {
    return ctx.autocomplete.suggest(focused.value, request.lang);
  },
};
