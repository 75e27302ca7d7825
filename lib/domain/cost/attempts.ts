/**
 * How long each attempt of an execution ran. Cloud Run exposes only each task's last attempt (its
 * start and completion) and how many times the task was retried, so:
 * - last attempt: task completion − task start — exact;
 * - earlier attempts of a task that is alone in its execution: together they fill the gap from the
 *   execution's start to the last attempt's start (retry scheduling included) — estimate;
 * - earlier attempts otherwise: each as long as the last one — estimate;
 * - no task read for the execution: its tasks share the execution window — estimate; the execution
 *   tells only how many of its tasks retried at least once (`retried_count`), not how often, so
 *   each of those counts two attempts and the total is a lower bound.
 * Each attempt is rounded up to 100 ms on its own, as Cloud Run bills it.
 */
import { billedSeconds } from '../pricing';
import type { ExecutionRecord, TaskRecord } from '../records';

export const FAILURE_KINDS = ['oom', 'timeout', 'error', 'unknown'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];
export type FailureTally = Record<FailureKind, number>;

export const ATTEMPT_TIME_METHODS = [
  'exact',
  'retry-gap',
  'repeat-last',
  'execution-window',
  'none',
] as const;
export type AttemptTimeMethod = (typeof ATTEMPT_TIME_METHODS)[number];

/** An earlier attempt averaging at least this share of the timeout is counted as timed out. */
export const TIMEOUT_INFERENCE_FRACTION = 0.98;

export type ExecutionRunTime = {
  readonly attempts: number;
  /** Every attempt, each rounded up to 100 ms. */
  readonly billedSeconds: number;
  /** Billed seconds of attempts that failed, by why they failed. */
  readonly failedSeconds: FailureTally;
  readonly failedAttempts: FailureTally;
  /** Duration of each task's last attempt, exact when its task was read. */
  readonly lastAttemptSeconds: readonly number[];
  /** The least exact method used for any of its tasks. */
  readonly method: AttemptTimeMethod;
  readonly estimated: boolean;
  /** True when `attempts` is only a lower bound: retried tasks were not read. */
  readonly attemptsAtLeast: boolean;
};

export function emptyFailureTally(): FailureTally {
  return { oom: 0, timeout: 0, error: 0, unknown: 0 };
}

const METHOD_RANK: Record<AttemptTimeMethod, number> = {
  exact: 0,
  'retry-gap': 1,
  'repeat-last': 2,
  'execution-window': 3,
  none: 4,
};

function worse(a: AttemptTimeMethod, b: AttemptTimeMethod): AttemptTimeMethod {
  return METHOD_RANK[b] > METHOD_RANK[a] ? b : a;
}

