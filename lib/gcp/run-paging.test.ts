import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { StaticWorld } from '@/emulator/world/static-world';
import type { SimExecution, SimJob, SimTaskTemplate } from '@/emulator/world/types';
import { createClients, withCallCounter, type GcpClients } from './clients';
import { listAllExecutions, listExecutions } from './run';

const NOW_MS = Date.UTC(2025, 5, 1);
const HOUR_MS = 3_600_000;
const PER_JOB = 1_500;
const place = { project: 'tierwise-demo', region: 'us-central1' };
const template: SimTaskTemplate = {
  image: 'stitcher:1',
  limits: { cpu: '2', memory: '4Gi' },
  env: [],
  timeoutSeconds: 900,
  maxRetries: 2,
  serviceAccount: 'runner@tierwise-demo.iam.gserviceaccount.com',
};

function job(id: string): SimJob {
  return {
    id,
    uid: id,
    generation: 1,
    etag: `"${id}"`,
    createMs: 0,
    updateMs: 0,
    labels: {},
    taskCount: 1,
    parallelism: 1,
    template,
    executionCount: PER_JOB,
  };
}

/** One execution an hour per job, the newest an hour before now. */
function executions(jobId: string, offsetMs: number): SimExecution[] {
  return Array.from({ length: PER_JOB }, (_, i) => {
    const createMs = NOW_MS - (i + 1) * HOUR_MS - offsetMs;
    return {
      id: `${jobId}-${i}`,
      jobId,
      uid: `${jobId}-${i}`,
      jobGeneration: 1,
      createMs,
      startMs: createMs + 1_000,
      completionMs: createMs + 61_000,
      template: { ...template, env: [{ name: 'JOB_PAYLOAD', value: `{"clips":${i % 9}}` }] },
      taskCount: 1,
      parallelism: 1,
      tasks: [
        {
          index: 0,
          attempts: [
            {
              startMs: createMs + 1_000,
              endMs: createMs + 61_000,
              outcome: 'succeeded',
              exitCode: 0,
            },
          ],
        },
      ],
      runningCount: 0,
      succeededCount: 1,
      failedCount: 0,
      retriedCount: 0,
      cancelledCount: 0,
    };
  });
}

let emulator: RunningEmulator;
let clients: GcpClients;

beforeAll(async () => {
  const world = new StaticWorld({
    ...place,
    now: NOW_MS,
    jobs: [job('reel-small'), job('reel-large')],
    executions: [...executions('reel-small', 0), ...executions('reel-large', HOUR_MS / 2)],
  });
  emulator = await startEmulator({ world, port: 0 });
  clients = createClients({ emulatorHost: emulator.host });
});

afterAll(async () => {
  await clients.close();
  await emulator.stop();
});

describe('listing a window out of a long history', () => {
  // The last 7 days: 168 executions per job out of 1,500.
  const window = { sinceMs: NOW_MS - 7 * 24 * HOUR_MS, untilMs: NOW_MS };

  it('reads only the pages that reach the window, whatever the history behind it', async () => {
    const counted = withCallCounter(clients);
    const { items, pages } = await listExecutions(counted, {
      ...place,
      job: 'reel-small',
      ...window,
      pageSize: 50,
    });
    expect(items).toHaveLength(168);
    // 168 in the window at 50 a page: the 4th page already reaches past its start.
    expect(pages).toBe(4);
    expect(counted.calls.total).toBe(4);
  });

  it('reads every job at once with one listing', async () => {
    const counted = withCallCounter(clients);
    const { items, pages } = await listAllExecutions(counted, { ...place, ...window });
    expect(items.filter((e) => e.job === 'reel-small')).toHaveLength(168);
    expect(items.filter((e) => e.job === 'reel-large')).toHaveLength(167);
    expect(pages).toBe(1);
    expect(counted.calls.total).toBe(1);
  });
});
