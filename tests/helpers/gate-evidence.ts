import type { GateEvidence } from '../../src/knowledge/gate.ts';

/**
 * Gate evidence with nothing for or against any topic but what a test sets: no support, no
 * unknown words, a margin of 0, the phrasing and the classifier pointing at the topic with
 * probability 0, three words.
 */
export const evidenceWith = (set: Partial<GateEvidence> & Pick<GateEvidence, 'topic'>): GateEvidence => ({
  support: 0, knownWeight: 0, unknownWeight: 0, named: 0, specific: 0, signature: false, aliased: false,
  foreign: 0, foreignShare: 0, unseenShare: 0, margin: 0, rival: null, phrased: set.topic, phrasedSimilarity: 0, phrasedShared: 0, phrasedRank: 0,
  topicSimilarity: 0, topicHasExamples: true, offTopicSimilarity: 0, phrasedProbability: 0, topicProbability: 0, offTopicProbability: 0,
  phrasedLabelProbability: 0, topicLabelProbability: 0, likeliest: set.topic, likeliestProbability: 0, likeliestRank: 0, words: 3,
  ...set,
});
