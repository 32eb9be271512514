import type { PhrasingModel, QuestionVector } from './phrasing.ts';
import { runToEnd } from './steps.ts';
import { CLASSIFIER_NEGLIGIBLE, CLASSIFIER_PASSES, CLASSIFIER_STEP } from './weights.ts';

/**
 * Which label a question's phrasing points to, learnt from the same examples as phrasing.ts: a
 * softmax classifier (multinomial logistic regression) over the same features. The nearest
 * examples say how alike a question is to some of them; the classifier learns which features tell
 * the labels apart (replication, 쿼리 → the questions not to answer; a bare "port" → nothing), so
 * it is the better judge of a question that is not ours. Trained in a fixed order: the same
 * examples always give the same weights, hence the same answers.
 */
export interface PhrasingClassifier {
  /** Per feature, per label (feature-major: a question's few features read contiguous rows). */
  weights: Float32Array;
  bias: Float64Array;
  labels: number;
}

export function trainClassifier(model: PhrasingModel): PhrasingClassifier {
  return runToEnd(classifierTraining(model));
}

/** How many examples are learnt from between two pauses of the training (steps.ts). */
const EXAMPLES_PER_STEP = 128;

/** trainClassifier in steps: it pauses every EXAMPLES_PER_STEP examples; the order of the work, hence the weights, is the same. */
export function* classifierTraining(model: PhrasingModel): Generator<void, PhrasingClassifier> {
  const features = model.featureIds.size;
  const labels = model.labels.length;
  const examples = model.labelOf.length;
  const weights = new Float32Array(labels * features);
  const bias = new Float64Array(labels);
  const p = new Float64Array(labels);
  const order = Int32Array.from({ length: examples }, (_, i) => i);
  let seed = 1;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let pass = 0; pass < CLASSIFIER_PASSES; pass++) {
    for (let i = examples - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const step = CLASSIFIER_STEP / (1 + pass);
    for (let n = 0; n < examples; n++) {
      if (n % EXAMPLES_PER_STEP === EXAMPLES_PER_STEP - 1) yield;
      const i = order[n]!;
      const rowFeature = model.featuresOf[i]!;
      const rowWeight = model.weightsOf[i]!;
      probabilities(weights, bias, rowFeature, rowWeight, p, 1);
      const truth = model.labelOf[i]!;
      for (let l = 0; l < labels; l++) {
        const gradient = p[l]! - (l === truth ? 1 : 0);
        // The bias always learns (a label's prior, whatever its number of examples); only the weights skip a negligible step.
        bias[l]! -= step * gradient;
        if (gradient > -CLASSIFIER_NEGLIGIBLE && gradient < CLASSIFIER_NEGLIGIBLE) continue;
        for (let at = 0; at < rowFeature.length; at++) weights[rowFeature[at]! * labels + l]! -= step * gradient * rowWeight[at]!;
      }
    }
  }
  return { weights, bias, labels };
}

/** Each label's probability for the question (indexed as model.labels). */
export function classify(classifier: PhrasingClassifier, question: QuestionVector): Float64Array {
  const p = new Float64Array(classifier.labels);
  probabilities(classifier.weights, classifier.bias, question.ids, question.weights, p, question.norm);
  return p;
}

function probabilities(weights: Float32Array, bias: Float64Array, ids: ArrayLike<number>, values: ArrayLike<number>, out: Float64Array, norm: number): void {
  const labels = out.length;
  out.fill(0);
  for (let at = 0; at < ids.length; at++) {
    const row = ids[at]! * labels;
    const value = values[at]!;
    for (let l = 0; l < labels; l++) out[l]! += weights[row + l]! * value;
  }
  let max = -Infinity;
  for (let l = 0; l < labels; l++) {
    const s = bias[l]! + out[l]! / norm;
    out[l] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let l = 0; l < labels; l++) sum += out[l] = Math.exp(out[l]! - max);
  for (let l = 0; l < labels; l++) out[l]! /= sum;
}
