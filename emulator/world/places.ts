/**
 * Several simulated places on one emulator: the main world plus others, each a project and region
 * of its own (another region of the same project, or another project). Cloud Run Admin calls go to
 * the place their resource name names; Monitoring answers a project with its metrics scope.
 */
import type { World } from './types';

const PLACE_IN_NAME = /^projects\/([^/]+)\/locations\/([^/]+)(?:\/|$)/;
const PROJECT_NAME = /^projects\/([^/]+)$/;

export class Places {
  readonly main: World;
  readonly all: readonly World[];

  constructor(main: World, others: readonly World[] = []) {
    const seen = new Set<string>();
    for (const world of [main, ...others]) {
      const key = `${world.project}/${world.region}`;
      if (seen.has(key)) throw new Error(`Two simulated worlds serve ${key}; give each its own.`);
      seen.add(key);
    }
    this.main = main;
    this.all = [main, ...others];
  }

  /** The world a Cloud Run resource name (`projects/P/locations/R/…`) belongs to; else the main one. */
  forName(name: unknown): World {
    const match = typeof name === 'string' ? PLACE_IN_NAME.exec(name) : null;
    if (!match) return this.main;
    const [, project, region] = match;
    return this.all.find((w) => w.project === project && w.region === region) ?? this.main;
  }

  /**
   * The worlds a Monitoring request for `projects/P` sees. The main project is the scoping
   * project of a metrics scope that monitors every other place's project, as a team's central
   * project does (https://cloud.google.com/monitoring/settings); another project sees itself.
   */
  metricsScope(name: unknown): readonly World[] {
    const match = typeof name === 'string' ? PROJECT_NAME.exec(name) : null;
    const project = match?.[1];
    if (project === undefined || project === this.main.project) return this.all;
    const own = this.all.filter((w) => w.project === project);
    return own.length > 0 ? own : [this.main];
  }

  advanceTo(ms: number): void {
    for (const world of this.all) world.advanceTo(ms);
  }
}

/** The Monitoring view of a metrics scope: the first world's project, every world's series. */
export function scopedWorld(worlds: readonly World[]): World {
  const [first] = worlds;
  if (!first) throw new Error('A metrics scope needs at least one world.');
  if (worlds.length === 1) return first;
  return {
    project: first.project,
    region: first.region,
    now: () => first.now(),
    listJobs: () => first.listJobs(),
    getJob: (jobId) => first.getJob(jobId),
    listExecutions: (jobId) => first.listExecutions(jobId),
    getExecution: (jobId, executionId) => first.getExecution(jobId, executionId),
    updateJob: (jobId, update) => first.updateJob(jobId, update),
    createJob: (jobId, spec) => first.createJob(jobId, spec),
    runJob: (jobId, overrides) => first.runJob(jobId, overrides),
    advanceTo: (ms) => first.advanceTo(ms),
    timeSeries: (metricType) => worlds.flatMap((w) => w.timeSeries(metricType)),
    metricTypes: () => [...new Set(worlds.flatMap((w) => w.metricTypes()))],
  };
}
