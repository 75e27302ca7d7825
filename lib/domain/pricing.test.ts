import { describe, expect, it } from 'vitest';
import {
  CostInputError,
  DEFAULT_PRICE_BOOK_ID,
  FREE_TIER,
  PRICE_BOOKS,
  type PriceBook,
  attemptCostUsd,
  attemptUsage,
  billedSeconds,
  executionCostUsd,
  findPriceBook,
  monthlyBillUsd,
  usageCostUsd,
  validatePriceBook,
} from './pricing';

const GiB = 2 ** 30;
const book = (id: string): PriceBook => {
  const found = findPriceBook(id);
  if (!found) throw new Error(`missing price book ${id}`);
  return found;
};
const seedBook = book('services-request');
const tier1 = book('jobs-tier1');
const tier2 = book('jobs-tier2');
const seedJob = { vcpu: 2, memoryBytes: 4 * GiB };

describe('price books', () => {
  it('defaults to the jobs Tier 1 book', () => {
    expect(DEFAULT_PRICE_BOOK_ID).toBe('jobs-tier1');
    expect(PRICE_BOOKS.map((entry) => entry.id)).toEqual([
      'jobs-tier1',
      'jobs-tier2',
      'services-request',
    ]);
  });

  it('marks Tier 2 as an estimate at 1.4 × Tier 1', () => {
    expect(tier2.estimate).toBe(true);
    expect(tier2.vcpuSecondUsd).toBeCloseTo(tier1.vcpuSecondUsd * 1.4, 15);
    expect(tier2.gibSecondUsd).toBeCloseTo(tier1.gibSecondUsd * 1.4, 15);
    expect(tier1.estimate).toBe(false);
  });

  it('finds nothing for an unknown id', () => {
    expect(findPriceBook('jobs-tier9')).toBeUndefined();
  });

  it.each(PRICE_BOOKS)('ships a valid book: $id', (entry) => {
    expect(validatePriceBook(entry)).toEqual({ ok: true });
  });

  it.each<[string, Partial<PriceBook>, keyof PriceBook]>([
    ['a blank id', { id: ' ' }, 'id'],
    ['a blank label', { label: '' }, 'label'],
    ['a date that does not exist', { asOf: '2025-02-30' }, 'asOf'],
    ['a date in another format', { asOf: '01/02/2025' }, 'asOf'],
    ['a negative vCPU price', { vcpuSecondUsd: -0.00001 }, 'vcpuSecondUsd'],
    ['a NaN memory price', { gibSecondUsd: Number.NaN }, 'gibSecondUsd'],
  ])('rejects an edited book with %s', (_name, change, field) => {
    const result = validatePriceBook({ ...tier1, ...change });
    expect(result.ok ? [] : Object.keys(result.errors)).toEqual([field]);
  });
});

describe('billedSeconds', () => {
  it.each([
    [60, 60],
    [60.0000001, 60.1],
    [60.05, 60.1],
    [60.1, 60.1],
    [0.1 + 0.2, 0.3],
    [0.7 * 3, 2.1],
    [0.01, 0.1],
    [0, 0],
    [-0, 0],
    [604_800, 604_800],
    [604_799.95, 604_800],
    [123.456, 123.5],
  ])('%s s bills as %s s', (durationSeconds, expected) => {
    expect(billedSeconds(durationSeconds)).toBe(expected);
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])('refuses %s s', (durationSeconds) => {
    expect(() => billedSeconds(durationSeconds)).toThrow(CostInputError);
  });
});

describe('attemptCostUsd', () => {
  it('prices the seed example exactly: 60 s at 2 vCPU / 4 GiB', () => {
    expect(
      Math.abs(attemptCostUsd({ ...seedJob, durationSeconds: 60 }, seedBook) - 0.00348),
    ).toBeLessThan(1e-12);
    expect(
      Math.abs(attemptCostUsd({ ...seedJob, durationSeconds: 60 }, tier1) - 0.00264),
    ).toBeLessThan(1e-12);
  });

  it.each([
    ['jobs-tier1', 0.000018 + 0.000002],
    ['jobs-tier2', 0.0000252 + 0.0000028],
    ['services-request', 0.000024 + 0.0000025],
  ])('bills 1 vCPU and 1 GiB for one second on %s', (id, expectedUsd) => {
    expect(attemptCostUsd({ vcpu: 1, memoryBytes: GiB, durationSeconds: 1 }, book(id))).toBeCloseTo(
      expectedUsd,
      15,
    );
  });

  it('bills a partial 100 ms step in full', () => {
    const justOver = attemptCostUsd({ ...seedJob, durationSeconds: 60.0000001 }, seedBook);
    expect(justOver).toBeCloseTo((0.00348 * 60.1) / 60, 15);
  });

  it('bills the whole allocation in vCPU-seconds and GiB-seconds', () => {
    expect(attemptUsage({ vcpu: 4, memoryBytes: 512 * 2 ** 20, durationSeconds: 10 })).toEqual({
      vcpuSeconds: 40,
      gibSeconds: 5,
    });
  });

  it('costs nothing for no time', () => {
    expect(attemptCostUsd({ ...seedJob, durationSeconds: 0 }, tier1)).toBe(0);
  });

  it.each([
    { vcpu: Number.NaN, memoryBytes: GiB, durationSeconds: 1 },
    { vcpu: 1, memoryBytes: -1, durationSeconds: 1 },
    { vcpu: 1, memoryBytes: GiB, durationSeconds: Number.NaN },
  ])('refuses impossible input %j', (attempt) => {
    expect(() => attemptCostUsd(attempt, tier1)).toThrow(CostInputError);
  });
});

