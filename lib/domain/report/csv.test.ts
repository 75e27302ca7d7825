import { describe, expect, it } from 'vitest';
import { findPriceBook, type PriceBook } from '../pricing';
import { buildJobReport } from './build';
import { csvCell, reportToCsv } from './csv';
import { reportToMarkdown } from './markdown';
import { T0, execution } from './test-records';

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
