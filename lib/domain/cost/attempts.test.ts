import { describe, expect, it } from 'vitest';
import { T0, execution, task } from '@/test/support/report-records';
import { executionRunTime } from './attempts';

describe('executionRunTime', () => {
  it('bills a single clean attempt exactly, rounded up to 100 ms', () => {
    const e = execution({ startMs: T0, completionMs: T0 + 60_040 });
    const run = executionRunTime(e, [task(e)]);
    expect(run).toMatchObject({
      attempts: 1,
      billedSeconds: 60.1,
      method: 'exact',
      estimated: false,
    });
    expect(run.lastAttemptSeconds).toEqual([60.04]);
    expect(run.failedAttempts).toEqual({ oom: 0, timeout: 0, error: 0, unknown: 0 });
  });

  it('fills the gap before the last attempt with the earlier ones (one task)', () => {
    // Two OOMs then a success: the last attempt started 50 s after the execution.
    const e = execution({ startMs: T0, completionMs: T0 + 110_000, retriedCount: 2 });
    const run = executionRunTime(e, [
      task(e, { attempts: 3, startMs: T0 + 50_000, lastOutcome: 'succeeded' }),
    ]);
    expect(run).toMatchObject({
      attempts: 3,
      billedSeconds: 110,
      method: 'retry-gap',
      estimated: true,
    });
    expect(run.failedSeconds.unknown).toBe(50);
    expect(run.failedAttempts.unknown).toBe(2);
  });

  it('takes earlier attempts of an OOM-ended task to be OOMs too', () => {
    const e = execution({
      status: 'failed',
      startMs: T0,
      completionMs: T0 + 90_000,
      retriedCount: 2,
    });
    const run = executionRunTime(e, [
      task(e, { attempts: 3, startMs: T0 + 60_000, lastOutcome: 'oom', lastExitCode: 137 }),
    ]);
    expect(run.failedAttempts).toEqual({ oom: 3, timeout: 0, error: 0, unknown: 0 });
    expect(run.failedSeconds.oom).toBe(90);
  });

  it('counts earlier attempts as long as the timeout as timeouts', () => {
    const e = execution({
      startMs: T0,
      completionMs: T0 + 400_000,
      timeoutSeconds: 300,
      retriedCount: 1,
    });
    const run = executionRunTime(e, [task(e, { attempts: 2, startMs: T0 + 300_000 })]);
    expect(run.failedAttempts.timeout).toBe(1);
    expect(run.failedSeconds.timeout).toBe(300);
  });

  it('repeats the last attempt for retried tasks of a multi-task execution', () => {
    const e = execution({ taskCount: 2, startMs: T0, completionMs: T0 + 100_000 });
    const tasks = [
      task(e, { index: 0, startMs: T0, completionMs: T0 + 30_000 }),
      task(e, { index: 1, attempts: 2, startMs: T0 + 40_000, completionMs: T0 + 100_000 }),
    ];
    const run = executionRunTime(e, tasks);
    expect(run).toMatchObject({ attempts: 3, billedSeconds: 30 + 60 + 60, method: 'repeat-last' });
  });

  it('falls back to the execution window when no task was read', () => {
    const e = execution({ startMs: T0, completionMs: T0 + 120_000, retriedCount: 1 });
    const run = executionRunTime(e, []);
    expect(run).toMatchObject({
      attempts: 2,
      billedSeconds: 120,
      method: 'execution-window',
      estimated: true,
      attemptsAtLeast: true,
    });
    expect(run.failedAttempts.unknown).toBe(1);
  });

  // retried_count: "The number of tasks which have retried at least once."
  // https://github.com/googleapis/googleapis/blob/master/google/cloud/run/v2/execution.proto
  it('reads retried_count as tasks that retried, each at least twice, when no task was read', () => {
    const e = execution({
      taskCount: 3,
      startMs: T0,
      completionMs: T0 + 60_000,
      retriedCount: 2,
    });
    const run = executionRunTime(e, []);
    expect(run).toMatchObject({ attempts: 5, attemptsAtLeast: true, billedSeconds: 180 });
    expect(run.failedAttempts.unknown).toBe(2);
  });

  it('does not take one retried task of several for a retry of every task', () => {
    const e = execution({ taskCount: 4, startMs: T0, completionMs: T0 + 60_000, retriedCount: 1 });
    expect(executionRunTime(e, []).attempts).toBe(5);
  });

  it('gives the unread tasks only the retried tasks not among those read', () => {
    const e = execution({ taskCount: 3, startMs: T0, completionMs: T0 + 60_000, retriedCount: 2 });
    const read = [task(e, { index: 0, attempts: 4, startMs: T0 + 30_000 })];
    const run = executionRunTime(e, read);
    // 4 attempts read; of the two unread tasks one retried (≥ 2 attempts), one did not.
    expect(run).toMatchObject({ attempts: 4 + 2 + 1, attemptsAtLeast: true });
  });

  it('knows the attempts exactly when every task was read', () => {
    const e = execution({ startMs: T0, completionMs: T0 + 60_000, retriedCount: 1 });
    const run = executionRunTime(e, [task(e, { attempts: 3, startMs: T0 + 40_000 })]);
    expect(run).toMatchObject({ attempts: 3, attemptsAtLeast: false });
  });

  it('marks failed tasks of a failed execution read without tasks', () => {
    const e = execution({ status: 'failed', startMs: T0, completionMs: T0 + 10_000 });
    expect(executionRunTime(e, []).failedAttempts.unknown).toBe(1);
  });

  it('bills nothing for an execution cancelled before it started', () => {
    const e = {
      ...execution({ status: 'cancelled' }),
      startMs: undefined,
      completionMs: T0,
      durationSeconds: undefined,
    };
    expect(executionRunTime(e, [])).toMatchObject({
      attempts: 0,
      billedSeconds: 0,
      method: 'none',
    });
  });

  it('ends a cancelled task’s last attempt at the execution’s completion', () => {
    const e = execution({ status: 'cancelled', startMs: T0, completionMs: T0 + 45_000 });
    const run = executionRunTime(e, [
      { ...task(e), completionMs: undefined, lastOutcome: 'running' },
    ]);
    expect(run.billedSeconds).toBe(45);
    expect(run.failedAttempts).toEqual({ oom: 0, timeout: 0, error: 0, unknown: 0 });
  });
});
