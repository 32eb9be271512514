import { hasHangul } from '../knowledge/hangul.ts';
import { search } from '../knowledge/search.ts';
import { noAnswerReply, suggestionsReply, topicReply } from '../replies/topic-reply.ts';
import { addressingOf, hidden, withAddressing } from './shared-options.ts';
import { optionText, type Command } from './types.ts';
import { slashCommand } from './definitions.ts';

export const explainCommand: Command = {
  name: 'explain',
  definition: slashCommand((SlashCommandBuilder) => withAddressing(
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
  ).toJSON()),

  execute(request, ctx) {
    const { targetUserId, hide } = addressingOf(request);
    const address = targetUserId ? { targetUserId } : {};
    const typed = optionText(request, 'topic').trim();
    // Free text in Korean gets a Korean answer whatever the client's locale; a chosen topic id follows the locale.
    const lang = hasHangul(typed) ? 'ko' : request.lang;
    // Autocomplete sends the topic id; free text goes through the same search as /ask.
    const exact = ctx.kb.byId.get(typed.toLowerCase());
    if (exact) return hidden(topicReply(exact, lang, ctx.kb, address), hide);
    const result = search(ctx.index, typed, lang);
    if (result.answer) return hidden(topicReply(result.answer, lang, ctx.kb, address), hide);
    // What autocomplete would have offered (initials like ㅍㅌ, partial names) for text typed without it.
    const offered = ctx.autocomplete.suggest(typed, lang, 5).map((c) => ctx.kb.byId.get(c.value)!);
    const candidates = result.candidates.length ? result.candidates : offered.map((topic) => ({ topic, score: 0 }));
    if (candidates.length === 1) return hidden(topicReply(candidates[0]!.topic, lang, ctx.kb, address), hide);
    if (candidates.length) return hidden(suggestionsReply(candidates, lang, address), hide);
    return noAnswerReply(lang);
  },

  autocomplete(focused, request, ctx) {
    return ctx.autocomplete.suggest(focused.value, request.lang);
  },
};
