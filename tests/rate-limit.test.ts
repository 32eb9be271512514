import { describe, expect, it } from 'vitest';
import { RateLimiter, tryTakeAll } from '../src/qa/rate-limit.ts';

describe('rate limiter', () => {
  it('forgets a key once its window has passed, without waiting for a size threshold', () => {
    const limiter = new RateLimiter(2, 1000);
    for (let i = 0; i < 50; i++) expect(limiter.tryTake(`user${i}`, 0)).toBe(true);
    expect(limiter.size).toBe(50);
    // One call after the window sweeps every expired key in front of the live one.
    expect(limiter.tryTake('late', 1000)).toBe(true);
    expect(limiter.size).toBe(1);
  });

  it('keeps live keys while sweeping expired ones, and keeps counting them', () => {
    const limiter = new RateLimiter(2, 1000);
    limiter.tryTake('old', 0);
    limiter.tryTake('live', 500);
    limiter.tryTake('live', 600);
    expect(limiter.tryTake('other', 1100)).toBe(true);
    expect(limiter.size).toBe(2); // 'old' gone, 'live' kept
    expect(limiter.tryTake('live', 1200)).toBe(false); // still two events within 1000 ms
    expect(limiter.tryTake('live', 1500)).toBe(true); // the 500 ms event has expired
  });

  it('moves a key that takes again to the back, so the sweep does not stop early on it', () => {
    const limiter = new RateLimiter(5, 1000);
    limiter.tryTake('a', 0);
    limiter.tryTake('b', 100);
    limiter.tryTake('a', 900); // a is now the latest
    expect(limiter.tryTake('c', 1150)).toBe(true);
    expect(limiter.size).toBe(2); // b expired and was swept although a was inserted first
  });

  it('never holds more than its cap of keys, dropping the least recently used', () => {
    const limiter = new RateLimiter(1, 60_000, 100);
    for (let i = 0; i < 10_000; i++) limiter.tryTake(`author${i}`, i);
    expect(limiter.size).toBe(100);
    expect(limiter.canTake('author9999', 10_000)).toBe(false); // the newest are kept
    expect(limiter.canTake('author0', 10_000)).toBe(true); // the oldest were forgotten
  });

  it('refuses without recording, and canTake records nothing', () => {
    const limiter = new RateLimiter(1, 1000);
    expect(limiter.canTake('u', 0)).toBe(true);
    expect(limiter.canTake('u', 0)).toBe(true);
    expect(limiter.tryTake('u', 0)).toBe(true);
    expect(limiter.tryTake('u', 10)).toBe(false);
    expect(limiter.tryTake('u', 1000)).toBe(true); // the refused call did not extend the window
  });

  it('does not spend the per-user allowance when the per-channel limit refuses', () => {
    const perUser = new RateLimiter(3, 60_000);
    const perChannel = new RateLimiter(1, 60_000);
    expect(tryTakeAll([[perUser, 'alice'], [perChannel, 'general']], 0)).toBe(true);
    expect(tryTakeAll([[perUser, 'alice'], [perChannel, 'general']], 1)).toBe(false);
    expect(tryTakeAll([[perUser, 'alice'], [perChannel, 'general']], 2)).toBe(false);
    // Alice was answered once: two of her three answers are left for another channel.
    expect(tryTakeAll([[perUser, 'alice'], [perChannel, 'random']], 3)).toBe(true);
    expect(tryTakeAll([[perUser, 'alice'], [perChannel, 'help']], 4)).toBe(true);
    expect(tryTakeAll([[perUser, 'alice'], [perChannel, 'ops']], 5)).toBe(false);
  });
});
