import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaults } from '@/emulator/faults';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import {
  DEFAULT_SCENARIO_PATH,
  createWorld,
  loadScenario,
  type SimulatedWorld,
} from '@/emulator/sim';
import { parseCpuQuantity, parseMemoryQuantity } from '@/lib/domain/quantities';
import { createClients, withCallCounter, type GcpClients } from './clients';
import { GcpConflictError, GcpUnavailableError } from './errors';
import { readAllocation, readUtilisation } from './monitoring';
import { getJob, listAllExecutions, listExecutions, listJobs, updateJobLimits } from './run';

const FIXED_NOW_MS = Date.UTC(2025, 4, 20, 12, 0);
const DAY_MS = 86_400_000;
const REEL = 'reel-stitching-job';
const PAGE_SIZE = 100;
const fastRetry = { initialDelayMs: 2, maxDelayMs: 10 };

let world: SimulatedWorld;
let emulator: RunningEmulator;
let clients: GcpClients;
let place: { project: string; region: string };
const window = { sinceMs: FIXED_NOW_MS - 3 * DAY_MS, untilMs: FIXED_NOW_MS };

const simulated = () =>
  createWorld(loadScenario(DEFAULT_SCENARIO_PATH), { seed: 1, now: FIXED_NOW_MS });
const payloadOf = (env: readonly { name: string; value: string }[]) =>
  env.find((v) => v.name === 'JOB_PAYLOAD')?.value;

beforeAll(async () => {
  world = simulated();
  place = { project: world.project, region: world.region };
  emulator = await startEmulator({ world, port: 0 });
  clients = createClients({ emulatorHost: emulator.host, retry: fastRetry });
});

afterAll(async () => {
  await clients.close();
  await emulator.stop();
});

describe('reading the simulated project', () => {
  it('lists every job with its limits', async () => {
    const { items } = await listJobs(clients, place);
    expect(items.map((j) => j.name).sort()).toEqual(
      world
        .listJobs()
        .map((j) => j.id)
        .sort(),
    );
    for (const job of items) {
      const truth = world.getJob(job.name)!;
      expect(job.vcpu).toBe(parseCpuQuantity(truth.template.limits.cpu));
      expect(job.memoryBytes).toBe(parseMemoryQuantity(truth.template.limits.memory));
      expect(job.etag).toBe(truth.etag);
    }
  });

  it('returns exactly the executions created in the window, with limits and payload', async () => {
    const counted = withCallCounter(clients);
    const { items, pages, warnings } = await listExecutions(counted, {
      ...place,
      job: REEL,
      ...window,
      pageSize: PAGE_SIZE,
    });
    const truth = world
      .listExecutions(REEL)
      .filter((e) => e.createMs >= window.sinceMs && e.createMs < window.untilMs);
    expect(warnings).toEqual([]);
    expect(items.map((e) => e.id)).toEqual(truth.map((e) => e.id));
    expect(items.length).toBeGreaterThan(300);
    // Pages grow with the window, not with the 30 days of history behind it.
    expect(pages).toBeLessThanOrEqual(Math.ceil(items.length / PAGE_SIZE) + 1);
    expect(counted.calls.total).toBe(pages);
    for (const [i, execution] of items.entries()) {
      const template = truth[i]!.template;
      expect(execution.limits).toEqual({
        vcpu: parseCpuQuantity(template.limits.cpu),
        memoryBytes: parseMemoryQuantity(template.limits.memory),
        timeoutSeconds: template.timeoutSeconds,
        maxRetries: template.maxRetries,
      });
      if (execution.payload.state !== 'absent')
        expect(execution.payload.raw).toBe(payloadOf(template.env));
    }
  });

  it('keeps unreadable payloads with their reason', async () => {
    const { items } = await listAllExecutions(clients, {
      ...place,
      sinceMs: FIXED_NOW_MS - 30 * DAY_MS,
      untilMs: FIXED_NOW_MS,
    });
    const unreadable = items.filter((e) => e.payload.state === 'unreadable');
    expect(unreadable.length).toBeGreaterThan(0);
    for (const execution of unreadable) {
      expect(execution.payload.state === 'unreadable' && execution.payload.reason).toMatch(/JSON/);
    }
    expect(items.filter((e) => e.payload.state === 'ok').length).toBeGreaterThan(
      unreadable.length * 50,
    );
  });

  it('reads utilisation and allocation per job', async () => {
    const span = { project: place.project, startMs: window.sinceMs, endMs: window.untilMs };
    const counted = withCallCounter(clients);
    const [cpu, allocation] = await Promise.all([
      readUtilisation(counted, { ...span, resource: 'cpu' }),
      readAllocation(counted, { ...span, periodSeconds: 86_400 }),
    ]);
    expect(counted.calls.total).toBe(3);
    expect(cpu.items.map((s) => s.job)).toContain(REEL);
    const reelCpu = cpu.items.find((s) => s.job === REEL)!;
    expect(reelCpu.points.length).toBeGreaterThan(60);
    for (const point of reelCpu.points) expect(point.endMs - point.startMs).toBe(60_000);
    const reelAllocation = allocation.items.find((s) => s.job === REEL)!;
    expect(reelAllocation.points).toHaveLength(3);
    for (const point of reelAllocation.points) {
      // 2 vCPU and 4 GiB: GiB-seconds are twice the vCPU-seconds.
      expect(point.gibSeconds).toBeCloseTo(2 * point.vcpuSeconds, 3);
      expect(point.vcpuSeconds).toBeGreaterThan(0);
    }
  });
});

