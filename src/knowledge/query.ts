import { analyze, readQuestion, stemKorean, type Token, type TokenKind } from './analyze.ts';
import { TypoIndex } from './fuzzy.ts';
import { isHangulWord, qwertyToHangul, syllableCount, toJamo } from './hangul.ts';
import { idf, type SearchIndex } from './search-index.ts';
import { COMMON_TOP, STORY_MIN_WORDS, STORY_SHARE, UNKNOWN_PREDICATE_SHARE } from './weights.ts';
import { ENGLISH_STOPWORDS, FRAMING_WORDS, KOREAN_ADVERBS, KOREAN_COMMON_VERBS, KOREAN_SUFFIXES, KOREAN_VERB_ENDINGS } from './stopwords.ts';

/**
 * Reading a question: its tokens become weighted words, each with the index terms it may stand
 * for (typos, conjugations, keyboard-layout slips and compounds resolved here), so that ranking
 * only ever compares terms.
 */

/** One way a query word may be meant, with how much we trust that reading. */
export interface Reading {
  term: string;
  trust: number;
}

/** A word of the question: its readings in the index (none when unknown) and its weight in the question. */
export interface QueryWord {
  raw: string;
  /** The word as the index reads it (stemmed, lower-cased), and what kind of token it was read as. */
  term: string;
  kind: TokenKind;
  readings: Reading[];
  /** How much the word says about the subject (framing words, numbers and predicates say less). */
  salience: number;
  /** Its share of the question: rarity (idf) times salience. */
  weight: number;
  /**
   * An unknown word that looks like a subject of its own: not everyday English, not a Korean
   * predicate, not framing (kafka, certbot, 회의실). Such a word competes with any topic named.
   */
  foreign?: boolean;
  /** One of the most used words of everyday speech (work, fix, open): alone, it names no subject. */
  common?: boolean;
}

/** Framing words weigh the same small amount however rare: "the difference" must not outweigh what is compared. */
const FRAMING_WEIGHT = 0.15;

