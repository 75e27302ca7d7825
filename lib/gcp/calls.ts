/**
 * Every Google API call goes through `callGoogle`: it is counted (the app reports how many calls a
 * page makes), reads retry UNAVAILABLE / RESOURCE_EXHAUSTED with bounded exponential backoff, and
 * any failure leaves as a typed GcpError.
 */
import type { DataWarning } from '@/lib/domain/records';
import { isRetryable, toGcpError, type GcpErrorContext } from './errors';

/** What a read returns: the records, what was left out and why, and the pages it took. */
export interface Listing<T> {
  readonly items: readonly T[];
  readonly warnings: readonly DataWarning[];
  readonly pages: number;
}

export interface RetryPolicy {
  /** Total tries, the first included. */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly multiplier: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 5_000,
  multiplier: 2,
};

/** Per-call options for google-gax: our own retry loop replaces gax's, so each try is counted. */
export const GAX_CALL_OPTIONS = { retry: null, autoPaginate: false, timeout: 60_000 } as const;

/** Google API calls made, each try and each page counted once. */
export class ApiCallCounter {
  total = 0;
  readonly byMethod: Record<string, number> = {};

  count(method: string): void {
    this.total += 1;
    this.byMethod[method] = (this.byMethod[method] ?? 0) + 1;
  }
}

export interface CallSite {
  readonly calls: ApiCallCounter;
  readonly retry: RetryPolicy;
}

export type CallKind = 'read' | 'mutation';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Delay before try `n + 1` (n ≥ 1): exponential, capped, with jitter so clients spread out. */
export function backoffDelayMs(
  policy: RetryPolicy,
  n: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** (n - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/**
 * Runs one Google call. Reads are retried on transient errors; mutations never are, because a
 * failed answer does not say whether the change was applied.
 */
export async function callGoogle<T>(
  site: CallSite,
  method: string,
  kind: CallKind,
  context: GcpErrorContext,
  run: () => Promise<T>,
): Promise<T> {
  const attempts = kind === 'read' ? Math.max(1, site.retry.attempts) : 1;
  for (let n = 1; ; n++) {
    site.calls.count(method);
    try {
      return await run();
    } catch (err) {
      if (n >= attempts || !isRetryable(err)) throw toGcpError(err, context);
      await sleep(backoffDelayMs(site.retry, n));
    }
  }
}
