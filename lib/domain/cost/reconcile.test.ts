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

  // 20 attempts of 60 s at 2 vCPU / 4 GiB computed; Google metered 10 s more of each: the
  // instance's start before the execution's start_time, which Cloud Run bills.
  it('shows metered above computed as instance start-up, sized per attempt', () => {
    const perSecond = { vcpuSeconds: 2, gibSeconds: 4 };
    const result = reconcile({
      ...base,
      attemptSeconds: 1200,
      meteredPoints: hourly(
        (2400 + 200 * perSecond.vcpuSeconds) / 24,
        (4800 + 200 * perSecond.gibSeconds) / 24,
      ),
    });
    expect(result.status).toBe('differs');
    const startup = result.reasons.find((r) => r.kind === 'instance-startup');
    expect(startup?.text).toContain('10.0 s more per attempt');
    expect(startup?.effectUsd).toBeCloseTo(200 * (2 * 0.000018 + 4 * 0.000002), 12);
    expect(result.reasons.map((r) => r.kind)).not.toContain('unexplained');
  });

  it('leaves a gap too long to be start-up unexplained beyond the plausible part', () => {
    const result = reconcile({ ...base, attemptSeconds: 1200, meteredPoints: hourly(200, 400) });
    // Twice the computed usage: 60 s more per attempt is start-up at most, the rest is not.
    const kinds = result.reasons.map((r) => r.kind);
    expect(kinds).toContain('instance-startup');
    expect(result.reasons.find((r) => r.kind === 'instance-startup')?.text).toContain('60.0 s');
    expect(kinds).not.toContain('unexplained');
    const far = reconcile({ ...base, attemptSeconds: 1200, meteredPoints: hourly(300, 600) });
    expect(far.reasons.map((r) => r.kind)).toContain('unexplained');
  });

  it('names no start-up when metering is not above the computed cost', () => {
    const result = reconcile({ ...base, attemptSeconds: 1200, meteredPoints: hourly(90, 180) });
    expect(result.reasons.map((r) => r.kind)).not.toContain('instance-startup');
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
