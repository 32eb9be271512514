import {
  ANSWER_COVERAGE,
  ANSWER_MARGIN,
  ANSWER_SUPPORT,
  STRONG_COVERAGE,
  STRONG_SUPPORT,
  SUGGEST_COVERAGE,
  SEVERAL_COVERAGE,
  SEVERAL_MARGIN,
  SEVERAL_NAMED,
  SIGNATURE_MARGIN,
  NAME_COVERAGE,
  NAME_MARGIN,
  NAME_SPECIFIC,
  NAME_OFF,
  FOREIGN_MARGIN,
  PHRASING_ANSWER,
  PHRASING_FOREIGN_SHARE,
  PHRASING_OFF_RATIO,
  PHRASING_SHARED,
  PHRASING_CLOSE,
  PHRASING_RANK,
  PHRASING_SWITCH,
  PHRASING_KEEP,
  PHRASING_KEEP_SPECIFIC,
  PHRASING_VETO_MIN,
  PHRASING_VETO_RATIO,
  CLASSIFIED_ANSWER,
  CLASSIFIED_OFF,
  CLASSIFIED_UNSEEN_SHARE,
  CLASSIFIED_VETO,
  CLASSIFIED_VETO_FAMILY,
  CLASSIFIED_REFINE,
  CLASSIFIED_SWITCH,
  CLASSIFIED_SWITCH_FROM,
  CLASSIFIED_SWITCH_WORDS,
  CLASSIFIED_SWITCH_RANK,
  UNKNOWN_CAP,
  UNKNOWN_SHARE,
} from './weights.ts';

/**
 * The answer decision: answer, offer "did you mean", or stay silent, made on evidence FOR the best
 * topic (how much of what it names the question contains, how specific that is) and how clearly it
 * beats the runner-up, never on how many of the question's words the knowledge happens to know.
 */

/** What the decision reads; every number is explained in weights.ts. */
export interface GateEvidence {
  topic: string;
  /** Σ word weight × how directly the topic names it. */
  support: number;
  /** The question's weight in words the knowledge knows, and in words it does not. */
  knownWeight: number;
  unknownWeight: number;
  /** How many of the question's specific words the topic names in its curated fields. */
  named: number;
  /** How many words the topic names in its curated fields are not among the most used words of everyday speech (work, fix). */
  specific: number;
  /** Whether the question quotes one of the topic's error signatures (errno 98, EADDRINUSE). */
  signature: boolean;
  /** Whether the question says one of the topic's aliases whole (localhost, 127.0.0.1, 포트 충돌). */
  aliased: boolean;
  /** How many unknown words of the question look like subjects of their own (kafka, certbot, 회의실). */
  foreign: number;
  /** Their share of the question's words. */
  foreignShare: number;
  /** The share of the question's words that are unknown subjects no example (of a topic or not to answer) has either. */
  unseenShare: number;
  /** 1 − runner-up score / best score (1 when there is no runner-up outside the best topic's family). */
  margin: number;
  rival: string | null;
  /** Phrasing (phrasing.ts): the topic whose examples, with the ranking, are nearest to the question, and how near (cosine, 0..1). */
  phrased: string;
  phrasedSimilarity: number;
  /** Its place in the term ranking (0 = best; the ranking's length when the terms do not find it). */
  phrasedRank: number;
  /** How many words the question shares with that topic's nearest example (phrasing.ts). */
  phrasedShared: number;
  /** How near the examples of `topic` (the ranking's best) are, and whether it has any (a team's own topic may not). */
  topicSimilarity: number;
  topicHasExamples: boolean;
  /** How near the questions not to answer (knowledge/phrasing/off-topic.yaml) are. */
  offTopicSimilarity: number;
  /** The phrasing classifier (phrasing-classifier.ts): the probability that the question is one of the topic's family's, or one not to answer. */
  phrasedProbability: number;
  topicProbability: number;
  offTopicProbability: number;
  /** The same for the topic itself (not its family). */
  phrasedLabelProbability: number;
  topicLabelProbability: number;
  /** The classifier's likeliest topic, its probability, and its place in the blend (0 = best). */
  likeliest: string;
  likeliestProbability: number;
  likeliestRank: number;
  /** How many words the question has (query.ts): a sentence, or a few keywords. */
  words: number;
}

export type Outcome = 'answer' | 'suggest' | 'silent';

export interface Decision {
  outcome: Outcome;
  /** The topic answered (the ranking's best, or the phrasing's), or the one suggested first. */
  topic: string;
  /** The rules that decided, in words, for `cli ask --explain`. */
  reasons: string[];
}

