import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { protos } from '@google-cloud/run';
import { createClients, type GcpClients } from '@/lib/gcp/clients';
import { startEmulator, type RunningEmulator } from '../server';
import { DEFAULT_SCENARIO_PATH, createWorld, loadScenario } from '../sim';
import { FIXTURE_PARENT, REEL_JOB_NAME, fixtureWorld } from './fixture-world';
import { changed } from './job-changes';

type Job = protos.google.cloud.run.v2.IJob;

let emulator: RunningEmulator;
let clients: GcpClients;

beforeAll(async () => {
  emulator = await startEmulator({ world: fixtureWorld(), port: 0 });
  clients = createClients({ emulatorHost: emulator.host });
});

afterAll(async () => {
  await clients.close();
  await emulator.stop();
});

/** The reel job's template as a create request carries it: no name or output-only fields. */
async function template(change: Parameters<typeof changed>[1] = {}): Promise<Job> {
  const [job] = await clients.jobs.getJob({ name: REEL_JOB_NAME });
  const { template: jobTemplate, labels } = changed(job, change);
  return { template: jobTemplate, labels: { ...labels, tier: 'small' } };
}

const names = async () =>
  (await clients.jobs.listJobs({ parent: FIXTURE_PARENT }))[0].map((job) => job.name);

describe('CreateJob', () => {
  it('creates a job at generation 1 that GetJob and ListJobs show, once the operation is done', async () => {
    const [operation] = await clients.jobs.createJob({
      parent: FIXTURE_PARENT,
      jobId: 'reel-small',
      job: await template({ cpu: '1', memory: '2Gi' }),
    });
    const [created] = await operation.promise();
    expect(created.name).toBe(`${FIXTURE_PARENT}/jobs/reel-small`);
    const [read] = await clients.jobs.getJob({ name: `${FIXTURE_PARENT}/jobs/reel-small` });
    expect(read).toMatchObject({ name: created.name, labels: { tier: 'small' } });
    expect(read.generation?.toString()).toBe('1');
    expect(read.etag).toBeTruthy();
    expect(read.template?.template?.containers?.[0]?.resources?.limits).toMatchObject({
      cpu: '1',
      memory: '2Gi',
    });
    expect(await names()).toContain(created.name);
    const [executions] = await clients.executions.listExecutions({ parent: created.name });
    expect(executions).toEqual([]);
  });

  it('with validate_only checks and returns the job without creating it', async () => {
    const before = await names();
    const [operation] = await clients.jobs.createJob({
      parent: FIXTURE_PARENT,
      jobId: 'reel-preview',
      job: await template({ cpu: '4', memory: '8Gi' }),
      validateOnly: true,
    });
    const [preview] = await operation.promise();
    expect(preview.name).toBe(`${FIXTURE_PARENT}/jobs/reel-preview`);
    expect(preview.template?.template?.containers?.[0]?.resources?.limits?.memory).toBe('8Gi');
    expect(await names()).toEqual(before);
  });

  it('refuses a taken id with ALREADY_EXISTS', async () => {
    await expect(
      clients.jobs.createJob({
        parent: FIXTURE_PARENT,
        jobId: 'reel-stitching-job',
        job: await template(),
        validateOnly: true,
      }),
    ).rejects.toMatchObject({ code: 6, details: expect.stringContaining('already exists') });
  });

  it.each([
    [
      'limits Cloud Run refuses',
      { jobId: 'reel-bad', change: { cpu: '1', memory: '8Gi' } },
      'limits.memory',
    ],
    ['an id with capitals', { jobId: 'Reel_Small', change: {} }, 'job_id'],
    ['an id ending in a dash', { jobId: 'reel-', change: {} }, 'job_id'],
    ['an id of 64 characters', { jobId: `r${'e'.repeat(63)}`, change: {} }, 'job_id'],
  ])('refuses %s with INVALID_ARGUMENT naming the field', async (_case, input, field) => {
    const error = await clients.jobs
      .createJob({
        parent: FIXTURE_PARENT,
        jobId: input.jobId,
        job: await template(input.change),
        validateOnly: true,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 3, details: expect.stringContaining(field) });
  });

  it('refuses a job that carries another name, and a parent in another project', async () => {
    await expect(
      clients.jobs.createJob({
        parent: FIXTURE_PARENT,
        jobId: 'reel-named',
        job: { ...(await template()), name: `${FIXTURE_PARENT}/jobs/other` },
      }),
    ).rejects.toMatchObject({ code: 3, details: expect.stringContaining('job.name') });
    await expect(
      clients.jobs.createJob({
        parent: 'projects/elsewhere/locations/europe-west1',
        jobId: 'reel-elsewhere',
        job: await template(),
      }),
    ).rejects.toMatchObject({ code: 5 });
  });
});

describe('a job created in the simulated world', () => {
  it('has no executions until RunJob starts one, and none from the scenario as time passes', () => {
    const world = createWorld(loadScenario(DEFAULT_SCENARIO_PATH), {
      seed: 3,
      now: Date.UTC(2025, 4, 20),
    });
    const reel = world.getJob('reel-stitching-job');
    if (!reel) throw new Error('no reel job');
    const created = world.createJob('reel-small', {
      template: { ...reel.template, limits: { cpu: '1', memory: '2Gi' } },
      taskCount: reel.taskCount,
      parallelism: reel.parallelism,
      labels: { tier: 'small' },
    });
    expect(created).toMatchObject({ id: 'reel-small', generation: 1, executionCount: 0 });
    expect(world.listJobs().map((job) => job.id)).toContain('reel-small');
    expect(() => world.createJob('reel-small', created)).toThrow(/already exists/);
    world.advanceTo(world.now() + 6 * 3_600_000);
    expect(world.listExecutions('reel-small')).toEqual([]);
    const run = world.runJob('reel-small');
    expect(run.template.limits).toEqual({ cpu: '1', memory: '2Gi' });
    expect(world.listExecutions('reel-small')).toHaveLength(1);
  });
});