/** Turns the question into weighted words, each with the index terms it may stand for. */
export function readQuery(index: SearchIndex, query: string): QueryWord[] {
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  const story: QueryWord[] = [];
  // An unknown word weighs like the rarest known one: a question is not answered on the strength of
  // one familiar word next to an unknown one (postgres vacuum), and framing words barely count.
  const unknownWeight = idf(index, 1);
  for (const token of readQuestion(query).tokens) {
    // Initial consonants serve autocomplete; in a sentence they are chat shorthand (ㅇㅋ, ㄱㅅ), not a question.
    if (token.kind === 'choseong') continue;
    const framing = isFraming(token);
    for (const readings of readToken(index, token)) {
      const key = readings.map((r) => r.term).join('|') || `?${token.raw}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const salience = salienceOf(token, framing);
      // Long numbers and ids the knowledge does not know (pids, timestamps, hex, db01) are the noise
      // of a pasted log: they say nothing for or against any topic. A short number (413, 8443) may
      // be the question's subject, and still counts as an unknown word.
      if (!readings.length && isLogNoise(token.term)) continue;
      if (!readings.length && !framing && isUnknownPredicate(token)) {
        words.push({ raw: token.raw, term: token.term, kind: token.kind, readings, salience, weight: unknownWeight * UNKNOWN_PREDICATE_SHARE });
        continue;
      }
      const weight = readings.length
        ? Math.max(...readings.map((r) => rarity(index, r.term) * Math.min(1, r.trust + 0.2)))
        : unknownWeight;
      const word: QueryWord = { raw: token.raw, term: token.term, kind: token.kind, readings, salience, weight: framing ? FRAMING_WEIGHT : weight * salience };
      if (token.kind === 'word' && Math.min(index.everyday.get(token.raw) ?? Infinity, index.everyday.get(token.term) ?? Infinity) < COMMON_TOP) word.common = true;
      // An unknown word is a subject of its own unless it is everyday speech, a predicate or framing.
      if (!readings.length && !framing && !endsLikePredicate(token) && !isEverydayStory(index, token, readings)) word.foreign = true;
      else if (!readings.length && !framing && isEverydayStory(index, token, readings)) story.push(word);
      words.push(word);
    }
  }
  // In a story (a long question), the everyday words the knowledge does not know are its telling;
  // in a short one (postgres vacuum 설정, docker compose volume mount) they may be its subject.
  if (words.length >= STORY_MIN_WORDS) for (const word of story) word.weight *= STORY_SHARE;
  return words;
}

/**
 * An everyday word (yesterday, weird, review; 이걸로, 매번, 간단한) that no topic names in its curated
 * fields: the story around the question. An unknown word rare in speech (terraform, certbot,
 * 인덱스) is a subject we do not cover, which an answer must outweigh (see the name rule). In a
 * short question both weigh fully in coverage: a few everyday words are often the question itself
 * (docker image too big, good morning team); in a long one everyday words weigh STORY_SHARE.
 */
function isEverydayStory(index: SearchIndex, token: Token, readings: Reading[]): boolean {
  if ((token.kind !== 'word' && token.kind !== 'hangul') || readings.some((r) => index.curated.has(r.term))) return false;
  if (index.everyday.has(token.raw) || index.everyday.has(token.term)) return true;
  // A Korean word with a particle the list does not hold in that form (팀장님이 → 팀장님).
  return token.kind === 'hangul' && KOREAN_SUFFIXES.some((s) => token.raw.endsWith(s) && index.everyday.has(token.raw.slice(0, -s.length)));
}

function isLogNoise(term: string): boolean {
  return /^\d{5,}$/.test(term) || (/\d/.test(term) && /[a-z]/.test(term));
}

/**
 * A Korean word the knowledge does not know that ends like a predicate (맞나요, 어케함, 찝찝해서,
 * 알려줘야돼): how the question is asked or felt, in casual speech the word lists cannot foresee.
 * Unknown nouns (회식, 젠킨스), also made verbs (완료했습니다), keep their full weight, so chatter
 * stays unanswered.
 */
function isUnknownPredicate(token: Token): boolean {
  if (token.kind !== 'hangul' || !PREDICATE_ENDING.test(token.raw)) return false;
  // An everyday verb with endings stacked (알려줘야돼 = 알려 + 줘야 + 돼) frames the question too.
  const jamo = toJamo(token.raw);
  return !isNounVerb(token) || LONG_VERB_STEMS_JAMO.some((stem) => jamo.startsWith(stem));
}

/** Common verb stems of two syllables or more: long enough that a word starting with one is that verb. */
const LONG_VERB_STEMS_JAMO = KOREAN_COMMON_VERBS.filter((stem) => syllableCount(stem) >= 2).map(toJamo);

/**
 * A Korean word that ends like a predicate or a nominalised one (찝찝해서, 어캐해요, 막는거임,
 * 알아냄) says how something is done or felt: whatever its stem, it is not a subject of its own.
 */
function endsLikePredicate(token: Token): boolean {
  return token.kind === 'hangul' && (PREDICATE_ENDING.test(token.raw) || /[임음냄]$/.test(token.raw));
}

/** A noun made a verb with 하다/되다 (완료했습니다 → 완료): the noun is content, not framing. */
function isNounVerb(token: Token): boolean {
  return /^[하해했되돼됐]/.test(token.raw.slice(token.term.length));
}

/** Topics a common word is shared by: a word met only in prose weighs no more than one this common. */
const PROSE_ONLY_DF = 5;

/**
 * How much a word's rarity says about the question. A word met only in some topic's prose (현재,
 * happen) is rare here because it is everyday, not because it is specific: specific terms are curated.
 */
function rarity(index: SearchIndex, term: string): number {
  const weight = idf(index, index.df.get(term) ?? 0);
  return index.curated.has(term) ? weight : Math.min(weight, idf(index, PROSE_ONLY_DF));
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
const PREDICATE_ENDING = /[요야까어아여지니나게면고서는은을기음함됨봄옴해돼래죠네다봐줘데걸건거냐든자]$/;

/**
 * How much a word can say about the subject: framing words (why, how, the difference) little,
 * numbers are often incidental (the port in an error message), and Korean predicates mostly say
 * how the question is asked.
 */
function salienceOf(token: Token, framing: boolean): number {
  if (framing) return 0.3;
  if (/^\d+$/.test(token.term)) return 0.5;
  // Except a noun made a verb with 하다/되다 (완료했습니다 → 완료): the noun is the content.
  if (token.kind === 'hangul' && PREDICATE_ENDING.test(token.raw) && !isNounVerb(token)) return 0.5;
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
      // A misspelt function word (alredy, becuase) is still a function word, not an unknown subject.
      if (STOPWORD_TYPOS.lookup(token.raw).length) return [];
      return [[]];
    }
  }
}

/** The first non-empty rest of the word, with one of the Korean suffixes (in their order) taken off, that `known` accepts. */
function withoutSuffix(raw: string, known: (rest: string) => boolean): string | undefined {
  for (const suffix of KOREAN_SUFFIXES) {
    if (!raw.endsWith(suffix)) continue;
    const rest = raw.slice(0, -suffix.length);
    if (rest && known(rest)) return rest;
  }
  return undefined;
}

/** The English words a Hangul loanword stands for, each read like a typed English word. */
function readLoanword(index: SearchIndex, hangul: string): Reading[][] {
  const parts = analyze(index.loanwords.get(hangul) ?? '').flatMap((token) => readToken(index, token));
  return parts.length ? parts : [[]];
}

/** Longer English function words, for recognising them misspelt; short ones have too many real neighbours. */
const STOPWORD_TYPOS = new TypoIndex((length) => (length >= 5 ? 1 : 0));
for (const word of ENGLISH_STOPWORDS) if (/^[a-z]{5,}$/.test(word)) STOPWORD_TYPOS.add(word, word);

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
  const shortStem = withoutSuffix(raw, (rest) => index.curated.has(rest));
  if (shortStem) return [[{ term: shortStem, trust: 1 }]];
  // English written in Hangul (레디스가 → redis), with or without a particle.
  const loan = [stem, raw].find((w) => w && index.loanwords.has(w)) ?? withoutSuffix(raw, (rest) => index.loanwords.has(rest));
  if (loan) return readLoanword(index, loan);
  if (index.df.has(stem)) return [[{ term: stem, trust: 1 }]];
  if (index.df.has(raw)) return [[{ term: raw, trust: 1 }]];
  const parts: Reading[][] = [];
  let rest = raw;
  while (syllableCount(rest) >= 2) {
    let found: string | null = null;
    for (let length = rest.length; length >= 2 && !found; length--) {
      const prefix = rest.slice(0, length);
      if (index.curated.has(prefix) || index.loanwords.has(prefix)) found = prefix;
    }
    if (!found) break;
    parts.push(...(index.curated.has(found) ? [[{ term: found, trust: 1 }]] : readLoanword(index, found)));
    rest = rest.slice(found.length);
  }
  // A short loanword closing a compound (포트킬 → 포트, kill).
  if (parts.length && index.loanwords.has(rest)) parts.push(...readLoanword(index, rest));
  if (parts.length) return parts;
  const conjugated = index.hangulTerms.longestPrefix(toJamo(raw), (term) => syllableCount(term) >= 2);
  if (conjugated) return [[{ term: conjugated, trust: 0.9 }]];
  const typos = index.typos.lookup(toJamo(stem)).filter((t) => isHangulWord(t.term));
  return [typos.length ? nearest(typos) : []];
}
