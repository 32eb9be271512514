import { loadKnowledge } from './knowledge/load.ts';
import { buildIndex } from './knowledge/search-index.ts';
import { search } from './knowledge/search.ts';
import readline from 'node:readline';

const index = buildIndex(loadKnowledge());
const args = process.argv.slice(2);
if (args[0] === 'ask' && args[1] === '--json') {
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    const r = search(index, line);
    console.log(JSON.stringify({ query: line, answer: r.answer?.id ?? null, candidates: r.candidates.map((c) => ({ id: c.topic.id, title: c.topic.title.en, score: c.score })) }));
  }
}
