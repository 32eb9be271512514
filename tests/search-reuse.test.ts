import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, normalize, readQuestion } from '../src/knowledge/analyze.ts';
import { quietPaste } from '../src/knowledge/paste.ts';
import { matchPhrasing, rawFeatures } from '../src/knowledge/phrasing.ts';
import { readQuery } from '../src/knowledge/query.ts';
import { FIELDS, idf, termEvidence, termScore } from '../src/knowledge/search-index.ts';
import { search } from '../src/knowledge/search.ts';
import { FIELD_B, FIELD_EVIDENCE, FIELD_WEIGHT, K1, NAMED_EVIDENCE } from '../src/knowledge/weights.ts';
import { sharedContext } from './helpers/bot.ts';

/**
 * The search reuses work for speed: scratch buffers kept between comparisons, a question read once
 * for both of its views, term scores worked out when the index is built. None of it may change an
 * answer: what one question leaves behind must not reach the next.
 */

const { index } = sharedContext();
// Realistic questions as load only (nothing here depends on their answers).
const questions = fs
  .readFileSync(new URL('./fixtures/questions.dev.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { q: string }).q);

describe('search state between questions', () => {
  it('compares each question with the examples as if it were the first', () => {
    const forward = questions.map((q) => matchPhrasing(index.phrasing, q).map((m) => ({ ...m })));
    const backward = [...questions].reverse().map((q) => matchPhrasing(index.phrasing, q).map((m) => ({ ...m })));
    expect(backward.reverse()).toEqual(forward);
  });

  it('reads a question afresh whatever was read before it', () => {
    for (let i = 1; i < questions.length; i++) {
      const [before, question] = [questions[i - 1]!, questions[i]!];
      readQuery(index, before);
      const quiet = quietPaste(question);
      // Worked out while the last question read is another one.
      const expected = { normalized: normalize(quiet), tokens: [...analyze(quiet)] };
      expect(readQuestion(question)).toEqual(expected);
      const terms = expected.tokens.filter((t) => t.kind !== 'choseong').map((t) => `t:${t.term}`);
      rawFeatures(before);
      expect([...new Set(terms)]).toEqual([...rawFeatures(question).keys()].filter((f) => f.startsWith('t:')));
    }
  });

  it('tokenizes any text as if no question had been read, also the one just read', () => {
    const pasted = 'OSError: [Errno 98] Address already in use\n  File "/srv/app/run.py", line 3, in <module>';
    for (const text of [questions[0]!, pasted]) {
      readQuestion('something else entirely');
      const fresh = [...analyze(text)];
      readQuestion(text);
      expect(analyze(text)).toEqual(fresh);
    }
  });

  it('gives the same result for a question asked again after others', () => {
    const first = questions.map((q) => search(index, q));
    for (const q of [...questions].reverse()) search(index, q);
    expect(questions.map((q) => search(index, q))).toEqual(first);
  });
});

describe('term scores worked out when the index is built', () => {
  it('are BM25F over the topic fields, and a term the topic lacks scores nothing', () => {
    const avg = (field: (typeof FIELDS)[number]) => index.docs.reduce((sum, d) => sum + d.length[field], 0) / index.docs.length || 1;
    for (const doc of index.docs) {
      const terms = new Set(FIELDS.flatMap((field) => [...doc.tf[field].keys()]));
      for (const term of terms) {
        let weighted = 0;
        let evidence = doc.standalone.has(term) ? NAMED_EVIDENCE : 0;
        for (const field of FIELDS) {
          const count = doc.tf[field].get(term);
          if (!count) continue;
          const tf = field === 'alias' || field === 'title' || field === 'keyword' ? 1 : count;
          weighted += (FIELD_WEIGHT[field] * tf) / (1 - FIELD_B[field] + FIELD_B[field] * (doc.length[field] / avg(field)));
          evidence = Math.max(evidence, FIELD_EVIDENCE[field]);
        }
        const expected = idf(index, index.df.get(term) ?? 0) * ((weighted * (K1 + 1)) / (weighted + K1));
        expect(termScore(index, term, doc)).toBeCloseTo(expected, 12);
        expect(termEvidence(term, doc)).toBe(evidence);
        expect(termEvidence(term, doc, true)).toBe(NAMED_EVIDENCE);
      }
      expect(termScore(index, 'no-topic-has-this-term', doc)).toBe(0);
      expect(termEvidence('no-topic-has-this-term', doc)).toBe(0);
    }
  });

  it('list each term with exactly the topics that have it in a field or a name', () => {
    for (const [term, docs] of index.docsWith) {
      const having = index.docs.flatMap((doc, i) => (doc.scores.has(term) || doc.names.some((name) => name.includes(term)) ? [i] : []));
      expect(docs, term).toEqual(having);
    }
  });
});
