/**
 * Price books and the cost of job runs (DESIGN §3). Jobs pay for the whole allocated vCPU and memory
 * for every attempt's run time, rounded up to 100 ms; every attempt is billed, failed ones included.
 */

export type PriceBook = {
  readonly id: string;
  readonly label: string;
  /** ISO date (YYYY-MM-DD) the rates were read from their source. */
  readonly asOf: string;
  readonly vcpuSecondUsd: number;
  readonly gibSecondUsd: number;
  /** True when the rates are derived rather than read from a published price list. */
  readonly estimate: boolean;
  readonly source: string;
};

const PRICING_PAGE = 'https://cloud.google.com/run/pricing';

export const PRICE_BOOKS = [
  {
    id: 'jobs-tier1',
    label: 'Cloud Run jobs, Tier 1',
    // The vCPU rate ("$0.00001800 / vCPU-second beyond free tier", jobs in Tier 1 regions) and the
    // free-tier rule were read on the pricing page that day; the GiB rate is the one listed with it.
    asOf: '2026-12-03',
    vcpuSecondUsd: 0.000018,
    gibSecondUsd: 0.000002,
    estimate: false,
    source: `${PRICING_PAGE} — "Pricing for regions in Tier 1", Jobs row: $0.000018 per vCPU-second and $0.000002 per GiB-second beyond the free tier (the instance-based services rates).`,
  },
  {
    id: 'jobs-tier2',
    label: 'Cloud Run jobs, Tier 2',
    // Derived, not read: the date is the day the Tier 1 rates it derives from were read.
    asOf: '2026-12-03',
    vcpuSecondUsd: 0.0000252,
    gibSecondUsd: 0.0000028,
    estimate: true,
    source: `Estimate: 1.4 × the Tier 1 jobs rates of ${PRICING_PAGE}; not a published price — check "Pricing for regions in Tier 2" there for your region.`,
  },
  {
    id: 'services-request',
    label: 'Request-based services, Tier 1',
    asOf: '2026-12-03',
    vcpuSecondUsd: 0.000024,
    gibSecondUsd: 0.0000025,
    estimate: false,
    source: `${PRICING_PAGE} — services with CPU only allocated during request processing, Tier 1: $0.000024 per vCPU-second and $0.0000025 per GiB-second; the rates the reel-stitching resource notes priced jobs with, not what jobs pay.`,
  },
] as const satisfies readonly PriceBook[];

export type PriceBookId = (typeof PRICE_BOOKS)[number]['id'];
export const DEFAULT_PRICE_BOOK_ID: PriceBookId = 'jobs-tier1';

export function findPriceBook(id: string): PriceBook | undefined {
  return PRICE_BOOKS.find((book) => book.id === id);
}

/** Monthly free allowance per billing account (shared across projects, so off by default). */
export const FREE_TIER = { vcpuSeconds: 240_000, gibSeconds: 450_000 } as const;

/**
 * "The free tier is applied as a spending based discount using Tier 1 pricing"
 * (https://cloud.google.com/run/pricing): the credit is the free usage at the Tier 1 jobs rates,
 * whatever book prices the usage itself.
 */
export const FREE_TIER_RATES = PRICE_BOOKS[0];

/** The free tier's credit on one month's usage: at most the gross spending. */
export function freeTierCreditUsd(usage: Usage, grossUsd: number): number {
  const free: Usage = {
    vcpuSeconds: Math.min(Math.max(0, usage.vcpuSeconds), FREE_TIER.vcpuSeconds),
    gibSeconds: Math.min(Math.max(0, usage.gibSeconds), FREE_TIER.gibSeconds),
  };
  return Math.min(grossUsd, usageCostUsd(free, FREE_TIER_RATES));
}

export class CostInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CostInputError';
  }
}

export type Allocation = { readonly vcpu: number; readonly memoryBytes: number };
export type Attempt = Allocation & { readonly durationSeconds: number };
/** What Cloud Run bills: vCPU-seconds and GiB-seconds, the units of `allocation_time`. */
export type Usage = { readonly vcpuSeconds: number; readonly gibSeconds: number };

const BYTES_PER_GIB = 2 ** 30;
// Durations come from timestamps with at most nanosecond precision; anything closer to a 100 ms
// step than this is representation error (60 s must bill as 60.0 s, not 60.1 s).
const TENTHS_TOLERANCE = 1e-7;

/** Run time rounded up to the next 100 ms, in seconds. */
export function billedSeconds(durationSeconds: number): number {
  if (!Number.isFinite(durationSeconds) || durationSeconds < 0) {
    throw new CostInputError(
      `An attempt lasting ${durationSeconds} seconds cannot be priced; durations must be finite and not negative.`,
    );
  }
  const tenths = durationSeconds * 10;
  const nearest = Math.round(tenths);
  const steps = Math.abs(tenths - nearest) <= TENTHS_TOLERANCE ? nearest : Math.ceil(tenths);
  return steps / 10 + 0; // + 0 turns −0 into 0
}

