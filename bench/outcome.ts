/**
 * The outcome check: the default scenario's history is read through the emulator, each tier gets its
 * recommendation, and the same workloads are re-run (same seed: the simulator draws workloads
 * independently of limits) with one job per tier at the recommended limits. Cost, OOM and timeout
 * rates of the re-run come from the simulator's ground truth.
 */
import { readFileSync } from 'node:fs';
import { startEmulator } from '@/emulator/server';
import {
  createWorld,
  DEFAULT_SCENARIO_PATH,
  parseScenario,
  type GroundTruth,
} from '@/emulator/sim';
import { formatMemoryQuantity } from '@/lib/domain/quantities';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { recommendLimits, type Objective, type Recommendation } from '@/lib/domain/recommend';
import { classify, DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { createClients } from '@/lib/gcp';
import { readObservations } from './tier-history';
import { FULL_HISTORY } from './full-history';

const SHARED_JOB = 'reel-stitching-job';
const TIERS = ['small', 'medium', 'large', 'xlarge'] as const;
const DAY_MS = 86_400_000;

export type TierOutcome = {
  readonly tier: string;
  readonly recommendation: Recommendation;
  readonly executions: number;
  readonly oomRate: number;
  readonly timeoutRate: number;
};

export type Outcome = {
  readonly baselineCostUsd: number;
  readonly rerunCostUsd: number;
  readonly baselineSucceeded: number;
  readonly rerunSucceeded: number;
  readonly tiers: readonly TierOutcome[];
};

type RawJob = { id: string; limits: unknown[]; labels?: Record<string, string> };
type RawScenario = { days?: number; jobs: RawJob[]; streams: { route: unknown }[] };

function billedUsd(truth: GroundTruth, jobs: ReadonlySet<string>, book: PriceBook): number {
  return truth.executions
    .filter((e) => jobs.has(e.jobId) && e.status !== 'running')
    .flatMap((e) => e.attempts)
    .reduce(
      (sum, a) =>
        sum + a.vcpuSecondsBilled * book.vcpuSecondUsd + a.gibSecondsBilled * book.gibSecondUsd,
      0,
    );
}

async function recommendPerTier(
  raw: RawScenario,
  seed: number,
  nowMs: number,
  objective: Objective,
  book: PriceBook,
) {
  // These figures measure the engine, not history keeping: list the whole simulated month.
  const world = createWorld(
    { ...parseScenario(raw), retention: FULL_HISTORY },
    { seed, now: nowMs },
  );
  const emulator = await startEmulator({ world, port: 0 });
  const clients = createClients({ emulatorHost: emulator.host });
  try {
    const days = raw.days ?? 30;
    const observed = await readObservations(clients, {
      project: world.project,
      region: world.region,
      job: SHARED_JOB,
      startMs: nowMs - days * DAY_MS,
      endMs: nowMs + 1,
      nowMs,
    });
    const current = observed[0]!.observation.limits;
    const byTier = new Map<string, Recommendation>();
    for (const tier of TIERS) {
      const observations = observed
        .filter((o) => classify(o.features, DEFAULT_TIER_POLICY) === tier)
        .map((o) => o.observation);
      byTier.set(
        tier,
        recommendLimits({
          observations,
          current,
          windowDays: days,
          priceBook: book,
          objective,
          tierLabel: tier,
        }),
      );
    }
    return { byTier, baseline: world.groundTruth() };
  } finally {
    await clients.close();
    await emulator.stop();
  }
}

/** The default scenario with the reel stream routed by tier to one job per tier at `limits`. */
function perTierScenario(
  raw: RawScenario,
  byTier: ReadonlyMap<string, Recommendation>,
): RawScenario {
  const shared = raw.jobs.find((j) => j.id === SHARED_JOB)!;
  const tierJobs = TIERS.map((tier) => {
    const limits = byTier.get(tier)!.recommended;
    return {
      ...shared,
      id: `${SHARED_JOB}-${tier}`,
      labels: { ...shared.labels, tier },
      limits: [
        {
          from: 0,
          cpu: String(limits.vcpu),
          memory: formatMemoryQuantity(limits.memoryBytes),
          timeoutSeconds: limits.timeoutSeconds,
          maxRetries: limits.maxRetries,
        },
      ],
    };
  });
  const route = { byTier: Object.fromEntries(TIERS.map((t) => [t, `${SHARED_JOB}-${t}`])) };
  return {
    ...raw,
    jobs: [...raw.jobs.filter((j) => j.id !== SHARED_JOB), ...tierJobs],
    streams: raw.streams.map((s) =>
      (s.route as { job?: string }).job === SHARED_JOB ? { ...s, route } : s,
    ),
  };
}

function succeeded(truth: GroundTruth, jobs: ReadonlySet<string>): number {
  return truth.executions.filter((e) => jobs.has(e.jobId) && e.status === 'succeeded').length;
}

function rates(truth: GroundTruth, job: string) {
  const done = truth.executions.filter((e) => e.jobId === job && e.status !== 'running');
  const failedBy = (outcome: string) =>
    done.filter((e) => e.status === 'failed' && e.attempts.at(-1)?.outcome === outcome).length;
  const n = Math.max(1, done.length);
  return {
    executions: done.length,
    oomRate: failedBy('oom') / n,
    timeoutRate: failedBy('timeout') / n,
  };
}

export async function measureOutcome(options: {
  seed: number;
  nowMs: number;
  objective?: Objective;
}): Promise<Outcome> {
  const book = findPriceBook('jobs-tier1') as PriceBook;
  const raw = JSON.parse(readFileSync(DEFAULT_SCENARIO_PATH, 'utf8')) as RawScenario;
  const { byTier, baseline } = await recommendPerTier(
    raw,
    options.seed,
    options.nowMs,
    options.objective ?? 'balanced',
    book,
  );
  const rerun = createWorld(parseScenario(perTierScenario(raw, byTier)), {
    seed: options.seed,
    now: options.nowMs,
  }).groundTruth();
  const tierJobs = new Set(TIERS.map((t) => `${SHARED_JOB}-${t}`));
  return {
    baselineCostUsd: billedUsd(baseline, new Set([SHARED_JOB]), book),
    rerunCostUsd: billedUsd(rerun, tierJobs, book),
    baselineSucceeded: succeeded(baseline, new Set([SHARED_JOB])),
    rerunSucceeded: succeeded(rerun, tierJobs),
    tiers: TIERS.map((tier) => ({
      tier,
      recommendation: byTier.get(tier)!,
      ...rates(rerun, `${SHARED_JOB}-${tier}`),
    })),
  };
}
