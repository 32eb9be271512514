import { describe, expect, it } from 'vitest';
import { askCommand } from '../src/commands/ask.ts';
import { explainCommand } from '../src/commands/explain.ts';
import { LANGS } from '../src/knowledge/topic.ts';
import { answerMessage } from '../src/qa/channel-qa.ts';
import { chatAnswerReply, chatSize } from '../src/replies/chat-answer.ts';
import { limitViolations } from '../src/replies/limits.ts';
import { isMoreButton, moreReply, parseMoreButton } from '../src/replies/more-button.ts';
import type { Button, Reply } from '../src/replies/reply.ts';
import { topicReply } from '../src/replies/topic-reply.ts';
import { bestPart, CHAT_BUDGET } from '../src/replies/topic-sections.ts';
import { sharedContext } from './helpers/bot.ts';

const ctx = sharedContext();

function moreButtonOf(reply: Reply): Button | undefined {
  return reply.components?.flat().find((c): c is Button => c.type === 'button' && isMoreButton(c.customId));
}

describe('answers open with the answer and fit a chat', () => {
  it('walks every topic in both languages: summary first, within the chat budget, More when there is more', () => {
    for (const topic of ctx.kb.topics) {
      for (const lang of LANGS) {
        const full = topicReply(topic, lang, ctx.kb);
        expect(full.embeds![0]!.description!.startsWith(topic.summary[lang]), `${topic.id} (${lang}) full`).toBe(true);
        // Asked by its title and by a word of its body: either way the summary leads and the size holds.
        for (const question of [topic.title[lang], topic.keywords[lang].at(-1) ?? topic.id]) {
          const short = chatAnswerReply(topic, lang, ctx.kb, question);
          const where = `${topic.id} (${lang}) asked "${question}"`;
          expect(limitViolations(short), where).toEqual([]);
          expect(short.embeds![0]!.description!.startsWith(topic.summary[lang]), where).toBe(true);
          const size = chatSize(short);
          expect(size.chars, where).toBeLessThanOrEqual(CHAT_BUDGET.chars);
          expect(size.lines, where).toBeLessThanOrEqual(CHAT_BUDGET.lines);
          // The topic says more than the short answer shows exactly when a More button is there.
          const shownAll = short.embeds![0]!.description!.length >= `${topic.summary[lang]}\n\n${topic.body[lang]}`.length - 40;
          const more = moreButtonOf(short);
          expect(Boolean(more), where).toBe(!shownAll);
          if (more) expect(parseMoreButton(more.customId)).toEqual({ lang, topicId: topic.id });
          // Related topics stay one click away.
          if (topic.related.length) expect(short.components!.some((row) => row[0]!.type === 'select'), where).toBe(true);
        }
      }
    }
  });

  it('channel answers and /ask use the short form; /explain shows the whole topic', async () => {
    const question = 'which process is holding port 8080';
    const channel = answerMessage(question, ctx, { mentioned: false })!;
    const asked = await askCommand.execute({ options: { question }, lang: 'en', userId: '1' }, ctx);
    for (const reply of [channel, asked]) {
      expect(chatSize(reply).chars).toBeLessThanOrEqual(CHAT_BUDGET.chars);
      expect(moreButtonOf(reply)).toBeDefined();
    }
    const topicId = parseMoreButton(moreButtonOf(asked)!.customId)!.topicId;
    const explained = await explainCommand.execute({ options: { topic: topicId }, lang: 'en', userId: '1' }, ctx);
    expect(explained.embeds![0]!.description).toBe(topicReply(ctx.kb.byId.get(topicId)!, 'en', ctx.kb).embeds![0]!.description);
    expect(moreButtonOf(explained)).toBeUndefined();
  });

  it('picks the part of the topic that matches the question', () => {
    const conflict = ctx.kb.byId.get('port-conflict')!;
    const which = chatAnswerReply(conflict, 'en', ctx.kb, 'which process is on 8080').embeds![0]!.description!;
    expect(which).toMatch(/lsof -i :8080/);
    const ko = chatAnswerReply(conflict, 'ko', ctx.kb, '8080 포트 쓰는 프로세스 찾기').embeds![0]!.description!;
    expect(ko).toMatch(/lsof -i :8080/);
    const env = chatAnswerReply(conflict, 'en', ctx.kb, 'read the port from an environment variable').embeds![0]!.description!;
    expect(env).toMatch(/os\.environ/);
  });

  it('puts the command or the rule people need in the first two lines', () => {
    const firstTwoLines = (question: string) => answerMessage(question, ctx, { mentioned: false })!.embeds![0]!.description!.split('\n').slice(0, 2).join('\n');
    expect(firstTwoLines('is debug=True safe')).toMatch(/never run debug mode where others can reach it/);
    expect(firstTwoLines('flask 디버그 모드 켜는 법')).toMatch(/debug=True/);
    expect(firstTwoLines('flask 디버그 모드 켜는 법')).not.toMatch(/^```/);
    expect(firstTwoLines('why can\'t my phone open my flask app')).toMatch(/--host 0\.0\.0\.0/);
    expect(firstTwoLines('address already in use')).toMatch(/--port 8081|lsof -i :8080/);
  });

  it('never cuts a code block open, and says when the whole body was shown', () => {
    const body = '**Steps**\n1. one\n```sh\na\nb\nc\nd\n```\n2. two\n3. three';
    const part = bestPart(body, 'three', 4, 500);
    expect(part.complete).toBe(false);
    expect((part.lines.join('\n').match(/```/g) ?? []).length % 2).toBe(0);
    expect(bestPart('short body', 'x', 5, 500)).toEqual({ lines: ['short body'], complete: true });
  });
});

