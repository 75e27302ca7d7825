import { describe, expect, it } from 'vitest';
import { findPriceBook, type PriceBook } from '../pricing';
import type { AllocationPoint } from '../records';
import { meteredUsage, reconcile, type ReconcileInput } from './reconcile';

const book = findPriceBook('jobs-tier1') as PriceBook;
const T = Date.UTC(2025, 2, 1);
const H = 3_600_000;
const window = { startMs: T, endMs: T + 24 * H };

function hourly(vcpuSeconds: number, gibSeconds: number, hours = 24): AllocationPoint[] {
  return Array.from({ length: hours }, (_, i) => ({
    startMs: T + i * H,
    endMs: T + (i + 1) * H,
    vcpuSeconds,
    gibSeconds,
  }));
}

const base: ReconcileInput = {
  window,
  nowMs: T + 48 * H,
  book,
  computedUsage: { vcpuSeconds: 2400, gibSeconds: 4800 },
  meteredPoints: hourly(100, 200),
  attempts: 20,
  runningUsage: { vcpuSeconds: 0, gibSeconds: 0 },
  runningExecutions: 0,
  estimatedUsd: 0,
  straddlingExecutions: 0,
};

describe('reconcile', () => {
  it('agrees when computed and metered allocation match', () => {
    const result = reconcile(base);
    expect(result.status).toBe('agrees');
    expect(result.differencePercent).toBeCloseTo(0, 10);
    expect(result.meteredUsd).toBeCloseTo(2400 * 0.000018 + 4800 * 0.000002, 12);
  });

  it('states the difference as a percentage of metered and names running executions', () => {
    const result = reconcile({
      ...base,
      computedUsage: { vcpuSeconds: 2000, gibSeconds: 4000 },
      runningExecutions: 2,
      runningUsage: { vcpuSeconds: 400, gibSeconds: 800 },
    });
    expect(result.status).toBe('differs');
    expect(result.differencePercent).toBeCloseTo(-100 / 6, 6);
    expect(result.reasons.map((r) => r.kind)).toContain('running-executions');
    expect(result.reasons.map((r) => r.kind)).not.toContain('unexplained');
  });

  it('says when no known effect explains the gap', () => {
    const result = reconcile({ ...base, computedUsage: { vcpuSeconds: 1200, gibSeconds: 2400 } });
    expect(result.reasons.at(-1)?.kind).toBe('unexplained');
  });

  it.each([
    ['unreadable', undefined],
    ['empty', []],
  ])('reports no metered data when the metric is %s', (_, points) => {
    const result = reconcile({ ...base, meteredPoints: points });
    expect(result).toMatchObject({
      status: 'no-metered-data',
      meteredUsd: null,
      differencePercent: null,
    });
  });

  it('warns when the window reaches into the metering lag', () => {
    expect(reconcile({ ...base, nowMs: window.endMs }).reasons.map((r) => r.kind)).toContain(
      'metering-lag',
    );
  });
});

describe('meteredUsage', () => {
  it('counts a point across the window edge by its share inside', () => {
    const points = [{ startMs: T - H / 2, endMs: T + H / 2, vcpuSeconds: 100, gibSeconds: 10 }];
    expect(meteredUsage(points, window).usage).toEqual({ vcpuSeconds: 50, gibSeconds: 5 });
  });

  it.each([
    ['NaN', Number.NaN],
    ['negative', -5],
    ['infinite', Number.POSITIVE_INFINITY],
  ])('leaves out a %s point and counts it', (_, value) => {
    const result = meteredUsage(
      [...hourly(1, 1, 2), { startMs: T, endMs: T + H, vcpuSeconds: value, gibSeconds: 1 }],
      window,
    );
    expect(result).toEqual({ usage: { vcpuSeconds: 2, gibSeconds: 2 }, badPoints: 1 });
  });
});