/** The thresholds the decision uses; a bench sweeps other values through the same rule. */
export interface GateThresholds {
  answerCoverage: number;
  answerSupport: number;
  answerMargin: number;
  strongSupport: number;
  strongCoverage: number;
  suggestCoverage: number;
  unknownShare: number;
  unknownCap: number;
  severalNamed: number;
  severalCoverage: number;
  severalMargin: number;
  signatureMargin: number;
  nameCoverage: number;
  nameMargin: number;
  nameOff: number;
  nameSpecific: number;
  foreignMargin: number;
  phrasingAnswer: number;
  phrasingVetoMin: number;
  phrasingVetoRatio: number;
  phrasingForeignShare: number;
  phrasingOffRatio: number;
  phrasingShared: number;
  phrasingClose: number;
  phrasingRank: number;
  phrasingSwitch: number;
  phrasingKeep: number;
  phrasingKeepSpecific: number;
  classifiedAnswer: number;
  classifiedOff: number;
  classifiedUnseenShare: number;
  classifiedVeto: number;
  classifiedVetoFamily: number;
  classifiedRefine: number;
  classifiedSwitch: number;
  classifiedSwitchFrom: number;
  classifiedSwitchWords: number;
  classifiedSwitchRank: number;
}

export const GATE: GateThresholds = {
  answerCoverage: ANSWER_COVERAGE,
  answerSupport: ANSWER_SUPPORT,
  answerMargin: ANSWER_MARGIN,
  strongSupport: STRONG_SUPPORT,
  strongCoverage: STRONG_COVERAGE,
  suggestCoverage: SUGGEST_COVERAGE,
  unknownShare: UNKNOWN_SHARE,
  unknownCap: UNKNOWN_CAP,
  severalNamed: SEVERAL_NAMED,
  severalCoverage: SEVERAL_COVERAGE,
  severalMargin: SEVERAL_MARGIN,
  signatureMargin: SIGNATURE_MARGIN,
  nameCoverage: NAME_COVERAGE,
  nameMargin: NAME_MARGIN,
  nameOff: NAME_OFF,
  nameSpecific: NAME_SPECIFIC,
  foreignMargin: FOREIGN_MARGIN,
  phrasingAnswer: PHRASING_ANSWER,
  phrasingVetoMin: PHRASING_VETO_MIN,
  phrasingVetoRatio: PHRASING_VETO_RATIO,
  phrasingForeignShare: PHRASING_FOREIGN_SHARE,
  phrasingOffRatio: PHRASING_OFF_RATIO,
  phrasingShared: PHRASING_SHARED,
  phrasingClose: PHRASING_CLOSE,
  phrasingRank: PHRASING_RANK,
  phrasingSwitch: PHRASING_SWITCH,
  phrasingKeep: PHRASING_KEEP,
  phrasingKeepSpecific: PHRASING_KEEP_SPECIFIC,
  classifiedAnswer: CLASSIFIED_ANSWER,
  classifiedOff: CLASSIFIED_OFF,
  classifiedUnseenShare: CLASSIFIED_UNSEEN_SHARE,
  classifiedVeto: CLASSIFIED_VETO,
  classifiedVetoFamily: CLASSIFIED_VETO_FAMILY,
  classifiedRefine: CLASSIFIED_REFINE,
  classifiedSwitch: CLASSIFIED_SWITCH,
  classifiedSwitchFrom: CLASSIFIED_SWITCH_FROM,
  classifiedSwitchWords: CLASSIFIED_SWITCH_WORDS,
  classifiedSwitchRank: CLASSIFIED_SWITCH_RANK,
};

/** The share of the question's weight the topic names (0..1); unknown words count by UNKNOWN_SHARE, up to UNKNOWN_CAP (see weights.ts). */
export function coverageOf(e: Pick<GateEvidence, 'support' | 'knownWeight' | 'unknownWeight'>, t: GateThresholds = GATE): number {
  const total = e.knownWeight + Math.min(e.unknownWeight * t.unknownShare, t.unknownCap);
  return total ? Math.min(1, e.support / total) : 0;
}

/**
 * The decision: the rules on the ranking's evidence first; an answer they give is withdrawn when the
 * question is nearer to the questions not to answer than to the topic's own examples. When they do
 * not answer, a question phrased like one topic's examples (and not like the questions not to
 * answer) is answered with that topic.
 */
