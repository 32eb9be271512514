import type { BotContext } from '../app.ts';
import type { Lang } from '../knowledge/topic.ts';
import type { Reply } from '../replies/reply.ts';

/** A click on a button or a choice in a select menu, as plain data. No transport objects. */
export interface ComponentClick {
  customId: string;
  /** A select menu's chosen values (empty for a button). */
  values: readonly string[];
  userId: string;
  lang: Lang;
  /** The message the component is on, as a plain reply. */
  shown: Reply;
}

/** What the transport does for a click; handlers decide, the transport only carries it out. */
export type ComponentAction =
  /** Answer the click with this reply (usually private). */
  | { kind: 'reply'; reply: Reply }
  /** Remove the message the component is on. */
  | { kind: 'delete' }
  /**
   * Post `reply` in the channel (as a reply to `replyToMessageId` when set) and turn the clicked
   * message into `notice`; where the bot may not post, `reply` answers the click publicly instead.
   */
  | { kind: 'post'; reply: Reply; replyToMessageId: string | null; notice: Reply };

/**
 * A component's handler, in the module that builds its custom ids: every custom id that starts
 * with `prefix` is handled here (src/components/registry.ts finds it).
 */
export interface ComponentHandler {
  prefix: string;
  handle(click: ComponentClick, ctx: BotContext): ComponentAction;
}
