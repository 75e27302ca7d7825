import { describe, expect, it } from 'vitest';
import {
  FIXTURE_NOW_MS,
  FIXTURE_PARENT,
  REEL_JOB_NAME,
  RETRIED_EXECUTION_ID,
  RUNNING_EXECUTION_ID,
  TIMEOUT_EXECUTION_ID,
} from './fixture-world';
import { emulatorForTests } from '@/test/support/emulator';

const gcp = emulatorForTests();

const seconds = (t: { seconds?: unknown } | null | undefined) => Number(t?.seconds ?? Number.NaN);

/** Reads every page by hand, returning the names in the order served. */
async function allPages(
  parent: string,
  pageSize: number,
): Promise<{ names: string[]; pages: number }> {
  const names: string[] = [];
  let pageToken = '';
  let pages = 0;
  do {
    const [page, , response] = await gcp.clients.executions.listExecutions(
      { parent, pageSize, pageToken },
      { autoPaginate: false },
    );
    names.push(...page.map((e) => e.name ?? ''));
    pageToken = response?.nextPageToken ?? '';
    pages += 1;
  } while (pageToken && pages < 50);
  return { names, pages };
}

describe('ListExecutions', () => {
  it('serves every execution of a job exactly once across pages, newest first', async () => {
    const { names, pages } = await allPages(REEL_JOB_NAME, 3);
    expect(pages).toBe(3);
    expect(names).toHaveLength(7);
    expect(new Set(names).size).toBe(7);
    expect(names[0]).toBe(`${REEL_JOB_NAME}/executions/${RUNNING_EXECUTION_ID}`);
    const [all] = await gcp.clients.executions.listExecutions({ parent: REEL_JOB_NAME });
    const created = all.map((e) => seconds(e.createTime));
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it('serves every job under the `-` wildcard, newest first', async () => {
    const { names } = await allPages(`${FIXTURE_PARENT}/jobs/-`, 4);
    expect(names).toHaveLength(10);
    expect(names.filter((n) => n.includes('/jobs/thumbnail-job/'))).toHaveLength(3);
    const [all] = await gcp.clients.executions.listExecutions({
      parent: `${FIXTURE_PARENT}/jobs/-`,
    });
    const created = all.map((e) => seconds(e.createTime));
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it('rejects a malformed page token and one from another parent', async () => {
    await expect(
      gcp.clients.executions.listExecutions(
        { parent: REEL_JOB_NAME, pageToken: 'not-a-token' },
        { autoPaginate: false },
      ),
    ).rejects.toMatchObject({ code: 3, details: expect.stringContaining('page_token') });
    const [, , response] = await gcp.clients.executions.listExecutions(
      { parent: REEL_JOB_NAME, pageSize: 2 },
      { autoPaginate: false },
    );
    await expect(
      gcp.clients.executions.listExecutions(
        { parent: `${FIXTURE_PARENT}/jobs/-`, pageToken: response?.nextPageToken ?? '' },
        { autoPaginate: false },
      ),
    ).rejects.toMatchObject({
      code: 3,
      details: expect.stringContaining(`issued for parent ${REEL_JOB_NAME}`),
    });
  });

  it('answers NOT_FOUND for an unknown job and INVALID_ARGUMENT for a bad parent', async () => {
    await expect(
      gcp.clients.executions.listExecutions({ parent: `${FIXTURE_PARENT}/jobs/nope` }),
    ).rejects.toMatchObject({ code: 5 });
    await expect(
      gcp.clients.executions.listExecutions({ parent: `${FIXTURE_PARENT}/executions` }),
    ).rejects.toMatchObject({ code: 3 });
  });

  it('answers the same request with the same page', async () => {
    const request = { parent: `${FIXTURE_PARENT}/jobs/-`, pageSize: 5 };
    const [a] = await gcp.clients.executions.listExecutions(request, { autoPaginate: false });
    const [b] = await gcp.clients.executions.listExecutions(request, { autoPaginate: false });
    expect(b).toEqual(a);
  });
});

describe('GetExecution', () => {
  it('fills an execution as Cloud Run does', async () => {
    const name = `${REEL_JOB_NAME}/executions/${RETRIED_EXECUTION_ID}`;
    const [execution] = await gcp.clients.executions.getExecution({ name });
    expect(execution).toMatchObject({
      name,
      job: 'reel-stitching-job',
      taskCount: 1,
      parallelism: 1,
      succeededCount: 1,
      failedCount: 0,
      retriedCount: 1,
      runningCount: 0,
    });
    expect(seconds(execution.completionTime)).toBeGreaterThan(seconds(execution.startTime));
    expect(seconds(execution.startTime)).toBeGreaterThanOrEqual(seconds(execution.createTime));
    const template = execution.template;
    expect(template?.containers?.[0]?.resources?.limits).toEqual({ cpu: '2', memory: '4Gi' });
    expect(template?.containers?.[0]?.env).toContainEqual(
      expect.objectContaining({ name: 'JOB_PAYLOAD', value: '{"clips":3}' }),
    );
    expect(Number(template?.timeout?.seconds)).toBe(600);
    expect(template?.maxRetries).toBe(3);
    expect(template?.serviceAccount).toBe('reel-stitcher@tierwise-demo.iam.gserviceaccount.com');
    expect(execution.conditions).toContainEqual(
      expect.objectContaining({ type: 'Completed', state: 'CONDITION_SUCCEEDED' }),
    );
    expect(execution.etag).toBeTruthy();
  });

  it('reports a failed execution and a running one', async () => {
    const [failed] = await gcp.clients.executions.getExecution({
      name: `${REEL_JOB_NAME}/executions/${TIMEOUT_EXECUTION_ID}`,
    });
    // Three retries of its one task: retried_count is "the number of tasks which have retried at
    // least once" (google/cloud/run/v2/execution.proto), so 1, not 3.
    expect(failed).toMatchObject({ failedCount: 1, retriedCount: 1 });
    expect(failed.conditions).toContainEqual(
      expect.objectContaining({ type: 'Completed', state: 'CONDITION_FAILED' }),
    );
    const [running] = await gcp.clients.executions.getExecution({
      name: `${REEL_JOB_NAME}/executions/${RUNNING_EXECUTION_ID}`,
    });
    expect(running.completionTime).toBeFalsy();
    expect(running.runningCount).toBe(1);
    expect(seconds(running.createTime)).toBeLessThanOrEqual(FIXTURE_NOW_MS / 1000);
  });

  it.each([
    ['an unknown execution', `${REEL_JOB_NAME}/executions/reel-stitching-job-99999`, 5],
    [
      'another project',
      `projects/elsewhere/locations/europe-west1/jobs/reel-stitching-job/executions/${RETRIED_EXECUTION_ID}`,
      5,
    ],
    ['a malformed name', `${REEL_JOB_NAME}/${RETRIED_EXECUTION_ID}`, 3],
    ['a wildcard', `${REEL_JOB_NAME}/executions/-`, 3],
  ])('answers %s with code %i', async (_case, name, code) => {
    await expect(gcp.clients.executions.getExecution({ name })).rejects.toMatchObject({ code });
  });
});
