export interface RateLimitOptions {
  /** Requests allowed in a burst. */
  readonly capacity: number;
  /** Sustained rate once the burst is spent. */
  readonly refillPerSecond: number;
  /** Keys remembered at most; the least recently used are forgotten first. */
  readonly maxKeys?: number;
  readonly nowMs?: () => number;
}

export type RateDecision =
  { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): RateDecision;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * In-process token buckets, one per key (a user). Good for one instance; several instances behind
 * a load balancer each keep their own buckets, which only loosens the limit by the instance count.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const nowMs = options.nowMs ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, Bucket>();

  return {
    take(key) {
      const now = nowMs();
      const bucket = buckets.get(key) ?? { tokens: options.capacity, updatedMs: now };
      const elapsedSeconds = Math.max(0, now - bucket.updatedMs) / 1000;
      bucket.tokens = Math.min(
        options.capacity,
        bucket.tokens + elapsedSeconds * options.refillPerSecond,
      );
      bucket.updatedMs = now;
      // Re-insert so Map order is least-recently-used first.
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return {
        ok: false,
        retryAfterSeconds: Math.ceil((1 - bucket.tokens) / options.refillPerSecond),
      };
    },
  };
}

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isMutating(method: string): boolean {
  return MUTATING_METHODS.has(method.toUpperCase());
}
