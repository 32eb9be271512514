/**
 * "Meet people where the question is", end to end through the fake Discord with the real
 * discord.js Client: Ask devops-bot on a message, Post in channel, threads, forum posts, the
 * repeat pointer and user installs, each in English and Korean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedRequest } from './fake-discord/server.ts';
import {
  chatInput,
  component,
  forumPost,
  messageCommand,
  userMessage,
  CHAT_CHANNEL_ID,
  FORUM_CHANNEL_ID,
  GUILD,
  OTHER_USER,
  QA_CHANNEL_ID,
  USER,
} from './fake-discord/payloads.ts';
import { startHarness, type Harness } from './helpers/bot.ts';

const isCallback = (id: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`);
const isPostIn = (channelId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`;
const EPHEMERAL = 64;

/** Nothing in what was sent may ping anyone: no parse list, no users, no roles, no replied user. */
function expectPingsNobody(data: any) {
  expect(data.allowed_mentions).toEqual({ parse: [], users: [], roles: [], replied_user: false });
}
const buttonsOf = (data: any) => (data.components ?? []).flatMap((row: any) => row.components).filter((c: any) => c.type === 2);

/** The ephemeral message a callback body became, as Discord hands it back on a component click. */
function shown(data: any, channelId = CHAT_CHANNEL_ID) {
  return { id: `8${String(Date.now()).slice(-9)}${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, channel_id: channelId, author: { id: '100000000000000001', username: 'devops-bot', discriminator: '0', bot: true, avatar: null }, content: data.content ?? '', embeds: data.embeds ?? [], components: data.components ?? [], timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false, type: 20, flags: EPHEMERAL };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ QA_THREADS: 'true', QA_RATE_PER_USER: '50', QA_RATE_PER_CHANNEL: '50' });
});
afterAll(async () => {
  await h?.stop();
});

async function interact(payload: any) {
  h.discord.dispatch('INTERACTION_CREATE', payload);
  return h.discord.waitForRequest(isCallback(payload.id));
}
function post(message: any) {
  h.discord.dispatch('MESSAGE_CREATE', message);
  return message;
}
/** The next request matching `match` made from now on (not one already made, even in the same millisecond). */
function nextRequest(match: (r: RecordedRequest) => boolean) {
  const before = h.discord.requests.length;
  return h.discord.waitForRequest((r) => h.discord.requests.indexOf(r) >= before && match(r));
}
const answerTo = (question: { id: string }, channelId: string, since = 0) =>
  h.discord.waitForRequest((r) => isPostIn(channelId)(r) && r.body?.message_reference?.message_id === question.id, 5000, since);

describe('Ask devops-bot (message context menu)', () => {
  const traceback = [
    'flask 띄우려는데 이렇게 떠요',
    '```',
    'Traceback (most recent call last):',
    '  File "app.py", line 9, in <module>',
    '    app.run(port=5000)',
    'OSError: [Errno 98] Address already in use',
    '```',
  ].join('\n');

  it('answers about a pasted traceback privately, with Post in channel; posting replies to the message and pings nobody (Korean)', async () => {
    const target = post(userMessage(traceback, { author: OTHER_USER }));
    const asked = await interact(messageCommand('Ask devops-bot', target, { locale: 'ko' }));
    expect(asked.status).toBe(204);
    const data = asked.body.data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.embeds[0].title).toMatch(/포트 충돌/);
    const postButton = buttonsOf(data).find((b: any) => b.custom_id.startsWith('answer:post:'));
    expect(postButton).toMatchObject({ label: '채널에 올리기', custom_id: `answer:post:${USER.id}:${target.id}` });

    // Someone else cannot post it.
    const stranger = await interact(component(postButton.custom_id, shown(data), { user: OTHER_USER, locale: 'ko' }));
    expect(stranger.body.data.content).toMatch(/받은 사람만/);
    expect(stranger.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);

    const since = Date.now();
    const click = component(postButton.custom_id, shown(data), { user: USER, locale: 'ko' });
    h.discord.dispatch('INTERACTION_CREATE', click);
    const posted = await answerTo(target, CHAT_CHANNEL_ID, since);
    expect(posted.status).toBe(200);
    expect(posted.body.embeds[0].title).toBe(data.embeds[0].title);
    expectPingsNobody(posted.body);
    const postedButtons = buttonsOf(posted.body).map((b: any) => b.custom_id);
    expect(postedButtons).toContain(`answer:delete:${USER.id}`);
    expect(postedButtons.some((id: string) => id.startsWith('answer:post:'))).toBe(false);
    // The private copy loses its button and says it was posted.
    const update = (await h.discord.waitForRequest(isCallback(click.id))).body;
    expect(update.type).toBe(7);
    expect(update.data.content).toMatch(/채널에 올렸습니다/);
    expect(buttonsOf(update.data).some((b: any) => b.custom_id.startsWith('answer:post:'))).toBe(false);
  });

  it('answers an English log line in English, and offers "did you mean" choices when unsure', async () => {
    const target = post(userMessage('```\nError: listen EADDRINUSE: address already in use :::3000\n    at Server.setupListenHandle (node:net:1817:16)\n```'));
    const sure = (await interact(messageCommand('Ask devops-bot', target))).body.data;
    expect(sure.embeds[0].title).toMatch(/Address already in use/);
    expect(buttonsOf(sure).map((b: any) => b.label)).toContain('Post in channel');

    const vague = post(userMessage('docker compose volume mount'));
    const unsure = (await interact(messageCommand('Ask devops-bot', vague))).body.data;
    expect(unsure.embeds[0].title).toMatch(/Did you mean/);
    expect(unsure.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(unsure.components[0].components[0]).toMatchObject({ type: 3, custom_id: 'topic:open' });
    expect(buttonsOf(unsure).some((b: any) => b.custom_id === `answer:post:${USER.id}:${vague.id}`)).toBe(true);

    const chatter = post(userMessage('ㅋㅋㅋ 점심 뭐 먹지'));
    const none = (await interact(messageCommand('Ask devops-bot', chatter, { locale: 'ko' }))).body.data;
    expect(none.content).toMatch(/노트가 아직 없습니다/);
    expect(none.components ?? []).toEqual([]);
  });
});

