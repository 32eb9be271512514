import { describe, expect, it } from 'vitest';
import { planPost, POST_BUTTON_PREFIX, postedNotice, withPostButton } from '../src/components/post-in-channel.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { routeMessage, threadNameFor, type MessageFacts } from '../src/qa/message-route.ts';
import { piecesOf, searchPasted } from '../src/qa/pasted-text.ts';
import { RepeatMemory } from '../src/qa/repeat.ts';
import type { Reply } from '../src/replies/reply.ts';
import { replyFromMessage, toDiscordMessage } from '../src/transports/discord/payload.ts';
import { sharedContext } from './helpers/bot.ts';

describe('QA_THREADS and QA_REPEAT_MINUTES', () => {
  it('default to off and 10 minutes, and read their values', () => {
    expect(loadConfig({})).toMatchObject({ qaThreads: false, repeatMinutes: 10 });
    expect(loadConfig({ QA_THREADS: 'yes', QA_REPEAT_MINUTES: '0' })).toMatchObject({ qaThreads: true, repeatMinutes: 0 });
  });

  it('reject bad values with a message naming the variable', () => {
    const problems = (() => {
      try {
        loadConfig({ QA_THREADS: 'sometimes', QA_REPEAT_MINUTES: '2000' });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    })();
    expect(problems).toEqual(['QA_THREADS must be true or false', 'QA_REPEAT_MINUTES must be a whole number of minutes from 0 (off) to 1440']);
  });
});

describe('repeat memory', () => {
  it('recalls an answer within the window only', () => {
    const memory = new RepeatMemory(10 * 60_000);
    memory.remember('c1', 'ports', 'link-1', 0);
    expect(memory.recall('c1', 'ports', 9 * 60_000)?.link).toBe('link-1');
    expect(memory.recall('c2', 'ports', 60_000)).toBeNull();
    expect(memory.recall('c1', 'localhost', 60_000)).toBeNull();
    expect(memory.recall('c1', 'ports', 10 * 60_000)).toBeNull();
    expect(memory.size).toBe(0); // the expired entry was dropped when met
  });

  it('stays within its cap, forgetting the oldest first, and drops expired entries as it goes', () => {
    const memory = new RepeatMemory(60_000, 100);
    for (let i = 0; i < 1000; i++) memory.remember(`c${i}`, 'ports', `l${i}`, 1000 + i);
    expect(memory.size).toBe(100);
    expect(memory.recall('c899', 'ports', 2000)).toBeNull();
    expect(memory.recall('c999', 'ports', 2000)?.link).toBe('l999');
    memory.remember('late', 'ports', 'x', 1000 + 999 + 60_000);
    expect(memory.size).toBe(1);
  });
});

describe('which messages are follow-ups', () => {
  const settings = { qaChannels: new Set(['qa']), qaThreads: true };
  const facts = (over: Partial<MessageFacts>): MessageFacts => ({ channelId: 'general', parentId: null, inBotThread: false, mentionedInText: false, repliesToBot: false, ...over });

  it('ignores other channels, answers Q&A channels (opening a thread) and the bot\'s own threads under them', () => {
    expect(routeMessage(facts({}), settings)).toBeNull();
    expect(routeMessage(facts({ channelId: 'qa' }), settings)).toEqual({ mentioned: false, openThread: true });
    expect(routeMessage(facts({ channelId: 'qa' }), { ...settings, qaThreads: false })).toEqual({ mentioned: false, openThread: false });
    expect(routeMessage(facts({ channelId: 't1', parentId: 'qa', inBotThread: true }), settings)).toEqual({ mentioned: false, openThread: false });
    // Someone else's thread, or the bot's thread with QA_THREADS off: not a follow-up.
    expect(routeMessage(facts({ channelId: 't2', parentId: 'qa' }), settings)).toBeNull();
    expect(routeMessage(facts({ channelId: 't1', parentId: 'qa', inBotThread: true }), { ...settings, qaThreads: false })).toBeNull();
  });

  it('treats a reply to the bot as a follow-up anywhere, and a mention as asking directly', () => {
    expect(routeMessage(facts({ repliesToBot: true }), settings)).toEqual({ mentioned: false, openThread: false });
    expect(routeMessage(facts({ mentionedInText: true }), settings)).toEqual({ mentioned: true, openThread: false });
  });

  it('names a thread after the question\'s first line, within 1-100 characters', () => {
    expect(threadNameFor('<@100000000000000001> **포트 충돌** 났어요\n로그는 아래', 'ko')).toBe('포트 충돌 났어요');
    expect(threadNameFor('x'.repeat(300), 'en')).toHaveLength(100);
    expect(threadNameFor('<@100000000000000001>', 'en')).toBe('Question');
  });
});

describe('pasted text', () => {
  it('reads a traceback by its error line, and gives nothing for chatter', () => {
    const traceback = 'Traceback (most recent call last):\n  File "/srv/app/main.py", line 40, in <module>\n    server.serve_forever()\nOSError: [Errno 98] Address already in use';
    expect(piecesOf(traceback)).toContain('OSError: [Errno 98] Address already in use');
    expect(searchPasted(sharedContext().index, traceback, 'en').answer?.id).toBe('port-conflict');
    expect(searchPasted(sharedContext().index, '점심 뭐 먹지', 'ko').outcome).toBe('silent');
  });

  it('reads at most 4000 characters of a message', () => {
    const pieces = piecesOf(`${'a '.repeat(5000)}\nError: boom`);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(4000);
  });
});

describe('Post in channel', () => {
  const answer: Reply = {
    embeds: [{ title: 'Ports', description: 'What a port is', color: 1, footer: '/explain ports' }],
    components: [[{ type: 'select', customId: 'topic:open', placeholder: 'Open', options: [{ label: 'Localhost', value: 'localhost' }] }]],
    ephemeral: true,
  };

  it('is added to private answers with an embed only', () => {
    expect(withPostButton(answer, 'u1', 'en').components?.at(-1)).toEqual([{ type: 'button', customId: `${POST_BUTTON_PREFIX}u1`, label: 'Post in channel', style: 'primary' }]);
    expect(withPostButton({ ...answer, ephemeral: false }, 'u1', 'en')).toEqual({ ...answer, ephemeral: false });
    expect(withPostButton({ content: 'no notes', ephemeral: true }, 'u1', 'en').components).toBeUndefined();
  });

  it('posts the answer as it was shown (through Discord\'s JSON and back), public, with the delete button, pinging nobody', () => {
    const onDiscord = toDiscordMessage(withPostButton(answer, 'u1', 'ko', '42'));
    const shown = replyFromMessage(onDiscord);
    const plan = planPost({ customId: `${POST_BUTTON_PREFIX}u1:42`, clickerId: 'u1', lang: 'ko', shown });
    expect(plan).toMatchObject({ kind: 'post', replyToMessageId: '42', receiverId: 'u1' });
    if (plan.kind !== 'post') return;
    expect(plan.reply.embeds).toEqual(answer.embeds);
    expect(plan.reply.ephemeral).toBeUndefined();
    expect(plan.reply.mentionUserIds).toEqual([]);
    expect(plan.reply.components).toEqual([answer.components![0], [{ type: 'button', customId: 'answer:delete:u1', label: '답변 지우기', style: 'secondary' }]]);
    expect(postedNotice(shown, 'en').components).toEqual(answer.components);
  });

  it('refuses anyone but the receiver, privately', () => {
    const plan = planPost({ customId: `${POST_BUTTON_PREFIX}u1`, clickerId: 'u2', lang: 'en', shown: answer });
    expect(plan).toMatchObject({ kind: 'refuse', reply: { ephemeral: true } });
  });
});
