/** Keys remembered at most, whatever the traffic: beyond it the least recently used key is forgotten. */
const DEFAULT_MAX_KEYS = 10_000;

/**
 * At most `limit` events per key within `windowMs` (a sliding window), in bounded memory.
 *
 * The map is kept in order of each key's latest event (a key is moved to the back when it takes),
 * so every expired key sits at the front: each call sweeps the front until it meets a live key.
 * A key is swept once per time it was added: O(1) amortised, however many authors pass by.
 * Past `maxKeys` the oldest key is dropped even if still live; that key merely gets a fresh allowance.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {}

  /** Keys currently remembered (for tests and metrics). */
  get size(): number {
    return this.hits.size;
  }

  /** Whether `key` may take one more event now; records nothing. */
  canTake(key: string, now = Date.now()): boolean {
    this.forgetExpired(now);
    return this.recent(key, now).length < this.limit;
  }

  /** Records an event for `key` if it is within the limit; false (and nothing recorded) if not. */
  tryTake(key: string, now = Date.now()): boolean {
    this.forgetExpired(now);
    const recent = this.recent(key, now);
    if (recent.length >= this.limit) return false;
    recent.push(now);
    this.hits.delete(key); // re-inserted at the back: the map stays ordered by latest event
    this.hits.set(key, recent);
    while (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return true;
  }

  /** The key's events still inside the window (pruned in place; at most `limit` long). */
  private recent(key: string, now: number): number[] {
    const times = this.hits.get(key);
    if (!times) return [];
    let expired = 0;
    while (expired < times.length && now - times[expired]! >= this.windowMs) expired++;
    if (expired) times.splice(0, expired);
    return times;
  }

  private forgetExpired(now: number): void {
    for (const [key, times] of this.hits) {
      // Ordered by latest event: the first key whose latest event is live ends the sweep.
      if (now - times[times.length - 1]! < this.windowMs) return;
      this.hits.delete(key);
    }
  }
}

/**
 * Takes one event from every limiter only if all of them allow it: a per-user allowance is not
 * spent when the per-channel limit then refuses the answer.
 */
export function tryTakeAll(checks: ReadonlyArray<readonly [RateLimiter, string]>, now = Date.now()): boolean {
  if (!checks.every(([limiter, key]) => limiter.canTake(key, now))) return false;
  for (const [limiter, key] of checks) limiter.tryTake(key, now);
  return true;
}
