import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeDiscord, type RecordedRequest } from './fake-discord/server.ts';
import { chatInput, userMessage, OTHER_USER, QA_CHANNEL_ID } from './fake-discord/payloads.ts';
import { spawnBot, untilServing, type BotProcess } from './helpers/bot-process.ts';

/**
 * Issue 9 through the real discord.js Client and the fake Discord: one pasted token used to run the
 * bot out of memory, and five long /ask sent together kept every other answer waiting past
 * Discord's 3-second deadline ("This interaction failed"). The bot runs as `npm start` runs it, with
 * its bounded heap, so running out of memory kills it here as it would in production.
 */

const isCallback = (id: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`);

/** Seeded, so a failure can be replayed. */
let seed = 5;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const run = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

let discord: FakeDiscord;
let bot: BotProcess;
beforeAll(async () => {
  discord = await new FakeDiscord().start();
  bot = spawnBot(discord, { QA_CHANNELS: QA_CHANNEL_ID });
  expect(await untilServing(discord)).toBe(true);
}, 60_000);
afterAll(async () => {
  bot?.child.kill('SIGTERM');
  await bot?.exited;
  await discord?.stop();
});

/** The bot process is still running (it has not crashed or exited). */
const alive = () => bot.child.exitCode === null && bot.child.signalCode === null;

it('survives a 700-character unbroken word in a Q&A channel, stays silent on it, and answers the next question', async () => {
  const token = userMessage(`why ${run(ALNUM, 700)}`, { channelId: QA_CHANNEL_ID });
  discord.dispatch('MESSAGE_CREATE', token);
  const next = userMessage('what does 0.0.0.0 mean', { channelId: QA_CHANNEL_ID, author: OTHER_USER });
  discord.dispatch('MESSAGE_CREATE', next);
  const answer = await discord.waitForRequest((r) => r.body?.message_reference?.message_id === next.id, 3000);
  expect(answer.body.embeds[0].title).toMatch(/0\.0\.0\.0/);
  expect(discord.requests.some((r) => r.body?.message_reference?.message_id === token.id)).toBe(false);
  expect(alive(), bot.stderr()).toBe(true);
});

it('gives five concurrent worst-case 500-character /ask and a /help their first response in time', async () => {
  // The limit Discord's option allows (500), filled with what cost the search most: unbroken
  // tokens (a pasted hash or key), a Hangul run, a long line around a known phrase.
  const questions = [
    run(ALNUM, 500),
    run(ALNUM, 500),
    run(ALNUM, 500),
    `포트${run('포트충돌가나다라마바사', 498)}`,
    `${run(ALNUM, 200)} address already in use ${run('0123456789abcdef', 276)}`,
  ];
  for (const q of questions) expect(q.length).toBe(500);
  const asks = questions.map((value) => chatInput('ask', [{ name: 'question', type: 3, value }]));
  const help = chatInput('help');
  const sentAt = Date.now();
  for (const payload of asks) discord.dispatch('INTERACTION_CREATE', payload);
  discord.dispatch('INTERACTION_CREATE', help);
  const first = (id: string) => discord.waitForRequest(isCallback(id), 10_000).then((r) => ({ ms: r.at - sentAt, type: r.body.type as number }));
  const askTimes = await Promise.all(asks.map((a) => first(a.id)));
  const helpTime = await first(help.id);
  const report = JSON.stringify({ asks: askTimes.map((t) => t.ms), help: helpTime.ms });
  for (const { ms, type } of askTimes) {
    expect(ms, report).toBeLessThan(3000);
    expect([4, 5]).toContain(type); // a reply, or a deferral the answer follows
  }
  expect(helpTime.ms, report).toBeLessThan(1500);
  expect(helpTime.type).toBe(4);

  // Still serving: a normal question afterwards is answered.
  const normal = userMessage('포트 충돌 났어요', { channelId: QA_CHANNEL_ID, author: OTHER_USER });
  discord.dispatch('MESSAGE_CREATE', normal);
  const answer = await discord.waitForRequest((r) => r.body?.message_reference?.message_id === normal.id, 3000);
  expect(answer.body.embeds[0].title).toMatch(/포트 충돌/);
  expect(alive(), bot.stderr()).toBe(true);
}, 30_000);
