import { describe, expect, it } from 'vitest';
import running from '@/test/fixtures/gcp/execution-running.json';
import succeeded from '@/test/fixtures/gcp/execution-succeeded.json';
import { GcpDataError } from '../errors';
import { executionStatus, mapExecution, type ProtoExecution } from './execution';

const load = (value: unknown) => structuredClone(value) as ProtoExecution;
const GiB = 2 ** 30;

function dataError(run: () => unknown): GcpDataError {
  try {
    run();
  } catch (err) {
    if (err instanceof GcpDataError) return err;
    throw err;
  }
  throw new Error('expected a GcpDataError');
}

describe('mapExecution', () => {
  // TaskTemplate.containers is `repeated Container` (google/cloud/run/v2/task_template.proto);
  // jobs run sidecars next to the first container since multi-container jobs went GA
  // (https://discuss.google.dev/t/can-i-use-sidecar-containers-with-google-cloud-run-jobs/144093).
  it('reads every container after the first as a sidecar with its limits', () => {
    const raw = load(succeeded);
    const containers = raw.template!.containers!;
    containers.push(
      { name: 'log-agent', image: 'agent:1', resources: { limits: { cpu: '1', memory: '512Mi' } } },
      { name: 'proxy', image: 'proxy:2' },
    );
    const execution = mapExecution(raw);
    expect(execution.sidecars).toEqual([
      { name: 'log-agent', vcpu: 1, memoryBytes: 0.5 * GiB },
      // No limits set: Cloud Run's defaults, 1 vCPU and 512 MiB.
      { name: 'proxy', vcpu: 1, memoryBytes: 0.5 * GiB },
    ]);
    expect(execution.limits.vcpu).toBe(mapExecution(load(succeeded)).limits.vcpu);
    expect(mapExecution(load(succeeded)).sidecars).toBeUndefined();
  });

  it('names the sidecar field that cannot be read', () => {
    const raw = load(succeeded);
    raw.template!.containers!.push({ name: 'x', resources: { limits: { cpu: 'lots' } } });
    expect(dataError(() => mapExecution(raw)).message).toContain(
      'containers[1].resources.limits.cpu',
    );
  });

  it('reads times, counts, limits and payload of a finished execution', () => {
    const execution = mapExecution(load(succeeded));
    expect(execution).toMatchObject({
      id: 'reel-stitching-job-4mq9z',
      job: 'reel-stitching-job',
      project: 'phoenix-project-386',
      region: 'us-central1',
      createMs: 1719900000120,
      startMs: 1719900003500,
      completionMs: 1719900065000,
      durationSeconds: 61.5,
      status: 'succeeded',
      taskCount: 1,
      succeededCount: 1,
      retriedCount: 1,
      limits: { vcpu: 2, memoryBytes: 4 * GiB, timeoutSeconds: 900, maxRetries: 2 },
    });
    expect(execution.payload.state).toBe('ok');
    expect(execution.payload.state === 'ok' && execution.payload.value).toMatchObject({
      resolution: '1080x1920',
      clips: [{ size_mb: 14.2 }, { size_mb: 12.9 }, { size_mb: 16 }],
    });
  });

  it('keeps an unreadable payload with its raw text and the parser reason', () => {
    const execution = mapExecution(load(running));
    expect(execution.status).toBe('running');
    expect(execution.completionMs).toBeUndefined();
    expect(execution.durationSeconds).toBeUndefined();
    expect(execution.limits).toMatchObject({
      vcpu: 4,
      memoryBytes: 8 * GiB,
      timeoutSeconds: 600,
      maxRetries: 3,
    });
    expect(execution.payload).toMatchObject({
      state: 'unreadable',
      raw: '{"clips":[{"url":"gs://reels/a.mp4","size_mb":14.2}',
    });
    expect(execution.payload.state === 'unreadable' && execution.payload.reason).toMatch(/JSON/);
  });

  it('reports an absent payload when the env var is not set', () => {
    const raw = load(succeeded);
    raw.template!.containers![0]!.env = [];
    expect(mapExecution(raw).payload).toEqual({ state: 'absent' });
  });

  it('reads limits from the execution, not from the job', () => {
    const raw = load(succeeded);
    raw.template!.containers![0]!.resources!.limits = { cpu: '1', memory: '512Mi' };
    expect(mapExecution(raw).limits).toMatchObject({ vcpu: 1, memoryBytes: 512 * 2 ** 20 });
  });

  it.each([
    ['succeededCount', (e: ProtoExecution) => void (e.succeededCount = -1)],
    ['retriedCount', (e: ProtoExecution) => void (e.retriedCount = Number.NaN)],
    ['createTime', (e: ProtoExecution) => void (e.createTime = null)],
    ['completionTime', (e: ProtoExecution) => void (e.completionTime = { seconds: '1719900001' })],
    ['name', (e: ProtoExecution) => void (e.name = 'projects/p/locations/r/jobs/j')],
    [
      'template.containers[0].resources.limits.memory',
      (e: ProtoExecution) =>
        void (e.template!.containers![0]!.resources!.limits!.memory = '4 gigs'),
    ],
    [
      'succeededCount + failedCount + cancelledCount',
      (e: ProtoExecution) => void (e.failedCount = 1),
    ],
  ])('rejects a bad %s naming the field and the execution', (field, spoil) => {
    const raw = load(succeeded);
    spoil(raw);
    const error = dataError(() => mapExecution(raw));
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });
});

describe('executionStatus', () => {
  const counts = {
    taskCount: 2,
    runningCount: 0,
    succeededCount: 2,
    failedCount: 0,
    retriedCount: 0,
    cancelledCount: 0,
  };
  it.each([
    ['running', undefined, {}],
    ['succeeded', 1, {}],
    ['failed', 1, { succeededCount: 1, failedCount: 1 }],
    ['cancelled', 1, { succeededCount: 0, cancelledCount: 2 }],
    ['failed', 1, { succeededCount: 1 }],
  ] as const)('is %s', (status, completionMs, change) => {
    expect(executionStatus(completionMs, { ...counts, ...change })).toBe(status);
  });
});
