import { describe, expect, it } from 'vitest';
import type { protos } from '@google-cloud/run';
import { REEL_JOB_NAME } from './fixture-world';
import { changed, type Change } from './job-changes';
import { emulatorForTests } from '@/test/support/emulator';

type Job = protos.google.cloud.run.v2.IJob;

const gcp = emulatorForTests();

async function readJob(name = REEL_JOB_NAME): Promise<Job> {
  const [job] = await gcp.clients.jobs.getJob({ name });
  return job;
}

const HOUR = 3600;
const MEMORY = 'job.template.template.containers[0].resources.limits.memory';
const CPU = 'job.template.template.containers[0].resources.limits.cpu';

describe('UpdateJob limit rules (validate_only)', () => {
  it.each<[string, Change]>([
    ['1 vCPU with 4Gi', { cpu: '1', memory: '4Gi' }],
    ['1 vCPU with the 512Mi minimum', { cpu: '1', memory: '512Mi' }],
    ['2 vCPU written as 2000m with 8Gi', { cpu: '2000m', memory: '8Gi' }],
    ['4 vCPU with 2Gi', { cpu: '4', memory: '2Gi' }],
    ['4 vCPU with 16Gi', { cpu: '4', memory: '16Gi' }],
    ['6 vCPU with 24Gi', { cpu: '6', memory: '24Gi' }],
    ['8 vCPU with 32Gi', { cpu: '8', memory: '32Gi' }],
    ['1.5G written in decimal units', { cpu: '1', memory: '1.5G' }],
    ['memory in plain bytes', { cpu: '1', memory: '4294967296' }],
    ['a 168 h timeout', { timeoutSeconds: 168 * HOUR }],
    ['10 retries', { maxRetries: 10 }],
    ['0 retries', { maxRetries: 0 }],
  ])('accepts %s', async (_case, change) => {
    const [operation] = await gcp.clients.jobs.updateJob({
      job: changed(await readJob(), change),
      validateOnly: true,
    });
    const [preview] = await operation.promise();
    expect(preview.generation?.toString()).toBe('1');
    if (change.memory) {
      expect(preview.template?.template?.containers?.[0]?.resources?.limits?.memory).toBe(
        change.memory,
      );
    }
    if (change.maxRetries !== undefined)
      expect(preview.template?.template?.maxRetries ?? 0).toBe(change.maxRetries);
  });

  it.each<[string, Change, string, string]>([
    [
      '1 vCPU with 4.5Gi',
      { cpu: '1', memory: '4.5Gi' },
      MEMORY,
      '4.5Gi is above the 4Gi maximum for 1 vCPU',
    ],
    ['2 vCPU with 9Gi', { cpu: '2', memory: '9Gi' }, MEMORY, 'above the 8Gi maximum for 2 vCPU'],
    [
      '4 vCPU with 1Gi',
      { cpu: '4', memory: '1Gi' },
      MEMORY,
      '1Gi is below the 2Gi minimum for 4 vCPU',
    ],
    ['6 vCPU with 3Gi', { cpu: '6', memory: '3Gi' }, MEMORY, 'below the 4Gi minimum for 6 vCPU'],
    ['6 vCPU with 25Gi', { cpu: '6', memory: '25Gi' }, MEMORY, 'above the 24Gi maximum for 6 vCPU'],
    [
      '8 vCPU with 33Gi',
      { cpu: '8', memory: '33Gi' },
      MEMORY,
      '33Gi is above the 32Gi maximum for jobs',
    ],
    ['48Gi', { cpu: '8', memory: '48Gi' }, MEMORY, '48Gi is above the 32Gi maximum for jobs'],
    ['511Mi', { cpu: '1', memory: '511Mi' }, MEMORY, 'below the 512Mi minimum'],
    [
      'a memory without units it knows',
      { cpu: '1', memory: '2GB' },
      MEMORY,
      'not a memory quantity',
    ],
    ['3 vCPU', { cpu: '3', memory: '4Gi' }, CPU, 'use 1, 2, 4, 6 or 8 vCPU'],
    ['half a vCPU', { cpu: '500m', memory: '512Mi' }, CPU, '500m is not a valid CPU limit'],
    [
      '168 h + 1 s',
      { timeoutSeconds: 168 * HOUR + 1 },
      'job.template.template.timeout',
      'above the 168h',
    ],
    [
      '168 h + 1 ns',
      { timeoutSeconds: 168 * HOUR, timeoutNanos: 1 },
      'job.template.template.timeout',
      'above the 168h',
    ],
    ['a zero timeout', { timeoutSeconds: 0 }, 'job.template.template.timeout', 'must be above 0'],
    ['11 retries', { maxRetries: 11 }, 'job.template.template.max_retries', 'use 0 to 10'],
    ['-1 retries', { maxRetries: -1 }, 'job.template.template.max_retries', 'use 0 to 10'],
  ])('rejects %s naming the field', async (_case, change, field, description) => {
    const error = await gcp.clients.jobs
      .updateJob({ job: changed(await readJob(), change), validateOnly: true })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ code: 3, details: expect.stringContaining(`${field}: `) });
    expect(error).toMatchObject({ details: expect.stringContaining(description) });
    expect(error).toMatchObject({
      statusDetails: [
        {
          fieldViolations: [
            expect.objectContaining({ field, description: expect.stringContaining(description) }),
          ],
        },
      ],
    });
  });

  it('reports every violation at once', async () => {
    const job = changed(await readJob(), { cpu: '3', memory: '40Gi', maxRetries: 12 });
    await expect(gcp.clients.jobs.updateJob({ job, validateOnly: true })).rejects.toMatchObject({
      code: 3,
      details: expect.stringMatching(/limits\.cpu: .*limits\.memory: .*max_retries: /),
    });
  });

  it.each<[string, Record<string, string>, string, string]>([
    [
      "a label in Cloud Run's own namespace",
      { 'run.googleapis.com/launch-stage': 'BETA' },
      'job.labels[run.googleapis.com/launch-stage]',
      'run.googleapis.com namespace',
    ],
    [
      'a label key with capitals',
      { Team: 'video' },
      'job.labels[Team]',
      'a label key is 1 to 63 lowercase letters',
    ],
    [
      'a label value with a space',
      { team: 'video ops' },
      'job.labels[team]',
      '"video ops" is not up to 63 lowercase letters',
    ],
  ])('rejects %s naming the label', async (_case, labels, field, description) => {
    const job = { ...(await readJob()), labels };
    await expect(gcp.clients.jobs.updateJob({ job, validateOnly: true })).rejects.toMatchObject({
      code: 3,
      statusDetails: [
        {
          fieldViolations: [
            expect.objectContaining({ field, description: expect.stringContaining(description) }),
          ],
        },
      ],
    });
  });

  it('accepts lowercase international labels and an empty value', async () => {
    const job = { ...(await readJob()), labels: { équipe: 'vidéo', 'cost-centre_2': '' } };
    const [operation] = await gcp.clients.jobs.updateJob({ job, validateOnly: true });
    const [preview] = await operation.promise();
    expect(preview.labels).toEqual({ équipe: 'vidéo', 'cost-centre_2': '' });
  });

  it('changes nothing on a dry run', async () => {
    const job = await readJob();
    const [operation] = await gcp.clients.jobs.updateJob({
      job: changed(job, { cpu: '4', memory: '8Gi' }),
      validateOnly: true,
    });
    await operation.promise();
    const after = await readJob();
    expect(after.etag).toBe(job.etag);
    expect(after.template?.template?.containers?.[0]?.resources?.limits).toEqual({
      cpu: '2',
      memory: '4Gi',
    });
  });
});

