import { describe, expect, it } from 'vitest';
import recorded from '@/test/fixtures/gcp/job.json';
import { GcpDataError } from './errors';
import { copyOfJob, plannedJob } from './job-copy';
import type { ProtoJob } from './mappers/job';

const GiB = 2 ** 30;
const small = { vcpu: 1, memoryBytes: 2 * GiB, timeoutSeconds: 300, maxRetries: 1 };
const NAME = 'projects/phoenix-project-386/locations/us-central1/jobs/reel-stitching-job-small';

/** The recorded job with what a job carried over from the v1 API or set by tools may hold. */
function source(): ProtoJob {
  const job = structuredClone(recorded) as unknown as ProtoJob;
  return {
    ...job,
    labels: {
      team: 'video',
      'run.googleapis.com/legacy': 'x',
      'cloud.googleapis.com/location': 'y',
    },
    annotations: { 'example.com/owner': 'video', 'run.googleapis.com/client-name': 'gcloud' },
    template: {
      ...job.template,
      labels: { 'serving.knative.dev/job': 'z', batch: 'nightly' },
      annotations: { 'autoscaling.knative.dev/x': '1', 'sub.run.googleapis.com/y': '2' },
    },
    startExecutionToken: 'run-now',
  };
}

describe('copyOfJob', () => {
  it('leaves out every field Cloud Run sets and the token that would start a run', () => {
    const copy = copyOfJob(source(), small);
    expect(Object.keys(copy).sort()).toEqual(['annotations', 'labels', 'launchStage', 'template']);
  });

  it('keeps the labels and annotations a user set and adds the given labels over them', () => {
    const copy = copyOfJob(source(), small, { 'tierwise-tier': 'small', team: 'reels' });
    expect(copy.labels).toEqual({ team: 'reels', 'tierwise-tier': 'small' });
    expect(copy.annotations).toEqual({ 'example.com/owner': 'video' });
    expect(copy.template?.labels).toEqual({ batch: 'nightly' });
    expect(copy.template?.annotations).toEqual({});
  });

  it('copies the task template with the new limits and nothing else changed', () => {
    const original = source();
    const task = copyOfJob(original, small).template?.template;
    const container = task?.containers?.[0];
    expect(container?.resources?.limits).toEqual({ cpu: '1', memory: '2Gi' });
    expect(task?.timeout).toEqual({ seconds: '300', nanos: 0 });
    expect(task?.maxRetries).toBe(1);
    expect(container?.image).toBe(original.template?.template?.containers?.[0]?.image);
    expect(container?.env).toEqual(original.template?.template?.containers?.[0]?.env);
    expect(task?.serviceAccount).toBe(original.template?.template?.serviceAccount);
    expect(task?.executionEnvironment).toBe('EXECUTION_ENVIRONMENT_GEN2');
  });

  it('refuses a source without a container, naming the field', () => {
    const job = { ...source(), template: { taskCount: 1, template: { containers: [] } } };
    expect(() => copyOfJob(job, small)).toThrow(GcpDataError);
    expect(() => copyOfJob(job, small)).toThrow(/template\.template\.containers of .* is empty/);
  });
});

describe('plannedJob', () => {
  it('is the copy named, at generation 0, with no executions, as of now', () => {
    const nowMs = Date.UTC(2025, 4, 20, 12, 0, 0, 250);
    const job = plannedJob(copyOfJob(source(), small, { 'tierwise-tier': 'small' }), NAME, nowMs);
    expect(job).toMatchObject({
      name: 'reel-stitching-job-small',
      fullName: NAME,
      generation: 0,
      etag: '',
      executionCount: 0,
      updateMs: nowMs,
      ...small,
      labels: { team: 'video', 'tierwise-tier': 'small' },
    });
  });
});
