import type { Lang } from '../knowledge/topic.ts';
import type { ActionRow, Button, Reply } from '../replies/reply.ts';
import type { ComponentHandler } from './component.ts';
import { DELETE_BUTTON_PREFIX, withDeleteButton } from './delete-answer.ts';

/**
 * `answer:post:<receiver id>[:<message id>]` on an ephemeral answer: its receiver may post it
 * publicly, as a reply to <message id> when there is one (the message "Ask devops-bot" was used on).
 */
export const POST_BUTTON_PREFIX = 'answer:post:';

const SNOWFLAKE = /^\d{1,20}$/;

export function postButton(receiverId: string, lang: Lang, replyToMessageId?: string): Button {
  return {
    type: 'button',
    customId: `${POST_BUTTON_PREFIX}${receiverId}${replyToMessageId ? `:${replyToMessageId}` : ''}`,
    label: lang === 'ko' ? '채널에 올리기' : 'Post in channel',
    style: 'primary',
  };
}

/** An ephemeral answer with a Post in channel button in its own last row; other replies unchanged. */
export function withPostButton(reply: Reply, receiverId: string, lang: Lang, replyToMessageId?: string): Reply {
  if (!reply.ephemeral || !reply.embeds?.length) return reply;
  return { ...reply, components: [...(reply.components ?? []).slice(0, 4), [postButton(receiverId, lang, replyToMessageId)]] };
}

export interface PostClick {
  customId: string;
  clickerId: string;
  lang: Lang;
  /** The ephemeral message the button is on, as a plain reply. */
  shown: Reply;
}

export type PostPlan =
  | { kind: 'refuse'; reply: Reply }
  | { kind: 'post'; reply: Reply; replyToMessageId: string | null; receiverId: string };

/**
 * What a click on Post in channel does: the shown answer, public, without this button, with the
 * receiver's delete button, pinging nobody; or a short private refusal for anyone else.
 */
export function planPost({ customId, clickerId, lang, shown }: PostClick): PostPlan {
  const [receiverId = '', replyTo] = customId.slice(POST_BUTTON_PREFIX.length).split(':');
  if (clickerId !== receiverId) {
    return { kind: 'refuse', reply: { content: lang === 'ko' ? '이 답을 받은 사람만 채널에 올릴 수 있습니다.' : 'Only the person who received this answer can post it.', ephemeral: true } };
  }
  const rows = withoutButtons(shown.components, [POST_BUTTON_PREFIX, DELETE_BUTTON_PREFIX]);
  const reply = withDeleteButton({ content: shown.content, embeds: shown.embeds ?? [], components: rows, mentionUserIds: [] }, receiverId, lang);
  return { kind: 'post', reply, replyToMessageId: replyTo && SNOWFLAKE.test(replyTo) ? replyTo : null, receiverId };
}

/** What the ephemeral message becomes once posted: the same answer, its Post button gone, a note on top. */
export function postedNotice(shown: Reply, lang: Lang): Reply {
  const rows = withoutButtons(shown.components, [POST_BUTTON_PREFIX]);
  return { ...shown, content: lang === 'ko' ? '✅ 채널에 올렸습니다.' : '✅ Posted in the channel.', components: rows, ephemeral: true };
}

/** Rows without the buttons whose custom id starts with one of `prefixes`; rows left empty go too. */
function withoutButtons(rows: ActionRow[] | undefined, prefixes: string[]): ActionRow[] {
  return (rows ?? [])
    .map((row) => row.filter((item) => !(item.type === 'button' && prefixes.some((p) => item.customId.startsWith(p)))) as ActionRow)
    .filter((row) => row.length > 0);
}

/**
 * Post in channel: the bot posts the shown answer itself (as a reply to the asked-about message,
 * if any) where it is installed and allowed to; elsewhere the answer goes out as the click's
 * public response. Anyone but the receiver gets a short private refusal.
 */
export const postInChannelHandler: ComponentHandler = {
  prefix: POST_BUTTON_PREFIX,
  handle({ customId, userId, lang, shown }) {
    const plan = planPost({ customId, clickerId: userId, lang, shown });
    if (plan.kind === 'refuse') return { kind: 'reply', reply: plan.reply };
    return { kind: 'post', reply: plan.reply, replyToMessageId: plan.replyToMessageId, notice: postedNotice(shown, lang) };
  },
};

/** The commands whose private answers get a Post in channel button. */
export const SHAREABLE_COMMANDS: ReadonlySet<string> = new Set(['ask', 'explain', 'port']);
