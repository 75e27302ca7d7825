import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Recommendation } from '@/lib/domain/recommend/types';
import { RecommendationCard } from './recommendation-card';
import {
  formatDays,
  changesText,
  formatMemory,
  formatSeconds,
  headline,
  riskText,
} from './recommendation-wording';
import { sampleRecommendation, sampleReport, withRecommendation } from '@/test/support/report-view';

const rec = sampleRecommendation();
const tier = withRecommendation(sampleReport().tiers[0]!, rec);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('recommendation wording', () => {
  it.each([
    [512 * 2 ** 20, '512 MiB'],
    [1.25 * 2 ** 30, '1.25 GiB'],
    [4 * 2 ** 30, '4 GiB'],
    [Number.NaN, '—'],
  ])('writes %d bytes as %s', (bytes, expected) => {
    expect(formatMemory(bytes)).toBe(expected);
  });

  it.each([
    [69.4, '69 s'],
    [900, '15 min'],
    [138, '2.3 min'],
    [5400, '90 min'],
    [10_800, '3 h'],
    [null, '—'],
  ])('writes %s seconds as %s', (seconds, expected) => {
    expect(formatSeconds(seconds)).toBe(expected);
  });

  it.each([
    [1, '1 day'],
    [7, '7 days'],
    [0.5, '0.5 days'],
  ])('writes a window of %d days as %s', (days, expected) => {
    expect(formatDays(days)).toBe(expected);
  });

  it('names each limit that moves, old → new', () => {
    expect(changesText(rec)).toEqual([
      'vCPU 2 → 1',
      'memory 4 GiB → 1.25 GiB',
      'timeout 15 min → 30 min',
    ]);
  });

  it('leads with the monthly saving and what changes', () => {
    expect(headline(rec)).toBe(
      'Save $0.14 a month (18.7%) with vCPU 2 → 1, memory 4 GiB → 1.25 GiB, timeout 15 min → 30 min.',
    );
  });

  it('says plainly when spending more stops failures', () => {
    const costlier: Recommendation = { ...rec, monthlySavingUsd: -12.5, savingFraction: -0.2 };
    expect(headline(costlier)).toMatch(
      /^Spend \$12\.50 more a month for fewer failures: vCPU 2 → 1/,
    );
  });

  it('keeps the limits, and says why, with too few executions', () => {
    const few: Recommendation = { ...rec, confidence: 'not-enough-data', executions: 12 };
    expect(headline(few)).toBe(
      'Not enough history to recommend: 12 finished executions, at least 30 are needed. The limits stay as they are.',
    );
  });

  it('says so when nothing cheaper fits', () => {
    expect(headline({ ...rec, recommended: rec.current })).toMatch(/^Keep today's limits/);
  });

  it('shows tiny risks as under 0.1% rather than 0%', () => {
    const risky = {
      ...rec,
      projected: { ...rec.projected, oomProbability: 0.0004, timeoutProbability: 0.02 },
    };
    expect(riskText(risky)).toBe(
      'Risk per execution: out-of-memory 0% → under 0.1%; timeout 0% → 2%',
    );
  });
});

describe('RecommendationCard', () => {
  it('shows current → recommended limits, saving, duration, risk, confidence and the evidence', () => {
    const html = renderToStaticMarkup(
      <RecommendationCard tier={tier} proposeHref="/jobs/j/changes/new" />,
    );
    const words = text(html);
    expect(words).toContain('Today 2 vCPU · 4 GiB · 15 min timeout · 2 retries');
    expect(words).toContain('Recommended 1 vCPU · 1.25 GiB · 30 min timeout · 2 retries');
    expect(words).toContain('Monthly cost $0.75 → $0.61 at 400 executions a month');
    expect(words).toContain('p95 duration 69 s → 120 s');
    expect(words).toContain(
      'High confidence: 400 finished executions, peak memory measured alone for 100 % of them.',
    );
    expect(words).toContain(
      'Memory peaked at 1003.52 MiB or less in 99% of 400 small executions; 4 GiB is allocated.',
    );
    expect(html).toContain('href="/jobs/j/changes/new"');
    expect(words).toContain(
      'Failure budget At most 0.3% of executions may fail (1.0 a month; today 0%',
    );
    expect(words).toMatch(/Failures Projected failed executions .* → .*, within the budget/);
  });

  it('never shows a 0% OOM risk for a tier that runs out of memory today', () => {
    const oom = sampleRecommendation({ oomEvery: 10 });
    expect(oom.projected.oomProbability).toBeGreaterThan(0);
    const words = text(
      renderToStaticMarkup(<RecommendationCard tier={withRecommendation(tier, oom)} />),
    );
    expect(words).not.toMatch(/out-of-memory [^;]*→ 0%/);
    expect(words).toMatch(/Projected failed executions 10% \(up to .*\) →/);
  });

  it('leaves out the budget rows for a recommendation stored before budgets', () => {
    const old = { ...rec, failureBudget: undefined } as unknown as Recommendation;
    const words = text(
      renderToStaticMarkup(<RecommendationCard tier={withRecommendation(tier, old)} />),
    );
    expect(words).not.toContain('Failure budget At most');
  });

  it('offers no proposal when there is not enough data', () => {
    const few = withRecommendation(tier, { ...rec, confidence: 'not-enough-data' });
    expect(renderToStaticMarkup(<RecommendationCard tier={few} proposeHref="/x" />)).not.toContain(
      'Propose',
    );
  });

  it('says there is no recommendation yet for a tier without one', () => {
    const none = withRecommendation(tier, null);
    expect(text(renderToStaticMarkup(<RecommendationCard tier={none} />))).toContain(
      'No recommendation yet',
    );
  });
});
