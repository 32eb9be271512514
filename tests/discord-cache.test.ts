import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LimitedCollection } from 'discord.js';
import { BOT_USER, QA_CHANNEL_ID, USER, userMessage } from './fake-discord/payloads.ts';
import { startHarness, type Harness } from './helpers/bot.ts';

let h: Harness;
beforeAll(async () => {
  // Generous limits: this test is about memory, not the rate limiter.
  h = await startHarness({ QA_RATE_PER_USER: '1000', QA_RATE_PER_CHANNEL: '1000' });
});
afterAll(() => h?.stop());

describe('discord.js caches on the real Client', () => {
  it('keeps no users, members or messages per author, only the bot itself', async () => {
    const { client } = h.bot;
    for (const cache of [client.users.cache, client.guilds.cache.first()!.members.cache]) {
      expect(cache).toBeInstanceOf(LimitedCollection);
      expect((cache as LimitedCollection<string, unknown>).maxSize).toBe(0);
    }
    const channel = client.channels.cache.get(QA_CHANNEL_ID);
    expect(channel && 'messages' in channel ? (channel.messages.cache as LimitedCollection<string, unknown>).maxSize : null).toBe(0);

    // 40 different people ask in the Q&A channel; every question is answered.
    const answered: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      const author = { ...USER, id: `3100000000000${String(i).padStart(5, '0')}`, username: `asker${i}` };
      const message = userMessage('what does 0.0.0.0 mean', { channelId: QA_CHANNEL_ID, author });
      answered.push(h.discord.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${QA_CHANNEL_ID}/messages` && JSON.stringify(r.body).includes(author.id), 10_000));
      h.discord.dispatch('MESSAGE_CREATE', message);
    }
    await Promise.all(answered);

    expect([...client.users.cache.keys()]).toEqual([BOT_USER.id]);
    expect([...client.guilds.cache.first()!.members.cache.keys()].filter((id) => id !== BOT_USER.id)).toEqual([]);
    expect(channel && 'messages' in channel ? channel.messages.cache.size : null).toBe(0);
    // The guild, its channels and roles are kept: replies and bot-role mentions need them.
    expect(client.guilds.cache.size).toBe(1);
    expect(client.channels.cache.has(QA_CHANNEL_ID)).toBe(true);
  });
});