describe('changing limits on the simulated project', () => {
  const limits = { vcpu: 4, memoryBytes: 8 * 2 ** 30, timeoutSeconds: 900, maxRetries: 2 };

  it('validateOnly changes nothing', async () => {
    const before = await getJob(clients, { ...place, job: REEL });
    const preview = await updateJobLimits(clients, {
      ...place,
      job: REEL,
      limits,
      etag: before.etag,
      validateOnly: true,
    });
    expect(preview.vcpu).toBe(4);
    expect(await getJob(clients, { ...place, job: REEL })).toEqual(before);
    expect(world.getJob(REEL)?.template.limits.cpu).toBe('2');
  });

  it('a stale etag raises GcpConflictError and leaves the job alone', async () => {
    const before = await getJob(clients, { ...place, job: REEL });
    const update = updateJobLimits(clients, {
      ...place,
      job: REEL,
      limits,
      etag: '"stale"',
      validateOnly: false,
    });
    await expect(update).rejects.toBeInstanceOf(GcpConflictError);
    expect(await getJob(clients, { ...place, job: REEL })).toEqual(before);
  });
});

describe('the simulated project behind a flaky network', () => {
  async function flaky<T>(spec: string, read: (c: GcpClients) => Promise<T>): Promise<T> {
    const server = await startEmulator({ world: simulated(), port: 0, faults: parseFaults(spec) });
    const flakyClients = createClients({ emulatorHost: server.host, retry: fastRetry });
    try {
      return await read(flakyClients);
    } finally {
      await flakyClients.close();
      await server.stop();
    }
  }

  it('reads still succeed through retries when 30% of calls are unavailable', async () => {
    const { items, pages, calls } = await flaky('unavailable=0.3', async (c) => ({
      ...(await listExecutions(c, { ...place, job: REEL, ...window, pageSize: PAGE_SIZE })),
      calls: c.calls.total,
    }));
    expect(items.map((e) => e.id)).toEqual(
      world
        .listExecutions(REEL)
        .filter((e) => e.createMs >= window.sinceMs && e.createMs < window.untilMs)
        .map((e) => e.id),
    );
    expect(calls).toBeGreaterThan(pages);
  });

  it('reads fail with GcpUnavailableError when every call is unavailable', async () => {
    await expect(flaky('unavailable=1', (c) => listJobs(c, place))).rejects.toBeInstanceOf(
      GcpUnavailableError,
    );
  });
});
