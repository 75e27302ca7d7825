import { checkLabels } from '../run/labels';
import { z } from 'zod';
import { MAX_RETRIES, MAX_TIMEOUT_SECONDS, cpuProblem, memoryProblem } from './quantities';

/** The seed's tier names, smallest first. */
export const TIER_NAMES = ['small', 'medium', 'large', 'xlarge'] as const;
export type TierName = (typeof TIER_NAMES)[number];

const range = (min = 0) =>
  z
    .strictObject({ min: z.number().min(min), max: z.number().min(min) })
    .refine((r) => r.min <= r.max, { message: 'max must not be below min', path: ['max'] });

const limitsEntrySchema = z.strictObject({
  /** Days after the window starts (0 = from the start), or an ISO 8601 time. */
  from: z.union([z.number().min(0), z.iso.datetime({ offset: true })]),
  cpu: z.string(),
  memory: z.string(),
  timeoutSeconds: z.int().min(1).max(MAX_TIMEOUT_SECONDS).default(600),
  maxRetries: z.int().min(0).max(MAX_RETRIES).default(3),
});

const jobSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
      'must be 1–63 lowercase letters, digits or hyphens',
    ),
  image: z.string().min(1),
  serviceAccount: z.string().min(1),
  taskCount: z.int().min(1).max(100).default(1),
  parallelism: z.int().min(0).max(100).default(0),
  labels: z
    .record(z.string(), z.string())
    .default({})
    .superRefine((labels, context) => {
      for (const violation of checkLabels(labels, 'labels')) {
        context.addIssue({
          code: 'custom',
          message: `${violation.field}: ${violation.description}`,
        });
      }
    }),
  env: z.array(z.strictObject({ name: z.string().min(1), value: z.string() })).default([]),
  /** Whether the job writes the log-based per-execution metrics (peak memory, CPU seconds). */
  perExecutionMetrics: z.boolean().default(false),
  limits: z.array(limitsEntrySchema).min(1),
});

const mixSchema = z.strictObject({
  name: z.string().min(1),
  weight: z.number().positive(),
  clips: z.strictObject({
    min: z.int().min(1),
    max: z.int().min(1),
    /** Probability that the count comes from the tail (max, tailMax] instead. */
    tailProbability: z.number().min(0).max(1).default(0),
    tailMax: z.int().min(1).optional(),
  }),
  clipSeconds: range(0.1),
  resolution: z.strictObject({ width: z.int().min(16), height: z.int().min(16) }),
  /** Size per clip, or size per media second (bitrate) for clips of varied length. */
  clipMb: range(0.01).optional(),
  mbPerMediaSecond: range(0.001).optional(),
});

/** The program a stream runs: how a workload and limits turn into time, CPU and memory. */
export const physicsSchema = z.strictObject({
  schedulingDelaySeconds: range().default({ min: 2, max: 8 }),
  startupSeconds: z.number().min(0).default(3),
  /**
   * Instance start before each attempt's start time, billed like the run: Cloud Run allocates
   * (and bills) an instance from when it starts, before the execution's start_time. 0 by default.
   */
  instanceStartSeconds: z.number().min(0).max(600).default(0),
  downloadMBps: z.number().positive().default(60),
  downloadLatencySecondsPerClip: z.number().min(0).default(0.4),
  uploadMBps: z.number().positive().default(40),
  encodeCpuSecondsPerMegapixelSecond: z.number().positive().default(1.6),
  parallelFraction: z.number().min(0).max(1).default(0.87),
  parallelOverheadPerDoubling: z.number().min(0).default(0.04),
  /** Output size per media second at 1080×1920, scaled by the output's pixels. */
  outputMbPerMediaSecond: z.number().min(0).default(1.2),
  baseMemoryMiB: z.number().positive().default(230),
  decodeFramesBuffered: z.number().min(0).default(32),
  encodeLookaheadFrames: z.number().min(0).default(40),
  durationNoiseSigma: z.number().min(0).max(1).default(0.12),
  memoryNoiseSigma: z.number().min(0).max(1).default(0.03),
  transientErrorRate: z.number().min(0).max(1).default(0.004),
  retryDelaySeconds: range().default({ min: 5, max: 15 }),
});

