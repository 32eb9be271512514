import { afterAll, expect, it } from 'vitest';
import type { ShardingManager } from 'discord.js';
import { createShardingManager } from '../src/transports/discord/sharding.ts';
import { FakeDiscord } from './fake-discord/server.ts';
import { chatInput } from './fake-discord/payloads.ts';
import { tempDataDir, TEST_TOKEN } from './helpers/bot.ts';

let discord: FakeDiscord | undefined;
let manager: ShardingManager | undefined;
const savedEnv = { ...process.env };
afterAll(async () => {
  for (const shard of manager?.shards.values() ?? []) shard.kill();
  await discord?.stop();
  process.env = savedEnv;
});

it('runs two shards with discord.js ShardingManager, each identifying as its own shard, and answers', async () => {
  discord = await new FakeDiscord().start();
  discord.recommendedShards = 2;
  // The manager's children inherit its environment, as they do in production.
  Object.assign(process.env, { DATA_DIR: tempDataDir(), DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'warn', QA_CHANNELS: '' });
  manager = await createShardingManager();
  expect(manager.totalShards).toBe(2); // asked from the fake's GET /gateway/bot, not discord.com
  await manager.spawn({ timeout: 60_000 });
  expect(discord.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
  expect(discord.connectedShards.sort()).toEqual([0, 1]);
  const results = await manager.fetchClientValues('ws.status');
  expect(results).toEqual([0, 0]); // both shards READY

  const payload = chatInput('explain', [{ name: 'topic', type: 3, value: 'ports' }]);
  discord.dispatch('INTERACTION_CREATE', payload, 1);
  const reply = await discord.waitForRequest((r) => r.path.startsWith(`/interactions/${payload.id}/`), 10_000);
  expect(reply.body.data.embeds[0].title).toMatch(/port number/);
}, 90_000);
