import { describe, expect, it } from 'vitest';
import recorded from '@/test/fixtures/gcp/tasks.json';
import failures from '@/test/fixtures/gcp/task-failures.json';
import { GcpDataError } from '../errors';
import { mapTask, type ProtoTask } from './task';

const tasks = () => structuredClone(recorded) as unknown as ProtoTask[];

describe('mapTask', () => {
  it.each([
    [0, 'succeeded', 1, { lastExitCode: 0 }],
    [1, 'oom', 3, { lastExitCode: 137 }],
    [2, 'timeout', 2, { lastTermSignal: 9 }],
    [3, 'error', 1, { lastExitCode: 1 }],
    [4, 'running', 1, {}],
  ] as const)('recorded task %i ended as %s after %i attempts', (at, outcome, attempts, codes) => {
    const task = mapTask(tasks()[at]!);
    expect(task.lastOutcome).toBe(outcome);
    expect(task.attempts).toBe(attempts);
    expect(task).toMatchObject(codes);
  });

  it('keeps exit code and term signal apart', () => {
    const timedOut = mapTask(tasks()[2]!);
    expect(timedOut.lastExitCode).toBeUndefined();
    const running = mapTask(tasks()[4]!);
    expect(running.lastExitCode).toBeUndefined();
    expect(running.lastTermSignal).toBeUndefined();
  });

  it('links the task to its execution and reads its times', () => {
    const task = mapTask(tasks()[0]!);
    expect(task.execution).toBe(
      'projects/phoenix-project-386/locations/us-central1/jobs/reel-stitching-job/executions/reel-stitching-job-4mq9z',
    );
    expect(task.startMs).toBe(1719900003500);
    expect(task.completionMs).toBe(1719900065000);
  });

  // Each shape names the exported payload its wording was recorded from.
  it.each(failures.shapes.map((shape) => [shape.case, shape] as const))('%s', (_case, shape) => {
    const raw = tasks()[1]!;
    raw.lastAttemptResult = shape.lastAttemptResult;
    raw.conditions = shape.conditions as ProtoTask['conditions'];
    expect(mapTask(raw).lastOutcome).toBe(shape.expected);
  });

  it('does not read a reason into the conditions of a task that succeeded', () => {
    const raw = tasks()[0]!;
    raw.conditions = [
      { type: 'Completed', state: 'CONDITION_SUCCEEDED', message: 'timed out once' },
    ];
    expect(mapTask(raw).lastOutcome).toBe('succeeded');
  });

  it('reads a timed-out status as a timeout even without the signal', () => {
    const raw = tasks()[2]!;
    raw.lastAttemptResult = {
      status: { code: 4, message: 'Task timed out' },
      exitCode: 0,
      termSignal: 0,
    };
    expect(mapTask(raw).lastOutcome).toBe('timeout');
  });

  it('reports unknown when a finished task has no attempt result', () => {
    const raw = tasks()[0]!;
    raw.lastAttemptResult = null;
    expect(mapTask(raw).lastOutcome).toBe('unknown');
  });

  it.each([
    ['retried', (t: ProtoTask) => void (t.retried = -2)],
    ['index', (t: ProtoTask) => void (t.index = 1.5)],
    ['name', (t: ProtoTask) => void (t.name = null)],
  ])('rejects a bad %s', (field, spoil) => {
    const raw = tasks()[1]!;
    spoil(raw);
    expect(() => mapTask(raw)).toThrow(GcpDataError);
    expect(() => mapTask(raw)).toThrow(field);
  });
});
