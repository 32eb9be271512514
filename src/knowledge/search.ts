import { boundQuestion } from './bounds.ts';
import { answerLang } from './language.ts';
import { readQuery, type QueryWord } from './query.ts';
import { idf, termEvidence, termScore, type IndexedTopic, type Phrase, type SearchIndex } from './search-index.ts';
import type { Lang, Topic } from './topic.ts';

/** Below this share of the question's weight found in the best topic, the bot does not answer. */
export const ANSWER_EVIDENCE = 0.5;
/** Below this, it does not even offer "did you mean". */
export const SUGGEST_EVIDENCE = 0.3;
export const MAX_CANDIDATES = 5;
const PHRASE_BONUS = 1.5;
const NAME_BONUS = 1;

export interface Candidate {
  topic: Topic;
  /** 0..1: how much of the question this topic covers, scaled by its rank against the best. */
  score: number;
}

export type Outcome = 'answer' | 'suggest' | 'silent';

export interface SearchResult {
  query: string;
  lang: Lang;
  outcome: Outcome;
  /** The topic the bot answers with; null when it suggests or stays silent. */
  answer: Topic | null;
  /** Ranked best first, at most five; may be non-empty when answer is null ("did you mean"). */
  candidates: Candidate[];
}

/** Ranks topics for a question and decides: answer, suggest, or stay silent. */
export function search(index: SearchIndex, query: string, lang: Lang = answerLang(query)): SearchResult {
  query = boundQuestion(query);
  const words = readQuery(index, query);
  const scored = index.docs
    .map((doc, i) => {
      const phrases = matchedPhrases(index, words, i);
      return { doc, score: scoreDoc(index, words, doc, phrases), evidence: evidenceOf(words, doc, phrases) };
    })
    .filter((s) => s.score > 0)
    // Relevance weighted by how much of the question the topic covers in its curated fields, squared:
    // the topic a question names (127.0.0.1 → localhost) beats one that merely mentions its words often.
    .map((s) => ({ ...s, score: s.score * s.evidence ** 2 }))
    .sort((a, b) => b.score - a.score || b.evidence - a.evidence);
  const best = scored[0];
  if (!best) return { query, lang, outcome: 'silent', answer: null, candidates: [] };
  const candidates = scored
    .filter((s) => s.score >= best.score * 0.25 && s.evidence >= SUGGEST_EVIDENCE / 2)
    .slice(0, MAX_CANDIDATES)
    .map((s) => ({ topic: s.doc.topic, score: round(s.evidence * (s.score / best.score)) }));
  if (best.evidence >= ANSWER_EVIDENCE) return { query, lang, outcome: 'answer', answer: best.doc.topic, candidates };
  const outcome = best.evidence >= SUGGEST_EVIDENCE ? 'suggest' : 'silent';
  return { query, lang, outcome, answer: null, candidates };
}

/** Why a question ranked as it did: its words, their readings and weights, and each top topic's evidence per word. */
export function explainSearch(index: SearchIndex, query: string, top = 3): string {
  const words = readQuery(index, query);
  const lines = words.map(
    (w) => `  ${w.raw} (weight ${w.weight.toFixed(2)}): ${w.readings.map((r) => `${r.term}×${r.trust}`).join(', ') || 'unknown'}`,
  );
  const result = search(index, query);
  for (const candidate of result.candidates.slice(0, top)) {
    const docIndex = index.docs.findIndex((d) => d.topic === candidate.topic);
    const doc = index.docs[docIndex]!;
    const phrases = matchedPhrases(index, words, docIndex);
    const per = wordEvidence(words, doc, phrases).map((e, i) => `${words[i]!.raw}=${e.toFixed(2)}`);
    const evidence = evidenceOf(words, doc, phrases);
    lines.push(`  → ${candidate.topic.id}: score ${scoreDoc(index, words, doc, phrases).toFixed(2)}, evidence ${evidence.toFixed(2)} [${per.join(' ')}]`);
  }
  return [`${query} → ${result.outcome} ${result.answer?.id ?? ''}`, ...lines].join('\n');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

interface PhraseMatch {
  phrase: Phrase;
  /** Positions in the question's words that the phrase covers. */
  positions: number[];
}

function matchedPhrases(index: SearchIndex, words: QueryWord[], docIndex: number): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  for (const phrase of index.phrasesByDoc[docIndex] ?? []) {
    const start = findPhrase(words, phrase.terms);
    if (start >= 0) out.push({ phrase, positions: phrase.terms.map((_, k) => start + k) });
  }
  return out;
}

function scoreDoc(index: SearchIndex, words: QueryWord[], doc: IndexedTopic, phrases: PhraseMatch[]): number {
  let score = 0;
  for (const word of words) {
    let best = 0;
    for (const r of word.readings) best = Math.max(best, r.trust * termScore(index, r.term, doc));
    score += best * word.salience;
  }
  score += nameBonus(index, words, doc);
  for (const { phrase } of phrases) {
    const bonus = phrase.field === 'alias' ? PHRASE_BONUS : PHRASE_BONUS / 2;
    score += bonus * phrase.terms.reduce((sum, t) => sum + idf(index, index.df.get(t) ?? 0), 0);
  }
  return score;
}

/**
 * Among topics that mention the question's words equally, the one *named* by them wins: "flask"
 * is the Flask topic, not one of the many that mention Flask. Scaled by how much of the name is asked.
 */
function nameBonus(index: SearchIndex, words: QueryWord[], doc: IndexedTopic): number {
  let best = 0;
  for (const name of doc.names) {
    let matched = 0;
    let weight = 0;
    for (const term of name) {
      const trust = Math.max(0, ...words.flatMap((w) => w.readings.filter((r) => r.term === term).map((r) => r.trust)));
      if (trust > 0) {
        matched++;
        weight += trust * idf(index, index.df.get(term) ?? 0);
      }
    }
    best = Math.max(best, NAME_BONUS * (matched / name.length) * weight);
  }
  return best;
}

/** How directly the topic names each word of the question (0..1 per word). */
function wordEvidence(words: QueryWord[], doc: IndexedTopic, phrases: PhraseMatch[]): number[] {
  const inPhrase = new Set(phrases.flatMap((m) => m.positions));
  return words.map((word, position) =>
    Math.max(0, ...word.readings.map((r) => r.trust * termEvidence(r.term, doc, inPhrase.has(position)))),
  );
}

/**
 * The share of the question's weight that this topic accounts for (0..1). Words inside one of the
 * topic's long aliases (three words or more) weigh double: a pasted error message that contains the
 * topic's name ("address already in use") is about it, however many other words come with it.
 */
function evidenceOf(words: QueryWord[], doc: IndexedTopic, phrases: PhraseMatch[]): number {
  const inLongAlias = new Set(
    phrases.filter((m) => m.phrase.field === 'alias' && m.positions.length >= 3).flatMap((m) => m.positions),
  );
  const evidence = wordEvidence(words, doc, phrases);
  let sum = 0;
  let total = 0;
  words.forEach((word, position) => {
    const weight = inLongAlias.has(position) ? word.weight * 2 : word.weight;
    sum += weight * evidence[position]!;
    total += weight;
  });
  return total ? sum / total : 0;
}

/** Where the phrase starts in the question's words, or -1. */
function findPhrase(words: QueryWord[], terms: string[]): number {
  outer: for (let start = 0; start + terms.length <= words.length; start++) {
    for (let k = 0; k < terms.length; k++) {
      if (!words[start + k]!.readings.some((r) => r.term === terms[k])) continue outer;
    }
    return start;
  }
  return -1;
}
