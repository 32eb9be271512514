import { describe, expect, it } from 'vitest';
import { askCommand } from '../src/commands/ask.ts';
import { explainCommand } from '../src/commands/explain.ts';
import type { ComponentClick } from '../src/components/component.ts';
import { withDeleteButton } from '../src/components/delete-answer.ts';
import { withPostButton } from '../src/components/post-in-channel.ts';
import { componentHandlerFor, componentHandlers } from '../src/components/registry.ts';
import { answerMessage } from '../src/qa/channel-qa.ts';
import type { Reply } from '../src/replies/reply.ts';
import { withVotes } from '../src/stats/votes.ts';
import { sharedContext } from './helpers/bot.ts';

const click = (customId: string, extra: Partial<ComponentClick> = {}): ComponentClick => ({ customId, values: [], userId: '11', lang: 'en', shown: { content: 'x' }, ...extra });
const customIds = (reply: Reply) => (reply.components ?? []).flat().map((item) => item.customId);

describe('the component registry', () => {
  const ctx = sharedContext();

  it('has a handler for every custom id the bot sends, and no prefix hides another', async () => {
    const sent: Reply[] = [
      withDeleteButton(withVotes(answerMessage('how do I fix address already in use', ctx, { mentioned: true })!, 1), '11', 'en'),
      withPostButton({ ...(await askCommand.execute({ options: { question: 'localhost' }, lang: 'en', userId: '11' }, ctx)), ephemeral: true }, '11', 'en', '22'),
      await explainCommand.execute({ options: { topic: '포트' }, lang: 'ko', userId: '11' }, ctx),
    ];
    const ids = sent.flatMap(customIds);
    expect(new Set(ids.map((id) => componentHandlerFor(id)?.prefix)).size).toBe(componentHandlers.length);
    for (const id of ids) expect(componentHandlerFor(id), id).toBeDefined();
    for (const a of componentHandlers) for (const b of componentHandlers) if (a !== b) expect(b.prefix.startsWith(a.prefix)).toBe(false);
    expect(componentHandlerFor('nope:1')).toBeUndefined();
  });

  it('returns plain actions: a reply, a delete for the asker only, a post for the receiver only', () => {
    const open = componentHandlerFor('topic:open')!.handle(click('topic:open', { values: ['localhost'], lang: 'ko' }), ctx);
    expect(open).toMatchObject({ kind: 'reply', reply: { ephemeral: true, outcome: 'answered' } });
    expect(componentHandlerFor('topic:open')!.handle(click('topic:open', { values: ['gone'] }), ctx)).toMatchObject({ kind: 'reply', reply: { content: 'That topic no longer exists.' } });

    expect(componentHandlerFor('answer:delete:11')!.handle(click('answer:delete:11'), ctx)).toEqual({ kind: 'delete' });
    expect(componentHandlerFor('answer:delete:11')!.handle(click('answer:delete:11', { userId: '12' }), ctx)).toMatchObject({ kind: 'reply', reply: { ephemeral: true } });

    const shown = withPostButton({ embeds: [{ title: 'T' }], ephemeral: true }, '11', 'en', '22');
    const post = componentHandlerFor('answer:post:11:22')!.handle(click('answer:post:11:22', { shown }), ctx);
    expect(post).toMatchObject({ kind: 'post', replyToMessageId: '22', notice: { content: '✅ Posted in the channel.' } });
    expect(componentHandlerFor('answer:post:11:22')!.handle(click('answer:post:11:22', { shown, userId: '12' }), ctx).kind).toBe('reply');

    expect(componentHandlerFor('topic:more:en:localhost')!.handle(click('topic:more:en:localhost'), ctx)).toMatchObject({ kind: 'reply', reply: { ephemeral: true } });
    expect(componentHandlerFor('vote:up:1')!.handle(click('vote:up:1'), ctx)).toMatchObject({ kind: 'reply', reply: { ephemeral: true } });
  });
});

describe('the transports only translate (lint)', () => {
  it('flags custom-id matching in src/transports, and only there', async () => {
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });
    const errorsIn = async (code: string, filePath: string) => (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.severity === 2).map((m) => m.ruleId);
    for (const code of ["if (interaction.customId.startsWith('vote:')) vote();", "if (interaction.customId === 'topic:open') open();", "if ('x' !== i.customId) skip();"]) {
      expect(await errorsIn(code, 'src/transports/discord/gateway.ts'), code).toEqual(['no-restricted-syntax']);
      expect(await errorsIn(code, 'src/components/registry.ts'), code).toEqual([]);
    }
    expect(await errorsIn('const handler = componentHandlerFor(interaction.customId);', 'src/transports/discord/gateway.ts')).toEqual([]);
  }, 30_000);
});
