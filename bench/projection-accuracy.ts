/**
 * Projection errors of the duration model against the simulator's ground truth: the `tiered`
 * scenario (one job per tier, the medium tier moved from 2 to 4 vCPU mid-window) is read through the
 * emulator and the real clients, each tier is recommended for, and its projected p50/p95 execution
 * time at every valid vCPU value is compared with the truth re-simulated at that vCPU.
 */
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@/emulator/server';
import { createWorld, loadScenario } from '@/emulator/sim';
import { FULL_HISTORY } from './full-history';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { recommendLimits, type Recommendation } from '@/lib/domain/recommend';
import { createClients } from '@/lib/gcp';
import { readObservations } from './tier-history';

export const TIERED_SCENARIO = fileURLToPath(
  new URL('../emulator/scenarios/tiered.json', import.meta.url),
);
const DAY_MS = 86_400_000;

export type ProjectionError = {
  readonly job: string;
  readonly basis: string;
  readonly vcpu: number;
  readonly projectedP50Seconds: number;
  readonly trueP50Seconds: number;
  readonly projectedP95Seconds: number;
  readonly trueP95Seconds: number;
  /** projected ÷ true − 1. */
  readonly p50Error: number;
  readonly p95Error: number;
  readonly p95IntervalCovers: boolean;
};

export type AccuracyRun = {
  readonly errors: readonly ProjectionError[];
  readonly recommendations: ReadonlyMap<string, Recommendation>;
};

export async function measureProjectionErrors(options: {
  seed: number;
  nowMs: number;
}): Promise<AccuracyRun> {
  // These figures measure the engine, not history keeping: list the whole simulated month.
  const scenario = { ...loadScenario(TIERED_SCENARIO), retention: FULL_HISTORY };
  const world = createWorld(scenario, { seed: options.seed, now: options.nowMs });
  const truth = world.groundTruth();
  const emulator = await startEmulator({ world, port: 0 });
  const clients = createClients({ emulatorHost: emulator.host });
  const book = findPriceBook('jobs-tier1') as PriceBook;
  const errors: ProjectionError[] = [];
  const recommendations = new Map<string, Recommendation>();
  try {
    for (const job of world
      .listJobs()
      .map((j) => j.id)
      .filter((id) => id.startsWith('reel-'))) {
      const observations = (
        await readObservations(clients, {
          project: world.project,
          region: world.region,
          job,
          startMs: world.now() - scenario.days * DAY_MS,
          endMs: world.now() + 1,
          nowMs: world.now(),
        })
      ).map((o) => o.observation);
      const latest = world.getJob(job)!;
      const current = observations.at(0)?.limits ?? {
        vcpu: Number(latest.template.limits.cpu),
        memoryBytes: 0,
        timeoutSeconds: latest.template.timeoutSeconds,
        maxRetries: latest.template.maxRetries,
      };
      const recommendation = recommendLimits({
        observations,
        current,
        windowDays: scenario.days,
        priceBook: book,
      });
      recommendations.set(job, recommendation);
      const tier = truth.tiers
        .filter((t) => t.jobId === job)
        .sort((a, b) => b.executionCount - a.executionCount)[0];
      if (!tier) continue;
      for (const point of recommendation.curve) {
        const trueStats = tier.byVcpu[String(point.vcpu)];
        if (!trueStats) continue;
        errors.push({
          job,
          basis: recommendation.model.basis,
          vcpu: point.vcpu,
          projectedP50Seconds: point.p50Seconds,
          trueP50Seconds: trueStats.medianSeconds,
          projectedP95Seconds: point.p95Seconds,
          trueP95Seconds: trueStats.p95Seconds,
          p50Error: point.p50Seconds / trueStats.medianSeconds - 1,
          p95Error: point.p95Seconds / trueStats.p95Seconds - 1,
          p95IntervalCovers:
            point.p95IntervalSeconds.low <= trueStats.p95Seconds &&
            trueStats.p95Seconds <= point.p95IntervalSeconds.high,
        });
      }
    }
  } finally {
    await clients.close();
    await emulator.stop();
  }
  return { errors, recommendations };
}

export function formatErrors(errors: readonly ProjectionError[]): string {
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;
  return errors
    .map(
      (e) =>
        `${e.job.padEnd(26)} ${e.basis.padEnd(13)} ${String(e.vcpu).padStart(2)} vCPU  p50 ${e.projectedP50Seconds.toFixed(1).padStart(7)} s vs ${e.trueP50Seconds.toFixed(1).padStart(7)} s (${pct(e.p50Error)})  p95 ${e.projectedP95Seconds.toFixed(1).padStart(7)} s vs ${e.trueP95Seconds.toFixed(1).padStart(7)} s (${pct(e.p95Error)})${e.p95IntervalCovers ? '' : '  [outside interval]'}`,
    )
    .join('\n');
}
