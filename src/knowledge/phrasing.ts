import { readQuestion } from './analyze.ts';
import { runToEnd } from './steps.ts';
import { ENGLISH_STOPWORDS } from './stopwords.ts';

/**
 * Phrasing: how people ask, learnt from example questions. Each example is a vector of character
 * n-grams and search terms (TF-IDF); a question is compared with every example (cosine), and a
 * label's similarity is that of its nearest examples. Character n-grams read what word matching
 * cannot: Korean typed without spaces (방화벽여는법 = 방화벽 여는 법), particles, typos and stems.
 * Examples labelled OFF_TOPIC are the questions the bot must not answer (near misses, chatter).
 */

export const OFF_TOPIC = '';

export interface LabelledText {
  text: string;
  /** A topic id, or OFF_TOPIC. */
  label: string;
}

/**
 * The examples as sparse vectors, stored by feature (compressed columns): for feature f, examples
 * `example[start[f] .. start[f + 1])` have it, with weights `weight[…]`. Typed arrays keep a
 * question's comparison with four thousand examples well under a millisecond.
 */
export interface PhrasingModel {
  featureIds: Map<string, number>;
  /** What each feature is: a search term, an everyday one, a Latin trigram or a Hangul pair (t, e, c, h). */
  kinds: string[];
  idf: Float64Array;
  start: Int32Array;
  example: Int32Array;
  weight: Float32Array;
  /** Each example's label, as an index into `labels` (and `labelIndex`, its inverse); how many examples each label has. */
  labelOf: Int32Array;
  labels: string[];
  labelIndex: ReadonlyMap<string, number>;
  examplesOf: Int32Array;
  /** Each example's features (ascending) and their weights, by example: the same vectors by row. */
  featuresOf: Int32Array[];
  weightsOf: Float32Array[];
  /** The examples as written, for `cli ask --explain`. */
  texts: string[];
}

/** A label's similarity to a question: its nearest examples' cosine, and which example was nearest. */
export interface LabelMatch {
  label: string;
  similarity: number;
  nearest: number;
  /**
   * How much the question shares with the nearest example in words (a Hangul pair of letters
   * counts half, an everyday word nothing): one shared name (django, nginx) is not a shared phrasing.
   */
  shared: number;
}

/** How many nearest examples of one label are averaged: one lucky example is not the label's phrasing. */
const NEAREST = 3;
/** The weight of a question's feature that no example has, in the question's length (an IDF would be unknown). */
const UNKNOWN_FEATURE = 2;

