import { describe, expect, it } from 'vitest';
import { answer } from '../src/answers/answer.ts';
import { askCommand } from '../src/commands/ask.ts';
import { askMessageCommand } from '../src/commands/ask-message.ts';
import { explainCommand } from '../src/commands/explain.ts';
import { answerLang } from '../src/knowledge/language.ts';
import { search } from '../src/knowledge/search.ts';
import { outcomeOf } from '../src/ops/observer.ts';
import { answerMessage } from '../src/qa/channel-qa.ts';
import { answerForumPost } from '../src/qa/forum.ts';
import { repeatPointerReply } from '../src/qa/repeat.ts';
import { portErrorReply } from '../src/replies/port-reply.ts';
import { helpReply } from '../src/commands/help.ts';
import type { Reply } from '../src/replies/reply.ts';
import { sharedContext } from './helpers/bot.ts';

const titleOf = (reply: Reply | null | undefined) => reply?.embeds?.[0]?.title ?? '';
const KOREAN = /[\uAC00-\uD7A3]/;

describe('the language policy (answerLang)', () => {
  it('Hangul anywhere is Korean, whatever the locale', () => {
    expect(answerLang('localhost 뜻', 'en')).toBe('ko');
    expect(answerLang('ㅍㅌ', 'en')).toBe('ko');
  });
  it('two or more words in Latin letters are English, whatever the locale', () => {
    expect(answerLang('what is localhost', 'ko')).toBe('en');
    expect(answerLang('Error: listen EADDRINUSE', 'ko')).toBe('en');
  });
  it('one term, a number or nothing follows the locale, English when there is none', () => {
    for (const text of ['localhost', 'EADDRINUSE', 'flask/debug-mode', '8080', '0.0.0.0', '']) {
      expect(answerLang(text, 'ko')).toBe('ko');
      expect(answerLang(text, 'en')).toBe('en');
      expect(answerLang(text)).toBe('en');
    }
  });
});

describe('one answer path for every surface', () => {
  const ctx = sharedContext();
  const korean = { lang: 'ko' as const, userId: '1' };

  it('/ask localhost and /explain localhost from a Korean client both answer in Korean (they used to disagree)', async () => {
    const asked = await askCommand.execute({ ...korean, options: { question: 'localhost' } }, ctx);
    const explained = await explainCommand.execute({ ...korean, options: { topic: 'localhost' } }, ctx);
    expect(titleOf(asked)).toMatch(KOREAN);
    expect(titleOf(explained)).toMatch(KOREAN);
    expect(titleOf(asked)).toBe(titleOf(explained));
  });

  it('an English sentence from a Korean client gets English on every surface', async () => {
    const question = 'what is localhost';
    const asked = await askCommand.execute({ ...korean, options: { question } }, ctx);
    const explained = await explainCommand.execute({ ...korean, options: { topic: question } }, ctx);
    const onMessage = askMessageCommand.execute({ text: question, targetMessageId: '2', lang: 'ko', userId: '1' }, ctx);
    for (const reply of [asked, explained, onMessage, answerMessage(question, ctx, { mentioned: true, locale: 'ko' })]) {
      expect(titleOf(reply)).toMatch(/localhost/i);
      expect(titleOf(reply)).not.toMatch(KOREAN);
    }
  });

  it('every surface says what its reply amounts to, and the metrics read it', () => {
    const sure = answer(ctx, { text: 'address already in use', read: 'question', form: 'chat', whenUnsure: 'suggest', whenNone: 'say' });
    expect(sure).toMatchObject({ outcome: 'answered', lang: 'en' });
    expect(sure.topic?.id).toBe('port-conflict');
    expect(outcomeOf(sure.reply)).toBe('answered');

    const none = answer(ctx, { text: 'lunch menu today please', read: 'question', form: 'chat', whenUnsure: 'suggest', whenNone: 'say' });
    expect(none.outcome).toBe('declined');
    expect(outcomeOf(none.reply)).toBe('declined');
    const silent = answer(ctx, { text: 'lunch menu today please', read: 'question', form: 'chat', whenUnsure: 'suggest', whenNone: 'silent' });
    expect(silent).toMatchObject({ reply: null, outcome: 'silent' });
    expect(outcomeOf(silent.reply)).toBe('silent');

    // Replies outside the answer path say it too; a text-only pointer to an earlier answer is an answer.
    const topic = ctx.kb.byId.get('localhost')!;
    expect(outcomeOf(repeatPointerReply(topic, { at: Date.now(), link: 'https://discord.com/channels/1/2/3' }, 'en'))).toBe('answered');
    expect(outcomeOf(portErrorReply('out-of-range', '70000', 'en'))).toBe('declined');
    expect(outcomeOf(helpReply('ko', 3))).toBe('answered');
  });

  it('the chat form is the short answer with More; the full form is the whole topic', () => {
    const request = { text: 'how do I find what is using port 8080', read: 'question', whenUnsure: 'suggest', whenNone: 'say' } as const;
    const chat = answer(ctx, { ...request, form: 'chat' });
    const full = answer(ctx, { ...request, form: 'full' });
    expect(chat.topic?.id).toBe(full.topic?.id);
    expect(chat.reply!.embeds![0]!.description!.length).toBeLessThan(full.reply!.embeds![0]!.description!.length);
    expect(full.reply!.embeds![0]!.footer).toBe(`/explain ${full.topic!.id}`);
  });

  it('a topic picked by its id (/explain from autocomplete) is shown without a search; the search runs when its result is read', () => {
    let searches = 0;
    const counting = {
      kb: ctx.kb,
      get index() {
        searches++;
        return ctx.index;
      },
    };
    const request = { read: 'question', form: 'full', whenUnsure: 'browse', whenNone: 'say', mayBeTopicId: true } as const;
    const picked = answer(counting, { ...request, text: 'localhost' });
    expect(picked.topic?.id).toBe('localhost');
    expect(picked.reply.embeds![0]!.footer).toBe('/explain localhost');
    expect(searches).toBe(0);
    expect(picked.result).toEqual(search(ctx.index, 'localhost', picked.lang));
    expect(picked.result).toBe(picked.result); // searched once, then kept
    expect(searches).toBe(1);

    answer(counting, { ...request, text: 'what is using port 8080' }); // free text is searched as before
    expect(searches).toBe(2);
  });

  it('a forum post in Korean is answered in Korean; an unsure one is left alone', () => {
    expect(titleOf(answerForumPost('포트 충돌', 'Address already in use 에러가 나요', ctx)?.reply)).toMatch(KOREAN);
    expect(answerForumPost('weekend plans', 'anyone up for hiking?', ctx)).toBeNull();
  });
});
