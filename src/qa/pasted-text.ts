import type { Lang } from '../knowledge/topic.ts';
import { search, type SearchResult } from '../knowledge/search.ts';
import type { SearchIndex } from '../knowledge/search-index.ts';

/** Longest text read from one message: a long log says what it is in its error lines, not its bulk. */
const MAX_PASTED_CHARS = 4000;
const MAX_ERROR_LINES = 6;

/** Lines that name a failure in logs, tracebacks and shell output (English and Korean). */
const ERROR_LINE = /\b(error|exception|errno|fail(ed|ure)?|refused|denied|timed? ?out|unreachable|cannot|can't|unable|fatal|panic|e[a-z]{3,}in ?use|econn[a-z]+)\b|오류|에러|실패|거부|안\s?(돼|되)/i;

/**
 * The pieces of a pasted message worth searching, most telling first: the whole text, the lines
 * that report an error (a traceback's last line is its cause), then the prose outside code blocks.
 * A long log as one query drowns its one meaningful line in paths and numbers.
 */
export function piecesOf(text: string): string[] {
  const bounded = text.slice(0, MAX_PASTED_CHARS);
  const prose = bounded.replace(/```[\s\S]*?(```|$)/g, ' ').replace(/\s+/g, ' ').trim();
  const lines = bounded.replace(/```[\w-]*/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean);
  const errorLines = lines.filter((l) => ERROR_LINE.test(l)).reverse().slice(0, MAX_ERROR_LINES);
  const pieces = [bounded.replace(/```[\w-]*/g, ' ').trim(), ...errorLines, prose];
  return [...new Set(pieces.filter((p) => p.length > 0))];
}

/**
 * Searches a pasted message: the whole text if the search is sure of it; else the first piece it
 * is sure about; else "did you mean" candidates (the whole text's first); else silence.
 */
export function searchPasted(index: SearchIndex, text: string, lang: Lang): SearchResult {
  const [whole, ...parts] = piecesOf(text).map((piece) => search(index, piece, lang));
  if (!whole) return search(index, '', lang);
  if (whole.outcome === 'answer') return whole;
  // A piece may answer only with a topic the whole message also points to (when it points anywhere):
  // one line out of context must not overrule what the message as a whole is about.
  const wholeTopics = new Set(whole.candidates.map((c) => c.topic.id));
  const agrees = (r: SearchResult) => r.outcome === 'answer' && (wholeTopics.size === 0 || wholeTopics.has(r.answer!.id));
  return parts.find(agrees) ?? (whole.outcome === 'suggest' ? whole : parts.find((r) => r.outcome === 'suggest')) ?? whole;
}
