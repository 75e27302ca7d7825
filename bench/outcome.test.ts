/**
 * Re-running the default scenario with one job per tier at the recommended limits (cost objective)
 * must not cost more, must cost less per successful execution, and must not OOM or time out
 * more than projected beyond binomial noise. Measured at seed 7: see the printed figures.
 */
import { describe, expect, it } from 'vitest';
import { measureOutcome, type Outcome } from './outcome';

const NOW_MS = Date.UTC(2025, 4, 20, 12);

/** Three binomial standard deviations plus one execution: sampling noise, not a rise. */
function tolerance(p: number, n: number): number {
  return 3 * Math.sqrt((Math.max(p, 1 / n) * (1 - p)) / n) + 1 / n;
}

describe('outcome of applying the recommendations', () => {
  let outcome: Outcome;

  it('costs less per successful execution, and no more in total', async () => {
    outcome = await measureOutcome({ seed: 7, nowMs: NOW_MS, objective: 'cost' });
    const before = outcome.baselineCostUsd / outcome.baselineSucceeded;
    const after = outcome.rerunCostUsd / outcome.rerunSucceeded;
    console.log(
      `cost $${outcome.baselineCostUsd.toFixed(2)} → $${outcome.rerunCostUsd.toFixed(2)}; succeeded ${outcome.baselineSucceeded} → ${outcome.rerunSucceeded}; per success $${before.toFixed(5)} → $${after.toFixed(5)}`,
    );
    expect(outcome.rerunCostUsd).toBeLessThanOrEqual(outcome.baselineCostUsd);
    expect(after).toBeLessThan(before);
    expect(outcome.rerunSucceeded).toBeGreaterThan(outcome.baselineSucceeded);
  });

  it('keeps OOM and timeout rates within their projection', () => {
    for (const tier of outcome.tiers) {
      const { oomProbability, timeoutProbability } = tier.recommendation.projected;
      console.log(
        `${tier.tier}: OOM ${(100 * tier.oomRate).toFixed(2)} % (projected ${(100 * oomProbability).toFixed(2)} %), timeouts ${(100 * tier.timeoutRate).toFixed(2)} % (projected ${(100 * timeoutProbability).toFixed(2)} %) over ${tier.executions}`,
      );
      expect(tier.oomRate).toBeLessThanOrEqual(
        oomProbability + tolerance(oomProbability, tier.executions),
      );
      expect(tier.timeoutRate).toBeLessThanOrEqual(
        timeoutProbability + tolerance(timeoutProbability, tier.executions),
      );
    }
  });
});
