/**
 * The oracle's search on two days of the default scenario: what it returns keeps to the failure
 * budget, nothing cheaper at any valid (vCPU, memory) does, and re-scoring at today's limits
 * reproduces what the simulator billed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorld, DEFAULT_SCENARIO_PATH, parseScenario } from '@/emulator/sim';
import { CPU_OPTIONS, MEMORY_BOUNDS_BY_CPU } from '@/lib/domain/limits';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { MEMORY_STEP_BYTES, score, searchOracle, workloadsOf } from './oracle';

const book = findPriceBook('jobs-tier1') as PriceBook;
const NOW_MS = Date.UTC(2025, 4, 20, 12);
const raw = JSON.parse(readFileSync(DEFAULT_SCENARIO_PATH, 'utf8')) as Record<string, unknown>;
const world = createWorld(parseScenario({ ...raw, days: 2 }), { seed: 3, now: NOW_MS });
const done = world
  .plannedExecutions()
  .filter((e) => e.jobId === 'reel-stitching-job' && e.plan.completionMs <= NOW_MS);
const options = { maxFailures: 1, timeoutSeconds: 21_600, maxRetries: 1 };

describe('oracle search', () => {
  const workloads = workloadsOf(
    3,
    done.filter((e) => e.tier === 'large'),
  );

  it('re-scores today’s limits as the simulator billed them', () => {
    const all = workloadsOf(3, done);
    const again = score(all, book, (e) => e.limits);
    const truth = world.groundTruth().executions.filter((e) => e.jobId === 'reel-stitching-job');
    const billed = truth
      .filter((e) => e.status !== 'running')
      .flatMap((e) => e.attempts)
      .reduce(
        (s, a) =>
          s + a.vcpuSecondsBilled * book.vcpuSecondUsd + a.gibSecondsBilled * book.gibSecondUsd,
        0,
      );
    expect(again.costUsd).toBeCloseTo(billed, 6);
    expect(again.failures).toBe(truth.filter((e) => e.status === 'failed').length);
  });

  it('finds limits within the budget that nothing cheaper beats', () => {
    expect(workloads.executions.length).toBeGreaterThan(5);
    const found = searchOracle(workloads, book, options)!;
    expect(found.score.failures).toBeLessThanOrEqual(1);
    // Every valid pair, without the early stop: none within budget is cheaper.
    for (const vcpu of CPU_OPTIONS) {
      const { minBytes, maxBytes } = MEMORY_BOUNDS_BY_CPU[vcpu];
      for (
        let memoryBytes = minBytes;
        memoryBytes <= maxBytes;
        memoryBytes += 4 * MEMORY_STEP_BYTES
      ) {
        const s = score(workloads, book, () => ({ ...options, vcpu, memoryBytes }));
        if (s.failures <= 1) expect(s.costUsd).toBeGreaterThanOrEqual(found.score.costUsd - 1e-12);
      }
    }
  });

  it('keeps to a latency bar when given one', () => {
    const loose = searchOracle(workloads, book, options)!;
    const tight = searchOracle(workloads, book, {
      ...options,
      maxP95Seconds: loose.score.p95Seconds * 0.6,
    })!;
    expect(tight.score.p95Seconds).toBeLessThanOrEqual(loose.score.p95Seconds * 0.6);
    expect(tight.score.costUsd).toBeGreaterThanOrEqual(loose.score.costUsd);
  });
});
