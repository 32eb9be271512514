import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { KnowledgeError } from './load.ts';

/**
 * English written in Hangul (플라스크, 레디스, 리슨): people type tool names and jargon as they say
 * them. The table lives with the knowledge (knowledge/loanwords.yaml) so editors extend it like the
 * topics; a question word the knowledge does not know is read as its English form.
 */
const DEFAULT_LOANWORDS_FILE = fileURLToPath(new URL('../../knowledge/loanwords.yaml', import.meta.url));

/** Hangul spelling → English words. */
export type LoanwordTable = ReadonlyMap<string, string>;

const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/;
const ENGLISH_WORDS = /^[a-z0-9][a-z0-9 .+-]*$/;

/** Loads and validates the table; a bad entry stops start-up naming the file, the line and the problem. */
export function loadLoanwords(file: string = DEFAULT_LOANWORDS_FILE): LoanwordTable {
  const lines = new LineCounter();
  const doc = parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter: lines, uniqueKeys: true });
  const at = (offset: number | undefined) => `${file}:${lines.linePos(offset ?? 0).line}`;
  const problems = doc.errors.map((e) => `${at(e.pos[0])}: ${e.message.split('\n')[0]}`);
  const table = new Map<string, string>();
  if (!problems.length && !isMap(doc.contents)) problems.push(`${file}: must be a list of "한글: english" lines`);
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? pair.key : null;
      const value = isScalar(pair.value) ? pair.value : null;
      const where = at(key?.range?.[0]);
      const hangul = String(key?.value ?? '').normalize('NFC');
      const english = typeof value?.value === 'string' ? value.value.trim().toLowerCase() : '';
      if (!HANGUL_WORD.test(hangul)) problems.push(`${where}: "${hangul}" must be one Hangul word (no spaces)`);
      else if (!ENGLISH_WORDS.test(english)) problems.push(`${where}: ${hangul} needs its English words (letters, digits, spaces)`);
      else table.set(hangul, english);
    }
  }
  if (problems.length) throw new KnowledgeError(problems);
  return table;
}
