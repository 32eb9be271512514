import { describe, expect, it } from 'vitest';
import { helpReply } from '../src/commands/help.ts';
import { search } from '../src/knowledge/search.ts';
import type { PortReport } from '../src/ports/lookup.ts';
import { clipName, fitReply, LIMITS, limitViolations, truncate } from '../src/replies/limits.ts';
import { tablesToLists } from '../src/replies/markdown.ts';
import { portReply } from '../src/replies/port-reply.ts';
import { noAnswerReply, suggestionsReply, topicReply } from '../src/replies/topic-reply.ts';
import { sharedContext } from './helpers/bot.ts';

const ctx = sharedContext();

describe('every reply fits Discord', () => {
  it('renders every topic in both languages within every limit, without cutting anything', () => {
    for (const topic of ctx.kb.topics) {
      for (const lang of ['en', 'ko'] as const) {
        const reply = topicReply(topic, lang, ctx.kb, { targetUserId: '300000000000000002' });
        expect(limitViolations(reply), `${topic.id} (${lang})`).toEqual([]);
        const description = reply.embeds![0]!.description!;
        expect(description.endsWith('…'), `${topic.id} (${lang}) was truncated`).toBe(false);
        expect(description).not.toMatch(/^\|.*\|$/m); // tables became lists
      }
    }
  });

  it('fits suggestions, "no notes", help and port replies', () => {
    const candidates = search(ctx.index, '포트').candidates;
    const report: PortReport = {
      port: 8080,
      inUse: true,
      listeners: Array.from({ length: 40 }, (_, i) => ({ protocol: 'tcp' as const, address: `10.0.0.${i}`, family: 4 as const, scope: 'specific' as const, pid: 1000 + i, process: 'x'.repeat(15), uid: 0, user: 'root', dualStack: false })),
      service: ctx.services.get(8080)!,
      range: { class: 'registered', privileged: false, ephemeral: false, ephemeralRange: [32768, 60999] },
      botMayBind: true,
      suggestions: [8081, 8082, 8083],
      method: 'procfs',
      certainty: 'exact',
      ownersHidden: false,
      checkedAt: new Date().toISOString(),
    };
    for (const lang of ['en', 'ko'] as const) {
      for (const reply of [suggestionsReply(candidates, lang), noAnswerReply(lang), helpReply(lang, ctx.kb.topics.length), portReply(report, lang, ctx.kb)]) {
        expect(limitViolations(reply)).toEqual([]);
      }
    }
  });

  it('addresses an answer to one user, and pings nobody else', () => {
    const reply = topicReply(ctx.kb.byId.get('localhost')!, 'en', ctx.kb, { targetUserId: '300000000000000002' });
    expect(reply.content).toBe('<@300000000000000002>');
    expect(reply.mentionUserIds).toEqual(['300000000000000002']);
    expect(topicReply(ctx.kb.byId.get('localhost')!, 'en', ctx.kb, { targetUserId: '@everyone' }).mentionUserIds).toBeUndefined();
  });
});

describe('limit checks and the safety net', () => {
  it('reports what is over and brings an oversized reply back within limits', () => {
    const huge = { content: 'x'.repeat(2500), embeds: [{ title: 't'.repeat(300), description: 'word '.repeat(2000), fields: Array.from({ length: 30 }, () => ({ name: 'n', value: 'v'.repeat(1500) })) }] };
    const problems = limitViolations(huge);
    expect(problems.join('\n')).toMatch(/content: 2500 > 2000/);
    expect(problems.join('\n')).toMatch(/embeds in all/);
    const fitted = fitReply(huge);
    const total = fitted.embeds!.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0), 0);
    expect(fitted.content!.length).toBeLessThanOrEqual(LIMITS.content);
    expect(fitted.embeds![0]!.fields!.length).toBeLessThanOrEqual(LIMITS.fields);
    // 25 fields of 1024 alone exceed 6000: the net shortens what it can; the built-in replies never need it.
    expect(fitted.embeds![0]!.description!.length).toBeLessThan(huge.embeds[0]!.description.length);
    expect(total).toBeLessThan(30 * 1500);
  });

  it('cuts at a boundary and keeps code fences closed', () => {
    const cut = truncate('```\n' + 'line\n'.repeat(100) + '```', 60);
    expect(cut.length).toBeLessThanOrEqual(60);
    expect((cut.match(/```/g) ?? []).length % 2).toBe(0);
    expect(truncate('short', 10)).toBe('short');
  });
});

describe('markdown tables for Discord', () => {
  it('turns a comparison table and a plain table into lists', () => {
    const comparison = '| | A | B |\n|---|---|---|\n| Speed | fast | slow |';
    expect(tablesToLists(comparison)).toBe('- **Speed**: A: fast · B: slow');
    const plain = '| Port | Service |\n|---|---|\n| 80 | HTTP |\n| 443 | HTTPS |\nafter';
    expect(tablesToLists(plain)).toBe('- **80** · HTTP\n- **443** · HTTPS\nafter');
    expect(tablesToLists('| `netstat -an \\| grep` | x |\n|---|---|\n| a | b |')).toBe('- **a** · b');
  });

  it('leaves tables inside code blocks alone', () => {
    const code = '```\n| a | b |\n|---|---|\n```';
    expect(tablesToLists(code)).toBe(code);
  });
});

describe('names cut to Discord limits', () => {
  it('keeps a name that fits and cuts a longer one to exactly the limit, ending in …', () => {
    expect(clipName('a'.repeat(LIMITS.threadName), LIMITS.threadName)).toBe('a'.repeat(LIMITS.threadName));
    const cut = clipName('b'.repeat(LIMITS.choiceName + 1), LIMITS.choiceName);
    expect(cut).toHaveLength(LIMITS.choiceName);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('autocomplete offers at most 25 choices, each name within 100 characters', () => {
    const ctx = sharedContext();
    const choices = ctx.autocomplete.suggest('p', 'en');
    expect(choices.length).toBeLessThanOrEqual(LIMITS.autocompleteChoices);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
  });
});