const routeSchema = z.union([
  z.strictObject({ job: z.string() }),
  z.strictObject({
    byTier: z.strictObject({
      small: z.string(),
      medium: z.string(),
      large: z.string(),
      xlarge: z.string(),
    }),
  }),
]);

const streamSchema = z.strictObject({
  name: z.string().regex(/^[a-z][-a-z0-9]*$/, 'must be lowercase letters, digits or hyphens'),
  jobType: z.string().min(1),
  route: routeSchema,
  arrivals: z.strictObject({
    /** Mean arrivals on a weekday; weekend days get perDay × weekendFactor. */
    perDay: z.number().min(0),
    /** Relative weight of each UTC hour, 24 numbers. */
    diurnal: z
      .array(z.number().min(0))
      .length(24)
      .default(Array.from({ length: 24 }, () => 1)),
    weekendFactor: z.number().min(0).default(1),
  }),
  /** Share of payloads written truncated, so they cannot be read. */
  unreadablePayloadRate: z.number().min(0).max(1).default(0),
  outputBucket: z.string().default('gs://demo-output'),
  inputBucket: z.string().default('gs://demo-input'),
  mix: z.array(mixSchema).min(1),
  physics: physicsSchema.prefault({}),
});

/**
 * How much history Cloud Run Admin still lists per job: the newest 1,000 executions and every one of
 * the last 7 days (https://cloud.google.com/run/docs/execute/jobs). Monitoring keeps the whole
 * simulated history regardless.
 */
export const retentionSchema = z.strictObject({
  days: z.number().positive().max(400).default(7),
  executions: z.int().min(1).max(10_000_000).default(1000),
});

/** The limits a share of a fleet's copies run at: copy i takes variant i mod the number of them. */
const fleetVariantSchema = z.strictObject({ limits: z.array(limitsEntrySchema).min(1) });

/**
 * Many jobs alike: `count` copies of `job` (ids `ID-001`, `ID-002`, …), each fed by its own copy of
 * `stream` (named `NAME-001`, …, routed to its job), so a scenario can say "200 jobs like this".
 */
const fleetSchema = z.strictObject({
  count: z.int().min(1).max(999),
  job: jobSchema,
  stream: streamSchema.omit({ route: true }),
  variants: z.array(fleetVariantSchema).default([]),
});

const baseScenarioSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().default(''),
    project: z
      .string()
      .regex(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/, 'must be a Google Cloud project id'),
    region: z.string().regex(/^[a-z]+-[a-z]+\d+$/, 'must be a region such as us-central1'),
    /** The same jobs also run in these regions of the project, each with a history of its own. */
    otherRegions: z
      .array(z.string().regex(/^[a-z]+-[a-z]+\d+$/, 'must be a region such as europe-west1'))
      .default([]),
    days: z.number().positive().max(400).default(30),
    jobs: z.array(jobSchema).default([]),
    streams: z.array(streamSchema).default([]),
    fleets: z.array(fleetSchema).default([]),
    retention: retentionSchema.prefault({}),
    /**
     * Bucket layout of the utilisation distributions: `exponential` (100 buckets growing from 1 %)
     * or `linear` (100 buckets of 1 %, the layout seen in exported Cloud Run data).
     */
    utilisationBuckets: z.enum(['exponential', 'linear']).default('exponential'),
  })
  .superRefine(checkScenario);

export const scenarioSchema = baseScenarioSchema.transform(expandFleets);

type RawScenario = z.output<typeof baseScenarioSchema>;
type Ctx = z.core.$RefinementCtx<RawScenario>;

