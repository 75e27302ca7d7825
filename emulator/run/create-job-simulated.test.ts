import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients, type GcpClients } from '@/lib/gcp/clients';
import { startEmulator, type RunningEmulator } from '../server';
import { DEFAULT_SCENARIO_PATH, createWorld, loadScenario, type SimulatedWorld } from '../sim';
import { formatJobName, formatLocationName } from './names';

const HOUR_MS = 3_600_000;
const REEL = 'reel-stitching-job';

let world: SimulatedWorld;
let emulator: RunningEmulator;
let clients: GcpClients;

beforeAll(async () => {
  world = createWorld(loadScenario(DEFAULT_SCENARIO_PATH), {
    seed: 3,
    now: Date.UTC(2025, 4, 20),
  });
  emulator = await startEmulator({ world, port: 0 });
  clients = createClients({ emulatorHost: emulator.host });
});

afterAll(async () => {
  await clients.close();
  await emulator.stop();
});

/** Every series Monitoring holds for one job over the last day, whatever the metric. */
async function seriesOf(jobId: string) {
  const end = Math.floor(world.now() / 1000);
  const lists = await Promise.all(
    world.metricTypes().map(async (metricType) => {
      const [series] = await clients.metrics.listTimeSeries({
        name: `projects/${world.project}`,
        filter: `metric.type = "${metricType}" AND resource.labels.job_name = "${jobId}"`,
        interval: { startTime: { seconds: end - 86_400 }, endTime: { seconds: end } },
      });
      return series;
    }),
  );
  return lists.flat();
}

describe('a job created in the simulated world', () => {
  it('gets no executions or series from the scenario, only from the runs RunJob starts', async () => {
    const [source] = await clients.jobs.getJob({ name: formatJobName(world, REEL) });
    const task = source.template?.template;
    const container = {
      ...task?.containers?.[0],
      resources: { limits: { cpu: '1', memory: '2Gi' } },
    };
    const [operation] = await clients.jobs.createJob({
      parent: formatLocationName(world),
      jobId: 'reel-small',
      job: {
        labels: { tier: 'small' },
        template: { ...source.template, template: { ...task, containers: [container] } },
      },
    });
    const [created] = await operation.promise();
    const name = created.name ?? '';
    expect(world.getJob('reel-small')).toMatchObject({ generation: 1, executionCount: 0 });
    expect(() => world.createJob('reel-small', world.getJob('reel-small')!)).toThrow(
      /already exists/,
    );

    world.advanceTo(world.now() + 6 * HOUR_MS);
    expect((await clients.executions.listExecutions({ parent: name }))[0]).toEqual([]);
    expect(await seriesOf('reel-small')).toEqual([]);
    expect((await seriesOf(REEL)).length).toBeGreaterThan(0);

    const [run] = await clients.jobs.runJob({ name });
    const [execution] = await run.promise();
    expect(execution.template?.containers?.[0]?.resources?.limits).toEqual({
      cpu: '1',
      memory: '2Gi',
    });
    const [executions] = await clients.executions.listExecutions({ parent: name });
    expect(executions.map((e) => e.name)).toEqual([execution.name]);
    world.advanceTo(world.now() + HOUR_MS);
    expect((await seriesOf('reel-small')).length).toBeGreaterThan(0);
  });
});