export function decide(e: GateEvidence, t: GateThresholds = GATE): Decision {
  const { outcome, reasons } = decideOnTerms(e, t);
  if (outcome !== 'answer') {
    if (phrasedLikeTopic(e, t, reasons) || classifiedAsTopic(e, t, reasons)) return { outcome: 'answer', topic: e.phrased, reasons };
    if (likeliestAnswers(e, t, reasons)) return { outcome: 'answer', topic: e.likeliest, reasons };
    return { outcome, topic: e.phrased, reasons };
  }
  // The classifier sure of one of the answered topic's own sub-topics: the answer narrows to it, even on
  // keywords or a quoted error signature (Errno 98 names port-conflict's family; TIME_WAIT is in it).
  if (e.likeliest.startsWith(`${e.topic}/`) && e.likeliestProbability >= t.classifiedRefine) {
    reasons.push(`phrasing classifier: ${e.likeliest} ${e.likeliestProbability.toFixed(2)} ≥ ${t.classifiedRefine}, a sub-topic of ${e.topic}: answers it`);
    return { outcome, topic: e.likeliest, reasons };
  }
  // A question almost wholly in the topic's own words keeps the rules' answer, whatever it resembles.
  if (coverageOf(e, t) >= t.phrasingKeep && e.specific >= t.phrasingKeepSpecific) {
    reasons.push(`phrasing: kept, the question is almost wholly ${e.topic}'s words (coverage ≥ ${t.phrasingKeep}, ${e.specific} specific words)`);
    return { outcome, topic: e.topic, reasons };
  }
  // The examples may put a neighbour in the rules' place; what is answered is then compared with the questions not to answer.
  const overrule = overruled(e, t, reasons);
  const answered = overrule
    ? { topic: e.phrased, similarity: e.phrasedSimilarity, hasExamples: true }
    : { topic: e.topic, similarity: e.topicSimilarity, hasExamples: e.topicHasExamples };
  // A topic without examples (a team's own) is unknown to the classifier, not unlikely: it is not switched.
  if (answered.hasExamples && switchedByClassifier(e, t, answered.topic, overrule ? e.phrasedLabelProbability : e.topicLabelProbability, reasons)) {
    return { outcome, topic: e.likeliest, reasons };
  }
  const off = e.offTopicSimilarity;
  const vetoAt = Math.max(t.phrasingVetoMin, t.phrasingVetoRatio * answered.similarity);
  // A quoted error signature is about its topic whatever it resembles; a topic without examples (a team's own) cannot be compared.
  if (e.signature || !answered.hasExamples) return { outcome, topic: answered.topic, reasons };
  const withdrawn = { outcome: coverageOf(e, t) >= t.suggestCoverage ? ('suggest' as const) : ('silent' as const), topic: answered.topic, reasons };
  // The classifier all but sure it is a question not to answer, and not the answered topic's family (an ORM error in a Flask app: Flask's words, another subject).
  const family = answered.topic === e.topic ? e.topicProbability : e.phrasedProbability;
  if (e.offTopicProbability >= t.classifiedVeto && family <= t.classifiedVetoFamily) {
    reasons.push(`phrasing classifier: not to answer ${e.offTopicProbability.toFixed(2)} ≥ ${t.classifiedVeto}, ${answered.topic}'s family ${family.toFixed(2)} ≤ ${t.classifiedVetoFamily}`);
    return withdrawn;
  }
  if (off < vetoAt) return { outcome, topic: answered.topic, reasons };
  reasons.push(`phrasing: nearer to the questions not to answer (${off.toFixed(2)} ≥ ${vetoAt.toFixed(2)}) than to ${answered.topic}'s examples (${answered.similarity.toFixed(2)})`);
  return withdrawn;
}

/**
 * Whether the phrasing puts its topic in place of the rules' answer: one the terms also rank near
 * the top (often a sub-topic or a neighbour: wsl for a WSL question the terms read as binding
 * 0.0.0.0) whose examples are clearly nearer than the answered topic's (PHRASING_SWITCH times).
 */
function overruled(e: GateEvidence, t: GateThresholds, reasons: string[]): boolean {
  // A topic without examples (a team's own) is not compared: its nearness of 0 says nothing.
  if (e.phrased === e.topic || e.signature || !e.topicHasExamples) return false;
  if (e.phrasedRank >= t.phrasingRank || e.phrasedSimilarity < t.phrasingAnswer || e.phrasedSimilarity < t.phrasingSwitch * e.topicSimilarity) return false;
  reasons.push(`phrasing: ${e.phrased}'s examples (${e.phrasedSimilarity.toFixed(2)}) are ≥ ${t.phrasingSwitch} × nearer than ${e.topic}'s (${e.topicSimilarity.toFixed(2)}): answers ${e.phrased}`);
  return true;
}