describe('Post in channel on private answers', () => {
  it('/ask with hide (Korean) and /explain with hide (English) can be posted by their receiver, with the delete button', async () => {
    for (const [name, option, value, locale, title] of [
      ['ask', 'question', '0.0.0.0 뜻이 뭐야', 'ko', /0\.0\.0\.0/],
      ['explain', 'topic', 'localhost', 'en-US', /localhost/],
    ] as const) {
      const answer = (await interact(chatInput(name, [{ name: option, type: 3, value }, { name: 'hide', type: 5, value: true }], { locale }))).body.data;
      expect(answer.flags & EPHEMERAL).toBe(EPHEMERAL);
      const button = buttonsOf(answer).find((b: any) => b.custom_id === `answer:post:${USER.id}`);
      expect(button).toBeDefined();
      const posting = nextRequest(isPostIn(CHAT_CHANNEL_ID));
      h.discord.dispatch('INTERACTION_CREATE', component(button.custom_id, shown(answer), { user: USER, locale }));
      const posted = await posting;
      expect(posted.body.embeds[0].title).toMatch(title);
      expect(posted.body.message_reference).toBeUndefined();
      expectPingsNobody(posted.body);
      expect(buttonsOf(posted.body).map((b: any) => b.custom_id)).toContain(`answer:delete:${USER.id}`);
    }
  });

  it('/port with hide gets the button; a public answer does not', async () => {
    const hidden = (await interact(chatInput('port', [{ name: 'number', type: 4, value: 5432 }, { name: 'hide', type: 5, value: true }]))).body.data;
    expect(buttonsOf(hidden).map((b: any) => b.custom_id)).toContain(`answer:post:${USER.id}`);
    const open = (await interact(chatInput('explain', [{ name: 'topic', type: 3, value: 'ports' }]))).body.data;
    expect(buttonsOf(open).some((b: any) => b.custom_id.startsWith('answer:post:'))).toBe(false);
  });
});

