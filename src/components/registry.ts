import { moreButtonHandler } from '../replies/more-button.ts';
import { openTopicHandler } from '../replies/topic-reply.ts';
import { voteHandler } from '../stats/votes.ts';
import type { ComponentHandler } from './component.ts';
import { deleteAnswerHandler } from './delete-answer.ts';
import { postInChannelHandler } from './post-in-channel.ts';

/**
 * Every button and select menu the bot sends, by custom-id prefix. Each handler lives with the
 * code that builds its custom ids; the transports only look it up here and carry out its action.
 */
export const componentHandlers: readonly ComponentHandler[] = [postInChannelHandler, deleteAnswerHandler, moreButtonHandler, voteHandler, openTopicHandler];

/** The handler for a custom id, or undefined for one this version of the bot never sent. */
export function componentHandlerFor(customId: string): ComponentHandler | undefined {
  return componentHandlers.find((handler) => customId.startsWith(handler.prefix));
}
