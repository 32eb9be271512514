import type { Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { buildSnapshot, buildSnapshotGradually } from '../src/knowledge/live.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../src/knowledge/load.ts';
import { createLogger } from '../src/log.ts';
import { Readiness } from '../src/ops/readiness.ts';
import { connectGateway, createClient } from '../src/transports/discord/client.ts';
import { gatewayHandlers } from '../src/transports/discord/gateway.ts';
import { listenForEvents, type EventGate } from '../src/transports/discord/startup-gate.ts';
import { FakeDiscord, type RecordedRequest } from './fake-discord/server.ts';
import { autocomplete, chatInput, QA_CHANNEL_ID, userMessage } from './fake-discord/payloads.ts';
import { sharedContext, TEST_TOKEN } from './helpers/bot.ts';
import { spawnBot, stopBySigterm } from './helpers/bot-process.ts';
import { tempFolder } from './helpers/temp-folder.ts';

/**
 * Issue 14, "start only what is needed": `npm start` logs in before it has loaded its handlers and
 * knowledge, so events can come before it can answer. They must wait, or be told it is starting.
 */

const isCallback = (id: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`);
/** Generous: the whole suite runs in parallel on a shared machine. */
const REPLY_MS = 15_000;

let discord: FakeDiscord | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.destroy();
  await discord?.stop();
  client = discord = undefined;
});

/** A real client connected to the fake Discord, its listeners attached, nothing served yet. */
async function connectedBeforeServing(waitMs: number): Promise<{ gate: EventGate; serve: () => void }> {
  discord = await new FakeDiscord().start();
  const config = loadConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, QA_CHANNELS: QA_CHANNEL_ID });
  const log = createLogger('silent', [TEST_TOKEN]);
  // Loaded and indexed first: the waits below then measure the gate, not the knowledge load.
  const ctx = sharedContext();
  void ctx.autocomplete;
  client = createClient(config);
  const gate = listenForEvents(client, log, waitMs);
  await connectGateway(config, client, log);
  return { gate, serve: () => gate.serve(gatewayHandlers(config, ctx, log)) };
}

describe('events that arrive before the bot can answer', () => {
  it('an interaction waits, and is answered once the bot can', async () => {
    const { serve } = await connectedBeforeServing(10_000);
    const help = chatInput('help');
    discord!.dispatch('INTERACTION_CREATE', help);
    await new Promise((r) => setTimeout(r, 300));
    expect(discord!.requests.filter(isCallback(help.id))).toHaveLength(0);
    serve();
    const reply = await discord!.waitForRequest(isCallback(help.id), REPLY_MS);
    expect(JSON.stringify(reply.body)).toMatch(/\/port/);
    expect(JSON.stringify(reply.body)).not.toMatch(/starting/);
  });

  it('one that would wait past the limit is told the bot is starting, in its language; an autocomplete gets no choices', async () => {
    const { serve } = await connectedBeforeServing(200);
    const explain = chatInput('explain', [{ name: 'topic', type: 3, value: 'ports' }], { locale: 'ko' });
    const typing = autocomplete('explain', [{ name: 'topic', type: 3, value: 'por', focused: true }]);
    discord!.dispatch('INTERACTION_CREATE', explain);
    discord!.dispatch('INTERACTION_CREATE', typing);
    const told = await discord!.waitForRequest(isCallback(explain.id), REPLY_MS);
    expect(told.body.type).toBe(4);
    expect(told.body.data.content).toMatch(/시작하는 중/);
    expect(told.body.data.flags & 64).toBe(64); // only the asker sees it
    const choices = await discord!.waitForRequest(isCallback(typing.id), REPLY_MS);
    expect(choices.body).toEqual({ type: 8, data: { choices: [] } });
    // Served from then on: the same command is answered.
    serve();
    const again = chatInput('explain', [{ name: 'topic', type: 3, value: 'ports' }]);
    discord!.dispatch('INTERACTION_CREATE', again);
    const answer = await discord!.waitForRequest(isCallback(again.id), REPLY_MS);
    expect(JSON.stringify(answer.body)).not.toMatch(/starting/);
    expect(answer.body.data.embeds?.length ?? 0).toBeGreaterThan(0);
  });

  it('a channel question waits however long it takes, and is answered in order once the bot can', async () => {
    const { serve } = await connectedBeforeServing(100);
    const first = userMessage('what is a port number?', { channelId: QA_CHANNEL_ID });
    const second = userMessage('what does 0.0.0.0 mean when a server binds to it?', { channelId: QA_CHANNEL_ID });
    discord!.dispatch('MESSAGE_CREATE', first);
    discord!.dispatch('MESSAGE_CREATE', second);
    await new Promise((r) => setTimeout(r, 400)); // past the interactions' limit: messages are not told anything
    const answers = () => discord!.requests.filter((r) => r.method === 'POST' && [first.id, second.id].includes(r.body?.message_reference?.message_id));
    expect(answers()).toHaveLength(0);
    serve();
    await discord!.waitForRequest((r) => r.body?.message_reference?.message_id === second.id, REPLY_MS);
    expect(answers().map((r) => r.body.message_reference.message_id)).toEqual([first.id, second.id]);
  });
});

describe('the knowledge loaded while the bot connects', () => {
  it('is the same knowledge buildSnapshot loads, and timers keep firing while it loads', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const gradual = await buildSnapshotGradually({ dir: DEFAULT_KNOWLEDGE_DIR, extraDirs: [] });
    clearInterval(timer);
    const whole = buildSnapshot({ dir: DEFAULT_KNOWLEDGE_DIR, extraDirs: [] });
    expect(gradual.kb.topics.map((t) => t.id)).toEqual(whole.kb.topics.map((t) => t.id));
    expect(gradual.kb.phrasing).toEqual(whole.kb.phrasing);
    expect(JSON.stringify(gradual.kb.topics)).toBe(JSON.stringify(whole.kb.topics));
    // One pause per file: the loop ran many times during the load, not once at its end.
    expect(ticks).toBeGreaterThan(10);
  });
});

describe('npm start with a broken knowledge folder', () => {
  it('still stops with the problem named and status 1, though it loads the knowledge after logging in', async () => {
    discord = await new FakeDiscord().start();
    const team = tempFolder('broken-team-', { 'vpn.md': '---\nid: vpn\n---\nno sections\n' });
    const bot = spawnBot(discord, { KNOWLEDGE_DIRS: team });
    const timer = setTimeout(() => bot.child.kill('SIGKILL'), 20_000);
    const code = await bot.exited;
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(bot.stderr()).toMatch(/devops-bot cannot start: knowledge base has \d+ problem\(s\):\n  - .*vpn\.md/);
  }, 30_000);
});

describe('npm start stopped while it loads', () => {
  it('SIGTERM at IDENTIFY (the bot still loading its handlers and knowledge) ends it within 5 s, status 0', async () => {
    discord = await new FakeDiscord().start();
    const bot = spawnBot(discord);
    const deadline = Date.now() + 20_000;
    while (discord.identifies.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    expect(discord.identifies).toHaveLength(1);
    const { code, tookMs } = await stopBySigterm(bot);
    expect(tookMs).toBeLessThan(5000);
    expect(code).toBe(0);
    expect(bot.stderr()).toMatch(/SIGTERM: shutting down/);
    expect(bot.stderr()).not.toMatch(/ERROR|cannot start/);
  }, 30_000);
});

describe('readiness', () => {
  it('is not ready while the bot cannot answer yet, though the gateway is', async () => {
    await connectedBeforeServing(100);
    let canAnswer = false;
    const readiness = new Readiness(() => canAnswer);
    readiness.watch(client!);
    expect(client!.isReady()).toBe(true);
    expect(readiness.ready).toBe(false);
    canAnswer = true;
    expect(readiness.ready).toBe(true);
  });
});
