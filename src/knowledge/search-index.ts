import { createHash } from 'node:crypto';
import { everydayWords } from './everyday.ts';
import { analyze, type Token } from './analyze.ts';
import { TypoIndex } from './fuzzy.ts';
import { isHangulWord, syllableCount, toJamo } from './hangul.ts';
import { JamoTrie } from './jamo-trie.ts';
import { loadLoanwords, type LoanwordTable } from './loanwords.ts';
import { phrasingBuild, OFF_TOPIC, type LabelledText, type PhrasingModel } from './phrasing.ts';
import { classifierTraining, type PhrasingClassifier } from './phrasing-classifier.ts';
import { runToEnd } from './steps.ts';
import { COMMON_TOP, FIELD_B, FIELD_EVIDENCE, FIELD_WEIGHT, K1, NAMED_EVIDENCE } from './weights.ts';

import { LANGS, type KnowledgeBase, type Topic } from './topic.ts';

export const FIELDS = ['alias', 'title', 'keyword', 'example', 'summary', 'body'] as const;
export type Field = (typeof FIELDS)[number];

const CURATED_FIELDS: Field[] = ['alias', 'title', 'keyword'];

export interface IndexedTopic {
  topic: Topic;
  tf: Record<Field, Map<string, number>>;
  length: Record<Field, number>;
  /** The topic's names as terms: its id and its first alias in each language (ports · port · 포트). */
  names: string[][];
  /** Terms that are a whole alias or keyword by themselves. */
  standalone: Set<string>;
  /**
   * termScore and termEvidence of every term the topic has, worked out once when the index is
   * built: a question only looks its terms up (a term the topic lacks scores 0).
   */
  scores: Map<string, number>;
  evidence: Map<string, number>;
}

/** A multi-word alias or keyword ("address already in use"), matched as a run of query terms. */
export interface Phrase {
  terms: string[];
  doc: number;
  field: 'alias' | 'keyword';
}

export interface SearchIndex {
  kb: KnowledgeBase;
  docs: IndexedTopic[];
  /** Number of topics each term occurs in. */
  df: Map<string, number>;
  avgLength: Record<Field, number>;
  /** Multi-word aliases and keywords, per topic (same order as docs). */
  phrasesByDoc: Phrase[][];
  /** The topics (indexes into docs, ascending) that have each term in a field or a name: the only ones a question with it can score for. */
  docsWith: Map<string, number[]>;
  /** Korean terms of the curated fields (names, aliases, keywords), by jamo, for conjugated forms. */
  hangulTerms: JamoTrie;
  /** Terms of the curated fields: the words a question's inflected forms are matched against. */
  curated: Set<string>;
  typos: TypoIndex;
  /** English written in Hangul (레디스 → redis), for question words the knowledge does not know. */
  loanwords: LoanwordTable;
  /** The most used words of everyday speech, with their rank: unknown ones are the story around a question, not its subject. */
  everyday: ReadonlyMap<string, number>;
  /** How people ask: every topic's example questions and the questions not to answer (knowledge/phrasing/). */
  phrasing: PhrasingModel;
  /**
   * The same examples as a classifier: which label the phrasing points to, the questions not to
   * answer among them. Null without questions not to answer (a folder without off-topic.yaml): a
   * classifier never shown any could not tell ours from others.
   */
  classifier: PhrasingClassifier | null;
}

function fieldTexts(topic: Topic): Record<Field, string[]> {
  return {
    alias: LANGS.flatMap((l) => topic.aliases[l]),
    title: LANGS.map((l) => topic.title[l]),
    keyword: LANGS.flatMap((l) => topic.keywords[l]),
    example: LANGS.flatMap((l) => topic.examples?.[l] ?? []),
    summary: LANGS.map((l) => topic.summary[l]),
    body: LANGS.map((l) => topic.body[l]),
  };
}

export function termsOf(tokens: readonly Token[]): string[] {
  return tokens.flatMap((t) => [t.term, ...(t.implied ?? [])]);
}

/** Builds the search index over every topic of the knowledge base (both languages in one document). */
export function buildIndex(kb: KnowledgeBase, loanwords: LoanwordTable = loadLoanwords()): SearchIndex {
  return runToEnd(indexBuild(kb, loanwords));
}

