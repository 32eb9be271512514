import { afterAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answers/answer.ts';
import { helpReply } from '../src/commands/help.ts';
import { withDeleteButton } from '../src/components/delete-answer.ts';
import { withPostButton } from '../src/components/post-in-channel.ts';
import { loadConfig } from '../src/config.ts';
import { memoByText } from '../src/replies/text-memo.ts';
import { createClient } from '../src/transports/discord/gateway.ts';
import { sendAsBuilt, toInteractionReply } from '../src/transports/discord/payload.ts';
import { sharedContext } from './helpers/bot.ts';

const ctx = sharedContext();
const client = createClient(loadConfig({ DISCORD_TOKEN: 'payload.test.token.never-used', DISCORD_API_URL: 'http://127.0.0.1:9/api' }));
afterAll(() => client.destroy());

/** Every object key under `value`, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
}

describe('replies as discord.js sends them', () => {
  it('embeds and components are already Discord API JSON (snake_case), so the Client sends them as built', () => {
    const ask = (text: string) => answer(ctx, { text, read: 'question', form: 'chat', whenUnsure: 'suggest', whenNone: 'say' }).reply;
    const replies = [
      withPostButton({ ...ask('address already in use'), ephemeral: true }, '1', 'en'), // More, related menu, Post in channel
      ask('포트'), // "did you mean" choices
      withDeleteButton(answer(ctx, { text: 'localhost', read: 'question', form: 'full', whenUnsure: 'browse', whenNone: 'say', mayBeTopicId: true }).reply, '1', 'ko'),
      helpReply('en', ctx.kb.topics.length),
    ];
    const keys = new Set(replies.flatMap((reply) => {
      const sent = toInteractionReply(reply);
      return keysOf([sent.embeds, sent.components]);
    }));
    expect([...keys].filter((key) => !/^[a-z]+(_[a-z]+)*$/.test(key))).toEqual([]);
    expect(keys).toContain('custom_id'); // the walk reached the components
    expect(client.options.jsonTransformer).toBe(sendAsBuilt);
    const body = { custom_id: 'x', options: [{ label: 'a' }] };
    expect(sendAsBuilt(body)).toBe(body);
  });
});

describe('memoByText', () => {
  it('derives once per text and forgets everything once it reaches its limit', () => {
    const seen: string[] = [];
    const lengthOf = memoByText((text) => (seen.push(text), { length: text.length }), 2);
    expect(lengthOf('ab')).toBe(lengthOf('ab'));
    lengthOf('abc');
    expect(seen).toEqual(['ab', 'abc']);
    lengthOf('abcd'); // the third text: the first two are dropped
    lengthOf('ab');
    expect(seen).toEqual(['ab', 'abc', 'abcd', 'ab']);
  });
});