describe('where the bot cannot post', () => {
  it('posts through the interaction when Discord refuses the bot in that channel (403 Missing Permissions)', async () => {
    const answer = (await interact(chatInput('explain', [{ name: 'topic', type: 3, value: 'ports' }, { name: 'hide', type: 5, value: true }]))).body.data;
    const button = buttonsOf(answer).find((b: any) => b.custom_id === `answer:post:${USER.id}`);
    h.discord.deniedChannels.add(CHAT_CHANNEL_ID);
    try {
      const click = component(button.custom_id, shown(answer), { user: USER });
      const refused = nextRequest(isPostIn(CHAT_CHANNEL_ID));
      const shared = (await interact(click)).body;
      expect((await refused).status).toBe(403);
      expect(shared.type).toBe(4);
      expect(shared.data.flags ?? 0).toBe(0);
      expect(shared.data.embeds[0].title).toBe(answer.embeds[0].title);
      expectPingsNobody(shared.data);
      expect(h.logs.join('\n')).toMatch(/could not post in channel/);
    } finally {
      h.discord.deniedChannels.delete(CHAT_CHANNEL_ID);
    }
  });
});

describe('threads (QA_THREADS=true)', () => {
  it('opens a thread on a Q&A-channel question, answers there, and answers follow-ups from anyone without a mention (English)', async () => {
    const question = post(userMessage('what does 0.0.0.0 mean when my server binds to it?', { channelId: QA_CHANNEL_ID }));
    const opened = await h.discord.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${QA_CHANNEL_ID}/messages/${question.id}/threads`);
    expect(opened.status).toBe(201);
    expect(opened.body.name).toBe('what does 0.0.0.0 mean when my server binds to it?');
    const threadId = question.id; // Discord gives the thread its starting message's id
    const answer = await h.discord.waitForRequest(isPostIn(threadId));
    expect(answer.body.embeds[0].title).toMatch(/0\.0\.0\.0/);
    expectPingsNobody(answer.body);

    const followUp = post(userMessage('and what is localhost then?', { channelId: threadId, author: OTHER_USER }));
    const reply = await answerTo(followUp, threadId);
    expect(reply.body.embeds[0].title).toMatch(/localhost|127\.0\.0\.1/i);
    expect(buttonsOf(reply.body).map((b: any) => b.custom_id)).toContain(`answer:delete:${OTHER_USER.id}`);

    // Thanks and chatter in the thread get silence: the same confidence gate as a Q&A channel.
    const before = h.discord.requests.length;
    post(userMessage('thanks, that worked!', { channelId: threadId }));
    const marker = post(userMessage('what is a port number', { channelId: threadId }));
    await answerTo(marker, threadId);
    const sent = h.discord.requests.slice(before).filter(isPostIn(threadId));
    expect(sent.map((r) => r.body.message_reference?.message_id)).toEqual([marker.id]);
  });

  it('does the same in Korean, and a reply to its answer in any channel is a follow-up', async () => {
    const question = post(userMessage('포트 충돌 났어요 어떻게 해결해요?', { channelId: QA_CHANNEL_ID }));
    const opened = await h.discord.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${QA_CHANNEL_ID}/messages/${question.id}/threads`);
    expect(opened.body.name).toBe('포트 충돌 났어요 어떻게 해결해요?');
    const answer = await h.discord.waitForRequest(isPostIn(question.id));
    expect(answer.body.embeds[0].title).toMatch(/포트 충돌/);
    const followUp = post(userMessage('로컬호스트랑 127.0.0.1 차이가 뭐예요?', { channelId: question.id, author: OTHER_USER }));
    expect((await answerTo(followUp, question.id)).body.embeds[0].title).toMatch(/localhost|127\.0\.0\.1|루프백/i);

    // In a channel that is not a Q&A channel: mention the bot once, then reply to its answer without one.
    const asked = post(userMessage('what is a port number', { channelId: CHAT_CHANNEL_ID, mentionsBot: true }));
    await answerTo(asked, CHAT_CHANNEL_ID);
    const botAnswer = [...h.discord.messages.values()].findLast((m: any) => m.author.bot && m.message_reference?.message_id === asked.id);
    const reply = post(userMessage('0.0.0.0은 무슨 뜻이에요?', { channelId: CHAT_CHANNEL_ID, replyTo: botAnswer }));
    expect((await answerTo(reply, CHAT_CHANNEL_ID)).body.embeds[0].title).toMatch(/0\.0\.0\.0/);
  });
});

describe('when Discord will not open a thread', () => {
  it('answers in the Q&A channel instead (the message already has a thread: 400, code 160004)', async () => {
    const question = userMessage('what is localhost', { channelId: QA_CHANNEL_ID, author: OTHER_USER });
    h.discord.threads.set(question.id, { id: question.id });
    post(question);
    const answer = await answerTo(question, QA_CHANNEL_ID);
    expect(answer.body.embeds[0].title).toMatch(/localhost/);
    const refused = h.discord.requests.find((r) => r.path === `/channels/${QA_CHANNEL_ID}/messages/${question.id}/threads`);
    expect(refused?.status).toBe(400);
  });
});

