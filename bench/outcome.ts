/**
 * The outcome check: the default scenario's history is read through the emulator, each tier gets its
 * recommendation, and the same workloads are re-run (same seed: the simulator draws workloads
 * independently of limits) with one job per tier at the recommended limits. Cost, OOM and timeout
 * rates of the re-run come from the simulator's ground truth.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@/emulator/server';
import {
  createWorld,
  DEFAULT_SCENARIO_PATH,
  parseScenario,
  type GroundTruth,
} from '@/emulator/sim';
import { formatMemoryQuantity } from '@/lib/domain/quantities';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import {
  recommendLimits,
  type ExecutionObservation,
  type Objective,
  type Recommendation,
} from '@/lib/domain/recommend';
import { classify, DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { createClients } from '@/lib/gcp';
import { readObservations } from './tier-history';
import { FULL_HISTORY } from './full-history';
import {
  krrBaseline,
  score,
  searchOracle,
  vpaBaseline,
  workloadsOf,
  type OracleResult,
  type Score,
  type SimLimits,
  type Usage,
} from './oracle';

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

// ---------------------------------------------------------------------------------------------
// `npm run bench -- outcome`: the recommendation against an oracle and two baselines, per scenario
// and tier, in sample (learn and score on the same month) and out of sample (learn on month 1,
// score on month 2). See bench/oracle.ts for how limits are scored.
// ---------------------------------------------------------------------------------------------

export const OUTCOME_SCENARIOS = [
  'reel-stitching',
  'hard-oom-today',
  'hard-cpu-overhead',
  'hard-few-executions',
  'hard-upload-sizes',
  'hard-limit-change',
] as const;

/** The oracle's timeout and retries: no timeouts, one retry for transient errors. */
const ORACLE_TIMEOUT_SECONDS = 6 * 3600;
const ORACLE_RETRIES = 1;

export type Case = {
  readonly scenario: string;
  readonly mode: 'in-sample' | 'out-of-sample';
  readonly tier: string;
  readonly executions: number;
  readonly budget: number;
  readonly today: Score;
  readonly cost: { readonly rec: Recommendation; readonly score: Score };
  readonly balanced: { readonly rec: Recommendation; readonly score: Score };
  readonly krr: { readonly limits: SimLimits; readonly score: Score };
  readonly vpa: { readonly limits: SimLimits; readonly score: Score };
  readonly oracle: OracleResult;
  readonly oracleBalanced: OracleResult;
};

function usageOf(observations: readonly ExecutionObservation[]): Usage {
  const busyVcpu: number[] = [];
  const peakBytes: number[] = [];
  for (const o of observations) {
    if (o.cpuUtilisation !== undefined && Number.isFinite(o.cpuUtilisation))
      busyVcpu.push(o.cpuUtilisation * o.limits.vcpu);
    if (o.peakMemoryBytes !== undefined && Number.isFinite(o.peakMemoryBytes))
      peakBytes.push(o.peakMemoryBytes);
  }
  return { busyVcpu, peakBytes };
}

async function scenarioCases(
  name: string,
  mode: Case['mode'],
  seed: number,
  nowMs: number,
  book: PriceBook,
): Promise<Case[]> {
  const path = fileURLToPath(new URL(`../emulator/scenarios/${name}.json`, import.meta.url));
  const raw = JSON.parse(readFileSync(path, 'utf8')) as RawScenario;
  const monthDays = raw.days ?? 30;
  const days = mode === 'in-sample' ? monthDays : 2 * monthDays;
  const world = createWorld(
    { ...parseScenario({ ...raw, days }), retention: FULL_HISTORY },
    { seed, now: nowMs },
  );
  const startMs = world.windowStartMs;
  const learnEndMs = mode === 'in-sample' ? nowMs + 1 : startMs + monthDays * DAY_MS;
  const emulator = await startEmulator({ world, port: 0 });
  const clients = createClients({ emulatorHost: emulator.host });
  let observed: Awaited<ReturnType<typeof readObservations>>;
  try {
    observed = await readObservations(clients, {
      project: world.project,
      region: world.region,
      job: SHARED_JOB,
      startMs,
      endMs: learnEndMs,
      nowMs,
    });
  } finally {
    await clients.close();
    await emulator.stop();
  }
  const all = observed.map((o) => o.observation);
  const scoreFrom = mode === 'in-sample' ? startMs : learnEndMs;
  const planned = world
    .plannedExecutions()
    .filter(
      (e) => e.jobId === SHARED_JOB && e.createMs >= scoreFrom && e.plan.completionMs <= nowMs,
    );
  const cases: Case[] = [];
  for (const tier of TIERS) {
    const observations = observed
      .filter((o) => classify(o.features, DEFAULT_TIER_POLICY) === tier)
      .map((o) => o.observation);
    const scored = planned.filter((e) => e.tier === tier);
    if (observations.length === 0 || scored.length === 0) continue;
    const current = observations[0]!.limits;
    const recommend = (objective: Objective) =>
      recommendLimits({
        observations,
        current,
        windowDays: monthDays,
        priceBook: book,
        objective,
        tierLabel: tier,
        jobObservations: all,
      });
    const workloads = workloadsOf(seed, scored);
    const today = score(workloads, book, (e) => e.limits);
    const cost = recommend('cost');
    const balanced = recommend('balanced');
    const usage = usageOf(observations);
    const krr = krrBaseline(usage, current);
    const vpa = vpaBaseline(usage, current);
    const budget = cost.failureBudget.rate * scored.length;
    const search = (maxP95Seconds?: number) =>
      searchOracle(workloads, book, {
        maxFailures: budget,
        timeoutSeconds: ORACLE_TIMEOUT_SECONDS,
        maxRetries: ORACLE_RETRIES,
        ...(maxP95Seconds !== undefined && { maxP95Seconds }),
      })!;
    cases.push({
      scenario: name,
      mode,
      tier,
      executions: scored.length,
      budget,
      today,
      cost: { rec: cost, score: score(workloads, book, () => cost.recommended) },
      balanced: { rec: balanced, score: score(workloads, book, () => balanced.recommended) },
      krr: { limits: krr, score: score(workloads, book, () => krr) },
      vpa: { limits: vpa, score: score(workloads, book, () => vpa) },
      oracle: search(),
      oracleBalanced: search(today.p95Seconds),
    });
  }
  return cases;
}