/** buildIndex in steps (steps.ts): it pauses after each topic and inside the phrasing model's build and training. */
export function* indexBuild(kb: KnowledgeBase, loanwords: LoanwordTable = loadLoanwords()): Generator<void, SearchIndex> {
  const docs: IndexedTopic[] = [];
  const df = new Map<string, number>();
  const phrases: Phrase[] = [];
  const totals = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  for (const [doc, topic] of kb.topics.entries()) {
    yield;
    const texts = fieldTexts(topic);
    const tf = {} as Record<Field, Map<string, number>>;
    const length = {} as Record<Field, number>;
    const seen = new Set<string>();
    const standalone = new Set<string>();
    for (const field of FIELDS) {
      const counts = new Map<string, number>();
      let count = 0;
      for (const text of texts[field]) {
        const tokens = analyze(text);
        const terms = termsOf(tokens);
        if ((field === 'alias' || field === 'keyword') && tokens.length > 1) phrases.push({ terms: tokens.map((t) => t.term), doc, field });
        if ((field === 'alias' || field === 'keyword') && tokens.length === 1) for (const term of terms) standalone.add(term);
        for (const term of terms) {
          counts.set(term, (counts.get(term) ?? 0) + 1);
          // Example questions teach phrasing: they add evidence for words the knowledge already
          // has, but neither make a word known nor change how rare it is (보안상 still reads as 보안).
          if (field !== 'example') seen.add(term);
          count++;
        }
      }
      tf[field] = counts;
      length[field] = count;
      totals[field] += count;
    }
    for (const term of seen) df.set(term, (df.get(term) ?? 0) + 1);
    const names = [topic.id.replace(/[-/]/g, ' '), ...LANGS.map((l) => topic.aliases[l][0] ?? '')]
      .map((name) => termsOf(analyze(name)))
      .filter((terms) => terms.length > 0);
    docs.push({ topic, tf, length, names, standalone, scores: new Map(), evidence: new Map() });
  }
  const avgLength = Object.fromEntries(FIELDS.map((f) => [f, totals[f] / Math.max(1, docs.length)])) as Record<Field, number>;
  for (const doc of docs) {
    yield;
    for (const field of FIELDS) {
      for (const term of doc.tf[field].keys()) {
        if (doc.scores.has(term)) continue;
        doc.scores.set(term, scoreTerm(docs.length, df, avgLength, term, doc));
        doc.evidence.set(term, evidenceForTerm(term, doc));
      }
    }
  }

  const curated = new Set<string>();
  for (const doc of docs) for (const field of CURATED_FIELDS) for (const term of doc.tf[field].keys()) curated.add(term);
  const hangulTerms = new JamoTrie();
  const typos = new TypoIndex((length) => (length < 4 ? 0 : length < 8 ? 1 : 2));
  // Typos and conjugations are matched against the curated words only: prose has too many near neighbours.
  for (const term of curated) {
    if (isHangulWord(term)) {
      const jamo = toJamo(term);
      hangulTerms.add(jamo, term);
      if (syllableCount(term) >= 2) typos.add(jamo, term);
    } else if (/^[a-z]+$/.test(term)) {
      typos.add(term, term);
    }
  }
  yield;
  const phrasesByDoc = docs.map((_, i) => phrases.filter((p) => p.doc === i));
  const docsWith = new Map<string, number[]>();
  docs.forEach((doc, i) => {
    for (const term of new Set([...doc.scores.keys(), ...doc.names.flat()])) {
      const topics = docsWith.get(term);
      if (topics) topics.push(i);
      else docsWith.set(term, [i]);
    }
  });
  const examples = kb.topics.flatMap((topic) => LANGS.flatMap((l) => (topic.examples?.[l] ?? []).map((text) => ({ text, label: topic.id }))));
  const everyday = everydayWords();
  yield;
  const { phrasing, classifier } = yield* phrasingOf([...examples, ...(kb.phrasing ?? [])], everyday);
  return { kb, docs, df, avgLength, phrasesByDoc, docsWith, hangulTerms, curated, typos, loanwords, everyday, phrasing, classifier };
}

/** The last examples learnt from, and what was learnt: a reload after an edit that left them alone (a topic's text) reuses it. */
let learnt: { key: string; phrasing: PhrasingModel; classifier: PhrasingClassifier | null } | null = null;

/**
 * The phrasing model and its classifier depend on the examples alone (and the fixed list of everyday
 * words); building them is most of an index build (~0.4 of 0.5 s), so the same examples are not learnt twice.
 */
function* phrasingOf(examples: LabelledText[], everyday: ReadonlyMap<string, number>): Generator<void, { phrasing: PhrasingModel; classifier: PhrasingClassifier | null }> {
  // A digest, not the ~1 MB of text itself, is kept for the life of the process.
  const key = createHash('sha256').update(JSON.stringify(examples.map((e) => [e.label, e.text]))).digest('hex');
  if (learnt?.key === key) return learnt;
  yield;
  const phrasing = yield* phrasingBuild(examples, (term) => (everyday.get(term) ?? Infinity) < COMMON_TOP);
  const classifier = phrasing.labelIndex.has(OFF_TOPIC) ? yield* classifierTraining(phrasing) : null;
  learnt = { key, phrasing, classifier };
  return learnt;
}

/** BM25 inverse document frequency: rare terms weigh more. */
export function idf(index: SearchIndex, df: number): number {
  return bm25Idf(index.docs.length, df);
}

function bm25Idf(topics: number, df: number): number {
  return Math.log(1 + (topics - df + 0.5) / (df + 0.5));
}

/** BM25F: field-weighted, length-normalised term frequency, saturated once for the whole topic (0 when absent). */
export function termScore(index: SearchIndex, term: string, doc: IndexedTopic): number {
  return doc.scores.get(term) ?? 0;
}

function scoreTerm(topics: number, df: ReadonlyMap<string, number>, avgLength: Record<Field, number>, term: string, doc: IndexedTopic): number {
  let weighted = 0;
  for (const field of FIELDS) {
    const count = doc.tf[field].get(term);
    if (!count) continue;
    // Names and keywords are sets: a word in five aliases is not five times the evidence.
    const tf = CURATED_FIELDS.includes(field) ? 1 : count;
    const norm = 1 - FIELD_B[field] + FIELD_B[field] * (doc.length[field] / (avgLength[field] || 1));
    weighted += (FIELD_WEIGHT[field] * tf) / norm;
  }
  if (weighted === 0) return 0;
  return bm25Idf(topics, df.get(term) ?? 0) * ((weighted * (K1 + 1)) / (weighted + K1));
}

/** How directly this topic names a term (0 when absent); `inPhrase`: it completes one of the topic's phrases. */
export function termEvidence(term: string, doc: IndexedTopic, inPhrase = false): number {
  return inPhrase ? NAMED_EVIDENCE : (doc.evidence.get(term) ?? 0);
}

function evidenceForTerm(term: string, doc: IndexedTopic): number {
  if (doc.standalone.has(term)) return NAMED_EVIDENCE;
  let best = 0;
  for (const field of FIELDS) if (doc.tf[field].has(term)) best = Math.max(best, FIELD_EVIDENCE[field]);
  return best;
}
