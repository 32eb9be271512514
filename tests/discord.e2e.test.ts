import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayIntentBits } from 'discord.js';
import { createContext } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { startGateway } from '../src/transports/discord/gateway.ts';
import { FakeDiscord, type RecordedRequest } from './fake-discord/server.ts';
import { autocomplete, chatInput, component, userMessage, CHAT_CHANNEL_ID, OTHER_BOT, OTHER_USER, QA_CHANNEL_ID, USER } from './fake-discord/payloads.ts';
import { startHarness, TEST_TOKEN, type Harness } from './helpers/bot.ts';

const isCallback = (id: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`);
const isChannelPost = (channelId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`;

/** Discord's limits, checked on what actually went over the wire. */
function expectWithinLimits(data: any) {
  expect((data.content ?? '').length).toBeLessThanOrEqual(2000);
  let total = 0;
  for (const embed of data.embeds ?? []) {
    expect((embed.title ?? '').length).toBeLessThanOrEqual(256);
    expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
    expect((embed.fields ?? []).length).toBeLessThanOrEqual(25);
    for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
    total += (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length + (embed.fields ?? []).reduce((n: number, f: any) => n + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
  expect((data.components ?? []).length).toBeLessThanOrEqual(5);
}

/** The bot never pings anyone by accident: no parse list, roles or replied user. */
function expectNoAccidentalPings(data: any, allowedUsers: string[] = []) {
  expect(data.allowed_mentions).toMatchObject({ parse: [], roles: [], replied_user: false });
  expect(data.allowed_mentions.users ?? []).toEqual(allowedUsers);
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function command(name: string, options: Parameters<typeof chatInput>[1] = [], o: Parameters<typeof chatInput>[2] = {}) {
  const payload = chatInput(name, options, o);
  h.discord.dispatch('INTERACTION_CREATE', payload);
  return (await h.discord.waitForRequest(isCallback(payload.id))).body;
}

describe('connecting', () => {
  it('identifies with the token through the gateway URL from GET /gateway/bot, with minimal intents', () => {
    const gatewayCall = h.discord.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayCall?.headers.authorization).toBe(`Bot ${TEST_TOKEN}`);
    const intents = h.discord.identifies[0]!.intents;
    expect(intents & GatewayIntentBits.Guilds).toBeTruthy();
    expect(intents & GatewayIntentBits.MessageContent).toBeTruthy(); // Q&A channels are configured
    expect(intents & GatewayIntentBits.GuildMembers).toBe(0);
    expect(intents & GatewayIntentBits.GuildPresences).toBe(0);
  });

  it('asks for message content only when channel Q&A is on', async () => {
    const discord = await new FakeDiscord().start();
    const config = loadConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'silent' });
    const bot = await startGateway(config, createContext(), createLogger('silent'));
    expect(discord.identifies[0]!.intents & GatewayIntentBits.MessageContent).toBe(0);
    await bot.stop();
    await discord.stop();
  });
});

describe('slash commands', () => {
  it('/explain answers with the topic in the user\'s locale, related topics and a menu', async () => {
    const body = await command('explain', [{ name: 'topic', type: 3, value: 'localhost' }], { locale: 'ko' });
    expect(body.type).toBe(4);
    const embed = body.data.embeds[0];
    expect(embed.title).toMatch(/루프백/);
    expect(embed.fields[0].name).toBe('관련 주제');
    expect(body.data.components[0].components[0]).toMatchObject({ type: 3, custom_id: 'topic:open' });
    expect(body.data.flags ?? 0).toBe(0);
    expectWithinLimits(body.data);
    expectNoAccidentalPings(body.data);
  });

  it('/explain takes free text, and addresses the answer to a target, who alone may be pinged', async () => {
    const body = await command('explain', [{ name: 'topic', type: 3, value: 'address already in use' }, { name: 'target', type: 6, value: OTHER_USER.id }]);
    expect(body.data.embeds[0].title).toMatch(/Address already in use/);
    expect(body.data.content).toBe(`<@${OTHER_USER.id}>`);
    expectNoAccidentalPings(body.data, [OTHER_USER.id]);
  });

  it('/ask with hide replies only to the asker', async () => {
    const body = await command('ask', [{ name: 'question', type: 3, value: '0.0.0.0 뜻이 뭐야' }, { name: 'hide', type: 5, value: true }]);
    expect(body.data.flags & 64).toBe(64);
    expect(body.data.embeds[0].title).toMatch(/0\.0\.0\.0/);
  });

  it('/ask says honestly when there are no notes, and offers "did you mean" when unsure', async () => {
    const none = await command('ask', [{ name: 'question', type: 3, value: 'git rebase vs merge' }]);
    expect(none.data.content).toMatch(/no notes/);
    expect(none.data.flags & 64).toBe(64);
    const unsure = await command('ask', [{ name: 'question', type: 3, value: 'docker compose volume mount' }]);
    expect(unsure.data.embeds[0].title).toMatch(/Did you mean/);
    expect(unsure.data.components[0].components[0].options.map((o: any) => o.value)).toContain('bind-all-interfaces/docker');
  });

  it('/port renders the lookup of this host, with the listener this test holds', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const body = await command('port', [{ name: 'number', type: 4, value: port }]);
    server.close();
    const embed = body.data.embeds[0];
    expect(embed.title).toBe(`Port ${port}`);
    expect(embed.description).toMatch(/In use/);
    const listening = embed.fields.find((f: any) => f.name === 'Listening');
    expect(listening.value).toContain(`TCP 127.0.0.1:${port}`);
    expect(listening.value).toContain(`pid ${process.pid}`);
    expect(embed.fields.find((f: any) => f.name === 'Free nearby')).toBeDefined();
    expectWithinLimits(body.data);
  });

  it('/port refuses a bad value with a short private error', async () => {
    const body = await command('port', [{ name: 'number', type: 4, value: 70000 }]);
    expect(body.data.flags & 64).toBe(64);
    expect(body.data.content).toMatch(/out of range/);
  });

  it('/help explains the bot, privately', async () => {
    const body = await command('help', [], { locale: 'ko' });
    expect(body.data.embeds[0].title).toMatch(/사용법/);
    expect(body.data.flags & 64).toBe(64);
  });
});

describe('autocomplete', () => {
  it('offers well-known ports as the number is typed', async () => {
    const payload = autocomplete('port', [{ name: 'number', type: 4, value: '54', focused: true }]);
    h.discord.dispatch('INTERACTION_CREATE', payload);
    const request = await h.discord.waitForRequest(isCallback(payload.id));
    expect(request.body.type).toBe(8);
    // An INTEGER option's choices carry numbers; Discord rejects strings (400, Invalid Form Body).
    expect(request.body.data.choices.map((c: any) => c.value)).toEqual([5432]);
    expect(request.status).toBe(204);
  });

  it('offers topics for initial consonants, at most 25', async () => {
    const payload = autocomplete('explain', [{ name: 'topic', type: 3, value: 'ㅍㅌ ㅊㄷ', focused: true }], { locale: 'ko' });
    h.discord.dispatch('INTERACTION_CREATE', payload);
    const request = await h.discord.waitForRequest(isCallback(payload.id));
    const body = request.body;
    expect(request.status).toBe(204);
    expect(body.data.choices[0]).toMatchObject({ value: 'port-conflict' });
    expect(body.data.choices.length).toBeLessThanOrEqual(25);
  });
});

describe('components', () => {
  it('opens a related topic from the menu, privately', async () => {
    const answer = await command('explain', [{ name: 'topic', type: 3, value: 'security' }]);
    const shown = { id: '999999999999999998', channel_id: CHAT_CHANNEL_ID, author: { id: '100000000000000001', username: 'devops-bot', discriminator: '0', bot: true, avatar: null }, content: '', embeds: answer.data.embeds, components: answer.data.components, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false, type: 20, flags: 0 };
    const payload = component('topic:open', shown, { values: ['security/firewall'] });
    h.discord.dispatch('INTERACTION_CREATE', payload);
    const body = (await h.discord.waitForRequest(isCallback(payload.id))).body;
    expect(body.data.embeds[0].title).toMatch(/Firewalls/);
    expect(body.data.flags & 64).toBe(64);
  });
});

describe('the More button', () => {
  it('answers /ask chat-sized with a More button, and pressing it shows the whole topic privately', async () => {
    const answer = await command('ask', [{ name: 'question', type: 3, value: 'which process is holding port 8080' }]);
    const embed = answer.data.embeds[0];
    expect((embed.title ?? '').length + embed.description.length).toBeLessThanOrEqual(900);
    const more = answer.data.components.flatMap((row: any) => row.components).find((c: any) => c.type === 2 && c.custom_id.startsWith('topic:more:'));
    expect(more).toMatchObject({ label: 'More', style: 1 });
    const shown = { id: '999999999999999997', channel_id: CHAT_CHANNEL_ID, author: { id: '100000000000000001', username: 'devops-bot', discriminator: '0', bot: true, avatar: null }, content: '', embeds: answer.data.embeds, components: answer.data.components, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false, type: 20, flags: 0 };
    const press = component(more.custom_id, shown);
    h.discord.dispatch('INTERACTION_CREATE', press);
    const full = (await h.discord.waitForRequest(isCallback(press.id))).body;
    expect(full.data.flags & 64).toBe(64);
    expect(full.data.embeds[0].title).toBe(embed.title);
    expect(full.data.embeds[0].description.length).toBeGreaterThan(embed.description.length);
    expect(full.data.embeds[0].description.startsWith(embed.description.split('\n')[0])).toBe(true);
    expectWithinLimits(full.data);
    expectNoAccidentalPings(full.data);
  });
});

describe('team channel Q&A', () => {
  async function post(content: string, o: Parameters<typeof userMessage>[1] = {}) {
    const message = userMessage(content, o);
    h.discord.dispatch('MESSAGE_CREATE', message);
    return message;
  }
  /**
   * Waits for the bot's reply to `question`, in its channel, matched by the message it references
   * (not by time); no such reply within 5 s fails the test.
   */
  function answerTo(question: { id: string; channel_id: string }) {
    return h.discord.waitForRequest((r) => isChannelPost(question.channel_id)(r) && r.body?.message_reference?.message_id === question.id);
  }

  it('answers a question in a Q&A channel as a reply, with a delete button and no pings', async () => {
    const question = await post('포트 충돌 해결 방법 알려줘', { channelId: QA_CHANNEL_ID });
    const answer = await answerTo(question);
    expect(answer.body.embeds[0].title).toMatch(/포트 충돌/);
    const buttons = answer.body.components.at(-1).components;
    expect(buttons[0]).toMatchObject({ type: 2, custom_id: `answer:delete:${USER.id}` });
    expectNoAccidentalPings(answer.body);
    expectWithinLimits(answer.body);
  });

  it('stays silent on chatter, other bots, and questions outside Q&A channels that do not mention it', async () => {
    const before = h.discord.requests.length;
    await post('ㅋㅋㅋ 점심 뭐 먹지', { channelId: QA_CHANNEL_ID });
    await post('what is localhost', { channelId: QA_CHANNEL_ID, author: OTHER_BOT });
    await post('what is localhost', { channelId: CHAT_CHANNEL_ID });
    const marker = await post('what does 0.0.0.0 mean', { channelId: QA_CHANNEL_ID, author: OTHER_USER });
    // Events are handled in order: once the marker is answered, it must be the only message sent since.
    await answerTo(marker);
    const sent = h.discord.requests.slice(before).filter((r) => r.method === 'POST' && r.path.startsWith('/channels/'));
    expect(sent.map((r) => r.body.message_reference?.message_id)).toEqual([marker.id]);
  });

  it('answers anywhere when mentioned, without pinging the @everyone the question contained', async () => {
    const question = await post('@everyone what is the difference between localhost and 0.0.0.0', { channelId: CHAT_CHANNEL_ID, mentionsBot: true });
    const answer = await answerTo(question);
    expectNoAccidentalPings(answer.body);
    expect(answer.body.content ?? '').not.toMatch(/@everyone/);
  });

  it('answers when addressed through its own managed role, as the @ list often offers it', async () => {
    const question = await post('what does 0.0.0.0 mean', { channelId: CHAT_CHANNEL_ID, author: OTHER_USER, mentionsBotRole: true });
    const answer = await answerTo(question);
    expect(answer.body.embeds[0].title).toMatch(/0\.0\.0\.0/);
    expectNoAccidentalPings(answer.body);
  });

  it('lets only the asker delete the answer', async () => {
    const question = await post('what is a port number', { channelId: QA_CHANNEL_ID });
    const answer = await answerTo(question);
    const posted = { id: '999999999999999999', channel_id: QA_CHANNEL_ID, author: { id: '100000000000000001', username: 'devops-bot', discriminator: '0', bot: true, avatar: null }, content: '', embeds: answer.body.embeds, components: answer.body.components, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false, type: 19, flags: 0 };
    const stranger = component(`answer:delete:${USER.id}`, posted, { user: OTHER_USER, channelId: QA_CHANNEL_ID });
    h.discord.dispatch('INTERACTION_CREATE', stranger);
    const refusal = (await h.discord.waitForRequest(isCallback(stranger.id))).body;
    expect(refusal.data.content).toMatch(/Only the person who asked/);
    const asker = component(`answer:delete:${USER.id}`, posted, { user: USER, channelId: QA_CHANNEL_ID });
    h.discord.dispatch('INTERACTION_CREATE', asker);
    expect((await h.discord.waitForRequest(isCallback(asker.id))).body.type).toBe(6);
    await h.discord.waitForRequest((r) => r.method === 'DELETE' && r.path === `/channels/${QA_CHANNEL_ID}/messages/${posted.id}`);
  });
});

describe('limits and failures', () => {
  it('rate-limits one user in a channel so the bot cannot be made to flood', async () => {
    const limited = await startHarness({ QA_RATE_PER_USER: '2' });
    try {
      const since = Date.now();
      for (let i = 0; i < 4; i++) limited.discord.dispatch('MESSAGE_CREATE', userMessage('what is localhost', { channelId: QA_CHANNEL_ID }));
      const marker = userMessage('what is localhost', { channelId: QA_CHANNEL_ID, author: OTHER_USER });
      limited.discord.dispatch('MESSAGE_CREATE', marker);
      await limited.discord.waitForRequest((r) => r.body?.message_reference?.message_id === marker.id, 5000, since);
      const answers = limited.discord.requests.filter((r) => r.at >= since && r.path === `/channels/${QA_CHANNEL_ID}/messages`);
      expect(answers).toHaveLength(3); // two for the first user, one for the other
    } finally {
      await limited.stop();
    }
  });

  it('survives an expired interaction and a failing handler, and keeps answering', async () => {
    const expired = chatInput('help', [], { token: 'expired-token' });
    h.discord.dispatch('INTERACTION_CREATE', expired);
    await h.discord.waitForRequest(isCallback(expired.id));
    const after = await command('explain', [{ name: 'topic', type: 3, value: 'ports' }]);
    expect(after.data.embeds[0].title).toMatch(/port number/);
    expect(h.logs.join('\n')).toMatch(/expired or already answered/);

    // A bot whose port lookup fails: the user gets a short private note and the bot keeps serving.
    const failing = await startHarness({}, { ...createContext(), lookupPort: () => Promise.reject(new Error('socket table unreadable')) });
    const { discord, logs } = failing;
    try {
      const payload = chatInput('port', [{ name: 'number', type: 4, value: 8080 }]);
      discord.dispatch('INTERACTION_CREATE', payload);
      const body = (await discord.waitForRequest(isCallback(payload.id))).body;
      expect(body.data.content).toMatch(/Something went wrong/);
      expect(body.data.flags & 64).toBe(64);
      expect(logs.join('\n')).toMatch(/socket table unreadable/);
      const next = chatInput('help');
      discord.dispatch('INTERACTION_CREATE', next);
      expect((await discord.waitForRequest(isCallback(next.id))).body.type).toBe(4);
    } finally {
      await failing.stop();
    }
  });

  it('resumes after the gateway connection drops, and answers again', async () => {
    h.discord.dropConnections();
    const deadline = Date.now() + 15_000;
    while (h.discord.resumes.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(h.discord.resumes.length).toBeGreaterThan(0);
    expect(h.discord.identifies).toHaveLength(1); // resumed, not re-identified
    const body = await command('explain', [{ name: 'topic', type: 3, value: 'localhost' }]);
    expect(body.data.embeds[0].title).toMatch(/localhost/);
  });

  it('never writes the token to a log', () => {
    expect(h.logs.length).toBeGreaterThan(0);
    expect(h.logs.join('\n')).not.toContain(TEST_TOKEN);
  });
});