/**
 * Whether the question is phrased like the blend's best topic's examples: near enough, clearly
 * nearer than the questions not to answer, sharing words and not one name only. Unless it is
 * almost one of the examples (PHRASING_CLOSE), few of its words may be unknown subjects.
 */
function phrasedLikeTopic(e: GateEvidence, t: GateThresholds, reasons: string[]): boolean {
  const off = e.offTopicSimilarity;
  const near = e.phrasedSimilarity >= t.phrasingAnswer && e.phrasedSimilarity >= off * t.phrasingOffRatio && e.phrasedShared >= t.phrasingShared;
  if (!near) return false;
  const close = e.phrasedSimilarity >= t.phrasingClose;
  if (!close && e.foreignShare > t.phrasingForeignShare) {
    reasons.push(`phrasing: like ${e.phrased}'s examples (${e.phrasedSimilarity.toFixed(2)}), but ${Math.round(e.foreignShare * 100)}% of the words are unknown subjects`);
    return false;
  }
  // An unknown subject (terraform) competes with the topic: then the terms must rank it near the top too.
  if (!close && e.foreign > 0 && e.phrasedRank >= t.phrasingRank) {
    reasons.push(`phrasing: like ${e.phrased}'s examples (${e.phrasedSimilarity.toFixed(2)}), but beside an unknown subject the terms rank it ${e.phrasedRank + 1}th`);
    return false;
  }
  reasons.push(`phrasing: like ${e.phrased}'s examples (${e.phrasedSimilarity.toFixed(2)} ≥ ${close ? `${t.phrasingClose}, almost one of them` : t.phrasingAnswer}; questions not to answer ${off.toFixed(2)}; ${e.phrasedShared} words shared)`);
  return true;
}

/**
 * Whether the classifier puts another topic in place of the answer: in a sentence (not a few
 * keywords, the term rules' ground), one the blend ranks near the top, which the classifier finds
 * likely while it finds the answered topic unlikely, and with the questions not to answer unlikely
 * (lan-ip answered for a question about a firewall blocking a LAN address).
 */
function switchedByClassifier(e: GateEvidence, t: GateThresholds, answered: string, answeredProbability: number, reasons: string[]): boolean {
  if (e.signature || e.likeliest === answered || e.words < t.classifiedSwitchWords || e.likeliestRank >= t.classifiedSwitchRank) return false;
  if (e.likeliestProbability < t.classifiedSwitch || answeredProbability > t.classifiedSwitchFrom || e.offTopicProbability > t.classifiedOff) return false;
  reasons.push(
    `phrasing classifier: ${e.likeliest} ${e.likeliestProbability.toFixed(2)} ≥ ${t.classifiedSwitch} against ${answered} ${answeredProbability.toFixed(2)} ≤ ${t.classifiedSwitchFrom}: answers ${e.likeliest}`,
  );
  return true;
}

/**
 * Whether the phrasing classifier puts the question in the blend's best topic's family with
 * confidence, and not among the questions not to answer; few of its words may be unknown subjects
 * (ngrok's pricing is not ngrok's tunnel), and beside one the terms must rank the topic near the top.
 */
function classifiedAsTopic(e: GateEvidence, t: GateThresholds, reasons: string[]): boolean {
  if (e.phrasedProbability < t.classifiedAnswer || e.offTopicProbability > t.classifiedOff || e.unseenShare > t.classifiedUnseenShare) return false;
  // As for the examples: beside an unknown subject (terraform), the terms must rank the topic near the top too.
  if (e.foreign > 0 && e.phrasedRank >= t.phrasingRank) return false;
  reasons.push(`phrasing classifier: ${e.phrased}'s family ${e.phrasedProbability.toFixed(2)} ≥ ${t.classifiedAnswer}, not to answer ${e.offTopicProbability.toFixed(2)} ≤ ${t.classifiedOff}`);
  return true;
}

/**
 * Whether the classifier's likeliest topic answers what the rules leave open: as sure of it as a
 * switch needs, the blend ranking it near the top, the questions not to answer unlikely and few
 * words unseen (a story naming Flask once among words other pages have: the terms rank
 * those pages, the classifier finds Flask).
 */
