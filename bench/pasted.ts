/**
 * How "Ask devops-bot" reads pasted logs: tests/fixtures/pasted.jsonl (error output and logs, each
 * with the topic a person would want), answered by searching the whole text at once versus the
 * pasted-text reading (whole text, then error lines, then prose). `npx tsx bench/pasted.ts`
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createContext } from '../src/app.ts';
import { answerLang } from '../src/knowledge/language.ts';
import { search } from '../src/knowledge/search.ts';
import { searchPasted } from '../src/qa/pasted-text.ts';

const file = fileURLToPath(new URL('../tests/fixtures/pasted.jsonl', import.meta.url));
const rows = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { text: string; expected: string });
const ctx = createContext();
const rootOf = (id: string | undefined) => id?.split('/')[0];
const tally = { whole: { right: 0, wrong: 0 }, pasted: { right: 0, wrong: 0 } };
const count = (t: { right: number; wrong: number }, answered: string | undefined, expected: string) => {
  if (answered) t[rootOf(answered) === expected ? 'right' : 'wrong']++;
};
for (const { text, expected } of rows) {
  const lang = answerLang(text);
  count(tally.whole, search(ctx.index, text, lang).answer?.id, expected);
  count(tally.pasted, searchPasted(ctx.index, text, lang).answer?.id, expected);
}
const line = (t: { right: number; wrong: number }) => `${t.right}/${rows.length} right, ${t.wrong} wrong`;
console.log(`pasted logs (${rows.length}): whole text ${line(tally.whole)}; pasted-text reading ${line(tally.pasted)}`);
