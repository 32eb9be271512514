import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { Events } from 'discord.js';
import { createContext, type BotContext } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { startOperations, type Operations } from '../src/ops/operations.ts';
import { Readiness } from '../src/ops/readiness.ts';
import { createClient, startGateway, type RunningBot } from '../src/transports/discord/gateway.ts';
import { FakeDiscord, type RecordedRequest } from './fake-discord/server.ts';
import { autocomplete, chatInput, userMessage, OTHER_USER, QA_CHANNEL_ID } from './fake-discord/payloads.ts';
import { TEST_TOKEN } from './helpers/bot.ts';

const isCallback = (id: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`);

/** Prometheus text → `name{labels}` → value (comment lines dropped). */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

let discord: FakeDiscord | undefined;
let ops: Operations | undefined;
let bot: RunningBot | undefined;
afterAll(async () => {
  await bot?.stop();
  await ops?.close();
  await discord?.stop();
});

describe('health and metrics server, through the real client and the fake Discord', () => {
  let ctx: BotContext;
  let base = '';
  const get = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);
  const scrape = async () => parseMetrics(await (await get('/metrics')).text());

  it('answers /healthz 503 before the gateway is ready, and 200 once it is', async () => {
    discord = await new FakeDiscord().start();
    let release = () => {};
    discord.holdReady = new Promise<void>((resolve) => (release = resolve));
    const config = loadConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, QA_CHANNELS: QA_CHANNEL_ID });
    // /port fails here on purpose, to count an error; everything else is the real context.
    ctx = { ...createContext(), lookupPort: () => Promise.reject(new Error('socket table unreadable')) };
    const log = createLogger('silent', [TEST_TOKEN]);
    ops = await startOperations({ ...config, healthPort: 0 }, { topicsLoaded: () => ctx.kb.topics.length, log });
    expect(ops.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    base = ops.url!;

    expect((await get('/healthz')).status).toBe(503); // nothing attached yet
    const starting = startGateway(config, ctx, log, createClient(config), ops.observer);
    await discord.waitForRequest((r) => r.path === '/gateway/bot');
    const connecting = await get('/healthz');
    expect(connecting.status).toBe(503); // connecting, READY held back by the fake
    expect(await connecting.text()).toBe('not ready\n');
    release();
    bot = await starting;
    const ready = await get('/healthz');
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe('ok\n');
  });

  it('counts interactions and channel questions by kind, command and outcome, with answer latency', async () => {
    const before = await scrape();
    expect(before.get('devops_bot_interactions_total{kind="slash",command="explain",outcome="answered"}')).toBeUndefined();

    const interaction = async (payload: { id: string }) => {
      discord!.dispatch('INTERACTION_CREATE', payload);
      await discord!.waitForRequest(isCallback(payload.id));
    };
    await interaction(chatInput('explain', [{ name: 'topic', type: 3, value: 'localhost' }]));
    await interaction(chatInput('ask', [{ name: 'question', type: 3, value: 'docker compose volume mount' }]));
    await interaction(chatInput('ask', [{ name: 'question', type: 3, value: 'git rebase vs merge' }]));
    await interaction(chatInput('port', [{ name: 'number', type: 4, value: 8080 }]));
    await interaction(autocomplete('port', [{ name: 'number', type: 4, value: '54', focused: true }]));

    // Chatter first, then a question: messages are handled in order, so once the question is
    // answered the chatter has been decided (silence sends nothing to wait for).
    discord!.dispatch('MESSAGE_CREATE', userMessage('ㅋㅋㅋ 점심 뭐 먹지', { channelId: QA_CHANNEL_ID }));
    const question = userMessage('포트 충돌 해결 방법 알려줘', { channelId: QA_CHANNEL_ID, author: OTHER_USER });
    discord!.dispatch('MESSAGE_CREATE', question);
    await discord!.waitForRequest((r) => r.body?.message_reference?.message_id === question.id);

    const after = await scrape();
    const count = (labels: string) => after.get(`devops_bot_interactions_total{${labels}}`);
    expect(count('kind="slash",command="explain",outcome="answered"')).toBe(1);
    expect(count('kind="slash",command="ask",outcome="suggested"')).toBe(1);
    expect(count('kind="slash",command="ask",outcome="declined"')).toBe(1);
    expect(count('kind="slash",command="port",outcome="error"')).toBe(1);
    expect(count('kind="autocomplete",command="port",outcome="answered"')).toBe(1);
    expect(count('kind="message",command="channel_qa",outcome="answered"')).toBe(1);
    expect(count('kind="message",command="channel_qa",outcome="silent"')).toBe(1);

    // Latency is observed for what was sent, not for errors or silence.
    expect(after.get('devops_bot_answer_duration_seconds_count{kind="slash",command="explain"}')).toBe(1);
    expect(after.get('devops_bot_answer_duration_seconds_sum{kind="slash",command="explain"}')).toBeGreaterThan(0);
    expect(after.get('devops_bot_answer_duration_seconds_bucket{le="+Inf",kind="message",command="channel_qa"}')).toBe(1);
    expect(after.has('devops_bot_answer_duration_seconds_count{kind="slash",command="port"}')).toBe(false);

    expect(after.get('devops_bot_knowledge_topics')).toBe(ctx.kb.topics.length);
    expect(ctx.kb.topics.length).toBeGreaterThan(0);
    expect(after.get('devops_bot_gateway_ready')).toBe(1);
    // prom-client's default process metrics are there too.
    expect(after.get('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(after.get('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('counts a dropped gateway connection that the bot resumes, and is not ready until it has', async () => {
    // The same readiness /healthz uses, read at the instant discord.js reports the reconnect
    // (an HTTP request could arrive after the quick resume and prove nothing).
    const readiness = new Readiness();
    readiness.watch(bot!.client);
    const readyWhileReconnecting = new Promise<boolean>((resolve) => bot!.client.once(Events.ShardReconnecting, () => resolve(readiness.ready)));
    expect(readiness.ready).toBe(true);
    const before = await scrape();
    expect(before.get('devops_bot_gateway_reconnects_total{event="resumed"}')).toBe(0);
    discord!.dropConnections();
    const deadline = Date.now() + 15_000;
    while (discord!.resumes.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    let after = await scrape();
    while (after.get('devops_bot_gateway_reconnects_total{event="resumed"}') === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      after = await scrape();
    }
    expect(after.get('devops_bot_gateway_reconnects_total{event="reconnecting"}')).toBeGreaterThanOrEqual(1);
    expect(after.get('devops_bot_gateway_reconnects_total{event="resumed"}')).toBe(1);
    expect(await readyWhileReconnecting).toBe(false);
    expect(readiness.ready).toBe(true);
    expect((await get('/healthz')).status).toBe(200);
  });

  it('serves nothing else', async () => {
    for (const path of ['/', '/healthz/extra', '/metrics.json', '/../etc/passwd']) expect((await get(path)).status).toBe(404);
    expect((await get('/metrics', { method: 'POST', body: 'x' })).status).toBe(404);
    expect((await get('/healthz?probe=1')).status).toBe(200);
    // A request target no URL parser accepts still gets a plain 404, not a hang.
    const { port } = new URL(base);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.end('GET http://[::1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text)).on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('answers 503 once shutdown begins, and stops listening when closed', async () => {
    ops!.beginShutdown();
    expect((await get('/healthz')).status).toBe(503);
    expect((await scrape()).get('devops_bot_gateway_ready')).toBe(0);
    await bot!.stop();
    bot = undefined;
    await ops!.close();
    ops = undefined;
    await expect(get('/healthz')).rejects.toThrow();
  });
});
