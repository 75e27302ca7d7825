import type {
  SimExecution,
  SimJob,
  SimJobUpdate,
  SimRunOverrides,
  SimSeries,
  World,
} from '../world/types';
import { arrivalsBetween } from './arrivals';
import { ExecutionViews, type ExecutionLists } from './execution-views';
import { retainedLists } from './retention';
import { LINEAR_UTILIZATION_BUCKETS } from './distribution';
import { groundTruthOf, type GroundTruth } from './ground-truth';
import { arrivalRequest } from './arrival-request';
import { substream } from './prng';
import type { Scenario, ScenarioStream } from './scenario';
import { physicsSchema } from './scenario-schema';
import { METRIC_TYPES, computeSeries } from './series';
import { spawnExecution, type SpawnRequest } from './spawn';
import {
  createdJobState,
  initialJobState,
  nextGeneration,
  scheduledUpdate,
  type JobState,
} from './job-state';
import { viewAt, type PlannedExecution } from './view';
import { drawWorkload, parsePayload, type Workload } from './workload';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** What a run of a job that no stream feeds processes when it gives no readable payload. */
const DEFAULT_PHYSICS = physicsSchema.parse({});
const FALLBACK_WORKLOAD: Workload = {
  clips: [{ durationSeconds: 8, width: 1080, height: 1920, sizeMb: 15 }],
};

export interface WorldOptions {
  readonly seed: number;
  /** The simulated present, epoch ms; rounded down to the minute. */
  readonly now: number;
  /**
   * Where the scenario's `days` of history end, epoch ms, rounded down to the minute; `now` by
   * default. Later than `now`, the world opens part-way through its window and `advanceTo` plays
   * the rest: advanced to this end, it is the world created with `now` there.
   */
  readonly windowEndMs?: number;
}

const toMinute = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;
const iso = (ms: number) => new Date(ms).toISOString();

/** A project whose history is simulated from a scenario; see emulator/scenarios/README.md. */
export class SimulatedWorld implements World {
  readonly scenario: Scenario;
  readonly project: string;
  readonly region: string;
  readonly seed: number;
  readonly windowStartMs: number;
  #now: number;
  #jobs = new Map<string, JobState>();
  /** Oldest first, in creation order. */
  #planned: PlannedExecution[] = [];
  #ids = new Set<string>();
  #manualRuns = new Map<string, number>();
  #version = 0;
  #executionViews = new ExecutionViews();
  #retained?: { version: number; lists: ExecutionLists };
  /** Keyed by executions planned and the last complete minute: the series depend on nothing else. */
  #seriesCache?: { key: string; byType: Map<string, SimSeries[]> };

  constructor(scenario: Scenario, options: WorldOptions) {
    this.scenario = scenario;
    this.project = scenario.project;
    this.region = scenario.region;
    this.seed = options.seed;
    this.#now = toMinute(options.now);
    const windowEndMs = toMinute(options.windowEndMs ?? options.now);
    this.windowStartMs = windowEndMs - Math.round(scenario.days * DAY_MS);
    if (this.#now < this.windowStartMs || this.#now > windowEndMs) {
      throw new RangeError(
        `now ${iso(this.#now)} is outside scenario ${scenario.name}'s window ${iso(this.windowStartMs)} – ${iso(windowEndMs)}`,
      );
    }
    for (const job of scenario.jobs) {
      this.#jobs.set(job.id, initialJobState(this.seed, job, this.windowStartMs));
    }
    this.#generate(this.windowStartMs, this.#now);
  }

  now(): number {
    return this.#now;
  }

