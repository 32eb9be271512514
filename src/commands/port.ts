import { parsePort } from '../ports/parse-port.ts';
import { clipName, LIMITS } from '../replies/limits.ts';
import { portErrorReply, portReply } from '../replies/port-reply.ts';
import { hidden, hideOption } from './shared-options.ts';
import type { Command } from './types.ts';
import { slashCommand } from './definitions.ts';

export const portCommand: Command = {
  name: 'port',
  definition: slashCommand((SlashCommandBuilder) => new SlashCommandBuilder()
    .setName('port')
    .setNameLocalizations({ ko: '포트' })
    .setDescription("What a port is for, and whether something uses it on the bot's host (read-only)")
    .setDescriptionLocalizations({ ko: '포트의 보통 용도와, 봇 호스트에서 누가 쓰고 있는지 확인합니다(읽기 전용)' })
    .addIntegerOption((o) =>
      o
        .setName('number')
        .setNameLocalizations({ ko: '번호' })
        .setDescription('Port number, 1-65535')
        .setDescriptionLocalizations({ ko: '포트 번호, 1~65535' })
        .setMinValue(1)
        .setMaxValue(65535)
        .setRequired(true)
        .setAutocomplete(true),
    )
    .addBooleanOption(hideOption)
    .toJSON()),

  async execute(request, ctx) {
    const parsed = parsePort(request.options.number);
    if (!parsed.ok) return portErrorReply(parsed.problem, parsed.input, request.lang);
    return hidden(portReply(await ctx.lookupPort(parsed.port), request.lang, ctx.kb), request.options.hide === true);
  },

  /** Well-known ports whose number starts with what is typed (or whose name matches it). */
  autocomplete(focused, request, ctx) {
    const typed = focused.value.trim().toLowerCase();
    const matches = [...ctx.services.values()].filter(
      (s) => !typed || String(s.port).startsWith(typed) || s.name.toLowerCase().includes(typed),
    );
    return matches.slice(0, LIMITS.autocompleteChoices).map((s) => ({ name: clipName(`${s.port} — ${s.name}: ${s.description[request.lang]}`, LIMITS.choiceName), value: s.port }));
  },
};
