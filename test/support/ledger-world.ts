/** A simulated project behind a running emulator, for ledger tests and benchmarks. */
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import {
  DEFAULT_SCENARIO_PATH,
  createWorld,
  loadScenario,
  type SimulatedWorld,
} from '@/emulator/sim';
import type { World } from '@/emulator/world/types';
import { createClients, withCallCounter, type GcpClients } from '@/lib/gcp';

export const REEL_JOB = 'reel-stitching-job';
export const THUMBNAIL_JOB = 'thumbnail-refresh-job';
/** A Tuesday noon, minute-aligned. */
export const WORLD_NOW_MS = Date.UTC(2025, 4, 20, 12, 0);
export const HOUR_MS = 3_600_000;

export interface TestProject {
  readonly world: SimulatedWorld;
  readonly emulator: RunningEmulator;
  readonly ref: (job?: string) => { project: string; region: string; job: string };
  /** Clients with a fresh call counter. */
  readonly clients: () => GcpClients;
  stop(): Promise<void>;
}

export interface TestProjectOptions {
  readonly days: number;
  readonly retention: { readonly days: number; readonly executions: number };
  readonly seed?: number;
  readonly nowMs?: number;
  /** Another scenario than the default one. */
  readonly scenarioPath?: string;
}

/** The default scenario with `days` of history and Cloud Run Admin keeping `retention`. */
export async function startTestProject(options: TestProjectOptions): Promise<TestProject> {
  const scenario = {
    ...loadScenario(options.scenarioPath ?? DEFAULT_SCENARIO_PATH),
    days: options.days,
    retention: options.retention,
  };
  const world = createWorld(scenario, {
    seed: options.seed ?? 11,
    now: options.nowMs ?? WORLD_NOW_MS,
  });
  const emulator = await startEmulator({ world, port: 0 });
  const shared = createClients({ emulatorHost: emulator.host });
  return {
    world,
    emulator,
    ref: (job = REEL_JOB) => ({ project: world.project, region: world.region, job }),
    clients: () => withCallCounter(shared),
    async stop() {
      await shared.close();
      await emulator.stop();
    },
  };
}

/** The same project as Cloud Run would show it if it kept every execution: the reference history. */
export function fullHistoryView(world: SimulatedWorld): World {
  return {
    project: world.project,
    region: world.region,
    now: () => world.now(),
    listJobs: () => world.listJobs(),
    getJob: (jobId) => world.getJob(jobId),
    listExecutions: (jobId) => world.allExecutions(jobId),
    getExecution: (jobId, id) => world.allExecutions(jobId).find((e) => e.id === id),
    updateJob: (jobId, update) => world.updateJob(jobId, update),
    createJob: (jobId, spec) => world.createJob(jobId, spec),
    runJob: (jobId, overrides) => world.runJob(jobId, overrides),
    advanceTo: (ms) => world.advanceTo(ms),
    timeSeries: (metricType) => world.timeSeries(metricType),
    metricTypes: () => world.metricTypes(),
  };
}

/** Monitoring as the sync or report sees it through `monitoring` views of the same project. */
export type MonitoringView = 'down' | 'no-utilisation' | 'bad-memory-minute';

/**
 * The same project with Monitoring changed: `down` fails every time-series read (the emulator
 * answers INTERNAL, which is not retried); `no-utilisation` has no CPU or memory samples at all;
 * `bad-memory-minute` sends the first minute of each memory series with a mean that is not a
 * number. Run Admin answers as in the project itself.
 */
export function monitoringView(world: SimulatedWorld, view: MonitoringView): World {
  const utilisation = (type: string) => /container\/(cpu|memory)\/utilizations$/.test(type);
  return {
    ...fullHistoryView(world),
    listExecutions: (jobId) => world.listExecutions(jobId),
    getExecution: (jobId, id) => world.getExecution(jobId, id),
    timeSeries: (metricType) => {
      if (view === 'down') throw new Error('Monitoring is unavailable');
      const series = world.timeSeries(metricType);
      if (view === 'no-utilisation') return utilisation(metricType) ? [] : series;
      if (!metricType.endsWith('memory/utilizations')) return series;
      return series.map((one) => {
        const [first, ...rest] = one.points;
        if (!first || typeof first.value === 'number') return one;
        return { ...one, points: [{ ...first, value: { ...first.value, mean: NaN } }, ...rest] };
      });
    },
  };
}

/** An emulator serving `world` that tells `onCall` of every call it receives. */
export async function startObservedEmulator(world: World, onCall: (method: string) => void) {
  const emulator = await startEmulator({ world, port: 0, onCall });
  const clients = createClients({ emulatorHost: emulator.host });
  return {
    host: emulator.host,
    clients: () => withCallCounter(clients),
    async stop() {
      await clients.close();
      await emulator.stop();
    },
  };
}
