import { MAX_TYPO_DISTANCE, MAX_TYPO_KEY_LENGTH } from './bounds.ts';

/**
 * Typo lookup by deletion neighbourhoods (the SymSpell idea): every term is stored under the strings
 * left after deleting up to `maxDistance` letters, so a query finds its near neighbours with a few
 * map lookups instead of comparing against the whole vocabulary.
 *
 * A neighbourhood grows with the square of the key's length (every 2-letter deletion of a 600-letter
 * pasted token is 180,000 strings; with depth it grows as length^depth), so keys longer than
 * MAX_TYPO_KEY_LENGTH are neither stored nor looked up, and no depth exceeds MAX_TYPO_DISTANCE.
 */
export class TypoIndex {
  private readonly variants = new Map<string, Set<string>>();

  private readonly maxDistanceFor: (length: number) => number;

  constructor(maxDistanceFor: (length: number) => number) {
    this.maxDistanceFor = (length) => Math.min(MAX_TYPO_DISTANCE, maxDistanceFor(length));
  }

  /** `key` is what distance is measured on (jamo for Korean); `term` is what a match returns. */
  add(key: string, term: string): void {
    if (key.length > MAX_TYPO_KEY_LENGTH) return;
    for (const variant of deletions(key, this.maxDistanceFor(key.length))) {
      let terms = this.variants.get(variant);
      if (!terms) this.variants.set(variant, (terms = new Set()));
      terms.add(`${key}\u0000${term}`);
    }
  }

  /** Terms within the allowed distance of `key`, nearest first (ties: shorter length difference). */
  lookup(key: string): Array<{ term: string; distance: number }> {
    const limit = this.maxDistanceFor(key.length);
    if (limit === 0 || key.length > MAX_TYPO_KEY_LENGTH) return [];
    const found = new Map<string, number>();
    for (const variant of deletions(key, limit)) {
      for (const entry of this.variants.get(variant) ?? []) {
        const [candidateKey, term] = entry.split('\u0000') as [string, string];
        if (candidateKey === key || found.has(term)) continue;
        const distance = editDistance(key, candidateKey, limit);
        if (distance <= Math.min(limit, this.maxDistanceFor(candidateKey.length))) found.set(term, distance);
      }
    }
    return [...found].map(([term, distance]) => ({ term, distance })).sort((a, b) => a.distance - b.distance);
  }
}

function deletions(word: string, depth: number): Set<string> {
  const out = new Set([word]);
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Optimal-string-alignment distance (insert, delete, substitute, swap neighbours); stops early past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      row.push(value);
      best = Math.min(best, value);
    }
    rows.push(row);
    if (i > 0 && best > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}
