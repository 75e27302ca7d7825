/**
 * The default scenario's thumbnail job runs for a few seconds, inside one clock minute, and the
 * report is read at an instant mid-minute, as a person opening the dashboard does: Monitoring then
 * aligns its 60 s periods to that instant, not to the clock. Every execution must still carry a
 * utilisation figure and its tier a verdict.
 */
import { describe, expect, it } from 'vitest';
import type { JobReport } from '@/lib/domain/report';
import { scenarioReportForTests } from '@/test/support/scenario-report';

// 37 s past a minute: the aligned periods end at :37, each holding one clock minute's sample.
const NOW_MS = Date.UTC(2025, 4, 20, 12, 0, 37);
let report: JobReport;

scenarioReportForTests('thumbnail-refresh-job', NOW_MS, (read) => {
  report = read;
});

describe('a job whose runs last a few seconds', () => {
  it('runs shorter than a minute', () => {
    expect(report.totals.executions).toBeGreaterThan(100);
    expect(report.tiers.length).toBeGreaterThan(0);
    for (const tier of report.tiers) expect(tier.durationSeconds.p95 ?? 0).toBeLessThan(60);
  });

  it('gives every finished execution a utilisation figure, and its tier a verdict', () => {
    const served = report.tiers.filter((tier) => tier.executions > 0);
    expect(served.length).toBeGreaterThan(0);
    for (const tier of served) {
      expect(tier.attribution.cpu.counts.missing, tier.id).toBe(0);
      expect(tier.attribution.memory.counts.missing, tier.id).toBe(0);
      expect(tier.attribution.memory.total, tier.id).toBe(tier.executions);
      expect(tier.verdict.kind, tier.id).not.toBe('not-enough-data');
    }
  });
});