function finiteSpan(startMs: number | undefined, endMs: number | undefined): number | undefined {
  if (startMs === undefined || endMs === undefined) return undefined;
  const seconds = (endMs - startMs) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

type Accumulator = {
  attempts: number;
  billedSeconds: number;
  failedSeconds: FailureTally;
  failedAttempts: FailureTally;
  lastAttemptSeconds: number[];
  method: AttemptTimeMethod;
};

function addAttempts(
  acc: Accumulator,
  count: number,
  eachSeconds: number,
  failure: FailureKind | null,
) {
  if (count <= 0) return;
  const seconds = billedSeconds(Math.max(0, eachSeconds)) * count;
  acc.attempts += count;
  acc.billedSeconds += seconds;
  if (failure) {
    acc.failedSeconds[failure] += seconds;
    acc.failedAttempts[failure] += count;
  }
}

function lastFailure(outcome: TaskRecord['lastOutcome']): FailureKind | null {
  if (outcome === 'oom' || outcome === 'timeout' || outcome === 'error') return outcome;
  return outcome === 'unknown' ? 'unknown' : null;
}

/**
 * Earlier attempts failed (a task is retried only after a failure). Why is not kept: an OOM or
 * timeout that ended the task is taken to have ended the earlier attempts too, since a retry runs
 * the same input at the same limits; attempts as long as the timeout are timeouts.
 */
function earlierFailure(
  last: FailureKind | null,
  eachSeconds: number,
  timeoutSeconds: number,
): FailureKind {
  if (last === 'oom' || last === 'timeout') return last;
  if (timeoutSeconds > 0 && eachSeconds >= TIMEOUT_INFERENCE_FRACTION * timeoutSeconds)
    return 'timeout';
  return 'unknown';
}

function addTask(acc: Accumulator, execution: ExecutionRecord, task: TaskRecord, alone: boolean) {
  const endMs = task.completionMs ?? execution.completionMs;
  const lastSeconds = finiteSpan(task.startMs, endMs);
  const earlier = Math.max(0, task.attempts - 1);
  if (lastSeconds === undefined) {
    addWindowShare(acc, execution, [task.attempts], isFailure(task.lastOutcome) ? 1 : 0);
    return;
  }
  const failure = task.lastOutcome === 'running' ? null : lastFailure(task.lastOutcome);
  addAttempts(acc, 1, lastSeconds, failure);
  acc.lastAttemptSeconds.push(lastSeconds);
  if (earlier === 0) return;
  const gap = alone ? finiteSpan(execution.startMs, task.startMs) : undefined;
  const eachSeconds = gap !== undefined ? gap / earlier : lastSeconds;
  acc.method = worse(acc.method, gap !== undefined ? 'retry-gap' : 'repeat-last');
  addAttempts(
    acc,
    earlier,
    eachSeconds,
    earlierFailure(failure, eachSeconds, execution.limits.timeoutSeconds),
  );
}

/**
 * Tasks not read: each of them split the execution window between its attempts. `attemptsPerTask`
 * lists them, retried ones first; failed tasks are taken to be the retried ones, since a task fails
 * only once its retries are used up.
 */
function addWindowShare(
  acc: Accumulator,
  execution: ExecutionRecord,
  attemptsPerTask: readonly number[],
  failedTasks: number,
) {
  const window = finiteSpan(execution.startMs, execution.completionMs);
  if (window === undefined) {
    acc.method = worse(acc.method, 'none');
    return;
  }
  acc.method = worse(acc.method, 'execution-window');
  attemptsPerTask.forEach((attempts, t) => {
    const eachSeconds = window / Math.max(1, attempts);
    const retryFailure = earlierFailure(null, eachSeconds, execution.limits.timeoutSeconds);
    addAttempts(acc, attempts - 1, eachSeconds, retryFailure);
    addAttempts(acc, 1, eachSeconds, t < failedTasks ? 'unknown' : null);
  });
  if (attemptsPerTask.length === 1 && attemptsPerTask[0] === 1) acc.lastAttemptSeconds.push(window);
}

/**
 * The unread tasks' attempts. `retried_count` is "the number of tasks which have retried at least
 * once" (google/cloud/run/v2/execution.proto), so the retried tasks not among those read count two
 * attempts each: a lower bound.
 */
const NONE_UNREAD: readonly number[] = [];

function unreadAttempts(
  execution: ExecutionRecord,
  tasks: readonly TaskRecord[],
): readonly number[] {
  const unread = Math.max(0, execution.taskCount - tasks.length);
  // Every task read (the usual case): nothing to estimate, nothing to allocate.
  if (unread === 0) return NONE_UNREAD;
  const retriedRead = tasks.filter((task) => task.attempts > 1).length;
  const retriedUnread = Math.min(unread, Math.max(0, execution.retriedCount - retriedRead));
  return Array.from({ length: unread }, (_, t) => (t < retriedUnread ? 2 : 1));
}

/** The attempts of one execution from its own record and whichever of its tasks were read. */
export function executionRunTime(
  execution: ExecutionRecord,
  tasks: readonly TaskRecord[] = [],
): ExecutionRunTime {
  const acc: Accumulator = {
    attempts: 0,
    billedSeconds: 0,
    failedSeconds: emptyFailureTally(),
    failedAttempts: emptyFailureTally(),
    lastAttemptSeconds: [],
    method: 'exact',
  };
  const alone = execution.taskCount <= 1;
  for (const task of tasks) addTask(acc, execution, task, alone);
  const unread = unreadAttempts(execution, tasks);
  if (unread.length > 0) {
    const failedRead = tasks.filter((task) => isFailure(task.lastOutcome)).length;
    addWindowShare(acc, execution, unread, Math.max(0, execution.failedCount - failedRead));
  }
  return {
    attempts: acc.attempts,
    billedSeconds: acc.billedSeconds,
    failedSeconds: acc.failedSeconds,
    failedAttempts: acc.failedAttempts,
    lastAttemptSeconds: acc.lastAttemptSeconds,
    method: acc.method,
    estimated: acc.method !== 'exact',
    attemptsAtLeast: unread.some((attempts) => attempts > 1),
  };
}

function isFailure(outcome: TaskRecord['lastOutcome']): boolean {
  return outcome !== 'succeeded' && outcome !== 'running';
}
