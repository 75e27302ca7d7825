import { describe, expect, it } from 'vitest';
import { FIXTURE_PROJECT, FIXTURE_REGION, fixtureWorld } from '@/emulator/run/fixture-world';
import { withCallCounter } from './clients';
import { GcpConflictError, GcpInvalidArgumentError } from './errors';
import { getJob, updateJobLimits } from './run';
import { emulatorForTests } from '@/test/support/emulator';

const GiB = 2 ** 30;
const reel = { project: FIXTURE_PROJECT, region: FIXTURE_REGION, job: 'reel-stitching-job' };
const thumbs = { ...reel, job: 'thumbnail-job' };
const bigger = { vcpu: 4, memoryBytes: 8 * GiB, timeoutSeconds: 1200, maxRetries: 1 };

const gcp = emulatorForTests(fixtureWorld, { retry: { initialDelayMs: 5, maxDelayMs: 20 } });

describe('updateJobLimits', () => {
  it('validateOnly shows the job as it would be and changes nothing', async () => {
    const before = await getJob(gcp.clients, thumbs);
    const preview = await updateJobLimits(gcp.clients, {
      ...thumbs,
      limits: bigger,
      etag: before.etag,
      validateOnly: true,
    });
    expect(preview).toMatchObject({
      vcpu: 4,
      memoryBytes: 8 * GiB,
      timeoutSeconds: 1200,
      maxRetries: 1,
    });
    expect(await getJob(gcp.clients, thumbs)).toEqual(before);
  });

  it('applies the limits, keeps everything else, and returns the updated job', async () => {
    const before = await getJob(gcp.clients, reel);
    const counted = withCallCounter(gcp.clients);
    const after = await updateJobLimits(counted, {
      ...reel,
      limits: bigger,
      etag: before.etag,
      validateOnly: false,
    });
    expect(after).toMatchObject({ ...bigger, generation: before.generation + 1 });
    expect(after.etag).not.toBe(before.etag);
    expect({ ...after, ...pick(before) }).toEqual({ ...before, ...pick(before) });
    expect(await getJob(gcp.clients, reel)).toEqual(after);
    // Read, update, and at most a few operation polls.
    expect(counted.calls.byMethod['run.GetJob']).toBe(1);
    expect(counted.calls.byMethod['run.UpdateJob']).toBe(1);
  });

  it('refuses a stale etag instead of overwriting the newer job', async () => {
    const current = await getJob(gcp.clients, reel);
    const stale = '"reel-stitching-job-g1"';
    expect(current.etag).not.toBe(stale);
    const attempt = updateJobLimits(gcp.clients, {
      ...reel,
      limits: { ...bigger, vcpu: 8 },
      etag: stale,
      validateOnly: false,
    });
    await expect(attempt).rejects.toBeInstanceOf(GcpConflictError);
    await expect(attempt).rejects.toThrow(/reload and review/);
    expect((await getJob(gcp.clients, reel)).vcpu).toBe(bigger.vcpu);
  });

  it('reports the field Cloud Run rejects', async () => {
    const current = await getJob(gcp.clients, reel);
    const attempt = updateJobLimits(gcp.clients, {
      ...reel,
      limits: { ...bigger, vcpu: 1, memoryBytes: 16 * GiB },
      etag: current.etag,
      validateOnly: true,
    });
    await expect(attempt).rejects.toBeInstanceOf(GcpInvalidArgumentError);
    const error = (await attempt.catch((e: unknown) => e)) as GcpInvalidArgumentError;
    expect(error.field).toMatch(/memory|limits/);
  });
});

/** The fields an update of limits changes. */
function pick(job: {
  vcpu: number;
  memoryBytes: number;
  timeoutSeconds: number;
  maxRetries: number;
  generation: number;
  etag: string;
  updateMs: number;
}) {
  const { vcpu, memoryBytes, timeoutSeconds, maxRetries, generation, etag, updateMs } = job;
  return { vcpu, memoryBytes, timeoutSeconds, maxRetries, generation, etag, updateMs };
}

describe('updateJobLimits on a job with a sidecar', () => {
  const agent = { name: 'log-agent', vcpu: 1, memoryBytes: 0.5 * GiB };

  async function addSidecar() {
    const name = `projects/${thumbs.project}/locations/${thumbs.region}/jobs/${thumbs.job}`;
    const [job] = await gcp.clients.jobs.getJob({ name });
    job.template!.template!.containers!.push({
      name: 'log-agent',
      image: 'gcr.io/agents/log:1',
      resources: { limits: { cpu: '1', memory: '512Mi' } },
    });
    const [operation] = await gcp.clients.jobs.updateJob({ job });
    await operation.promise();
    return getJob(gcp.clients, thumbs);
  }

  it('changes the main container and sends the sidecar back as it was', async () => {
    const before = await addSidecar();
    expect(before.sidecars).toEqual([agent]);
    const after = await updateJobLimits(gcp.clients, {
      ...thumbs,
      limits: { ...bigger, vcpu: 2, memoryBytes: 2 * GiB },
      etag: before.etag,
      validateOnly: false,
    });
    expect(after).toMatchObject({ vcpu: 2, memoryBytes: 2 * GiB, sidecars: [agent] });
  });

  it('changes the container it names, and refuses a name the job does not have', async () => {
    const before = await getJob(gcp.clients, thumbs);
    const limits = { ...bigger, vcpu: 2, memoryBytes: 1 * GiB };
    const after = await updateJobLimits(gcp.clients, {
      ...thumbs,
      container: 'log-agent',
      limits,
      etag: before.etag,
      validateOnly: true,
    });
    expect(after.sidecars).toEqual([{ ...agent, vcpu: 2, memoryBytes: 1 * GiB }]);
    expect(after).toMatchObject({ vcpu: before.vcpu, memoryBytes: before.memoryBytes });
    await expect(
      updateJobLimits(gcp.clients, {
        ...thumbs,
        container: 'nope',
        limits,
        etag: before.etag,
        validateOnly: true,
      }),
    ).rejects.toThrow(/no container named "nope"/);
  });
});
