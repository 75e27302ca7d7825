import { describe, expect, it } from 'vitest';
import { findPriceBook, type PriceBook } from '../pricing';
import type { AllocationPoint, NumericPoint } from '../records';
import { findExecutionGaps, gapWarningText, type GapInput } from './gaps';
import { T0, execution } from '@/test/support/report-records';

const HOUR_MS = 3_600_000;
const book = findPriceBook('jobs-tier1') as PriceBook;
const hour = (n: number, value: number): NumericPoint => ({
  startMs: T0 + n * HOUR_MS,
  endMs: T0 + (n + 1) * HOUR_MS,
  value,
});
const allocation = (n: number, vcpuSeconds: number): AllocationPoint => ({
  ...hour(n, 0),
  vcpuSeconds,
  gibSeconds: vcpuSeconds * 2,
});
/** An execution finishing `minutes` into hour `n`. */
const finishedIn = (n: number, minutes = 30) =>
  execution({ startMs: T0 + n * HOUR_MS + (minutes - 1) * 60_000, seconds: 60 });

const input = (over: Partial<GapInput>): GapInput => ({
  window: { startMs: T0, endMs: T0 + 72 * HOUR_MS },
  completedPoints: [],
  executions: [],
  priceBook: book,
  comparedUntilMs: T0 + 72 * HOUR_MS,
  ...over,
});

describe('findExecutionGaps', () => {
  it('finds nothing when every counted execution is held', () => {
    const gaps = findExecutionGaps(
      input({
        completedPoints: [hour(1, 2), hour(30, 1)],
        executions: [finishedIn(1), finishedIn(1, 50), finishedIn(30)],
      }),
    );
    expect(gaps).toMatchObject({ days: [], missingExecutions: 0 });
    expect(gapWarningText(gaps)).toBeUndefined();
  });

  it('reports missing executions per UTC day and costs them as their share of the metered day', () => {
    const gaps = findExecutionGaps(
      input({
        completedPoints: [hour(1, 3), hour(2, 1), hour(30, 4)],
        executions: [
          finishedIn(1),
          finishedIn(30),
          finishedIn(30, 10),
          finishedIn(30, 20),
          finishedIn(30, 40),
        ],
        allocationPoints: [allocation(1, 300), allocation(2, 100), allocation(30, 400)],
      }),
    );
    expect(gaps.days).toHaveLength(1);
    const day = gaps.days[0]!;
    expect(day).toMatchObject({
      day: '2025-03-01',
      monitoredExecutions: 4,
      heldExecutions: 1,
      missingExecutions: 3,
    });
    const dayUsd = 400 * book.vcpuSecondUsd + 800 * book.gibSecondUsd;
    expect(day.estimatedCostUsd).toBeCloseTo((dayUsd * 3) / 4, 12);
    expect(gaps.estimatedCostUsd).toBeCloseTo((dayUsd * 3) / 4, 12);
    expect(gapWarningText(gaps)).toMatch(
      /counted 3 finished executions on 2025-03-01 that Tierwise has no record of.*about \$0\.01/,
    );
  });

  it.each([
    ['before the window', hour(-1, 5)],
    ['after the compared time', hour(50, 5)],
  ])('leaves out periods %s', (_, point) => {
    const gaps = findExecutionGaps(
      input({ completedPoints: [point], comparedUntilMs: T0 + 48 * HOUR_MS }),
    );
    expect(gaps.missingExecutions).toBe(0);
  });

  it('counts an execution that finished at the very end of a period in that period', () => {
    const atEnd = execution({ startMs: T0 + HOUR_MS, completionMs: T0 + 2 * HOUR_MS });
    const gaps = findExecutionGaps(
      input({ completedPoints: [hour(1, 1), hour(2, 0)], executions: [atEnd] }),
    );
    expect(gaps.missingExecutions).toBe(0);
  });

  it('says the cost is unknown without allocation data, and ignores running executions', () => {
    const running = execution({ startMs: T0 + HOUR_MS, status: 'running' });
    const gaps = findExecutionGaps(
      input({ completedPoints: [hour(1, 1), hour(25, 2)], executions: [running] }),
    );
    expect(gaps).toMatchObject({ missingExecutions: 3, estimatedCostUsd: null });
    expect(gaps.days.map((d) => d.day)).toEqual(['2025-03-01', '2025-03-02']);
    expect(gapWarningText(gaps)).toMatch(
      /between 2025-03-01 and 2025-03-02.*could not be estimated/,
    );
  });
});
