import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readQuery } from '../src/knowledge/query.ts';
import { idf } from '../src/knowledge/search-index.ts';
import { search } from '../src/knowledge/search.ts';
import { sharedContext } from './helpers/bot.ts';

const { index, autocomplete } = sharedContext();
const answer = (q: string) => search(index, q).answer?.id ?? null;
const family = (id: string | null) => id?.split('/')[0] ?? null;

describe('three outcomes', () => {
  it('answers confidently when a topic covers the question', () => {
    const result = search(index, 'address already in use');
    expect(result.outcome).toBe('answer');
    expect(result.answer?.id).toBe('port-conflict');
    expect(result.candidates[0]?.topic.id).toBe('port-conflict');
  });

  it('offers "did you mean" when a question only touches topics', () => {
    const result = search(index, 'docker compose volume mount');
    expect(result.answer).toBeNull();
    expect(result.outcome).toBe('suggest');
    expect(result.candidates.map((c) => c.topic.id)).toContain('bind-all-interfaces/docker');
  });

  it('stays silent on chatter and out-of-scope questions', () => {
    for (const q of ['ㅋㅋㅋ', '점심 뭐 먹을까요', 'thanks!', 'kubernetes pod crashloopbackoff', 'git rebase vs merge']) {
      const result = search(index, q);
      expect(result.answer, q).toBeNull();
      expect(result.outcome, q).not.toBe('answer');
    }
  });

  it('ranks candidates best first, at most five, with scores between 0 and 1', () => {
    // Broad one-word questions, which match many topics, in both languages.
    for (const q of ['포트', 'port', 'flask', 'debug', 'ip', '서버', '방화벽', 'docker']) {
      const { candidates } = search(index, q);
      expect(candidates.length, q).toBeGreaterThan(1);
      expect(candidates.length, q).toBeLessThanOrEqual(5);
      const scores = candidates.map((c) => c.score);
      // The shown scores are in the ranking's order: a lower-ranked topic never shows a higher score.
      expect(scores, q).toEqual([...scores].sort((a, b) => b - a));
      for (const score of scores) expect(score, q).toBeGreaterThan(0), expect(score, q).toBeLessThanOrEqual(1);
    }
  });
});

