import { describe, expect, it } from 'vitest';
import { buildJobReport } from './build';
import type { JobReportInput } from './input';
import { SCATTER_LIMIT } from './tier-accumulator';
import {
  GIB,
  T0,
  clips,
  execution,
  measured,
  minutes,
  reportInput,
  task,
} from '@/test/support/report-records';

const M = 60_000;
const DAY = 86_400_000;

function input(overrides: Partial<JobReportInput>): JobReportInput {
  return reportInput({ objective: 'balanced', ...overrides });
}

/** Small executions, one every 10 minutes, none overlapping, 60 s each. */
function smallRuns(count: number) {
  return Array.from({ length: count }, (_, i) =>
    execution({ id: `s${i}`, startMs: T0 + i * 10 * M, seconds: 60, payload: clips(2, 20) }),
  );
}

describe('buildJobReport', () => {
  it('reports an empty window with every tier present and a warning', () => {
    const report = buildJobReport(input({}));
    expect(report.tiers.map((t) => t.id)).toEqual(['small', 'medium', 'large', 'xlarge']);
    expect(report.totals.costUsd).toBe(0);
    expect(report.tiers[0]?.verdict.kind).toBe('not-enough-data');
    expect(report.warnings.map((w) => w.kind)).toContain('no-executions');
    expect(report.costByDay).toHaveLength(2);
  });

  it('classifies, costs and slices executions per tier', () => {
    const executions = [
      ...smallRuns(30),
      execution({ id: 'big', startMs: T0 + DAY, seconds: 600, payload: clips(12, 80) }),
    ];
    const report = buildJobReport(input(measured(executions)));
    const [small, , , xlarge] = report.tiers;
    expect(small).toMatchObject({ executions: 30, succeeded: 30, attempts: 30, billedRetries: 0 });
    expect(small?.cost.costUsd).toBeCloseTo(30 * 0.00264, 10);
    expect(small?.cost.estimatedShare).toBe(0);
    expect(small?.peakMemoryBytes.p95).toBeCloseTo(GIB, 0);
    expect(small?.attribution.memory.shares.sliced).toBe(1);
    expect(small?.verdict.kind).toBe('over-provisioned');
    expect(small?.cost.cpuWasteUsd).toBeCloseTo(30 * 0.7 * 120 * 0.000018, 10);
    expect(xlarge?.executions).toBe(1);
    expect(report.totals.costUsd).toBeCloseTo(30 * 0.00264 + 10 * 0.00264, 10);
    expect(report.costByDay.map((d) => d.values.small)).toEqual([
      expect.closeTo(30 * 0.00264, 10),
      0,
    ]);
    expect(report.inputs.sources).toMatchObject({
      tasks: true,
      cpuUtilisation: true,
      allocationTime: false,
    });
  });

  it('costs unreadable payloads as unclassified and says why', () => {
    const executions = [
      execution({ payload: 'not json' }),
      execution({ payload: null }),
      execution({ payload: '{"clips":3}' }),
    ];
    const report = buildJobReport(input({ executions }));
    expect(report.unclassified.executions).toBe(3);
    expect(report.unclassified.cost.costUsd).toBeGreaterThan(0);
    expect(report.unclassified.unreadable.map((u) => u.count)).toEqual([1, 1, 1]);
    expect(report.warnings.find((w) => w.kind === 'unreadable-payloads')?.text).toMatch(
      /^3 execution/,
    );
  });

  it('counts failures, billed retries and failure cost when all failed', () => {
    const executions = Array.from({ length: 25 }, (_, i) =>
      execution({
        id: `f${i}`,
        status: 'failed',
        startMs: T0 + i * 10 * M,
        seconds: 90,
        retriedCount: 2,
      }),
    );
    const tasks = executions.map((e) =>
      task(e, {
        attempts: 3,
        startMs: (e.startMs ?? 0) + 60_000,
        lastOutcome: 'oom',
        lastExitCode: 137,
      }),
    );
    const report = buildJobReport(input({ executions, tasks }));
    const small = report.tiers[0];
    expect(small).toMatchObject({ executions: 25, failed: 25, attempts: 75, billedRetries: 50 });
    expect(small?.failedAttempts.oom).toBe(75);
    expect(small?.cost.failureCostUsd).toBeCloseTo(small?.cost.costUsd ?? -1, 12);
    expect(small?.verdict.kind).toBe('under-provisioned');
    expect(report.warnings.map((w) => w.kind)).toContain('estimated-attempts');
  });

  it('flags overlapping executions as ambiguous and warns', () => {
    const executions = [
      execution({ id: 'a', startMs: T0, seconds: 300 }),
      execution({ id: 'b', startMs: T0 + M, seconds: 60 }),
    ];
    const report = buildJobReport(
      input({ executions, cpuPoints: minutes(T0, 10, 0.5), memoryPoints: minutes(T0, 10, 0.5) }),
    );
    expect(report.tiers[0]?.attribution.cpu.counts.ambiguous).toBe(2);
    expect(report.warnings.map((w) => w.kind)).toContain('ambiguous-attribution');
  });

  it('leaves running executions out, warns, and explains the metered difference', () => {
    const done = smallRuns(3);
    const running = execution({ id: 'run', status: 'running', startMs: T0 + 2 * DAY - 10 * M });
    const allocation = [
      {
        startMs: T0,
        endMs: T0 + 2 * DAY,
        vcpuSeconds: 3 * 120 + 2 * 600,
        gibSeconds: 3 * 240 + 4 * 600,
      },
    ];
    const report = buildJobReport(
      input({
        executions: [...done, running],
        allocationPoints: allocation,
        tasks: done.map((e) => task(e)),
      }),
    );
    expect(report.totals).toMatchObject({ executions: 3, running: 1 });
    expect(report.warnings.map((w) => w.kind)).toContain('running-excluded');
    expect(report.reconciliation.status).toBe('differs');
    expect(report.reconciliation.reasons.map((r) => r.kind)).toContain('running-executions');
    expect(report.reconciliation.reasons.map((r) => r.kind)).not.toContain('unexplained');
  });

  it('agrees with metered allocation when every attempt is exact', () => {
    const done = smallRuns(5);
    const allocation = [
      { startMs: T0, endMs: T0 + 2 * DAY, vcpuSeconds: 5 * 120, gibSeconds: 5 * 240 },
    ];
    const report = buildJobReport(
      input({ executions: done, tasks: done.map((e) => task(e)), allocationPoints: allocation }),
    );
    expect(report.reconciliation).toMatchObject({ status: 'agrees', differencePercent: 0 });
  });

  it('compares billing only up to the metered mark, the executions clipped there too', () => {
    // Five runs at T0 + 0, 10, …, 40 min; the store's metered hours end at T0 + 25 min.
    const done = smallRuns(5);
    const untilMs = T0 + 25 * M;
    const allocation = [{ startMs: T0, endMs: untilMs, vcpuSeconds: 3 * 120, gibSeconds: 3 * 240 }];
    const report = buildJobReport(
      input({
        executions: done,
        tasks: done.map((e) => task(e)),
        allocationPoints: allocation,
        meteredUntilMs: untilMs,
      }),
    );
    expect(report.reconciliation).toMatchObject({
      status: 'agrees',
      differencePercent: 0,
      comparedUntilMs: untilMs,
    });
    // Every run's cost is still in the report; only the comparison stops at the mark.
    expect(report.totals.executions).toBe(5);
    expect(report.reconciliation.computedUsage.vcpuSeconds).toBeCloseTo(3 * 120, 9);
    const whole = buildJobReport(
      input({ executions: done, tasks: done.map((e) => task(e)), allocationPoints: allocation }),
    );
    expect(whole.reconciliation.comparedUntilMs).toBe(whole.inputs.window.endMs);
    expect(whole.reconciliation.status).toBe('differs');
  });

  it('warns when history starts well after the window', () => {
    const late = [execution({ startMs: T0 + DAY + DAY / 2 })];
    expect(buildJobReport(input({ executions: late })).warnings.map((w) => w.kind)).toContain(
      'short-history',
    );
  });

  it('keeps the scatter sample bounded and the same on every run', () => {
    const executions = Array.from({ length: 3000 }, (_, i) =>
      execution({ id: `x${i}`, startMs: T0 + i * 30_000, seconds: 20 }),
    );
    const one = buildJobReport(input({ executions }));
    const two = buildJobReport(input({ executions }));
    expect(one.tiers[0]?.scatter.points.length).toBe(SCATTER_LIMIT);
    expect(one.tiers[0]?.scatter.fromExecutions).toBe(3000);
    expect(one.tiers[0]?.scatter.points).toEqual(two.tiers[0]?.scatter.points);
  });

  it('records the limits in force, including a change', () => {
    const executions = [
      execution({ startMs: T0, vcpu: 2, memoryGib: 4 }),
      execution({ startMs: T0 + DAY, vcpu: 1, memoryGib: 2 }),
    ];
    const small = buildJobReport(input({ executions })).tiers[0];
    expect(small?.limits.map((l) => [l.vcpu, l.memoryBytes / GIB, l.executions])).toEqual([
      [2, 4, 1],
      [1, 2, 1],
    ]);
    expect(small?.currentLimits).toMatchObject({ vcpu: 1 });
  });

  it('refuses a window that ends before it starts', () => {
    expect(() => buildJobReport(input({ window: { startMs: T0, endMs: T0 } }))).toThrow(
      /must end after it starts/,
    );
  });
});