function assertAllocation({ vcpu, memoryBytes }: Allocation): void {
  if (!Number.isFinite(vcpu) || vcpu < 0 || !Number.isFinite(memoryBytes) || memoryBytes < 0) {
    throw new CostInputError(
      `An allocation of ${vcpu} vCPU and ${memoryBytes} bytes cannot be priced; both must be finite and not negative.`,
    );
  }
}

/** The billed vCPU-seconds and GiB-seconds of one attempt. */
export function attemptUsage(attempt: Attempt): Usage {
  assertAllocation(attempt);
  const seconds = billedSeconds(attempt.durationSeconds);
  return {
    vcpuSeconds: attempt.vcpu * seconds,
    gibSeconds: (attempt.memoryBytes / BYTES_PER_GIB) * seconds,
  };
}

export function usageCostUsd(usage: Usage, book: PriceBook): number {
  return usage.vcpuSeconds * book.vcpuSecondUsd + usage.gibSeconds * book.gibSecondUsd;
}

export function attemptCostUsd(attempt: Attempt, book: PriceBook): number {
  return usageCostUsd(attemptUsage(attempt), book);
}

export function sumUsage(usages: Iterable<Usage>): Usage {
  let vcpuSeconds = 0;
  let gibSeconds = 0;
  for (const usage of usages) {
    vcpuSeconds += usage.vcpuSeconds;
    gibSeconds += usage.gibSeconds;
  }
  return { vcpuSeconds, gibSeconds };
}

/**
 * An execution's billed usage: every attempt of every task, each rounded up on its own.
 * `attemptDurationsSeconds` lists all attempts across the execution's tasks, failed ones included.
 */
export type ExecutionRun = Allocation & { readonly attemptDurationsSeconds: readonly number[] };

export function executionUsage(run: ExecutionRun): Usage {
  return sumUsage(
    run.attemptDurationsSeconds.map((durationSeconds) => attemptUsage({ ...run, durationSeconds })),
  );
}

export function executionCostUsd(run: ExecutionRun, book: PriceBook): number {
  return usageCostUsd(executionUsage(run), book);
}

export type BillingOptions = {
  /** Subtract the monthly free allowance; only true when this usage is the account's whole month. */
  readonly freeTier?: boolean;
  /** Committed-use discount in percent (0–100), applied after the free tier. */
  readonly committedUseDiscountPercent?: number;
};

export type Bill = {
  readonly grossUsd: number;
  readonly freeTierCreditUsd: number;
  readonly discountUsd: number;
  readonly netUsd: number;
};

/** Prices one calendar month of usage with the account-level options applied to the total. */
export function monthlyBillUsd(usage: Usage, book: PriceBook, options: BillingOptions = {}): Bill {
  const discountPercent = options.committedUseDiscountPercent ?? 0;
  if (!Number.isFinite(discountPercent) || discountPercent < 0 || discountPercent > 100) {
    throw new CostInputError(
      `A committed-use discount of ${discountPercent}% is not possible; use 0 to 100.`,
    );
  }
  const grossUsd = usageCostUsd(usage, book);
  const creditUsd = options.freeTier ? freeTierCreditUsd(usage, grossUsd) : 0;
  const afterFreeTierUsd = grossUsd - creditUsd;
  const discountUsd = afterFreeTierUsd * (discountPercent / 100);
  return {
    grossUsd,
    freeTierCreditUsd: creditUsd,
    discountUsd,
    netUsd: afterFreeTierUsd - discountUsd,
  };
}

export type PriceBookErrors = Partial<Record<keyof PriceBook, string>>;

/** Checks a user-edited price book; one message per offending field. */
export function validatePriceBook(
  book: PriceBook,
): { ok: true } | { ok: false; errors: PriceBookErrors } {
  const errors: PriceBookErrors = {};
  if (book.id.trim() === '') errors.id = 'Give the price book an id.';
  if (book.label.trim() === '') errors.label = 'Give the price book a name.';
  if (!isIsoDate(book.asOf)) errors.asOf = `"${book.asOf}" is not a date; write it as YYYY-MM-DD.`;
  for (const field of ['vcpuSecondUsd', 'gibSecondUsd'] as const) {
    const price = book[field];
    if (!Number.isFinite(price) || price < 0)
      errors[field] = `${price} is not a price; use a number of dollars ≥ 0.`;
  }
  return Object.keys(errors).length === 0 ? { ok: true } : { ok: false, errors };
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