export type Verdict = {
  readonly failuresOk: boolean;
  readonly costOk: boolean;
  readonly beatsBaselines: boolean;
  readonly regret: number;
};

/** The bar: failures ≤ oracle's + 10 % + 2; cost ≤ 1.10 × oracle (balanced: 1.05 × its oracle). */
export function judge(c: Case, objective: 'cost' | 'balanced'): Verdict {
  const mine = objective === 'cost' ? c.cost.score : c.balanced.score;
  const oracle = objective === 'cost' ? c.oracle : c.oracleBalanced;
  const regret = (mine.costUsd - oracle.score.costUsd) / oracle.score.costUsd;
  const factor = objective === 'cost' ? 1.1 : 1.05;
  const beats = (b: Score) =>
    mine.failures <= b.failures && (mine.costUsd <= b.costUsd || b.failures > c.budget + 2);
  return {
    failuresOk: mine.failures <= oracle.score.failures * 1.1 + 2,
    costOk: mine.costUsd <= factor * oracle.score.costUsd,
    beatsBaselines: beats(c.krr.score) && beats(c.vpa.score),
    regret,
  };
}

const usd = (v: number) => `$${v.toFixed(2)}`;
const gib = (b: number) => `${(b / 2 ** 30).toFixed(2).replace(/\.?0+$/, '')}Gi`;
const lim = (l: SimLimits) =>
  `${l.vcpu}/${gib(l.memoryBytes)}/${l.timeoutSeconds}s/${l.maxRetries}r`;
const fig = (s: Score) => `${usd(s.costUsd)} f=${s.failures} p95=${s.p95Seconds.toFixed(0)}s`;

function printCase(c: Case): void {
  const cost = judge(c, 'cost');
  const bal = judge(c, 'balanced');
  const mark = (v: Verdict) =>
    `${v.failuresOk ? '' : ' FAIL>oracle'}${v.costOk ? '' : ' COST>bar'}${v.beatsBaselines ? '' : ' !baselines'}`;
  console.log(
    `  ${c.tier.padEnd(7)} n=${String(c.executions).padStart(5)} budget=${c.budget.toFixed(1)}\n` +
      `    today      ${fig(c.today)}\n` +
      `    cost       ${fig(c.cost.score)} @ ${lim(c.cost.rec.recommended)} [${c.cost.rec.confidence}] regret=${(100 * cost.regret).toFixed(1)}%${mark(cost)}\n` +
      `    balanced   ${fig(c.balanced.score)} @ ${lim(c.balanced.rec.recommended)} [${c.balanced.rec.confidence}] regret=${(100 * bal.regret).toFixed(1)}%${mark(bal)}\n` +
      `    KRR        ${fig(c.krr.score)} @ ${lim(c.krr.limits)}\n` +
      `    VPA        ${fig(c.vpa.score)} @ ${lim(c.vpa.limits)}\n` +
      `    oracle     ${fig(c.oracle.score)} @ ${lim(c.oracle.limits)} (${c.oracle.tried} tried)\n` +
      `    oracle-bal ${fig(c.oracleBalanced.score)} @ ${lim(c.oracleBalanced.limits)}`,
  );
}

export async function run(): Promise<void> {
  const book = findPriceBook('jobs-tier1') as PriceBook;
  const seed = Number(process.env.OUTCOME_SEED ?? 7);
  const nowMs = Date.UTC(2025, 4, 20, 12);
  const only = process.env.OUTCOME_SCENARIOS?.split(',');
  const modes = (process.env.OUTCOME_MODES?.split(',') ?? [
    'in-sample',
    'out-of-sample',
  ]) as Case['mode'][];
  const cases: Case[] = [];
  for (const mode of modes) {
    for (const name of OUTCOME_SCENARIOS) {
      if (only && !only.includes(name)) continue;
      const started = Date.now();
      const found = await scenarioCases(name, mode, seed, nowMs, book);
      console.log(
        `\n### ${name} (${mode}, seed ${seed}; ${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
      found.forEach(printCase);
      cases.push(...found);
    }
  }
  let total = 0;
  let met = 0;
  let beat = 0;
  const misses: string[] = [];
  for (const c of cases) {
    for (const objective of ['cost', 'balanced'] as const) {
      const v = judge(c, objective);
      total += 1;
      if (v.failuresOk && v.costOk) met += 1;
      else
        misses.push(
          `${c.scenario}/${c.mode}/${c.tier}/${objective}: regret ${(100 * v.regret).toFixed(1)}%${v.failuresOk ? '' : ', failures over the bar'}${v.costOk ? '' : ', cost over the bar'}`,
        );
      if (v.beatsBaselines) beat += 1;
    }
  }
  console.log(
    `\nMet the bar (failures ≤ oracle + 10 % + 2, cost ≤ 1.10 × oracle; balanced ≤ 1.05 ×): ${met}/${total}. Beat both baselines: ${beat}/${total}.`,
  );
  for (const m of misses) console.log(`  miss: ${m}`);
}
