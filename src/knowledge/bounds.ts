/**
 * What the search reads of a question, whatever was sent: a cost bound on every input path.
 * A pasted token, hash or base64 blob, a 1 MB line or a 4,000-character message must cost no more
 * than an ordinary question. Text within every bound passes unchanged.
 */

/** Characters read of one question. A long paste keeps its head and its tail: the error line of a traceback is last. */
export const MAX_QUESTION_CHARS = 1500;
const QUESTION_HEAD_CHARS = 500;

/** Whitespace-separated words read of one question, again head and tail. */
export const MAX_WORDS = 60;
const WORDS_HEAD = 20;

/** Characters kept of one unbroken word: no term in the knowledge base is near this long. */
export const MAX_WORD_CHARS = 64;

/**
 * Typo matching (src/knowledge/fuzzy.ts) skips keys longer than this: a deletion neighbourhood
 * grows with the square of the length, and nobody misspells a 25-letter word into a known one.
 */
export const MAX_TYPO_KEY_LENGTH = 24;
/** The deepest deletion neighbourhood the typo index builds, whatever distance a caller asks for. */
export const MAX_TYPO_DISTANCE = 2;

/** Characters read of one console or CLI line before anything else looks at it. */
export const MAX_LINE_CHARS = 8000;

/** The first `head` and the last `max - head` characters of a longer text, cut at code points. */
function headAndTail(text: string, max: number, head: number): string {
  if (text.length <= max) return text;
  return `${prefix(text, head)} … ${suffix(text, max - head)}`;
}

/** The first `n` UTF-16 units, one fewer if the cut would split a surrogate pair. */
function prefix(text: string, n: number): string {
  return /[\uD800-\uDBFF]/.test(text[n - 1] ?? '') ? text.slice(0, n - 1) : text.slice(0, n);
}

function suffix(text: string, n: number): string {
  const start = text.length - n;
  return /[\uDC00-\uDFFF]/.test(text[start] ?? '') ? text.slice(start + 1) : text.slice(start);
}

/** The part of a question the search reads: length, word count and word length bounded. */
export function boundQuestion(question: string): string {
  const clipped = headAndTail(question, MAX_QUESTION_CHARS, QUESTION_HEAD_CHARS);
  const words = clipped.split(/\s+/);
  const fits = words.length <= MAX_WORDS && words.every((word) => word.length <= MAX_WORD_CHARS);
  if (fits) return clipped;
  const kept = words.length > MAX_WORDS ? [...words.slice(0, WORDS_HEAD), ...words.slice(words.length - (MAX_WORDS - WORDS_HEAD))] : words;
  return kept.map((word) => (word.length > MAX_WORD_CHARS ? prefix(word, MAX_WORD_CHARS) : word)).join(' ');
}

/** One console or CLI line, bounded before it is trimmed, matched or echoed. */
export function boundLine(line: string): string {
  return headAndTail(line, MAX_LINE_CHARS, MAX_LINE_CHARS / 2);
}
