import { describe, expect, it } from 'vitest';
import recorded from '@/test/fixtures/gcp/job.json';
import { GcpDataError } from '../errors';
import { mapJob, type ProtoJob } from './job';

const fixture = () => structuredClone(recorded) as unknown as ProtoJob;
const GiB = 2 ** 30;

describe('mapJob', () => {
  it('turns a recorded job into plain numbers with units', () => {
    const job = mapJob(fixture());
    expect(job).toMatchObject({
      project: 'phoenix-project-386',
      region: 'us-central1',
      name: 'reel-stitching-job',
      fullName: 'projects/phoenix-project-386/locations/us-central1/jobs/reel-stitching-job',
      generation: 7,
      etag: '"CLCz3rQGEOjVmKkB/cHJvamVjdHMvcGhvZW5peA"',
      vcpu: 2,
      memoryBytes: 4 * GiB,
      timeoutSeconds: 900,
      maxRetries: 2,
      taskCount: 1,
      serviceAccount: 'phoenix-service-account@phoenix-project-386.iam.gserviceaccount.com',
      image: 'us-docker.pkg.dev/phoenix-project-386/jobs/video-stitching:2024-07-01',
      updateMs: 1719878400250,
      executionCount: 1834,
      labels: { team: 'video' },
    });
  });

  it('keeps plain env vars and leaves secret-backed ones out', () => {
    expect(mapJob(fixture()).env).toEqual({ MAX_MEMORY_GB: '4' });
  });

  it('is serialisable: JSON round trip gives the same record', () => {
    const job = mapJob(fixture());
    expect(JSON.parse(JSON.stringify(job))).toEqual(job);
  });

  it('applies Cloud Run defaults when timeout and retries are unset', () => {
    const raw = fixture();
    const template = raw.template!.template!;
    template.timeout = null;
    delete template.maxRetries;
    const job = mapJob(raw);
    expect(job.timeoutSeconds).toBe(600);
    expect(job.maxRetries).toBe(3);
  });

  it('keeps an explicit zero retries', () => {
    const raw = fixture();
    raw.template!.template!.maxRetries = 0;
    expect(mapJob(raw).maxRetries).toBe(0);
  });

  it.each([
    ['name', (j: ProtoJob) => void (j.name = ''), 'name'],
    [
      'memory limit',
      (j: ProtoJob) => void delete j.template!.template!.containers![0]!.resources!.limits!.memory,
      'template.template.containers[0].resources.limits.memory',
    ],
    [
      'cpu limit',
      (j: ProtoJob) => void (j.template!.template!.containers![0]!.resources!.limits!.cpu = 'two'),
      'template.template.containers[0].resources.limits.cpu',
    ],
    ['generation', (j: ProtoJob) => void (j.generation = '-1'), 'generation'],
    ['execution count', (j: ProtoJob) => void (j.executionCount = Number.NaN), 'executionCount'],
    [
      'containers',
      (j: ProtoJob) => void (j.template!.template!.containers = []),
      'template.template.containers',
    ],
  ])('names the field when the %s is unusable', (_, spoil, field) => {
    const raw = fixture();
    spoil(raw);
    const error = (() => {
      try {
        mapJob(raw);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(GcpDataError);
    expect((error as GcpDataError).field).toBe(field);
    expect((error as GcpDataError).message).toContain(field);
  });
});
