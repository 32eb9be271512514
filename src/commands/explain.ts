import { answer } from '../answers/answer.ts';
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
    // Autocomplete sends the topic id; free text goes through the same search as /ask, and text typed
    // without autocomplete (initials like ㅍㅌ, partial names) gets what autocomplete would have offered.
    const offered = (lang: 'en' | 'ko') => ctx.autocomplete.suggest(typed, lang, 5).flatMap((c) => ctx.kb.byId.get(c.value) ?? []);
    const { reply } = answer(ctx, { text: typed, locale: request.lang, read: 'question', form: 'full', whenUnsure: 'browse', whenNone: 'say', mayBeTopicId: true, offered, address });
    return hidden(reply, hide);
  },

  autocomplete(focused, request, ctx) {
    return ctx.autocomplete.suggest(focused.value, request.lang);
  },
};
