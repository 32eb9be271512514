import { boundQuestion } from './bounds.ts';
import { answerLang } from './language.ts';
import { readQuery, type QueryWord } from './query.ts';
import { idf, termEvidence, termScore, type IndexedTopic, type Phrase, type SearchIndex } from './search-index.ts';
import { familyOf, type Lang, type Topic } from './topic.ts';

import { coverageOf, decide, GATE, type GateEvidence, type GateThresholds } from './gate.ts';
import { matchPhrasing, OFF_TOPIC, questionVector, type LabelMatch } from './phrasing.ts';
import { classify } from './phrasing-classifier.ts';
import { ALWAYS_LISTED, CANDIDATE_SHARE, CURATED_EVIDENCE, IPV6_ALIAS_SPECIFIC, MAX_CANDIDATES, NAME_BONUS, NAMED_WORD_WEIGHT, PHRASE_BONUS, PHRASING_WEIGHT } from './weights.ts';

export { MAX_CANDIDATES };

export interface Candidate {
  topic: Topic;
  /** 0..1: how much of the question this topic covers, or how near its examples are, scaled by its rank against the best. */
  score: number;
}

export type { Outcome } from './gate.ts';
import type { Outcome } from './gate.ts';

export interface SearchResult {
  query: string;
  lang: Lang;
  outcome: Outcome;
  /** The topic the bot answers with; null when it suggests or stays silent. */
  answer: Topic | null;
  /** Ranked best first, at most five; may be non-empty when answer is null ("did you mean"). */
  candidates: Candidate[];
  /** What the decision was made on (absent when no topic matched at all). */
  gate?: GateEvidence;
}

/** A topic's standing for a question: its rank score and the evidence the gate reads. */
export interface RankedTopic {
  doc: IndexedTopic;
  docIndex: number;
  score: number;
  /** Share of the question's weight the topic names (unknown words count in part). */
  coverage: number;
  /** The question's weight in words the knowledge knows, and in words it does not. */
  knownWeight: number;
  unknownWeight: number;
  /** Absolute evidence: Σ word weight × how directly the topic names the word. */
  support: number;
  /** How many of the question's specific words the topic names in its curated fields. */
  named: number;
  /** Whether the question quotes one of the topic's error signatures. */
  signature: boolean;
  /** How many words the topic names in its curated fields are not among the most used words of everyday speech (work, fix). */
  specific: number;
  /** Whether the question says one of the topic's aliases, whole (localhost, 127.0.0.1, port conflict). */
  aliased: boolean;
}

/** Ranks topics for a question and decides: answer, suggest, or stay silent. */
export function search(index: SearchIndex, query: string, lang: Lang = answerLang(query), thresholds: GateThresholds = GATE): SearchResult {
  query = boundQuestion(query);
  const { order, gate } = weigh(index, query);
  if (!gate) return { query, lang, outcome: 'silent', answer: null, candidates: [] };
  const decision = decide(gate, thresholds);
  const answer = decision.outcome === 'answer' ? (index.kb.byId.get(decision.topic) ?? null) : null;
  // The answer leads the list (the rules answer the term ranking's best, which the blend may rank
  // lower), and the term ranking's best follows it when the phrasing answered another topic.
  const lead = [answer?.id, gate.topic];
  const place = (id: string) => (lead.includes(id) ? lead.indexOf(id) : lead.length);
  if (answer) order.sort((a, b) => place(a.id) - place(b.id));
  const best = order[0]!.score;
  const candidates = order
    // The best ranked topics are always listed (ranked, if not answered); others need a share of the best.
    .filter((s, rank) => rank < ALWAYS_LISTED || s.score >= best * CANDIDATE_SHARE)
    .slice(0, MAX_CANDIDATES)
    // How much of the question the topic covers or how near its examples are, scaled by rank, never above the candidate before it.
    .map((s) => ({ topic: index.kb.byId.get(s.id)!, score: round(Math.max(s.coverage, s.similarity) * (s.score / best)) }))
    .map((c, i, all) => ({ ...c, score: i ? Math.min(c.score, ...all.slice(0, i).map((p) => p.score)) : c.score }));
  return { query, lang, outcome: decision.outcome, answer, candidates, gate };
}

