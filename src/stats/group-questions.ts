import { analyze } from '../knowledge/analyze.ts';

export interface AskedText {
  question: string;
  userHash: string;
  askedAt: number;
}

export interface QuestionGroup<T extends AskedText> {
  /** The wording asked most often (the latest among equals). */
  question: string;
  count: number;
  /** Different people (by keyed hash) who asked it. */
  askers: number;
  items: T[];
}

/** Two questions whose word sets overlap this much (Jaccard) are the same question worded differently. */
const SAME_QUESTION = 0.6;

/**
 * Groups near-duplicate questions: each is read into the search's own terms (Korean stems without
 * particles, English stems, no function words), so "포트가 충돌했어요" and "포트 충돌" or "How do I fix
 * a port conflict?" and "fix port conflict" land together; groups whose term sets mostly overlap merge.
 */
export function groupQuestions<T extends AskedText>(items: readonly T[]): Array<QuestionGroup<T>> {
  const byKey = new Map<string, { terms: Set<string>; items: T[] }>();
  for (const item of items) {
    const terms = new Set(analyze(item.question).map((t) => t.term));
    const key = terms.size ? [...terms].sort().join(' ') : normalizeText(item.question);
    const group = byKey.get(key) ?? { terms, items: [] };
    group.items.push(item);
    byKey.set(key, group);
  }
  const merged: Array<{ terms: Set<string>; items: T[] }> = [];
  for (const group of [...byKey.values()].sort((a, b) => b.items.length - a.items.length)) {
    const home = group.terms.size ? merged.find((m) => jaccard(m.terms, group.terms) >= SAME_QUESTION) : undefined;
    if (home) home.items.push(...group.items);
    else merged.push({ terms: group.terms, items: [...group.items] });
  }
  return merged
    .map((g) => ({ question: mostAsked(g.items), count: g.items.length, askers: new Set(g.items.map((i) => i.userHash)).size, items: g.items }))
    .sort((a, b) => b.count - a.count || latest(b.items) - latest(a.items));
}

export function normalizeText(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

function latest(items: readonly AskedText[]): number {
  return items.reduce((max, i) => Math.max(max, i.askedAt), 0);
}

function mostAsked(items: readonly AskedText[]): string {
  const counts = new Map<string, { text: string; count: number; at: number }>();
  for (const item of items) {
    const text = item.question.replace(/\s+/g, ' ').trim();
    const key = normalizeText(text);
    const entry = counts.get(key) ?? { text, count: 0, at: 0 };
    entry.count++;
    if (item.askedAt >= entry.at) Object.assign(entry, { text, at: item.askedAt });
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || b.at - a.at)[0]!.text;
}
