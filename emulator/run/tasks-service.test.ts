import { describe, expect, it } from 'vitest';
import {
  FIXTURE_PARENT,
  OOM_EXECUTION_ID,
  REEL_JOB_NAME,
  RETRIED_EXECUTION_ID,
  RUNNING_EXECUTION_ID,
  TIMEOUT_EXECUTION_ID,
} from './fixture-world';
import { emulatorForTests } from '@/test/support/emulator';

const gcp = emulatorForTests();

const executionName = (id: string) => `${REEL_JOB_NAME}/executions/${id}`;

describe('ListTasks and GetTask', () => {
  it('shows a task whose OOM-killed attempt was retried and then succeeded', async () => {
    const [tasks] = await gcp.clients.tasks.listTasks({
      parent: executionName(RETRIED_EXECUTION_ID),
    });
    expect(tasks).toHaveLength(1);
    const [task] = tasks;
    expect(task).toMatchObject({
      index: 0,
      retried: 1,
      maxRetries: 3,
      job: 'reel-stitching-job',
      execution: RETRIED_EXECUTION_ID,
    });
    expect(task?.lastAttemptResult).toMatchObject({ exitCode: 0 });
    expect(task?.containers?.[0]?.resources?.limits).toEqual({ cpu: '2', memory: '4Gi' });
    expect(Number(task?.timeout?.seconds)).toBe(600);
  });

  it('reports a memory kill as Cloud Run does: SIGKILL and the memory-limit message', async () => {
    const [[task]] = await gcp.clients.tasks.listTasks({ parent: executionName(OOM_EXECUTION_ID) });
    expect(task).toMatchObject({ retried: 3 });
    expect(task?.lastAttemptResult).toMatchObject({
      exitCode: 0,
      termSignal: 9,
      status: { code: 2 },
    });
    // Wording recorded in https://github.com/dart-lang/pub-dev/issues/9554
    expect(task?.lastAttemptResult?.status?.message).toBe(
      'Memory limit of 4096 MiB exceeded with 4096 MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits',
    );
    expect(task?.conditions).toContainEqual(
      expect.objectContaining({ type: 'Completed', state: 'CONDITION_FAILED' }),
    );
  });

  it('shows a task killed at its timeout on every attempt', async () => {
    const [[task]] = await gcp.clients.tasks.listTasks({
      parent: executionName(TIMEOUT_EXECUTION_ID),
    });
    expect(task).toMatchObject({ retried: 3 });
    expect(task?.lastAttemptResult).toMatchObject({
      termSignal: 9,
      status: { code: 4, message: 'The configured timeout was reached.' },
    });
    expect(task?.completionTime).toBeTruthy();
  });

  it('shows no result for an attempt still running', async () => {
    const [[task]] = await gcp.clients.tasks.listTasks({
      parent: executionName(RUNNING_EXECUTION_ID),
    });
    expect(task?.lastAttemptResult).toBeFalsy();
    expect(task?.completionTime).toBeFalsy();
  });

  it('lists tasks of every execution under the wildcard', async () => {
    const [all] = await gcp.clients.tasks.listTasks({
      parent: `${FIXTURE_PARENT}/jobs/-/executions/-`,
    });
    expect(all).toHaveLength(10);
    const [reel] = await gcp.clients.tasks.listTasks({ parent: `${REEL_JOB_NAME}/executions/-` });
    expect(reel).toHaveLength(7);
  });

  it('gets one task by name', async () => {
    const name = `${executionName(TIMEOUT_EXECUTION_ID)}/tasks/${TIMEOUT_EXECUTION_ID}-task0`;
    const [task] = await gcp.clients.tasks.getTask({ name });
    expect(task.name).toBe(name);
    expect(task.retried).toBe(3);
  });

  it.each([
    ['an unknown execution', { parent: executionName('reel-stitching-job-99999') }, 5],
    [
      'another region',
      { parent: `projects/tierwise-demo/locations/us-east1/jobs/reel-stitching-job/executions/-` },
      5,
    ],
    ['a job parent', { parent: REEL_JOB_NAME }, 3],
  ])('answers ListTasks for %s with code %i', async (_case, request, code) => {
    await expect(gcp.clients.tasks.listTasks(request)).rejects.toMatchObject({ code });
  });

  it('answers NOT_FOUND for an unknown task', async () => {
    const name = `${executionName(OOM_EXECUTION_ID)}/tasks/${OOM_EXECUTION_ID}-task7`;
    await expect(gcp.clients.tasks.getTask({ name })).rejects.toMatchObject({ code: 5 });
  });
});