describe('UpdateJob with sidecars', () => {
  const withSidecars = (job: Job, sidecars: protos.google.cloud.run.v2.IContainer[]): Job => ({
    ...job,
    template: {
      ...job.template,
      template: {
        ...job.template?.template,
        containers: [...(job.template?.template?.containers ?? []).slice(0, 1), ...sidecars],
      },
    },
  });

  it('accepts a job with a sidecar, as Cloud Run accepts multi-container jobs, and keeps it', async () => {
    const sidecar = {
      name: 'log-agent',
      image: 'gcr.io/agents/log:1',
      resources: { limits: { cpu: '1', memory: '512Mi' } },
    };
    const [operation] = await gcp.clients.jobs.updateJob({
      job: withSidecars(await readJob(), [sidecar]),
    });
    await operation.promise();
    const containers = (await readJob()).template?.template?.containers ?? [];
    expect(containers.map((c) => c.name)).toEqual(['job', 'log-agent']);
    expect(containers[1]?.resources?.limits).toEqual({ cpu: '1', memory: '512Mi' });
    expect(containers[0]?.resources?.limits).toEqual({ cpu: '2', memory: '4Gi' });
  });

  it('refuses a sidecar without a name, a clashing name or an image, naming each field', async () => {
    const job = withSidecars(await readJob(), [
      { image: 'a:1' },
      { name: 'job', image: 'b:1' },
      { name: 'c', resources: { limits: { cpu: 'lots' } } },
    ]);
    const request = gcp.clients.jobs.updateJob({ job, validateOnly: true });
    await expect(request).rejects.toMatchObject({ code: 3 });
    const error = await request.catch((e: Error) => e.message);
    for (const field of [
      'containers[1].name',
      'containers[2].name',
      'containers[3].image',
      'containers[3].resources.limits.cpu',
    ])
      expect(error).toContain(field);
  });
});