/** The evidence the gate reads for a question (null when nothing matches), for measuring the gate (bench/gate-tradeoff.ts). */
export function evidenceFor(index: SearchIndex, query: string): GateEvidence | null {
  return weigh(index, boundQuestion(query)).gate;
}

/** Both views of a bounded question, blended, and the gate's evidence from them (null when nothing matches). */
function weigh(index: SearchIndex, query: string) {
  const words = readQuery(index, query);
  const ranked = rankTopics(index, words);
  const vector = questionVector(index.phrasing, query);
  const phrasing = matchPhrasing(index.phrasing, vector);
  const classified = index.classifier ? classify(index.classifier, vector) : null;
  const hasExamples = (topic: string) => index.phrasing.labelIndex.has(topic);
  const order = blend(ranked, phrasing, hasExamples);
  if (!order.length) return { words, ranked, phrasing, classified, order, gate: null };
  // Unknown subjects are the question's, whatever topic is weighed: counted once, even when no topic's terms match.
  const foreign = words.filter((w) => w.foreign).length;
  // Those no example has either are unseen by the classifier too.
  const unseen = words.filter((w) => w.foreign && !index.phrasing.featureIds.has(`t:${w.term}`)).length;
  const share = (n: number) => (words.length ? n / words.length : 0);
  const question = { foreign, foreignShare: share(foreign), unseenShare: share(unseen), words: words.length };
  const gate = gateEvidence(ranked, phrasing, probabilityOf(index, classified), order, hasExamples, question);
  return { words, ranked, phrasing, classified, order, gate };
}

/** The classifier's probabilities: of a label, of a topic's family (a parent and its sub-topics answer alike), the likeliest topic; all 0 without a classifier. */
function probabilityOf(index: SearchIndex, classified: Float64Array | null) {
  const { labels, labelIndex } = index.phrasing;
  const labelFamilies = familiesOf(labels);
  const families = new Map<string, number>();
  let likeliest = -1;
  labels.forEach((l, i) => {
    if (!classified || l === OFF_TOPIC) return;
    const family = labelFamilies[i]!;
    families.set(family, (families.get(family) ?? 0) + classified[i]!);
    if (likeliest < 0 || classified[i]! > classified[likeliest]!) likeliest = i;
  });
  const label = (id: string) => (classified ? (classified[labelIndex.get(id) ?? -1] ?? 0) : 0);
  return {
    of: (id: string) => families.get(familyOf(id)) ?? 0,
    label,
    off: label(OFF_TOPIC),
    likeliest: likeliest < 0 ? OFF_TOPIC : labels[likeliest]!,
    likeliestProbability: likeliest < 0 ? 0 : classified![likeliest]!,
  };
}

/** Each label's family, worked out once per phrasing model rather than for every question. */
const labelFamilies = new WeakMap<readonly string[], string[]>();
function familiesOf(labels: readonly string[]): string[] {
  let families = labelFamilies.get(labels);
  if (!families) labelFamilies.set(labels, (families = labels.map(familyOf)));
  return families;
}

/** A topic's place in the blend of term ranking and phrasing. */
interface Blended {
  id: string;
  score: number;
  coverage: number;
  similarity: number;
}

/** Term score and phrasing similarity, each as a share of the best, summed (PHRASING_WEIGHT); best first. */
function blend(ranked: RankedTopic[], phrasing: LabelMatch[], hasExamples: (topic: string) => boolean): Blended[] {
  const byId = new Map<string, Blended>();
  const bestScore = ranked[0]?.score || 1;
  const topics = phrasing.filter((m) => m.label !== OFF_TOPIC);
  const bestSimilarity = topics[0]?.similarity || 1;
  for (const r of ranked) {
    const share = r.score / bestScore;
    // A topic without examples (a team's own) lets its terms speak for the phrasing too, rather than count as unlike the question.
    const score = hasExamples(r.doc.topic.id) ? share : share * (1 + PHRASING_WEIGHT);
    byId.set(r.doc.topic.id, { id: r.doc.topic.id, score, coverage: r.coverage, similarity: 0 });
  }
  for (const m of topics) {
    const entry = byId.get(m.label) ?? { id: m.label, score: 0, coverage: 0, similarity: 0 };
    entry.similarity = m.similarity;
    entry.score += (PHRASING_WEIGHT * m.similarity) / bestSimilarity;
    byId.set(m.label, entry);
  }
  return [...byId.values()].sort((a, b) => b.score - a.score);
}

