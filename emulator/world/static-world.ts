import type {
  SimExecution,
  SimJob,
  SimJobUpdate,
  SimRunOverrides,
  SimSeries,
  World,
} from './types';

export interface StaticWorldInit {
  project: string;
  region: string;
  now: number;
  jobs: SimJob[];
  executions?: SimExecution[];
  series?: SimSeries[];
}

/**
 * A world given in full by its caller: hand-made fixtures for conformance tests, where expected
 * aggregates are computed by hand. Updates are kept; the clock and runs only move what is given.
 */
export class StaticWorld implements World {
  readonly project: string;
  readonly region: string;
  #now: number;
  #jobs = new Map<string, SimJob>();
  #executions: SimExecution[];
  #series: SimSeries[];

  constructor(init: StaticWorldInit) {
    this.project = init.project;
    this.region = init.region;
    this.#now = init.now;
    for (const job of init.jobs) this.#jobs.set(job.id, job);
    this.#executions = [...(init.executions ?? [])].sort((a, b) => b.createMs - a.createMs);
    this.#series = init.series ?? [];
  }

  now(): number {
    return this.#now;
  }

  listJobs(): readonly SimJob[] {
    return [...this.#jobs.values()];
  }

  getJob(jobId: string): SimJob | undefined {
    return this.#jobs.get(jobId);
  }

  listExecutions(jobId?: string): readonly SimExecution[] {
    return jobId === undefined
      ? this.#executions
      : this.#executions.filter((e) => e.jobId === jobId);
  }

  getExecution(jobId: string, executionId: string): SimExecution | undefined {
    return this.#executions.find((e) => e.jobId === jobId && e.id === executionId);
  }

  updateJob(jobId: string, update: SimJobUpdate): SimJob {
    const job = this.#jobs.get(jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    const generation = job.generation + 1;
    const next: SimJob = {
      ...job,
      ...update,
      generation,
      etag: `"${jobId}-g${generation}"`,
      updateMs: this.#now,
    };
    this.#jobs.set(jobId, next);
    return next;
  }

  createJob(jobId: string, spec: SimJobUpdate): SimJob {
    if (this.#jobs.has(jobId)) throw new Error(`job "${jobId}" already exists`);
    const job: SimJob = {
      id: jobId,
      uid: `uid-${jobId}`,
      generation: 1,
      etag: `"${jobId}-g1"`,
      createMs: this.#now,
      updateMs: this.#now,
      ...spec,
      executionCount: 0,
    };
    this.#jobs.set(jobId, job);
    return job;
  }

  runJob(jobId: string, overrides: SimRunOverrides = {}): SimExecution {
    const job = this.#jobs.get(jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    const env = [
      ...job.template.env.filter((v) => !overrides.env?.some((o) => o.name === v.name)),
      ...(overrides.env ?? []),
    ];
    const taskCount = overrides.taskCount ?? job.taskCount;
    const execution: SimExecution = {
      id: `${jobId}-${String(job.executionCount + 1).padStart(5, '0')}`,
      jobId,
      uid: `uid-${jobId}-${job.executionCount + 1}`,
      jobGeneration: job.generation,
      createMs: this.#now,
      startMs: this.#now,
      template: {
        ...job.template,
        env,
        timeoutSeconds: overrides.timeoutSeconds ?? job.template.timeoutSeconds,
      },
      taskCount,
      parallelism: job.parallelism,
      tasks: Array.from({ length: taskCount }, (_, index) => ({
        index,
        attempts: [{ startMs: this.#now, outcome: 'running' as const }],
      })),
      runningCount: taskCount,
      succeededCount: 0,
      failedCount: 0,
      retriedCount: 0,
      cancelledCount: 0,
    };
    this.#jobs.set(jobId, {
      ...job,
      executionCount: job.executionCount + 1,
      latestExecutionId: execution.id,
    });
    this.#executions.unshift(execution);
    return execution;
  }

  advanceTo(ms: number): void {
    if (ms > this.#now) this.#now = ms;
  }

  timeSeries(metricType: string): readonly SimSeries[] {
    return this.#series.filter((s) => s.metricType === metricType && s.points.length > 0);
  }

  metricTypes(): readonly string[] {
    return [...new Set(this.#series.map((s) => s.metricType))];
  }
}