describe('thread follow-ups share the channel limits', () => {
  it('stops answering one user past QA_RATE_PER_USER in a thread, and still answers someone else', async () => {
    const limited = await startHarness({ QA_THREADS: 'true', QA_RATE_PER_USER: '1' });
    try {
      const send = (m: any) => (limited.discord.dispatch('MESSAGE_CREATE', m), m);
      const question = send(userMessage('what is localhost', { channelId: QA_CHANNEL_ID }));
      await limited.discord.waitForRequest(isPostIn(question.id));
      const before = limited.discord.requests.length;
      send(userMessage('what is a port number', { channelId: question.id })); // the same user, over the limit
      const other = send(userMessage('what is a port number', { channelId: question.id, author: OTHER_USER }));
      await limited.discord.waitForRequest((r) => isPostIn(question.id)(r) && r.body?.message_reference?.message_id === other.id);
      expect(limited.discord.requests.slice(before).filter(isPostIn(question.id)).map((r) => r.body.message_reference?.message_id)).toEqual([other.id]);
    } finally {
      await limited.stop();
    }
  });
});

describe('forum posts (a forum channel in QA_CHANNELS)', () => {
  it('answers a new post in the post when sure, in its language, and leaves an unsure one alone', async () => {
    const harness = await startHarness({ QA_CHANNELS: `${QA_CHANNEL_ID},${FORUM_CHANNEL_ID}` });
    try {
      const unsure = forumPost('배포 파이프라인 질문', '쿠버네티스 롤링 업데이트가 자꾸 멈춰요');
      harness.discord.dispatchForumPost(unsure);
      // The bot reads the post's first message (same id as the thread)...
      await harness.discord.waitForRequest((r) => r.method === 'GET' && r.path === `/channels/${unsure.thread.id}/messages/${unsure.thread.id}`);
      const english = forumPost('Server works locally but not from my phone', 'I started it with app.run() and other devices on the LAN cannot reach it. Does it need host 0.0.0.0?');
      harness.discord.dispatchForumPost(english);
      const answer = await harness.discord.waitForRequest((r) => isPostIn(english.thread.id)(r) && r.body?.message_reference?.message_id === english.starter.id);
      expect(answer.status).toBe(200);
      expect(answer.body.embeds[0].title).toMatch(/0\.0\.0\.0|Flask|host/i);
      expectPingsNobody(answer.body);

      const korean = forumPost('포트 충돌', '```\nOSError: [Errno 98] Address already in use\n```\n서버가 안 떠요');
      harness.discord.dispatchForumPost(korean);
      const koAnswer = await harness.discord.waitForRequest((r) => isPostIn(korean.thread.id)(r));
      expect(koAnswer.body.embeds[0].title).toMatch(/포트 충돌/);
      // ...and says nothing in the post it is not sure about.
      expect(harness.discord.requests.filter((r) => isPostIn(unsure.thread.id)(r))).toEqual([]);
    } finally {
      await harness.stop();
    }
  });
});

