import { describe, expect, it } from 'vitest';
import type { protos } from '@google-cloud/run';
import { FIXTURE_NOW_MS, FIXTURE_PARENT, REEL_JOB_NAME } from './fixture-world';
import { changed } from './job-changes';
import { emulatorForTests } from '@/test/support/emulator';

type Job = protos.google.cloud.run.v2.IJob;

const gcp = emulatorForTests();

/** The reel job's template as a create request carries it: no name or output-only fields. */
async function template(change: Parameters<typeof changed>[1] = {}): Promise<Job> {
  const [job] = await gcp.clients.jobs.getJob({ name: REEL_JOB_NAME });
  const { template: jobTemplate, labels } = changed(job, change);
  return { template: jobTemplate, labels: { ...labels, tier: 'small' } };
}

const names = async () =>
  (await gcp.clients.jobs.listJobs({ parent: FIXTURE_PARENT }))[0].map((job) => job.name);

describe('CreateJob', () => {
  it('creates a job at generation 1 that GetJob and ListJobs show, once the operation is done', async () => {
    const [operation] = await gcp.clients.jobs.createJob({
      parent: FIXTURE_PARENT,
      jobId: 'reel-small',
      job: await template({ cpu: '1', memory: '2Gi' }),
    });
    expect(operation.name).toMatch(
      /^projects\/tierwise-demo\/locations\/europe-west1\/operations\//,
    );
    expect(operation.done).toBeFalsy();
    const [created] = await operation.promise();
    expect(created.name).toBe(`${FIXTURE_PARENT}/jobs/reel-small`);
    const [read] = await gcp.clients.jobs.getJob({ name: `${FIXTURE_PARENT}/jobs/reel-small` });
    expect(read).toMatchObject({ name: created.name, labels: { tier: 'small' } });
    expect(read.generation?.toString()).toBe('1');
    expect(read.etag).toBeTruthy();
    expect(read.template?.template?.containers?.[0]?.resources?.limits).toMatchObject({
      cpu: '1',
      memory: '2Gi',
    });
    expect(await names()).toContain(created.name);
    const [executions] = await gcp.clients.executions.listExecutions({ parent: created.name });
    expect(executions).toEqual([]);
  });

  it('with validate_only checks and returns the job without creating it', async () => {
    const before = await names();
    const [operation] = await gcp.clients.jobs.createJob({
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

  it('refuses a taken id with ALREADY_EXISTS naming the job, dry run or not', async () => {
    const create = async (jobId: string, validateOnly: boolean) =>
      gcp.clients.jobs.createJob({
        parent: FIXTURE_PARENT,
        jobId,
        job: await template(),
        validateOnly,
      });
    await expect(create('reel-stitching-job', true)).rejects.toMatchObject({
      code: 6,
      details: `job ${REEL_JOB_NAME} already exists`,
    });
    const [first] = await create('reel-twice', false);
    await first.promise();
    const [read] = await gcp.clients.jobs.getJob({ name: `${FIXTURE_PARENT}/jobs/reel-twice` });
    await expect(create('reel-twice', false)).rejects.toMatchObject({
      code: 6,
      details: expect.stringContaining('jobs/reel-twice already exists'),
    });
    const [after] = await gcp.clients.jobs.getJob({ name: `${FIXTURE_PARENT}/jobs/reel-twice` });
    expect(after).toEqual(read);
  });

  it('ignores the output-only fields it is sent', async () => {
    const [operation] = await gcp.clients.jobs.createJob({
      parent: FIXTURE_PARENT,
      jobId: 'reel-fresh',
      job: {
        ...(await template()),
        uid: 'uid-reel-stitching-job',
        generation: 7,
        etag: '"reel-stitching-job-g7"',
        executionCount: 12,
        createTime: { seconds: 1 },
      },
    });
    const [created] = await operation.promise();
    expect(created.uid).not.toBe('uid-reel-stitching-job');
    expect(created.generation?.toString()).toBe('1');
    expect(created.etag).not.toBe('"reel-stitching-job-g7"');
    expect(created.executionCount ?? 0).toBe(0);
    expect(Number(created.createTime?.seconds)).toBe(FIXTURE_NOW_MS / 1000);
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
    ['no id', { jobId: '', change: {} }, 'job_id'],
  ])('refuses %s with INVALID_ARGUMENT naming the field', async (_case, input, field) => {
    const error = await gcp.clients.jobs
      .createJob({
        parent: FIXTURE_PARENT,
        jobId: input.jobId,
        job: await template(input.change),
        validateOnly: true,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 3, details: expect.stringContaining(field) });
  });

  it('takes an id of 63 characters', async () => {
    const jobId = `r${'e'.repeat(62)}`;
    const [operation] = await gcp.clients.jobs.createJob({
      parent: FIXTURE_PARENT,
      jobId,
      job: await template(),
      validateOnly: true,
    });
    expect((await operation.promise())[0].name).toBe(`${FIXTURE_PARENT}/jobs/${jobId}`);
  });

  it.each([
    ['no container', { containers: [] }, 'job.template.template.containers'],
    [
      'a container without an image',
      { containers: [{}] },
      'job.template.template.containers[0].image',
    ],
  ])('refuses a template with %s, naming the field', async (_case, task, field) => {
    const job = await template();
    const error = await gcp.clients.jobs
      .createJob({
        parent: FIXTURE_PARENT,
        jobId: 'reel-empty',
        job: {
          ...job,
          template: { ...job.template, template: { ...job.template?.template, ...task } },
        },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 3, details: expect.stringContaining(`${field}:`) });
    expect(await names()).not.toContain(`${FIXTURE_PARENT}/jobs/reel-empty`);
  });

  it('refuses a job that carries a name, even its own, and a parent elsewhere', async () => {
    for (const name of [`${FIXTURE_PARENT}/jobs/other`, `${FIXTURE_PARENT}/jobs/reel-named`]) {
      await expect(
        gcp.clients.jobs.createJob({
          parent: FIXTURE_PARENT,
          jobId: 'reel-named',
          job: { ...(await template()), name },
        }),
      ).rejects.toMatchObject({
        code: 3,
        details: expect.stringContaining('job.name must be empty'),
      });
    }
    await expect(
      gcp.clients.jobs.createJob({
        parent: 'projects/elsewhere/locations/europe-west1',
        jobId: 'reel-elsewhere',
        job: await template(),
      }),
    ).rejects.toMatchObject({ code: 5 });
  });
});
