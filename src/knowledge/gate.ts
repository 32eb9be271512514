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
  FOREIGN_MARGIN,
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
  /** 1 − runner-up score / best score (1 when there is no runner-up outside the best topic's family). */
  margin: number;
  rival: string | null;
}

export type Outcome = 'answer' | 'suggest' | 'silent';

export interface Decision {
  outcome: Outcome;
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
  nameSpecific: number;
  foreignMargin: number;
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
  nameSpecific: NAME_SPECIFIC,
  foreignMargin: FOREIGN_MARGIN,
};

/** The share of the question's weight the topic names (0..1); unknown words count by UNKNOWN_SHARE, up to UNKNOWN_CAP (see weights.ts). */
export function coverageOf(e: Pick<GateEvidence, 'support' | 'knownWeight' | 'unknownWeight'>, t: GateThresholds = GATE): number {
  const total = e.knownWeight + Math.min(e.unknownWeight * t.unknownShare, t.unknownCap);
  return total ? Math.min(1, e.support / total) : 0;
}

export function decide(e: GateEvidence, t: GateThresholds = GATE): Decision {
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
    reasons.push(`names ${e.topic} (an alias; ${e.specific} specific words ≥ ${t.nameSpecific} + ${e.foreign} unknown subject words), coverage ${coverage.toFixed(2)} ≥ ${t.nameCoverage}, margin ≥ ${t.nameMargin}`);
    return { outcome: 'answer', reasons };
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
