import { describe, expect, it } from 'vitest';
import { createRateLimiter, isMutating } from './rate-limit';

function limiter(capacity = 3, refillPerSecond = 1, maxKeys?: number) {
  let nowMs = 1_000_000;
  const limit = createRateLimiter({ capacity, refillPerSecond, maxKeys, nowMs: () => nowMs });
  return { limit, advance: (ms: number) => (nowMs += ms) };
}

describe('mutation rate limit', () => {
  it('allows a burst up to the capacity, then refuses with a retry hint', () => {
    const { limit } = limiter(3, 0.5);
    expect([1, 2, 3].map(() => limit.take('ana').ok)).toEqual([true, true, true]);
    expect(limit.take('ana')).toEqual({ ok: false, retryAfterSeconds: 2 });
  });

  it('refills over time but never above the capacity', () => {
    const { limit, advance } = limiter(2, 1);
    limit.take('ana');
    limit.take('ana');
    advance(1_000);
    expect(limit.take('ana').ok).toBe(true);
    expect(limit.take('ana').ok).toBe(false);
    advance(60_000);
    expect([1, 2, 3].map(() => limit.take('ana').ok)).toEqual([true, true, false]);
  });

  it('keeps one bucket per user', () => {
    const { limit } = limiter(1, 1);
    expect(limit.take('ana').ok).toBe(true);
    expect(limit.take('ana').ok).toBe(false);
    expect(limit.take('bo').ok).toBe(true);
  });

  it('forgets the least recently seen user past maxKeys, so memory stays bounded', () => {
    const { limit } = limiter(1, 0.001, 2);
    limit.take('ana');
    limit.take('bo');
    limit.take('cy');
    // ana's spent bucket was evicted, so she starts afresh; bo's is still spent.
    expect(limit.take('ana').ok).toBe(true);
    expect(limit.take('cy').ok).toBe(false);
  });

  it('a clock that steps backwards does not mint tokens', () => {
    const { limit, advance } = limiter(1, 1);
    limit.take('ana');
    advance(-5_000);
    expect(limit.take('ana').ok).toBe(false);
  });

  it.each([
    ['GET', false],
    ['HEAD', false],
    ['OPTIONS', false],
    ['POST', true],
    ['put', true],
    ['PATCH', true],
    ['DELETE', true],
  ])('%s mutating: %s', (method, expected) => {
    expect(isMutating(method)).toBe(expected);
  });
});