/** Topics that match the question, best first, with the evidence for each. */
export function rankTopics(index: SearchIndex, words: QueryWord[]): RankedTopic[] {
  const topical = topicalWords(index, words);
  const said = termsSaid(words);
  // A topic that has none of the question's terms scores 0: it is not weighed at all.
  const mentioned = new Set<number>();
  for (const term of said.keys()) for (const docIndex of index.docsWith.get(term) ?? []) mentioned.add(docIndex);
  const ranked: RankedTopic[] = [];
  index.docs.forEach((doc, docIndex) => {
    if (!mentioned.has(docIndex)) return;
    const phrases = matchedPhrases(index, words, docIndex, said);
    const score = scoreDoc(index, words, doc, phrases, said);
    if (!(score > 0)) return;
    const evidence = evidenceOf(words, doc, phrases, topical, index.phrasesByDoc[docIndex] ?? NO_PHRASES, said);
    // Relevance weighted by how much of the question the topic covers in its curated fields, squared:
    // the topic a question names (127.0.0.1 → localhost) beats one that merely mentions its words often.
    ranked.push({ doc, docIndex, score: score * evidence.coverage ** 2, ...evidence });
  });
  return ranked.sort((a, b) => b.score - a.score || b.coverage - a.coverage);
}

/**
 * Positions of the words some topic names in its curated fields (aliases, titles, keywords). The
 * rest — words the knowledge does not know, or meets only in prose — is the story around the
 * question, and counts only in part against an answer (see UNKNOWN_SHARE).
 */
function topicalWords(index: SearchIndex, words: QueryWord[]): Set<number> {
  const out = new Set<number>();
  words.forEach((word, position) => {
    if (word.readings.some((r) => index.curated.has(r.term))) out.add(position);
  });
  return out;
}

/**
 * The evidence the gate reads: the term ranking's best topic, its margin over the runner-up outside
 * its own family (a parent and its sub-topic, port-conflict and port-conflict/time-wait, answer the
 * same question), and the phrasing's view: the blend's best topic and how near the examples are.
 */
function gateEvidence(
  ranked: RankedTopic[],
  phrasing: LabelMatch[],
  probability: ReturnType<typeof probabilityOf>,
  order: Blended[],
  hasExamples: (topic: string) => boolean,
  question: Pick<GateEvidence, 'foreign' | 'foreignShare' | 'unseenShare' | 'words'>,
): GateEvidence {
  const match = (label: string) => phrasing.find((m) => m.label === label);
  const phrasedId = order[0]!.id;
  const rank = ranked.findIndex((r) => r.doc.topic.id === phrasedId);
  const likeliestRank = order.findIndex((b) => b.id === probability.likeliest);
  const phrased = {
    phrased: phrasedId,
    phrasedSimilarity: match(phrasedId)?.similarity ?? 0,
    phrasedShared: match(phrasedId)?.shared ?? 0,
    phrasedRank: rank < 0 ? Infinity : rank,
    offTopicSimilarity: match(OFF_TOPIC)?.similarity ?? 0,
    phrasedProbability: probability.of(phrasedId),
    phrasedLabelProbability: probability.label(phrasedId),
    offTopicProbability: probability.off,
    likeliest: probability.likeliest,
    likeliestProbability: probability.likeliestProbability,
    likeliestRank: likeliestRank < 0 ? Infinity : likeliestRank,
  };
  const best = ranked[0];
  if (!best) {
    const none = { support: 0, knownWeight: 0, unknownWeight: 0, named: 0, specific: 0, signature: false, aliased: false, ...question };
    return { topic: phrasedId, ...none, margin: 0, rival: null, topicSimilarity: phrased.phrasedSimilarity, topicProbability: phrased.phrasedProbability, topicLabelProbability: phrased.phrasedLabelProbability, topicHasExamples: true, ...phrased };
  }
  const bestFamily = familyOf(best.doc.topic.id);
  const rival = ranked.find((s) => familyOf(s.doc.topic.id) !== bestFamily);
  const margin = rival ? 1 - rival.score / best.score : 1;
  const { support, knownWeight, unknownWeight, named, specific, signature, aliased } = best;
  const topic = best.doc.topic.id;
  const terms = { support, knownWeight, unknownWeight, named, specific, signature, aliased, ...question };
  return { topic, ...terms, margin, rival: rival?.doc.topic.id ?? null, topicSimilarity: match(topic)?.similarity ?? 0, topicProbability: probability.of(topic), topicLabelProbability: probability.label(topic), topicHasExamples: hasExamples(topic), ...phrased };
}