describe('what users type', () => {
  it('reads Korean with particles and endings', () => {
    expect(family(answer('포트가 충돌했어요'))).toBe('port-conflict');
    expect(answer('로컬호스트가 뭐예요?')).toBe('localhost');
  });

  it('forgives jamo-level typos', () => {
    expect(family(answer('포투 충돓'))).toBe('port-conflict');
    expect(answer('플라스크 라우팅')).toBe('flask');
  });

  it('reads Hangul typed in English keyboard mode', () => {
    expect(family(answer('cndehf'))).toBe('port-conflict'); // 충돌
    expect(family(answer('vhxm qjsgh'))).toBe('ports'); // 포트 번호
  });

  it('understands pasted error messages', () => {
    expect(family(answer('OSError: [Errno 98] Address already in use'))).toBe('port-conflict');
    expect(family(answer('Error: listen EADDRINUSE: address already in use :::3000'))).toBe('port-conflict');
    expect(family(answer('Port 5000 is in use by another program. Either identify and stop that program, or start the server with a different port.'))).toBe('port-conflict');
    expect(family(answer('PermissionError: [Errno 13] Permission denied'))).toBe('ports');
  });

  it('understands code snippets and commands', () => {
    expect(family(answer('app.run(host="0.0.0.0", port=8080, threaded=True)'))).toBe('flask-run-options');
    expect(family(answer('ss -ltnp'))).toBe('network-diagnostics');
    expect(family(answer('docker run -p 8080:5000'))).toBe('bind-all-interfaces');
  });

  it('mixes Korean and English', () => {
    expect(family(answer('flask 실행 옵션 debug'))).toBe('flask-run-options');
    expect(answer('localhost랑 0.0.0.0 차이')).toMatch(/^(localhost|bind-all-interfaces)$/);
  });

  it('reads a misspelt function word as a function word, not as an unknown subject', () => {
    const words = (q: string) => readQuery(index, q).map((w) => w.raw);
    expect(words('adress alredy in use')).toEqual(['adress', 'use']);
    expect(words('becuase of the port')).toEqual(['port']);
    // A real word that is merely unknown stays, and keeps the bot quiet on what it has no notes on.
    expect(words('postgres vacuum')).toEqual(['postgres', 'vacuum']);
  });

  it('weighs a word met only in some topic\'s prose below a curated term as rare', () => {
    const [happens, eaddrinuse] = readQuery(index, 'happens EADDRINUSE');
    expect(index.curated.has('happen')).toBe(false);
    // As rare as it is, it weighs no more than a word five topics share; a curated term keeps its rarity.
    expect(idf(index, index.df.get('happen')!)).toBeGreaterThan(idf(index, 5));
    expect(happens!.weight).toBeLessThanOrEqual(idf(index, 5));
    expect(eaddrinuse!.weight).toBeCloseTo(idf(index, index.df.get('eaddrinuse')!) * eaddrinuse!.salience);
  });

  it('weighs everyday Korean predicates and connectives as framing, not as the subject', () => {
    const weightOf = (q: string, raw: string) => readQuery(index, q).find((w) => w.raw === raw)?.weight;
    for (const [q, raw] of [['80번 포트 쓰려는데 권한 없다고 나와요', '없다고'], ['80번 포트 쓰려는데 권한 없다고 나와요', '쓰려는데'], ['보고 싶어요', '싶어요'], ['TIME_WAIT 때문에 실패', '때문에']] as const) {
      expect(weightOf(q, raw), raw).toBeLessThanOrEqual(0.15);
    }
    expect(family(answer('80번 포트 쓰려는데 권한 없다고 나와요'))).toBe('ports');
  });

  it('tells a stopped server (Ctrl+C) from running without debugging (Ctrl+F5)', () => {
    expect(family(answer('port already in use after ctrl+c'))).toBe('port-conflict');
    expect(answer('Ctrl+F5 vs F5')).toBe('run-vs-debug');
  });

  it('answers a comparison with Flask, but not a question only about Django', () => {
    expect(answer('flask vs django 차이')).toBe('flask');
    expect(answer('django orm migration')).toBeNull();
  });

  it('tells "the same network" (LAN IP) from "the same machine" (localhost)', () => {
    expect(answer('같은 네트워크에서 접속')).toBe('lan-ip');
    // Reaching a server from the network is the LAN IP, or binding 0.0.0.0; never loopback.
    // When the two tie, the bot offers both ("did you mean") rather than pick one by a hair.
    const network = search(index, 'reachable from the same network');
    if (network.answer) expect(network.answer.id).toMatch(/^(lan-ip|bind-all-interfaces)$/);
    else expect(network.candidates.slice(0, 2).map((c) => c.topic.id).sort()).toEqual(['bind-all-interfaces', 'lan-ip']);
    expect(answer('only reachable from the same machine')).toBe('localhost');
  });

  it('prefers the topic a question names over one that merely shares its framing', () => {
    // bind-all-interfaces lists 장점 (advantages) as a keyword; localhost is what 127.0.0.1 names.
    expect(answer('127.0.0.1 장점')).toBe('localhost');
  });

  it('answers in the language of the question', () => {
    expect(search(index, '포트 충돌').lang).toBe('ko');
    expect(search(index, 'port conflict').lang).toBe('en');
  });
});

/**
 * Labelled questions of our own (not the shared eval): a regression guard on answering quality.
 * questions.blind.jsonl was written in six batches, each before the search had seen it (four were then
 * used to find general faults, two never were); it measures 95.7% top-1, 99.2% top-3, 100% silent,
 * and its floor sits just under that.
 */
