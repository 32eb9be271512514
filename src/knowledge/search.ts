import { analyze, stemKorean, type Token } from './analyze.ts';
import { hasHangul, isHangulWord, qwertyToHangul, syllableCount, toJamo } from './hangul.ts';
import { idf, termEvidence, termScore, type IndexedTopic, type Phrase, type SearchIndex } from './search-index.ts';
import { FRAMING_WORDS, KOREAN_ADVERBS, KOREAN_COMMON_VERBS, KOREAN_SUFFIXES, KOREAN_VERB_ENDINGS } from './stopwords.ts';
import type { Lang, Topic } from './topic.ts';

/** Below this share of the question's weight found in the best topic, the bot does not answer. */
export const ANSWER_EVIDENCE = 0.5;
/** Below this, it does not even offer "did you mean". */
export const SUGGEST_EVIDENCE = 0.3;
export const MAX_CANDIDATES = 5;
const PHRASE_BONUS = 1.5;
const FRAMING_WEIGHT = 0.15;
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

/** One way a query word may be meant, with how much we trust that reading. */
interface Reading {
  term: string;
  trust: number;
}

/** A word of the question: its readings in the index (none when unknown) and its weight in the question. */
interface QueryWord {
  raw: string;
  readings: Reading[];
  /** How much the word says about the subject (framing words, numbers and predicates say less). */
  salience: number;
  /** Its share of the question: rarity (idf) times salience. */
  weight: number;
}

/** The language to answer a free-text question in: Korean if it has any Hangul, else English. */
export function detectLang(text: string): Lang {
  return hasHangul(text) ? 'ko' : 'en';
}

