import { describe, expect, it } from 'vitest';
import { findPriceBook, type PriceBook } from '../pricing';
import { DEFAULT_TIER_POLICY } from '../tiers';
import { attributeFinished } from './attribute-pass';
import { buildJobReport } from './build';
import type { JobReportInput } from './input';
import { T0, clips, execution, minutes, task } from '@/test/support/report-records';

const book = findPriceBook('jobs-tier1') as PriceBook;
const M = 60_000;
const DAY = 86_400_000;

const executions = [
  // Two that share minutes (ambiguous), one alone (sliced), one still running.
  execution({ id: 'a', startMs: T0 + 10 * M, seconds: 120, payload: clips(2, 20) }),
  execution({ id: 'b', startMs: T0 + 11 * M, seconds: 120, payload: clips(2, 20) }),
  execution({ id: 'c', startMs: T0 + 60 * M, seconds: 300, payload: clips(12, 80) }),
  execution({ id: 'd', startMs: T0 + 2 * DAY - 5 * M, status: 'running', payload: clips(2, 20) }),
];

const input: JobReportInput = {
  project: 'p',
  region: 'r',
  job: 'job',
  window: { startMs: T0, endMs: T0 + 2 * DAY },
  policy: DEFAULT_TIER_POLICY,
  priceBook: book,
  objective: 'balanced',
  nowMs: T0 + 2 * DAY,
  executions,
  tasks: executions.map((e) => task(e)),
  cpuPoints: minutes(T0, 2 * 24 * 60, 0.3),
  memoryPoints: minutes(T0, 2 * 24 * 60, 0.25),
};

describe('attributeFinished', () => {
  it('gives the figures the report attributes itself, so a report built from them is the same', () => {
    const attributed = attributeFinished(input, () => true);
    expect([...attributed.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(attributed.get('a')?.memorySource).toBe('ambiguous');
    expect(attributed.get('c')?.memorySource).toBe('sliced');
    const withoutSeries = { ...input, cpuPoints: [], memoryPoints: [], attributed };
    expect(buildJobReport(withoutSeries)).toEqual(buildJobReport(input));
  });

  it('attributes only what it is asked for, and the report uses a figure it is given', () => {
    const attributed = attributeFinished(input, (e) => e.id === 'c');
    expect([...attributed.keys()]).toEqual(['c']);
    const given = new Map([
      ['c', { ...attributed.get('c')!, peakMemoryFraction: 0.9, peakMemoryBytes: 0.9 * 2 ** 30 }],
    ]);
    const report = buildJobReport({ ...input, attributed: given });
    const xlarge = report.tiers.find((t) => t.id === 'xlarge');
    expect(xlarge?.peakMemoryFraction.max).toBe(0.9);
  });
});