/** Why a question ranked as it did: its words, their readings and weights, each top topic's evidence per word, and the rules that decided. */
export function explainSearch(index: SearchIndex, query: string, top = 3): string {
  query = boundQuestion(query);
  const { words, ranked, phrasing, classified, gate } = weigh(index, query);
  const lines = words.map(
    (w) => `  ${w.raw} (weight ${w.weight.toFixed(2)}): ${w.readings.map((r) => `${r.term}×${r.trust}`).join(', ') || 'unknown'}`,
  );
  for (const topic of ranked.slice(0, top)) {
    const phrases = matchedPhrases(index, words, topic.docIndex);
    const per = wordEvidence(words, topic.doc, phrases).map((e, i) => `${words[i]!.raw}=${e.toFixed(2)}`);
    lines.push(
      `  → ${topic.doc.topic.id}: score ${topic.score.toFixed(2)}, support ${topic.support.toFixed(2)}, named ${topic.named}${topic.signature ? ', error signature' : ''}, coverage ${topic.coverage.toFixed(2)} [${per.join(' ')}]`,
    );
  }
  for (const m of phrasing.slice(0, top)) {
    lines.push(`  ≈ ${m.label === OFF_TOPIC ? 'questions not to answer' : m.label}: ${m.similarity.toFixed(2)}, nearest example "${index.phrasing.texts[m.nearest]!.slice(0, 80)}"`);
  }
  if (classified) {
    const likeliest = [...classified].map((p, l) => ({ label: index.phrasing.labels[l]!, p })).sort((a, b) => b.p - a.p).slice(0, top);
    lines.push(`  classifier: ${likeliest.map(({ label, p }) => `${label === OFF_TOPIC ? 'questions not to answer' : label} ${p.toFixed(2)}`).join(', ')}`);
  } else {
    lines.push('  classifier: off (no questions not to answer to learn from)');
  }
  const decision = gate ? decide(gate) : null;
  for (const reason of decision?.reasons ?? []) lines.push(`  rule: ${reason}`);
  const outcome = decision?.outcome ?? 'silent';
  return [`${query} → ${outcome} ${outcome === 'answer' ? decision!.topic : ''}`, ...lines].join('\n');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

interface PhraseMatch {
  phrase: Phrase;
  /** Positions in the question's words that the phrase covers. */
  positions: number[];
}

function matchedPhrases(index: SearchIndex, words: QueryWord[], docIndex: number, said = termsSaid(words)): PhraseMatch[] {
  const phrases = index.phrasesByDoc[docIndex] ?? NO_PHRASES;
  // Only phrases that start with a term the question says can be in it; tried in the topic's order.
  const { byFirstTerm } = phraseLookup(phrases);
  // Marked, then visited in index order (no list to sort); each term's phrases are its own, so none twice.
  const tried = triedScratch.length >= phrases.length ? triedScratch : (triedScratch = new Uint8Array(phrases.length * 2));
  let first = phrases.length;
  let last = -1;
  for (const term of said.keys()) {
    const starting = byFirstTerm.get(term);
    if (!starting) continue;
    for (const at of starting) tried[at] = 1;
    first = Math.min(first, starting[0]!);
    last = Math.max(last, starting[starting.length - 1]!);
  }
  const out: PhraseMatch[] = [];
  for (let at = first; at <= last; at++) {
    if (!tried[at]) continue;
    tried[at] = 0;
    const phrase = phrases[at]!;
    const start = findPhrase(words, phrase.terms, said);
    if (start >= 0) out.push({ phrase, positions: phrase.terms.map((_, k) => start + k) });
  }
  return out;
}

/** Which of a topic's phrases a question may contain (see matchedPhrases), left cleared after each use. */
let triedScratch = new Uint8Array(64);

/** A topic's phrases by their first term, and its error signatures (an alias's word and the number after it: errno 98). */
interface PhraseLookup {
  byFirstTerm: Map<string, number[]>;
  signatures: Array<[string, string]>;
}

const phraseLookups = new WeakMap<Phrase[], PhraseLookup>();
const NO_PHRASES: Phrase[] = [];

function phraseLookup(phrases: Phrase[]): PhraseLookup {
  let lookup = phraseLookups.get(phrases);
  if (!lookup) {
    const byFirstTerm = new Map<string, number[]>();
    const signatures: Array<[string, string]> = [];
    phrases.forEach(({ terms, field }, at) => {
      const first = byFirstTerm.get(terms[0]!) ?? [];
      byFirstTerm.set(terms[0]!, [...first, at]);
      if (field !== 'alias') return;
      for (let k = 1; k < terms.length; k++) if (/^\d+$/.test(terms[k]!)) signatures.push([terms[k - 1]!, terms[k]!]);
    });
    phraseLookups.set(phrases, (lookup = { byFirstTerm, signatures }));
  }
  return lookup;
}

function scoreDoc(index: SearchIndex, words: QueryWord[], doc: IndexedTopic, phrases: PhraseMatch[], said: TermsSaid): number {
  let score = 0;
  for (const word of words) {
    let best = 0;
    for (const r of word.readings) best = Math.max(best, r.trust * termScore(index, r.term, doc));
    score += best * word.salience;
  }
  score += nameBonus(index, said, doc);
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
function nameBonus(index: SearchIndex, said: TermsSaid, doc: IndexedTopic): number {
  let best = 0;
  for (const name of doc.names) {
    let matched = 0;
    let weight = 0;
    for (const term of name) {
      const trust = said.get(term) ?? 0;
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
function wordEvidence(words: QueryWord[], doc: IndexedTopic, phrases: PhraseMatch[], inPhrase = positionsIn(phrases)): number[] {
  return words.map((word, position) => evidenceOfWord(word, doc, inPhrase.has(position)));
}

function evidenceOfWord(word: QueryWord, doc: IndexedTopic, inPhrase: boolean): number {
  let best = 0;
  for (const r of word.readings) best = Math.max(best, r.trust * termEvidence(r.term, doc, inPhrase));
  return best;
}

const NO_POSITIONS: ReadonlySet<number> = new Set();

/** The positions of the question's words that the phrases cover. */
function positionsIn(phrases: PhraseMatch[]): ReadonlySet<number> {
  return phrases.length ? new Set(phrases.flatMap((m) => m.positions)) : NO_POSITIONS;
}

/**
 * The evidence a topic has in the question: `support`, the absolute weight it names, and
 * `coverage`, the share of the question's weight that is (0..1). Words inside one of the topic's
 * long aliases (three words or more) weigh double: a pasted error message that contains the topic's
 * name ("address already in use") is about it, however many other words come with it. Words the
 * knowledge does not know count against it as UNKNOWN_SHARE says (see weights.ts).
 */
function evidenceOf(words: QueryWord[], doc: IndexedTopic, phrases: PhraseMatch[], topical: Set<number>, aliases: Phrase[], said: TermsSaid) {
  const inLongAlias = phrases.length ? positionsIn(phrases.filter((m) => m.phrase.field === 'alias' && m.positions.length >= 3)) : NO_POSITIONS;
  // A phrase the topic has (step over, secret key) is specific even when its words are everyday.
  const inPhrase = positionsIn(phrases);
  let support = 0;
  let knownWeight = 0;
  let unknownWeight = 0;
  let named = 0;
  let specific = 0;
  // Plain loops: this runs for every topic a question mentions, and its garbage is most of the search's.
  for (let position = 0; position < words.length; position++) {
    const word = words[position]!;
    const evidence = evidenceOfWord(word, doc, inPhrase.has(position));
    const weight = inLongAlias.has(position) ? word.weight * 2 : word.weight;
    support += weight * evidence;
    const isSpecific = evidence >= CURATED_EVIDENCE && (!word.common || inPhrase.has(position) || isAlias(word, doc));
    if (isSpecific) specific += isIpv6Alias(word, doc) ? IPV6_ALIAS_SPECIFIC : 1;
    if (evidence >= CURATED_EVIDENCE && word.weight >= NAMED_WORD_WEIGHT) named++;
    if (topical.has(position)) knownWeight += weight;
    else unknownWeight += weight;
  }
  const signature = hasErrorSignature(words, doc, aliases, said);
  const aliased = phrases.some((m) => m.phrase.field === 'alias') || words.some((w) => isAlias(w, doc));
  return { coverage: coverageOf({ support, knownWeight, unknownWeight }), support, knownWeight, unknownWeight, named, specific, signature, aliased };
}

/** Whether the word is an IPv6 literal (::1, ::) the topic has as an alias. */
function isIpv6Alias(word: QueryWord, doc: IndexedTopic): boolean {
  return word.kind === 'address' && word.term.includes(':') && isAlias(word, doc);
}

/** Whether the word, as typed, is one of the topic's one-word aliases (localhost, kill, 충돌). */
function isAlias(word: QueryWord, doc: IndexedTopic): boolean {
  return word.readings.some((r) => r.trust >= 1 && doc.standalone.has(r.term) && doc.tf.alias.has(r.term));
}

/**
 * Whether the question quotes one of the topic's error signatures: an error name and number side by
 * side as one of its aliases has them (errno 98, winerror 10048), or an error name typed as the system prints it
 * (EADDRINUSE, EACCES) that the topic has as an alias. A pasted error says what it is about,
 * however long the story around it.
 */
function hasErrorSignature(words: QueryWord[], doc: IndexedTopic, aliases: Phrase[], said: TermsSaid): boolean {
  // The error's name and number, as the alias has them side by side (errno 98 in "oserror: [errno 98]").
  for (const pair of phraseLookup(aliases).signatures) if (findPhrase(words, pair, said) >= 0) return true;
  return words.some((w) => w.raw[0] === 'E' && ERROR_NAME.test(w.raw) && w.readings.some((r) => doc.standalone.has(r.term) && doc.tf.alias.has(r.term)));
}

/** POSIX error names as programs print them (EADDRINUSE, ECONNREFUSED). */
const ERROR_NAME = /^E[A-Z]{4,}$/;

/**
 * Each term the question's words may stand for, with the most any reading trusts it (at least 0):
 * worked out once per question, so that weighing thirty topics only looks terms up.
 */
type TermsSaid = Map<string, number>;

function termsSaid(words: QueryWord[]): TermsSaid {
  const said: TermsSaid = new Map();
  for (const word of words) for (const r of word.readings) said.set(r.term, Math.max(said.get(r.term) ?? 0, r.trust));
  return said;
}

/** Where the phrase starts in the question's words, or -1. */
function findPhrase(words: QueryWord[], terms: string[], said: TermsSaid): number {
  // A phrase with a term no word stands for cannot be in the question.
  for (const term of terms) if (!said.has(term)) return -1;
  outer: for (let start = 0; start + terms.length <= words.length; start++) {
    for (let k = 0; k < terms.length; k++) {
      if (!words[start + k]!.readings.some((r) => r.term === terms[k])) continue outer;
    }
    return start;
  }
  return -1;
}
