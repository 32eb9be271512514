import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { buildIndex } from '../src/knowledge/search-index.ts';
import { search } from '../src/knowledge/search.ts';

/**
 * The shared natural question set (written by people who never saw the knowledge files) keeps its
 * floors. It lives outside the repository (../shared/eval), so a checkout without it skips this.
 * The floors are issue 8's goals (90% / 98% / 95%). Measured after round 7 (an IPv6 literal alias
 * counts as two specific words; knowledge on slow localhost and port 0): 90.0% / 98.8% / 98.0%.
 */
const NATURAL = new URL('../../shared/eval/natural.jsonl', import.meta.url);
const FLOORS = { top1: 0.9, top3: 0.98, silent: 0.95 };
const present = fs.existsSync(NATURAL);

describe('answering the shared natural questions', () => {
  const title = `natural.jsonl: top-1 ≥ ${FLOORS.top1 * 100}%, top-3 ≥ ${FLOORS.top3 * 100}%, silent ≥ ${FLOORS.silent * 100}%`;
  it.skipIf(!present)(
    present ? title : `${title} (skipped: ../shared/eval/natural.jsonl is not here; it lives outside the repository)`,
    () => {
      const index = buildIndex(loadKnowledge());
      let positives = 0, top1 = 0, top3 = 0, negatives = 0, silent = 0;
      for (const line of fs.readFileSync(NATURAL, 'utf8').split('\n').filter(Boolean)) {
        const { q, expect: want } = JSON.parse(line) as { q: string; expect: string[] };
        // score.mjs sends each question as one line.
        const result = search(index, q.replace(/\n/g, ' '));
        const ok = (id: string | undefined) => want.some((w) => id === w || id?.startsWith(`${w}/`));
        if (want.length) {
          positives++;
          if (ok(result.answer?.id)) top1++;
          if (result.candidates.slice(0, 3).some((c) => ok(c.topic.id))) top3++;
        } else {
          negatives++;
          if (result.answer === null) silent++;
        }
      }
      expect(positives).toBeGreaterThan(0);
      expect(top1 / positives).toBeGreaterThanOrEqual(FLOORS.top1);
      expect(top3 / positives).toBeGreaterThanOrEqual(FLOORS.top3);
      expect(silent / negatives).toBeGreaterThanOrEqual(FLOORS.silent);
    },
  );
});