/** Raw features of a text: search terms, Latin character trigrams, Hangul character bigrams across spaces. */
export function rawFeatures(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const { normalized, tokens } = readQuestion(text);
  for (const token of tokens) if (token.kind !== 'choseong') add(`t:${token.term}`);
  for (const [word] of normalized.matchAll(/[a-z][a-z0-9]*/g)) {
    if (word.length < 3 || ENGLISH_STOPWORDS.has(word)) continue;
    const padded = `^${word}$`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`);
  }
  // Hangul runs joined across spaces: spacing is optional in casual Korean.
  for (const [run] of normalized.replace(/([\uAC00-\uD7A3])\s+(?=[\uAC00-\uD7A3])/g, '$1').matchAll(/[\uAC00-\uD7A3]+/g)) {
    for (let i = 0; i + 2 <= run.length; i++) add(`h:${run.slice(i, i + 2)}`);
  }
  return counts;
}

/** `common`: search terms among the most used words of speech (return, expect), which do not count as shared words. */
export function buildPhrasing(examples: readonly LabelledText[], common: (term: string) => boolean = () => false): PhrasingModel {
  return runToEnd(phrasingBuild(examples, common));
}

/** How many examples are read between two pauses of the build (steps.ts). */
const EXAMPLES_PER_STEP = 64;

/** buildPhrasing in steps: it pauses every EXAMPLES_PER_STEP examples read, and again as many laid out. */
export function* phrasingBuild(examples: readonly LabelledText[], common: (term: string) => boolean = () => false): Generator<void, PhrasingModel> {
  const featureIds = new Map<string, number>();
  const df: number[] = [];
  const counted: Array<{ ids: number[]; counts: number[] }> = [];
  for (const e of examples) {
    if (counted.length % EXAMPLES_PER_STEP === EXAMPLES_PER_STEP - 1) yield;
    const ids: number[] = [];
    const counts: number[] = [];
    for (const [f, c] of rawFeatures(e.text)) {
      let id = featureIds.get(f);
      if (id === undefined) featureIds.set(f, (id = featureIds.size));
      df[id] = (df[id] ?? 0) + 1;
      ids.push(id);
      counts.push(c);
    }
    counted.push({ ids, counts });
  }
  const n = examples.length;
  const idf = Float64Array.from(df, (d) => Math.log((n + 1) / (d + 1)) + 1);
  const start = new Int32Array(featureIds.size + 1);
  for (const { ids } of counted) for (const id of ids) start[id + 1]!++;
  for (let f = 0; f < featureIds.size; f++) start[f + 1]! += start[f]!;
  const fill = start.slice(0, -1);
  const example = new Int32Array(start[featureIds.size]!);
  const weight = new Float32Array(example.length);
  // The rows are views into two arrays (one buffer each): thousands of small buffers of their own
  // would each be swept by every full garbage collection while the bot runs.
  const rowFeatures = new Int32Array(example.length);
  const rowWeights = new Float32Array(example.length);
  let rowStart = 0;
  const featuresOf: Int32Array[] = [];
  const weightsOf: Float32Array[] = [];
  for (const [i, { ids, counts }] of counted.entries()) {
    if (i % EXAMPLES_PER_STEP === EXAMPLES_PER_STEP - 1) yield;
    const weights = ids.map((id, k) => (1 + Math.log(counts[k]!)) * idf[id]!);
    const norm = Math.hypot(...weights) || 1;
    ids.forEach((id, k) => {
      const at = fill[id]!++;
      example[at] = i;
      weight[at] = weights[k]! / norm;
    });
    const ascending = ids.map((_, k) => k).sort((a, b) => ids[a]! - ids[b]!);
    ascending.forEach((k, at) => {
      rowFeatures[rowStart + at] = ids[k]!;
      rowWeights[rowStart + at] = weights[k]! / norm;
    });
    featuresOf.push(rowFeatures.subarray(rowStart, rowStart + ids.length));
    weightsOf.push(rowWeights.subarray(rowStart, rowStart + ids.length));
    rowStart += ids.length;
  }
  const labels = [...new Set(examples.map((e) => e.label))];
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const labelOf = Int32Array.from(examples, (e) => labelIndex.get(e.label)!);
  const examplesOf = new Int32Array(labels.length);
  for (const l of labelOf) examplesOf[l]!++;
  return {
    featureIds,
    kinds: [...featureIds.keys()].map((f) => (f.startsWith('t:') && common(f.slice(2)) ? 'e' : f[0]!)),
    idf,
    start,
    example,
    weight,
    labelOf,
    labels,
    labelIndex,
    examplesOf,
    featuresOf,
    weightsOf,
    texts: examples.map((e) => e.text),
  };
}

/**
 * Working memory of one comparison, kept with the model and reused: a question's scores against
 * every example, its nearest per label, and which features it has. Comparisons run one at a time
 * (synchronously), so one set per model is enough; each is left cleared for the next.
 */
interface Scratch {
  scores: Float64Array;
  /** One bit per example: which have a score (the others stay 0, and are not visited). */
  scored: Int32Array;
  best: Float64Array;
  nearest: Int32Array;
  inQuestion: Uint8Array;
  /** Each example's features that count as shared words (search terms and Hangul pairs): the others count nothing. */
  wordFeaturesOf: Int32Array[];
}

const scratches = new WeakMap<PhrasingModel, Scratch>();

function scratchOf(model: PhrasingModel): Scratch {
  let scratch = scratches.get(model);
  if (!scratch) {
    const labels = model.labels.length;
    scratch = {
      scores: new Float64Array(model.labelOf.length),
      scored: new Int32Array((model.labelOf.length + 31) >>> 5),
      best: new Float64Array(labels * NEAREST),
      nearest: new Int32Array(labels).fill(-1),
      inQuestion: new Uint8Array(model.kinds.length),
      wordFeaturesOf: wordFeatures(model),
    };
    scratches.set(model, scratch);
  }
  return scratch;
}

/** Each example's features that count as shared words, as views into one array (see buildPhrasing). */
function wordFeatures(model: PhrasingModel): Int32Array[] {
  const isWord = (id: number) => model.kinds[id] === 't' || model.kinds[id] === 'h';
  const all = new Int32Array(model.featuresOf.reduce((sum, features) => sum + features.filter(isWord).length, 0));
  let end = 0;
  return model.featuresOf.map((features) => {
    const start = end;
    for (const id of features) if (isWord(id)) all[end++] = id;
    return all.subarray(start, end);
  });
}

/** A question as the model reads it: its known features' weights, and its length counting the unknown ones. */
export interface QuestionVector {
  ids: number[];
  weights: number[];
  norm: number;
}

export function questionVector(model: PhrasingModel, text: string): QuestionVector {
  const ids: number[] = [];
  const weights: number[] = [];
  // Features no example has still count in the question's length: a question mostly about something else is less like any example.
  let norm = 0;
  for (const [f, c] of rawFeatures(text)) {
    const id = model.featureIds.get(f);
    const w = (1 + Math.log(c)) * (id === undefined ? UNKNOWN_FEATURE : model.idf[id]!);
    norm += w * w;
    if (id === undefined) continue;
    ids.push(id);
    weights.push(w);
  }
  return { ids, weights, norm: Math.sqrt(norm) || 1 };
}

/** Every label's similarity to the question, best first. */
export function matchPhrasing(model: PhrasingModel, question: string | QuestionVector): LabelMatch[] {
  const { ids, weights, norm } = typeof question === 'string' ? questionVector(model, question) : question;
  const scratch = scratchOf(model);
  try {
    return compare(model, ids, weights, norm, scratch);
  } finally {
    scratch.scores.fill(0);
    scratch.scored.fill(0);
    scratch.best.fill(0);
    scratch.nearest.fill(-1);
    for (const id of ids) scratch.inQuestion[id] = 0;
  }
}

/** The question's features (ids, weights, length) against every example: each label's nearest, best first. */
function compare(model: PhrasingModel, ids: number[], weights: number[], norm: number, { scores, scored, best, nearest, inQuestion, wordFeaturesOf }: Scratch): LabelMatch[] {
  const { start, example, weight, labelOf } = model;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    const w = weights[k]! / norm;
    const end = start[id + 1]!;
    for (let at = start[id]!; at < end; at++) {
      const i = example[at]!;
      scores[i]! += w * weight[at]!;
      scored[i >>> 5]! |= 1 << (i & 31);
    }
  }
  // The NEAREST best examples of each label, in one pass over the scored examples in order (the
  // first of equals is the nearest). Weights are positive, so an example is scored when it shares a feature.
  for (let word = 0; word < scored.length; word++) {
    for (let bits = scored[word]!; bits !== 0; bits &= bits - 1) {
      const i = (word << 5) | (31 - Math.clz32(bits & -bits));
      const score = scores[i]!;
      const base = labelOf[i]! * NEAREST;
      // Not above the label's NEAREST-th best: nothing changes (the best are kept in order).
      if (score <= best[base + NEAREST - 1]!) continue;
      for (let k = 0; k < NEAREST; k++) {
        if (score <= best[base + k]!) continue;
        for (let m = NEAREST - 1; m > k; m--) best[base + m] = best[base + m - 1]!;
        best[base + k] = score;
        if (k === 0) nearest[labelOf[i]!] = i;
        break;
      }
    }
  }
  for (const id of ids) inQuestion[id] = 1;
  const out: LabelMatch[] = [];
  for (let l = 0; l < model.labels.length; l++) {
    if (nearest[l]! < 0) continue;
    let similarity = 0;
    for (let k = 0; k < NEAREST; k++) similarity += best[l * NEAREST + k]!;
    // A label with fewer examples than NEAREST (a team's topic with one or two) is judged on those it has.
    const counted = Math.min(NEAREST, model.examplesOf[l]!);
    out.push({ label: model.labels[l]!, similarity: similarity / counted, nearest: nearest[l]!, shared: sharedWords(model, wordFeaturesOf, inQuestion, nearest[l]!) });
  }
  return out.sort((a, b) => b.similarity - a.similarity);
}

function sharedWords(model: PhrasingModel, wordFeaturesOf: Int32Array[], inQuestion: Uint8Array, example: number): number {
  let shared = 0;
  const features = wordFeaturesOf[example]!;
  for (let k = 0; k < features.length; k++) {
    const id = features[k]!;
    if (!inQuestion[id]) continue;
    const kind = model.kinds[id];
    shared += kind === 't' ? 1 : kind === 'h' ? 0.5 : 0;
  }
  return shared;
}