describe('repeat suppression', () => {
  it('points to the earlier answer of the same topic in the same channel, in both languages; another channel gets the answer', async () => {
    const harness = await startHarness({ QA_REPEAT_MINUTES: '10' });
    try {
      const send = (m: any) => (harness.discord.dispatch('MESSAGE_CREATE', m), m);
      const wait = (q: any, channelId: string) => harness.discord.waitForRequest((r) => isPostIn(channelId)(r) && r.body?.message_reference?.message_id === q.id);
      const first = send(userMessage('포트 충돌 해결 방법 알려줘', { channelId: QA_CHANNEL_ID }));
      const firstAnswer = await wait(first, QA_CHANNEL_ID);
      expect(firstAnswer.body.embeds[0].title).toMatch(/포트 충돌/);
      const firstId = [...harness.discord.messages.values()].findLast((m: any) => m.message_reference?.message_id === first.id)!.id;

      const again = send(userMessage('포트 충돌 났어요', { channelId: QA_CHANNEL_ID, author: OTHER_USER }));
      const pointer = (await wait(again, QA_CHANNEL_ID)).body;
      expect(pointer.embeds).toEqual([]);
      expect(pointer.content).toBe(`↪️ **${firstAnswer.body.embeds[0].title}**: 1분 전에 이 채널에서 답했습니다 → https://discord.com/channels/${GUILD.id}/${QA_CHANNEL_ID}/${firstId}`);
      expect(pointer.content.split('\n')).toHaveLength(1);
      expectPingsNobody(pointer);

      const english = send(userMessage('how do I fix address already in use', { channelId: QA_CHANNEL_ID }));
      expect((await wait(english, QA_CHANNEL_ID)).body.content).toMatch(/answered in this channel 1 min ago → https:\/\/discord\.com\/channels\//);

      const elsewhere = send(userMessage('address already in use', { channelId: CHAT_CHANNEL_ID, mentionsBot: true }));
      expect((await wait(elsewhere, CHAT_CHANNEL_ID)).body.embeds[0].title).toMatch(/Address already in use/);
    } finally {
      await harness.stop();
    }
  });
});

describe('user install (no guild in the interaction)', () => {
  const dm = '600000000000000001';
  it('/ask in a DM between users answers privately with Post in channel; posting goes out through the interaction (English)', async () => {
    const answer = await interact(chatInput('ask', [{ name: 'question', type: 3, value: 'what is localhost' }], { userInstallDm: true, channelId: dm }));
    const data = answer.body.data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.embeds[0].title).toBeTruthy();
    const button = buttonsOf(data).find((b: any) => b.custom_id === `answer:post:${USER.id}`);
    expect(button).toBeDefined();
    const before = h.discord.requests.length;
    const click = component(button.custom_id, shown(data, dm), { userInstallDm: true, channelId: dm });
    const shared = (await interact(click)).body;
    expect(shared.type).toBe(4);
    expect(shared.data.flags ?? 0).toBe(0);
    expect(shared.data.embeds[0].title).toBe(data.embeds[0].title);
    expectPingsNobody(shared.data);
    // The bot is not in that DM: it never tried to post there itself.
    expect(h.discord.requests.slice(before).filter((r) => r.path.startsWith('/channels/'))).toEqual([]);
  });

  it('/explain and Ask devops-bot work there in Korean; /port says it reports the bot\'s own host', async () => {
    const explain = (await interact(chatInput('explain', [{ name: 'topic', type: 3, value: 'localhost' }], { userInstallDm: true, channelId: dm, locale: 'ko' }))).body.data;
    expect(explain.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(explain.embeds[0].title).toMatch(/루프백|localhost/);
    const target = userMessage('포트 충돌 났어요', { channelId: dm, author: OTHER_USER });
    const asked = (await interact(messageCommand('Ask devops-bot', target, { userInstallDm: true, channelId: dm, locale: 'ko' }))).body.data;
    expect(asked.embeds[0].title).toMatch(/포트 충돌/);
    expect(asked.flags & EPHEMERAL).toBe(EPHEMERAL);
    const port = (await interact(chatInput('port', [{ name: 'number', type: 4, value: 8080 }], { userInstallDm: true, channelId: dm }))).body.data;
    expect(port.content).toMatch(/reports the bot's own host/);
    expect(port.flags & EPHEMERAL).toBe(EPHEMERAL);
  });
});

describe('the fake Discord rejects malformed payloads as Discord does', () => {
  it('thread names outside 1-100 characters and replies to unknown messages get 400, code 50035, with the errors object', async () => {
    const question = post(userMessage('hello there', { channelId: CHAT_CHANNEL_ID }));
    const base = `${h.discord.apiUrl}/v10`;
    const headers = { 'content-type': 'application/json', authorization: 'Bot x' };
    const longName = await fetch(`${base}/channels/${CHAT_CHANNEL_ID}/messages/${question.id}/threads`, { method: 'POST', headers, body: JSON.stringify({ name: 'x'.repeat(101), auto_archive_duration: 1440 }) });
    expect(longName.status).toBe(400);
    expect(await longName.json()).toEqual({ message: 'Invalid Form Body', code: 50035, errors: { name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] } } });
    const unknownReply = await fetch(`${base}/channels/${CHAT_CHANNEL_ID}/messages`, { method: 'POST', headers, body: JSON.stringify({ content: 'hi', message_reference: { message_id: '123456789012345678' } }) });
    expect(unknownReply.status).toBe(400);
    expect(((await unknownReply.json()) as { errors: unknown }).errors).toEqual({ message_reference: { _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }] } });
  });
});