const QUESTION_SETS = [
  { file: 'questions.dev.jsonl', top1: 0.95, top3: 0.99, silent: 0.95 },
  { file: 'questions.holdout.jsonl', top1: 0.95, top3: 0.99, silent: 0.95 },
  { file: 'questions.fresh.jsonl', top1: 0.95, top3: 0.99, silent: 0.95 },
  { file: 'questions.final.jsonl', top1: 0.95, top3: 0.99, silent: 0.95 },
  { file: 'questions.blind.jsonl', top1: 0.95, top3: 0.98, silent: 0.95 },
  // The seven topics added by issue 10: our own set, written before their keywords (100% when added)...
  { file: 'questions.own-new-topics.jsonl', top1: 0.9, top3: 0.99, silent: 1 },
  // ...and a set written blind by someone else in the way people type (long, pasted logs). Measured when
  // added: 43.0% top-1, 94.7% top-3, 100% silent; with the name rule and everyday-speech reading
  // (issue 8, round 2): 80.7% / 99.1% / 100%; 78.9% once the several-words rule weighed unknown
  // subjects (round 3); 95.6% / 97.4% / 100% after round 7 (a generic word, 문제, out of a title). The floor is issue 8's 95%.
  { file: 'questions.new-topics.jsonl', top1: 0.95, top3: 0.97, silent: 0.95 },
  // Natural-style questions (stories, pastes, casual Korean, chatter, near-misses) written blind by
  // someone who never saw the knowledge, kept out of tuning until added here: 38.3% / 84.4% / 96.8%
  // at the start of issue 8, 66.7% / 91.5% / 95.2% when added, 84.4% / 98.6% / 98.4% after round 6, 85.1% / 98.6% / 98.4% after round 7. The goal is 90% top-1.
  { file: 'questions.natural-blind.jsonl', top1: 0.84, top3: 0.95, silent: 0.97 },
];

describe('answering quality on our own labelled questions', () => {
  for (const { file, top1: minTop1, top3: minTop3, silent: minSilent } of QUESTION_SETS) {
    it(`${file}: top-1 ≥ ${minTop1 * 100}%, top-3 ≥ ${minTop3 * 100}%, silent on ≥ ${minSilent * 100}% of off-topic lines`, () => {
      const lines = fs.readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8').split('\n').filter(Boolean);
      let positives = 0, top1 = 0, top3 = 0, negatives = 0, silent = 0;
      const misses: string[] = [];
      for (const line of lines) {
        const { q, expect: want } = JSON.parse(line) as { q: string; expect: string[] };
        const result = search(index, q);
        const ok = (id: string | undefined) => want.some((w) => id === w || id?.startsWith(`${w}/`));
        if (want.length) {
          positives++;
          if (ok(result.answer?.id)) top1++;
          else misses.push(`${q} → ${result.answer?.id ?? 'null'}`);
          if (result.candidates.slice(0, 3).some((c) => ok(c.topic.id))) top3++;
        } else {
          negatives++;
          if (result.answer === null) silent++;
          else misses.push(`${q} → ${result.answer.id} (should be silent)`);
        }
      }
      expect(top1 / positives, misses.join('\n')).toBeGreaterThanOrEqual(minTop1);
      expect(top3 / positives).toBeGreaterThanOrEqual(minTop3);
      expect(silent / negatives, misses.join('\n')).toBeGreaterThanOrEqual(minSilent);
    });
  }
});

describe('autocomplete for /explain', () => {
  const ids = (q: string, lang: 'en' | 'ko' = 'en') => autocomplete.suggest(q, lang).map((c) => c.value);

  it('offers topics for an empty field, top-level topics first, at most 25', () => {
    const choices = autocomplete.suggest('', 'en');
    expect(choices.length).toBeGreaterThan(10);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]!.value).not.toContain('/');
  });

  it('matches initial consonants, Korean typos, keyboard slips and English prefixes', () => {
    expect(ids('ㅍㅌ ㅊㄷ', 'ko')[0]).toBe('port-conflict');
    expect(ids('ㄹㅋㅎㅅㅌ', 'ko')).toContain('localhost');
    expect(ids('포투', 'ko')).toContain('ports');
    expect(ids('vhxm', 'ko')).toContain('ports');
    expect(ids('local')).toContain('localhost');
    expect(ids('firewal')).toContain('security/firewall');
  });

  it('puts the topic a shorthand names whole first: ㅍㅌ is 포트, not a longer name starting with it', () => {
    expect(ids('ㅍㅌ', 'ko')[0]).toBe('ports');
    expect(ids('ㄹㅋㅎㅅㅌ', 'ko')[0]).toBe('localhost');
    expect(ids('port')[0]).toBe('ports');
    expect(ids('포', 'ko')).toContain('ports'); // half a syllable typed: jamo prefixes still match
  });

  it('reads a typed question with the full search', () => {
    expect(ids('how do i fix address already in use')).toContain('port-conflict');
  });

  it('names choices in the user\'s language, within 100 characters', () => {
    const [choice] = autocomplete.suggest('localhost', 'ko');
    expect(choice?.name).toMatch(/[\uAC00-\uD7A3]/);
    for (const c of autocomplete.suggest('port', 'en')) expect(c.name.length).toBeLessThanOrEqual(100);
  });
});
