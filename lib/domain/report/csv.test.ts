import { describe, expect, it } from 'vitest';
import { findPriceBook, type PriceBook } from '../pricing';
import { buildJobReport } from './build';
import { csvCell, reportToCsv } from './csv';
import { reportToMarkdown } from './markdown';
import type { JobReport } from './types';
import { GIB, T0, clips, execution } from '@/test/support/report-records';

describe('csvCell', () => {
  it.each<[string | number | null, string]>([
    ['plain', 'plain'],
    [42.5, '42.5'],
    [Number.NaN, ''],
    [null, ''],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    [-3, '-3'],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('report renderers', () => {
  const policy = {
    tiers: [
      { id: 'small', label: '=cmd|calc', maxClipCount: 3 },
      { id: 'rest', label: 'Rest' },
    ],
  };
  const report = buildJobReport({
    project: 'p',
    region: 'r',
    job: 'job',
    window: { startMs: T0, endMs: T0 + 86_400_000 },
    policy,
    priceBook: findPriceBook('jobs-tier1') as PriceBook,
    objective: 'cost',
    nowMs: T0 + 86_400_000,
    executions: [execution({ startMs: T0 + 1000 })],
  });

  it('keeps a label that looks like a formula inert in CSV', () => {
    const rows = reportToCsv(report).split('\r\n');
    expect(rows[1]).toMatch(/^small,'=cmd\|calc,1,1,0,1,0,/);
    expect(rows.at(-2)).toMatch(/^total,All executions,1,1,0,1,0,/);
  });

  it('escapes table cells in Markdown', () => {
    expect(reportToMarkdown(report)).toContain('| =cmd\\|calc | 1 | 0 |');
  });
});

describe('recommendations in the renderings', () => {
  const executions = Array.from({ length: 60 }, (_, i) =>
    execution({ id: `r${i}`, startMs: T0 + i * 600_000, seconds: 60, payload: clips(2, 20) }),
  );
  const report = buildJobReport({
    project: 'p',
    region: 'r',
    job: 'job',
    window: { startMs: T0, endMs: T0 + 86_400_000 },
    policy: { tiers: [{ id: 'small', label: 'Small', maxClipCount: 3 }] },
    priceBook: findPriceBook('jobs-tier1') as PriceBook,
    objective: 'cost',
    nowMs: T0 + 86_400_000,
    executions,
    jobLimits: { vcpu: 2, memoryBytes: 4 * GIB, timeoutSeconds: 900, maxRetries: 2 },
  });
  const recommendation = report.tiers[0]?.recommendation;

  it('lists current and recommended limits, saving and confidence per tier in CSV', () => {
    const [header, small, , total] = reportToCsv(report)
      .split('\r\n')
      .map((line) => line.split(','));
    const at = (row: string[] | undefined, name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(at(small, 'vcpu')).toBe('2');
    expect(at(small, 'recommended_vcpu')).toBe(String(recommendation?.recommended.vcpu));
    expect(at(small, 'recommended_memory_bytes')).toBe(
      String(recommendation?.recommended.memoryBytes),
    );
    expect(at(small, 'monthly_saving_usd')).toBe(String(recommendation?.monthlySavingUsd));
    expect(at(small, 'confidence')).toBe(recommendation?.confidence);
    expect(at(total, 'monthly_saving_usd')).toBe(String(report.totals.monthlySavingUsd));
  });

  it('shows current → recommended limits, saving and confidence in Markdown', () => {
    const markdown = reportToMarkdown(report);
    expect(markdown).toContain('### Recommended limits (objective: cost)');
    expect(markdown).toMatch(
      new RegExp(
        `\\| Small \\| 2 vCPU · 4 GiB · 15 min timeout · 2 retries \\| .* \\| ${recommendation?.confidence} \\|`,
      ),
    );
    expect(markdown).toContain('Projected saving over all tiers:');
  });

  it('still renders a report frozen before recommendations existed', () => {
    const frozen = {
      ...report,
      tiers: report.tiers.map((t) => ({ ...t, recommendation: null })),
      unclassified: { ...report.unclassified, recommendation: null },
      jobPerTierAdvice: undefined,
    } as unknown as JobReport;
    expect(reportToMarkdown(frozen)).not.toContain('Recommended limits');
    expect(reportToCsv(frozen).split('\r\n')[1]).toMatch(/^small,Small,60,/);
  });
});
