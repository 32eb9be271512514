import type { RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord.js';
import type { BotContext } from '../app.ts';
import { withPostButton } from '../components/post-in-channel.ts';
import { answer } from '../answers/answer.ts';
import type { Lang } from '../knowledge/topic.ts';
import { removeMentions } from '../qa/channel-qa.ts';
import type { Reply } from '../replies/reply.ts';
import { withDiscord } from './definitions.ts';

/** "Ask devops-bot" on a message, as plain data: the target message's text, who asked, in which locale. */
export interface MessageCommandRequest {
  /** The target message's text (content, or its embeds' text for a message with none). */
  text: string;
  targetMessageId: string;
  lang: Lang;
  userId: string;
}

export interface MessageCommand {
  name: string;
  /** Built when first asked for (definitions.ts): only `npm run deploy` needs it. */
  definition(): RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(request: MessageCommandRequest, ctx: BotContext): Reply;
}

/**
 * Apps → Ask devops-bot on any message: answers about that message (a pasted error, a log, a code
 * block) privately, with a Post in channel button that posts the answer as a reply to it. The
 * message arrives in the interaction (`resolved.messages`), so no privileged intent is needed.
 */
export const askMessageCommand: MessageCommand = {
  name: 'Ask devops-bot',
  definition: withDiscord(
    ({ ApplicationCommandType, ContextMenuCommandBuilder }) =>
      new ContextMenuCommandBuilder()
        .setName('Ask devops-bot')
        .setNameLocalizations({ ko: 'devops-bot에게 묻기' })
        .setType(ApplicationCommandType.Message)
        .toJSON() as RESTPostAPIContextMenuApplicationCommandsJSONBody,
  ),

  execute(request, ctx) {
    const { reply, lang } = answer(ctx, { text: removeMentions(request.text), locale: request.lang, read: 'pasted', form: 'full', whenUnsure: 'suggest', whenNone: 'say' });
    if (reply.outcome === 'declined') return reply;
    return withPostButton({ ...reply, ephemeral: true }, request.userId, lang, request.targetMessageId);
  },
};
