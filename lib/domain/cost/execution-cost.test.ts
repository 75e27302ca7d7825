import { describe, expect, it } from 'vitest';
import { findPriceBook, type PriceBook } from '../pricing';
import { GIB, T0, execution, task } from '@/test/support/report-records';
import { executionRunTime } from './attempts';
import { executionCost, totalFailureUsd } from './execution-cost';

const tier1 = findPriceBook('jobs-tier1') as PriceBook;
const seed = findPriceBook('services-request') as PriceBook;

describe('executionCost', () => {
  const e = execution({ startMs: T0, seconds: 60, vcpu: 2, memoryGib: 4 });
  const run = executionRunTime(e, [task(e)]);

  it.each([
    ['the seed’s book', seed, 0.00348],
    ['jobs Tier 1', tier1, 0.00264],
  ])('prices a 60 s run at 2 vCPU / 4 GiB with %s', (_, book, usd) => {
    const cost = executionCost(
      e.limits,
      run,
      { cpuUtilisation: undefined, peakMemoryFraction: undefined },
      book,
    );
    expect(cost.costUsd).toBeCloseTo(usd, 12);
    expect(cost.cpuWasteUsd).toBeUndefined();
  });

  it('bills a sidecar’s limits with the main container’s', () => {
    const cost = executionCost(
      e.limits,
      run,
      { cpuUtilisation: undefined, peakMemoryFraction: undefined },
      tier1,
      [{ name: 'log-agent', vcpu: 1, memoryBytes: 0.5 * GIB }],
    );
    // (2 + 1) vCPU × 60 s × $0.000018 + (4 + 0.5) GiB × 60 s × $0.000002.
    expect(cost.costUsd).toBeCloseTo(3 * 60 * 0.000018 + 4.5 * 60 * 0.000002, 12);
    expect(cost.vcpuSeconds).toBe(180);
  });

  it('prices waste as the unused share of each allocation', () => {
    const cost = executionCost(
      e.limits,
      run,
      { cpuUtilisation: 0.25, peakMemoryFraction: 0.5 },
      tier1,
    );
    expect(cost.cpuWasteUsd).toBeCloseTo(0.75 * 2 * 60 * 0.000018, 12);
    expect(cost.memoryWasteUsd).toBeCloseTo(0.5 * 4 * 60 * 0.000002, 12);
    expect(cost.vcpuSeconds).toBe(120);
    expect(cost.gibSeconds).toBe(240);
  });

  it('prices failed attempts as failure cost', () => {
    const failed = execution({
      status: 'failed',
      startMs: T0,
      seconds: 90,
      vcpu: 1,
      memoryGib: 2,
      retriedCount: 2,
    });
    const failedRun = executionRunTime(failed, [
      task(failed, { attempts: 3, startMs: T0 + 60_000, lastOutcome: 'oom' }),
    ]);
    const cost = executionCost(
      failed.limits,
      failedRun,
      { cpuUtilisation: undefined, peakMemoryFraction: undefined },
      tier1,
    );
    expect(cost.failureCostUsd.oom).toBeCloseTo(cost.costUsd, 12);
    expect(totalFailureUsd(cost.failureCostUsd)).toBeCloseTo(90 * (0.000018 + 2 * 0.000002), 12);
  });

  it('treats NaN or negative limits as nothing allocated', () => {
    const broken = { ...e.limits, vcpu: Number.NaN, memoryBytes: -GIB };
    expect(
      executionCost(broken, run, { cpuUtilisation: 0.5, peakMemoryFraction: 0.5 }, tier1).costUsd,
    ).toBe(0);
  });
});