describe('"others can\'t reach my server"', () => {
  it('is answered with the whole checklist first: bind address, right IP, firewall, same network, Docker/WSL', () => {
    const questions = {
      en: ["others can't reach my server", "my coworker can't connect to my flask app", "why can't my phone open my flask app"],
      ko: ['다른 사람이 내 서버에 접속을 못해요', '다른 컴퓨터에서 접속이 안 돼요', 'flask 외부 접속 안됨'],
    };
    const steps = {
      en: [/0\.0\.0\.0/, /LAN IP/, /[Ff]irewall/, /[Ss]ame network/, /Docker/, /WSL/],
      ko: [/0\.0\.0\.0/, /내부 IP/, /방화벽/, /같은 네트워크/, /도커/, /WSL/],
    };
    for (const lang of LANGS) {
      for (const question of questions[lang]) {
        const reply = answerMessage(question, ctx, { mentioned: false });
        expect(reply, question).not.toBeNull();
        const text = reply!.embeds![0]!.description!;
        for (const step of steps[lang]) expect(text, `${question}: ${step}`).toMatch(step);
        // The checklist is shown from its first step, right after the summary.
        expect(text.split('\n\n')[1]!.split('\n')[1], question).toMatch(/^1\. /);
      }
    }
  });
});

describe('the More button', () => {
  it('opens the whole topic privately, in the language of the answer', () => {
    const short = chatAnswerReply(ctx.kb.byId.get('port-conflict')!, 'ko', ctx.kb, '포트 충돌');
    const full = moreReply(moreButtonOf(short)!.customId, ctx.kb);
    expect(full.ephemeral).toBe(true);
    expect(full.embeds![0]!.description).toBe(topicReply(ctx.kb.byId.get('port-conflict')!, 'ko', ctx.kb).embeds![0]!.description);
  });

  it('answers a stale or forged custom id with a short note', () => {
    for (const id of ['topic:more:en:gone-topic', 'topic:more:xx:ports', 'topic:more:', 'topic:more:en:a b']) {
      const reply = moreReply(id, ctx.kb);
      expect(reply.embeds, id).toBeUndefined();
      expect(reply.content).toMatch(/no longer exists/);
    }
  });
});