describe('executionCostUsd', () => {
  it('bills every attempt: two timeouts and a success cost three runs', () => {
    const runs = { ...seedJob, attemptDurationsSeconds: [900, 900, 60] };
    expect(executionCostUsd(runs, seedBook)).toBeCloseTo(0.00348 * 31, 12);
  });

  it('rounds each attempt up on its own rather than the total', () => {
    const runs = { ...seedJob, attemptDurationsSeconds: [0.05, 0.05] };
    expect(executionCostUsd(runs, tier1)).toBeCloseTo(
      attemptCostUsd({ ...seedJob, durationSeconds: 0.2 }, tier1),
      15,
    );
  });

  it('costs nothing without attempts', () => {
    expect(executionCostUsd({ ...seedJob, attemptDurationsSeconds: [] }, tier1)).toBe(0);
  });
});

describe('price books', () => {
  it.each(PRICE_BOOKS.map((each) => [each.id, each] as const))(
    '%s names its source page and the date it was read',
    (_id, each) => {
      expect(each.source).toContain('https://cloud.google.com/run/pricing');
      expect(validatePriceBook(each)).toEqual({ ok: true });
    },
  );

  it('marks only the derived Tier 2 rates as an estimate', () => {
    expect(PRICE_BOOKS.filter((each) => each.estimate).map((each) => each.id)).toEqual([
      'jobs-tier2',
    ]);
  });
});

describe('monthlyBillUsd', () => {
  const usage = { vcpuSeconds: 1_000_000, gibSeconds: 2_000_000 };
  const grossUsd = 1_000_000 * 0.000018 + 2_000_000 * 0.000002;

  it('bills the gross total without options', () => {
    expect(monthlyBillUsd(usage, tier1)).toEqual({
      grossUsd,
      freeTierCreditUsd: 0,
      discountUsd: 0,
      netUsd: grossUsd,
    });
  });

  it('subtracts the free allowance when asked', () => {
    const bill = monthlyBillUsd(usage, tier1, { freeTier: true });
    const creditUsd = FREE_TIER.vcpuSeconds * 0.000018 + FREE_TIER.gibSeconds * 0.000002;
    expect(bill.freeTierCreditUsd).toBeCloseTo(creditUsd, 12);
    expect(bill.netUsd).toBeCloseTo(grossUsd - creditUsd, 12);
  });

  // "The free tier is applied as a spending based discount using Tier 1 pricing."
  // https://cloud.google.com/run/pricing
  it.each(['jobs-tier2', 'services-request'])(
    'values the free allowance at the Tier 1 jobs rates under the %s book',
    (id) => {
      const priced = book(id);
      const bill = monthlyBillUsd(usage, priced, { freeTier: true });
      const creditUsd = FREE_TIER.vcpuSeconds * 0.000018 + FREE_TIER.gibSeconds * 0.000002;
      expect(bill.freeTierCreditUsd).toBeCloseTo(creditUsd, 12);
      expect(bill.netUsd).toBeCloseTo(usageCostUsd(usage, priced) - creditUsd, 12);
    },
  );

  it('credits a Tier 2 month below the allowance no more than it cost', () => {
    const bill = monthlyBillUsd({ vcpuSeconds: 10, gibSeconds: 10 }, tier2, {
      freeTier: true,
    });
    // At Tier 1 rates the free usage is worth less than its Tier 2 price: a small remainder is paid.
    expect(bill.freeTierCreditUsd).toBeCloseTo(10 * 0.000018 + 10 * 0.000002, 15);
    expect(bill.netUsd).toBeCloseTo(10 * (0.0000252 - 0.000018) + 10 * (0.0000028 - 0.000002), 15);
  });

  it('never credits more than was used', () => {
    const bill = monthlyBillUsd({ vcpuSeconds: 10, gibSeconds: 10 }, tier1, { freeTier: true });
    expect(bill.netUsd).toBe(0);
    expect(bill.freeTierCreditUsd).toBe(bill.grossUsd);
  });

  it('applies a committed-use discount after the free tier', () => {
    const bill = monthlyBillUsd(usage, tier1, { freeTier: true, committedUseDiscountPercent: 17 });
    const afterFree = grossUsd - bill.freeTierCreditUsd;
    expect(bill.discountUsd).toBeCloseTo(afterFree * 0.17, 12);
    expect(bill.netUsd).toBeCloseTo(afterFree * 0.83, 12);
  });

  it.each([-1, 101, Number.NaN])('refuses a %s%% discount', (committedUseDiscountPercent) => {
    expect(() => monthlyBillUsd(usage, tier1, { committedUseDiscountPercent })).toThrow(
      CostInputError,
    );
  });
});