/** Ranks topics for a question and decides: answer, suggest, or stay silent. */
export function search(index: SearchIndex, query: string, lang: Lang = detectLang(query)): SearchResult {
  const words = readQuery(index, query);
  const scored = index.docs
    .map((doc, i) => {
      const phrases = matchedPhrases(index, words, i);
      return { doc, score: scoreDoc(index, words, doc, phrases), evidence: evidenceOf(words, doc, phrases) };
    })
    .filter((s) => s.score > 0)
    // Relevance weighted by how much of the question the topic covers in its curated fields.
    .map((s) => ({ ...s, score: s.score * s.evidence }))
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
    const inPhrase = new Set(phrases.flatMap((m) => m.positions));
    const per = words.map((w, i) => {
      const e = Math.max(0, ...w.readings.map((r) => r.trust * termEvidence(r.term, doc, inPhrase.has(i))));
      return `${w.raw}=${e.toFixed(2)}`;
    });
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

/**
 * The share of the question's weight that this topic accounts for (0..1). Words inside one of the
 * topic's long aliases (three words or more) weigh double: a pasted error message that contains the topic's name
 * ("address already in use") is about it, however many other words come with it.
 */
function evidenceOf(words: QueryWord[], doc: IndexedTopic, phrases: PhraseMatch[]): number {
  const inPhrase = new Set(phrases.flatMap((m) => m.positions));
  const inAlias = new Set(
    phrases.filter((m) => m.phrase.field === 'alias' && m.positions.length >= 3).flatMap((m) => m.positions),
  );
  let sum = 0;
  let total = 0;
  words.forEach((word, position) => {
    let best = 0;
    for (const r of word.readings) best = Math.max(best, r.trust * termEvidence(r.term, doc, inPhrase.has(position)));
    const weight = inAlias.has(position) ? word.weight * 2 : word.weight;
    sum += weight * best;
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

/** Turns the question into weighted words, each with the index terms it may stand for. */
function readQuery(index: SearchIndex, query: string): QueryWord[] {
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  // An unknown word weighs like a rare one: enough that an off-topic question is not answered
  // on the strength of one familiar word, not so much that one stray word silences a real question.
  const unknownWeight = idf(index, 1);
  for (const token of analyze(query)) {
    // Initial consonants serve autocomplete; in a sentence they are chat shorthand (ㅇㅋ, ㄱㅅ), not a question.
    if (token.kind === 'choseong') continue;
    for (const readings of readToken(index, token)) {
      const key = readings.map((r) => r.term).join('|') || `?${token.raw}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const weight = readings.length
        ? Math.max(...readings.map((r) => idf(index, index.df.get(r.term) ?? 0) * Math.min(1, r.trust + 0.2)))
        : unknownWeight;
      const salience = salienceOf(token);
      // Framing words weigh the same small amount however rare: "the difference" must not outweigh what is compared.
      const framing = isFraming(token);
      words.push({ raw: token.raw, readings, salience, weight: framing ? FRAMING_WEIGHT : weight * salience });
    }
  }
  return words;
}

/** Framing words, everyday adverbs, and common verbs with an ending (주면, 달라져, 들어오나요). */
function isFraming(token: Token): boolean {
  if (FRAMING_WORDS.has(token.term) || FRAMING_WORDS.has(token.raw)) return true;
  if (token.kind !== 'hangul') return false;
  if (KOREAN_ADVERBS.has(token.raw)) return true;
  // Compared on jamo, so endings fused into the stem's last syllable count too (올릴 = 올리+ㄹ, 한 = 하+ㄴ).
  const jamo = toJamo(token.raw);
  return VERB_STEMS_JAMO.some((stem) => jamo.startsWith(stem) && VERB_ENDINGS_JAMO.has(jamo.slice(stem.length)));
}

const VERB_STEMS_JAMO = KOREAN_COMMON_VERBS.map(toJamo);
const VERB_ENDINGS_JAMO = new Set(['', ...[...KOREAN_VERB_ENDINGS].map(toJamo)]);



/** Korean endings that mark a predicate (하고 싶어요, 났을, 쓰여): the question's frame, not its subject. */
const PREDICATE_ENDING = /[요야까어아여지니나게면고서는은을기음함됨해돼래죠네다봐줘데걸건거냐든자]$/;

/**
 * How much a word can say about the subject: framing words (why, how, the difference) little,
 * numbers are often incidental (the port in an error message), and Korean predicates mostly say
 * how the question is asked.
 */
function salienceOf(token: Token): number {
  if (isFraming(token)) return 0.3;
  if (/^\d+$/.test(token.term)) return 0.5;
  // Except a noun made a verb with 하다/되다 (완료했습니다 → 완료): the noun is the content.
  if (token.kind === 'hangul' && PREDICATE_ENDING.test(token.raw) && !/^[하해했되돼됐]/.test(token.raw.slice(token.term.length))) return 0.5;
  return 1;
}

/** The readings of one token; a Korean compound (포트충돌) yields one word per part. */
function readToken(index: SearchIndex, token: Token): Reading[][] {
  const has = (term: string) => index.df.has(term);
  switch (token.kind) {
    case 'address': {
      const readings = has(token.term) ? [{ term: token.term, trust: 1 }] : [];
      for (const implied of token.implied ?? []) if (has(implied)) readings.push({ term: implied, trust: 0.8 });
      return [readings];
    }
    case 'choseong':
      return [];
    case 'hangul':
      return readKorean(index, token.raw, token.term);
    case 'word': {
      if (has(token.term)) return [[{ term: token.term, trust: 1 }]];
      // An unknown snake_case identifier (worker_connections) only touches topics that share its parts.
      if (token.implied?.length) return [token.implied.filter(has).map((term) => ({ term, trust: 0.6 }))];
      if (/^\d+$/.test(token.term)) return [[]];
      const typos = index.typos.lookup(token.term).filter((t) => !isHangulWord(t.term));
      if (typos.length) return [nearest(typos)];
      const hangul = qwertyToHangul(token.raw);
      if (hangul) {
        const parts = readKorean(index, hangul, stemKorean(hangul));
        if (parts.some((p) => p.length)) return parts.map((p) => p.map((r) => ({ term: r.term, trust: r.trust * 0.9 })));
      }
      return [[]];
    }
  }
}

function nearest(matches: Array<{ term: string; distance: number }>): Reading[] {
  const closest = matches[0]!.distance;
  return matches
    .filter((m) => m.distance === closest)
    .slice(0, 3)
    .map((m) => ({ term: m.term, trust: typoTrust(m.term, m.distance) }));
}

/** A one-letter slip in a long word is surely a typo; in a short word it may be another word (fine/find). */
function typoTrust(term: string, distance: number): number {
  if (distance > 1) return 0.65;
  return term.length >= 6 ? 0.85 : 0.45;
}

/**
 * A Korean word: its stem if known; else the known words it starts with (포트충돌 → 포트, 충돌; the
 * rest is an ending); else the longest known stem its jamo begin with (바꿔서 → 바꾸); else a typo.
 */
function readKorean(index: SearchIndex, raw: string, stem: string): Reading[][] {
  if (index.curated.has(stem)) return [[{ term: stem, trust: 1 }]];
  if (index.curated.has(raw)) return [[{ term: raw, trust: 1 }]];
  // A one-syllable word with a particle (뜻이, 켜면): the stemmer keeps those whole, the index knows the word.
  const shortStem = KOREAN_SUFFIXES.map((s) => (raw.endsWith(s) ? raw.slice(0, -s.length) : '')).find((r) => r && index.curated.has(r));
  if (shortStem) return [[{ term: shortStem, trust: 1 }]];
  if (index.df.has(stem)) return [[{ term: stem, trust: 1 }]];
  if (index.df.has(raw)) return [[{ term: raw, trust: 1 }]];
  const parts: Reading[][] = [];
  let rest = raw;
  while (syllableCount(rest) >= 2) {
    let found: string | null = null;
    for (let length = rest.length; length >= 2 && !found; length--) {
      const prefix = rest.slice(0, length);
      if (index.curated.has(prefix)) found = prefix;
    }
    if (!found) break;
    parts.push([{ term: found, trust: 1 }]);
    rest = rest.slice(found.length);
  }
  if (parts.length) return parts;
  const conjugated = index.hangulTerms.longestPrefix(toJamo(raw), (term) => syllableCount(term) >= 2);
  if (conjugated) return [[{ term: conjugated, trust: 0.9 }]];
  const typos = index.typos.lookup(toJamo(stem)).filter((t) => isHangulWord(t.term));
  return [typos.length ? nearest(typos) : []];
}
