import type { SlashCommandBooleanOption, SlashCommandBuilder, SlashCommandOptionsOnlyBuilder } from 'discord.js';
import type { Reply } from '../replies/reply.ts';
import type { CommandRequest } from './types.ts';

/** `target` (address the answer to one user) and `hide` (only the asker sees it), as the best docs bots have. */
export function withAddressing(builder: SlashCommandOptionsOnlyBuilder | SlashCommandBuilder) {
  return builder
    .addUserOption((o) =>
      o
        .setName('target')
        .setNameLocalizations({ ko: '대상' })
        .setDescription('Address the answer to this person (they get one ping)')
        .setDescriptionLocalizations({ ko: '이 사람에게 답을 전합니다(그 사람만 한 번 알림)' }),
    )
    .addBooleanOption(hideOption);
}

/** `hide`: only the asker sees the answer (and may post it with Post in channel). */
export function hideOption(o: SlashCommandBooleanOption): SlashCommandBooleanOption {
  return o
    .setName('hide')
    .setNameLocalizations({ ko: '숨기기' })
    .setDescription('Only you see the answer')
    .setDescriptionLocalizations({ ko: '나에게만 답을 보여 줍니다' });
}

export function addressingOf(request: CommandRequest): { targetUserId?: string; hide: boolean } {
  const target = request.options.target;
  return { ...(typeof target === 'string' && target ? { targetUserId: target } : {}), hide: request.options.hide === true };
}

export function hidden(reply: Reply, hide: boolean): Reply {
  // A declined note (no notes on that) is private already and addressed to nobody: it stays as it is.
  if (reply.outcome === 'declined') return reply;
  // A hidden answer pings nobody: it is for the asker alone.
  return hide ? { ...reply, ephemeral: true, content: reply.mentionUserIds ? undefined : reply.content, mentionUserIds: [] } : reply;
}