  listJobs(): readonly SimJob[] {
    return [...this.#jobs.values()].map((state) => state.job);
  }

  getJob(jobId: string): SimJob | undefined {
    return this.#jobs.get(jobId)?.job;
  }

  /** What Cloud Run Admin still lists: the scenario's `retention`, newest first. */
  listExecutions(jobId?: string): readonly SimExecution[] {
    const views = this.#retainedViews();
    return jobId === undefined ? views.all : (views.byJob.get(jobId) ?? []);
  }

  /** Every execution ever created, newest first, whatever Cloud Run Admin still lists. */
  allExecutions(jobId?: string): readonly SimExecution[] {
    const views = this.#views();
    return jobId === undefined ? views.all : (views.byJob.get(jobId) ?? []);
  }

  getExecution(jobId: string, executionId: string): SimExecution | undefined {
    return this.#retainedViews()
      .byJob.get(jobId)
      ?.find((e) => e.id === executionId);
  }

  updateJob(jobId: string, update: SimJobUpdate): SimJob {
    const state = this.#state(jobId);
    state.job = nextGeneration(this.seed, state.job, update, this.#now);
    this.#version += 1;
    return state.job;
  }

  createJob(jobId: string, spec: SimJobUpdate): SimJob {
    if (this.#jobs.has(jobId)) throw new Error(`job "${jobId}" already exists`);
    this.#jobs.set(jobId, createdJobState(this.seed, jobId, spec, this.#now));
    this.#version += 1;
    return this.#state(jobId).job;
  }

  runJob(jobId: string, overrides: SimRunOverrides = {}): SimExecution {
    const state = this.#state(jobId);
    const n = (this.#manualRuns.get(jobId) ?? 0) + 1;
    this.#manualRuns.set(jobId, n);
    const key = `manual:${jobId}:${n}`;
    const stream = this.#streamFor(jobId);
    const payload = overrides.env?.find((v) => v.name === 'JOB_PAYLOAD')?.value;
    const given = payload === undefined ? undefined : parsePayload(payload);
    const workload =
      given ??
      (stream ? drawWorkload(stream, substream(this.seed, 'workload', key)) : FALLBACK_WORKLOAD);
    const planned = this.#spawn(state, {
      key,
      createMs: this.#now,
      workload,
      ...(stream && { stream }),
      envOverrides: overrides.env ?? [],
      payloadReadable: given !== undefined,
      ...(overrides.taskCount !== undefined && { taskCount: overrides.taskCount }),
      ...(overrides.timeoutSeconds !== undefined && { timeoutSeconds: overrides.timeoutSeconds }),
    });
    const view = viewAt(planned, this.#now);
    if (!view) throw new Error(`execution ${planned.id} was created after now`);
    return view;
  }

  advanceTo(ms: number): void {
    if (!(ms > this.#now)) return;
    this.#generate(this.#now, ms);
    this.#now = ms;
    this.#version += 1;
  }

  timeSeries(metricType: string): readonly SimSeries[] {
    const minuteMs = toMinute(this.#now);
    const key = `${this.#planned.length}|${minuteMs}`;
    if (this.#seriesCache?.key !== key) {
      const perExecution = new Set(
        [...this.#jobs.values()].filter((s) => s.perExecutionMetrics).map((s) => s.job.id),
      );
      const byType = computeSeries(this.#planned, minuteMs, {
        project: this.project,
        region: this.region,
        jobIds: [...this.#jobs.keys()],
        perExecutionMetrics: perExecution,
        ...(this.scenario.utilisationBuckets === 'linear' && {
          utilisationBuckets: LINEAR_UTILIZATION_BUCKETS,
        }),
      });
      this.#seriesCache = { key, byType };
    }
    return this.#seriesCache.byType.get(metricType) ?? [];
  }

  metricTypes(): readonly string[] {
    const perExecution = [...this.#jobs.values()].some((s) => s.perExecutionMetrics);
    return perExecution ? METRIC_TYPES.all : METRIC_TYPES.builtIn;
  }

  /**
   * Every execution planned up to now with its workload, limits and physics, so a benchmark can
   * re-run the same workloads with the same noise at other limits (see `planTasks`).
   */
  plannedExecutions(): readonly PlannedExecution[] {
    return this.#planned.filter((e) => e.createMs <= this.#now);
  }

  /** What really happened, for measuring Tierwise's accuracy; JSON-serialisable. */
  groundTruth(): GroundTruth {
    return groundTruthOf(this.#planned, this.#now, {
      seed: this.seed,
      project: this.project,
      region: this.region,
      scenario: this.scenario.name,
      windowStartMs: this.windowStartMs,
    });
  }

  #state(jobId: string): JobState {
    const state = this.#jobs.get(jobId);
    if (!state) throw new Error(`no job "${jobId}" in scenario ${this.scenario.name}`);
    return state;
  }

  #views() {
    return this.#executionViews.lists(this.#planned, this.#now, this.#version);
  }

  #retainedViews(): ExecutionLists {
    if (this.#retained?.version !== this.#version) {
      const lists = retainedLists(this.#views(), this.#now, this.scenario.retention);
      this.#retained = { version: this.#version, lists };
    }
    return this.#retained.lists;
  }

  #streamFor(jobId: string): ScenarioStream | undefined {
    return this.scenario.streams.find((s) =>
      'job' in s.route ? s.route.job === jobId : Object.values(s.route.byTier).includes(jobId),
    );
  }

  #spawn(state: JobState, request: Omit<SpawnRequest, 'job' | 'physics'>): PlannedExecution {
    const physics = request.stream?.physics ?? DEFAULT_PHYSICS;
    const planned = spawnExecution(this.seed, { ...request, job: state.job, physics }, this.#ids);
    this.#ids.add(planned.id);
    this.#planned.push(planned);
    state.job = {
      ...state.job,
      executionCount: state.job.executionCount + 1,
      latestExecutionId: planned.id,
    };
    this.#version += 1;
    return planned;
  }

  /** Scheduled limit changes and arrivals in (fromMs, toMs], applied in time order. */
  #generate(fromMs: number, toMs: number): void {
    type Event = { atMs: number; order: number; apply: () => void };
    const events: Event[] = [];
    for (const state of this.#jobs.values()) {
      for (const change of state.pending.filter((c) => c.atMs > fromMs && c.atMs <= toMs)) {
        events.push({
          atMs: change.atMs,
          order: 0,
          apply: () => {
            state.job = nextGeneration(
              this.seed,
              state.job,
              scheduledUpdate(state.job, change),
              change.atMs,
            );
            state.pending = state.pending.filter((c) => c !== change);
          },
        });
      }
    }
    for (const stream of this.scenario.streams) {
      for (const arrival of arrivalsBetween(this.seed, stream, fromMs, toMs)) {
        events.push({
          atMs: arrival.atMs,
          order: 1,
          apply: () => this.#arrive(stream, arrival.key, arrival.atMs),
        });
      }
    }
    events.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
    for (const event of events) event.apply();
  }

  #arrive(stream: ScenarioStream, key: string, atMs: number): void {
    const { jobId, workload, env, payloadReadable } = arrivalRequest(this.seed, stream, key);
    this.#spawn(this.#state(jobId), {
      key,
      createMs: atMs,
      workload,
      stream,
      envOverrides: env,
      payloadReadable,
    });
  }
}