function likeliestAnswers(e: GateEvidence, t: GateThresholds, reasons: string[]): boolean {
  // The blend's best was judged by the rule above, with its guard beside an unknown subject (terraform).
  if (e.likeliest === e.phrased || e.likeliestRank >= t.classifiedSwitchRank || e.likeliestProbability < t.classifiedSwitch) return false;
  if (e.offTopicProbability > t.classifiedOff || e.unseenShare > t.classifiedUnseenShare) return false;
  reasons.push(`phrasing classifier: ${e.likeliest} ${e.likeliestProbability.toFixed(2)} ≥ ${t.classifiedSwitch}, ranked ${e.likeliestRank + 1} by the blend, not to answer ${e.offTopicProbability.toFixed(2)} ≤ ${t.classifiedOff}: answers it`);
  return true;
}

/** The rules on the ranking's evidence: coverage, strong support, an error signature, a name, several specific words. */
function decideOnTerms(e: GateEvidence, t: GateThresholds): { outcome: Outcome; reasons: string[] } {
  const reasons: string[] = [];
  const coverage = coverageOf(e, t);
  // An unknown subject of its own (kafka, ingress) beside the topic's words: the question may be about it.
  const needed = e.foreign ? Math.max(t.answerMargin, t.foreignMargin) : t.answerMargin;
  const clear = e.margin >= needed;
  reasons.push(`margin ${e.margin.toFixed(2)} ${clear ? '≥' : '<'} ${needed} over ${e.rival ?? 'no rival'}${e.foreign ? ` (${e.foreign} unknown subject words)` : ''}`);
  const strong = e.support >= t.strongSupport && coverage >= t.strongCoverage;
  const enough = e.support >= t.answerSupport && coverage >= t.answerCoverage;
  if (strong) reasons.push(`strong support ${e.support.toFixed(2)} ≥ ${t.strongSupport} with coverage ${coverage.toFixed(2)} ≥ ${t.strongCoverage}`);
  else if (enough) reasons.push(`support ${e.support.toFixed(2)} ≥ ${t.answerSupport} and coverage ${coverage.toFixed(2)} ≥ ${t.answerCoverage}`);
  else reasons.push(`support ${e.support.toFixed(2)}, coverage ${coverage.toFixed(2)}: below both answer rules`);
  // "thanks, that worked": words every conversation uses name no subject, however well they match.
  const everyday = e.specific === 0 && e.named <= 1;
  if (everyday) reasons.push('no specific word: at most one everyday word (work, fix) is named');
  if (clear && (strong || enough) && !everyday) return { outcome: 'answer', reasons };
  if (e.signature && e.margin >= t.signatureMargin) {
    reasons.push(`quotes an error signature of ${e.topic}, margin ≥ ${t.signatureMargin}`);
    return { outcome: 'answer', reasons };
  }
  // Each unknown word that looks like a subject of its own must be outweighed by one more specific word.
  if (e.aliased && e.specific >= t.nameSpecific + e.foreign && coverage >= t.nameCoverage && e.margin >= t.nameMargin) {
    const named = `names ${e.topic} (an alias; ${e.specific} specific words ≥ ${t.nameSpecific} + ${e.foreign} unknown subject words), coverage ${coverage.toFixed(2)} ≥ ${t.nameCoverage}, margin ≥ ${t.nameMargin}`;
    // A topic without examples (a team's own) is unknown to the classifier, not unlikely: its judgement does not count.
    if (!e.topicHasExamples || e.offTopicProbability < t.nameOff) {
      reasons.push(named);
      return { outcome: 'answer', reasons };
    }
    reasons.push(`${named}, but the phrasing classifier finds it a question not to answer (${e.offTopicProbability.toFixed(2)} ≥ ${t.nameOff})`);
  }
  // As for a name: each unknown subject word (prettier, ingress) needs one more specific word to outweigh it.
  const several = e.specific >= t.severalNamed + e.foreign && coverage >= t.severalCoverage && e.margin >= t.severalMargin;
  if (several) {
    reasons.push(`${e.specific} specific words named ≥ ${t.severalNamed} + ${e.foreign} unknown subject words, coverage ${coverage.toFixed(2)} ≥ ${t.severalCoverage}, margin ≥ ${t.severalMargin}`);
    return { outcome: 'answer', reasons };
  }
  const suggest = coverage >= t.suggestCoverage;
  reasons.push(suggest ? `coverage ≥ ${t.suggestCoverage}: did you mean` : `coverage < ${t.suggestCoverage}: silent`);
  return { outcome: suggest ? 'suggest' : 'silent', reasons };
}