function checkScenario(scenario: RawScenario, ctx: Ctx): void {
  scenario.otherRegions.forEach((region, r) => {
    if (region === scenario.region || scenario.otherRegions.indexOf(region) !== r)
      issue(ctx, ['otherRegions', r], `"${region}" is already one of the scenario's regions`);
  });
  const jobIds = new Set<string>();
  scenario.jobs.forEach((job, j) => {
    if (jobIds.has(job.id)) issue(ctx, ['jobs', j, 'id'], `"${job.id}" is used by another job`);
    jobIds.add(job.id);
    checkLimits(job.limits, ['jobs', j, 'limits'], ctx);
  });
  if (scenario.jobs.length === 0 && scenario.fleets.length === 0)
    issue(ctx, ['jobs'], 'give at least one job (in jobs or fleets)');
  scenario.fleets.forEach((fleet, f) => {
    checkLimits(fleet.job.limits, ['fleets', f, 'job', 'limits'], ctx);
    fleet.variants.forEach((variant, v) =>
      checkLimits(variant.limits, ['fleets', f, 'variants', v, 'limits'], ctx),
    );
    const last = fleetJobId(fleet.job.id, fleet.count - 1);
    if (last.length > 63)
      issue(ctx, ['fleets', f, 'job', 'id'], `makes ids such as "${last}", over 63 characters`);
    for (let i = 0; i < fleet.count; i += 1) {
      const id = fleetJobId(fleet.job.id, i);
      if (jobIds.has(id))
        issue(ctx, ['fleets', f, 'job', 'id'], `makes "${id}", used by another job`);
      jobIds.add(id);
    }
  });
  scenario.streams.forEach((stream, s) => {
    const targets = 'job' in stream.route ? { job: stream.route.job } : stream.route.byTier;
    for (const [key, jobId] of Object.entries(targets)) {
      const path = ['streams', s, 'route', ...('job' in stream.route ? [] : ['byTier']), key];
      if (!jobIds.has(jobId)) issue(ctx, path, `"${jobId}" is not one of the scenario's jobs`);
    }
    stream.mix.forEach((mix, m) => checkMix(mix, ['streams', s, 'mix', m], ctx));
  });
}

function checkLimits(
  limits: RawScenario['jobs'][number]['limits'],
  path: PropertyKey[],
  ctx: Ctx,
): void {
  limits.forEach((entry, l) => {
    const cpu = cpuProblem(entry.cpu);
    if (cpu) issue(ctx, [...path, l, 'cpu'], cpu);
    const memory = memoryProblem(entry.memory, entry.cpu);
    if (memory) issue(ctx, [...path, l, 'memory'], memory);
  });
}

/** `batch-007` for the seventh copy of `batch`. */
export function fleetJobId(prefix: string, index: number): string {
  return `${prefix}-${String(index + 1).padStart(3, '0')}`;
}

/** The scenario with every fleet written out as its jobs and streams. */
function expandFleets({ fleets, ...scenario }: RawScenario) {
  const jobs = [...scenario.jobs];
  const streams = [...scenario.streams];
  for (const fleet of fleets) {
    for (let i = 0; i < fleet.count; i += 1) {
      const id = fleetJobId(fleet.job.id, i);
      const variant = fleet.variants[i % Math.max(1, fleet.variants.length)];
      jobs.push({ ...fleet.job, id, limits: variant?.limits ?? fleet.job.limits });
      streams.push({ ...fleet.stream, name: fleetJobId(fleet.stream.name, i), route: { job: id } });
    }
  }
  return { ...scenario, jobs, streams };
}

function checkMix(
  mix: RawScenario['streams'][number]['mix'][number],
  path: PropertyKey[],
  ctx: Ctx,
) {
  if ((mix.clipMb === undefined) === (mix.mbPerMediaSecond === undefined)) {
    issue(ctx, path, 'give exactly one of clipMb and mbPerMediaSecond');
  }
  if (mix.clips.max < mix.clips.min) issue(ctx, [...path, 'clips', 'max'], 'must not be below min');
  if (mix.clips.tailProbability > 0 && (mix.clips.tailMax ?? 0) <= mix.clips.max) {
    issue(ctx, [...path, 'clips', 'tailMax'], 'must be above max when tailProbability is set');
  }
}

function issue(ctx: Ctx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', message, path });
}
