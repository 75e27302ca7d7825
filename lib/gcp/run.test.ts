import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURE_NOW_MS,
  FIXTURE_PROJECT,
  FIXTURE_REGION,
  OOM_EXECUTION_ID,
  TIMEOUT_EXECUTION_ID,
  fixtureWorld,
} from '@/emulator/run/fixture-world';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { createClients, withCallCounter, type GcpClients } from './clients';
import { GcpNotFoundError } from './errors';
import { getJob, listAllExecutions, listExecutions, listJobs, listTasks } from './run';

const MINUTE_MS = 60_000;
const GiB = 2 ** 30;
const place = { project: FIXTURE_PROJECT, region: FIXTURE_REGION };
const reel = { ...place, job: 'reel-stitching-job' };

let emulator: RunningEmulator;
let clients: GcpClients;

beforeAll(async () => {
  const world = fixtureWorld();
  // An execution whose orchestrator sent a truncated payload.
  world.runJob('reel-stitching-job', { env: [{ name: 'JOB_PAYLOAD', value: '{"clips": [1, 2' }] });
  emulator = await startEmulator({ world, port: 0 });
  clients = createClients({ emulatorHost: emulator.host });
});

afterAll(async () => {
  await clients.close();
  await emulator.stop();
});

describe('jobs', () => {
  it('lists every job with its limits', async () => {
    const { items, warnings } = await listJobs(clients, place);
    expect(warnings).toEqual([]);
    expect(items.map((j) => [j.name, j.vcpu, j.memoryBytes])).toEqual([
      ['reel-stitching-job', 2, 4 * GiB],
      ['thumbnail-job', 1, 0.5 * GiB],
    ]);
  });

  it('reads one job with its etag and generation', async () => {
    const job = await getJob(clients, reel);
    expect(job).toMatchObject({
      generation: 1,
      etag: '"reel-stitching-job-g1"',
      timeoutSeconds: 600,
      maxRetries: 3,
    });
    expect(job.executionCount).toBe(8);
  });

  it('says a missing job does not exist', async () => {
    await expect(getJob(clients, { ...place, job: 'no-such-job' })).rejects.toBeInstanceOf(
      GcpNotFoundError,
    );
  });
});

describe('executions', () => {
  const window = {
    sinceMs: FIXTURE_NOW_MS - 200 * MINUTE_MS,
    untilMs: FIXTURE_NOW_MS - 80 * MINUTE_MS,
  };

  it('returns exactly the executions created in the window, with limits and payload', async () => {
    const { items } = await listExecutions(clients, { ...reel, ...window });
    expect(items.map((e) => e.id)).toEqual([
      'reel-stitching-job-00006',
      'reel-stitching-job-00005',
      'reel-stitching-job-00004',
    ]);
    for (const execution of items) {
      expect(execution.createMs).toBeGreaterThanOrEqual(window.sinceMs);
      expect(execution.createMs).toBeLessThan(window.untilMs);
      expect(execution.limits).toEqual({
        vcpu: 2,
        memoryBytes: 4 * GiB,
        timeoutSeconds: 600,
        maxRetries: 3,
      });
      expect(execution.payload.state).toBe('ok');
    }
    expect(items.map((e) => e.status)).toEqual(['succeeded', 'failed', 'failed']);
  });

  it('stops paging once executions are older than the window', async () => {
    const counted = withCallCounter(clients);
    const { items, pages } = await listExecutions(counted, { ...reel, ...window, pageSize: 2 });
    expect(items).toHaveLength(3);
    // 8 executions at 2 a page would take 4 pages; the window ends inside the third.
    expect(pages).toBe(3);
    expect(counted.calls.byMethod['run.ListExecutions']).toBe(3);
  });

  it('lists every job at once with the wildcard parent', async () => {
    const { items, pages } = await listAllExecutions(clients, { ...place, ...window });
    expect(pages).toBe(1);
    expect(new Set(items.map((e) => e.job))).toEqual(
      new Set(['reel-stitching-job', 'thumbnail-job']),
    );
    // Thumbnails ran 107, 207 and 307 minutes ago; only the first is inside the window.
    expect(items.filter((e) => e.job === 'thumbnail-job').map((e) => e.id)).toEqual([
      'thumbnail-job-00001',
    ]);
    expect(items).toHaveLength(4);
  });

  it('keeps an unreadable payload with its reason', async () => {
    const { items } = await listExecutions(clients, {
      ...reel,
      sinceMs: FIXTURE_NOW_MS - MINUTE_MS / 2,
      untilMs: FIXTURE_NOW_MS + 1,
    });
    expect(items).toHaveLength(1);
    const [latest] = items;
    expect(latest?.status).toBe('running');
    expect(latest?.payload).toMatchObject({ state: 'unreadable', raw: '{"clips": [1, 2' });
    expect(latest?.payload.state === 'unreadable' && latest.payload.reason).toMatch(/JSON/);
  });
});

describe('tasks', () => {
  const nameOf = (id: string) =>
    `projects/${FIXTURE_PROJECT}/locations/${FIXTURE_REGION}/jobs/reel-stitching-job/executions/${id}`;

  it('counts an OOM that Cloud Run reports only by signal and message as an OOM', async () => {
    const { items } = await listTasks(clients, { executionName: nameOf(OOM_EXECUTION_ID) });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      index: 0,
      attempts: 4,
      lastTermSignal: 9,
      lastOutcome: 'oom',
    });
    expect(items[0]?.lastExitCode).toBeUndefined();
  });

  it('counts a task stopped at its timeout as a timeout from Cloud Run’s message', async () => {
    const { items } = await listTasks(clients, { executionName: nameOf(TIMEOUT_EXECUTION_ID) });
    expect(items[0]).toMatchObject({ attempts: 4, lastTermSignal: 9, lastOutcome: 'timeout' });
  });
});
